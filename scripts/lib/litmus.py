# SPDX-License-Identifier: GPL-2.0-only
"""herd7's C litmus tests as programs on the shim (scripts/litmus,
Documentation/dev-tools/lkmm.rst): parse a test, translate it to C that
tools/litmus/litmus_main.c runs under the scheduler, and print what it
saw in herd7's shape, for the kernel's judgelitmus.sh.

A test is "C NAME", an optional (* comment *), the init block {...},
the threads P0(...) {...} ..., then any of "locations [...]", "filter
(...)" and one of "exists (...)", "~exists (...)", "forall (...)".
"""
import re

# The kernel primitives a thread body may use: each one the shim defines
# with the kernel's meaning. Anything else called in a body is refused
# with herd7's "Unknown macro" message rather than guessed at.
KNOWN_CALLS = set("""
READ_ONCE WRITE_ONCE smp_load_acquire smp_store_release smp_store_mb
smp_mb smp_rmb smp_wmb smp_mb__before_atomic smp_mb__after_atomic
smp_mb__after_spinlock smp_mb__after_unlock_lock smp_acquire__after_ctrl_dep
spin_lock spin_unlock spin_trylock spin_is_locked
rcu_read_lock rcu_read_unlock synchronize_rcu synchronize_rcu_expedited
rcu_dereference rcu_assign_pointer
xchg xchg_relaxed xchg_acquire xchg_release
cmpxchg cmpxchg_relaxed cmpxchg_acquire cmpxchg_release
atomic_read atomic_read_acquire atomic_set atomic_set_release
atomic_add atomic_sub atomic_inc atomic_dec atomic_and atomic_or atomic_xor
atomic_andnot atomic_add_unless atomic_inc_not_zero atomic_dec_and_test
atomic_inc_and_test atomic_sub_and_test atomic_add_negative
atomic_dec_if_positive atomic_fetch_add_unless atomic_inc_unless_negative
atomic_dec_unless_positive
""".split())
for _op in ("add_return", "sub_return", "inc_return", "dec_return",
            "fetch_add", "fetch_sub", "fetch_inc", "fetch_dec", "fetch_and",
            "fetch_or", "fetch_xor", "fetch_andnot", "xchg", "cmpxchg",
            "try_cmpxchg"):
    for _o in ("", "_relaxed", "_acquire", "_release"):
        KNOWN_CALLS.add("atomic_" + _op + _o)
C_WORDS = {"if", "else", "while", "for", "return", "sizeof", "int", "void",
           "long", "unsigned", "char", "bool", "do"}
TYPES = {"int", "long", "unsigned", "atomic_t", "spinlock_t", "char",
         "short", "bool", "u32", "u64", "s32", "s64"}


class Error(Exception):
    """The test cannot be translated: the message names the construct."""


class UnknownMacro(Error):
    pass


def strip_comments(text):
    """herd's (* ... *) comments, outside C code."""
    return re.sub(r"\(\*(?=\s).*?\*\)", " ", text, flags=re.S)


def match_brace(text, i):
    """The index just past the brace that closes the one at @i."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    raise Error("unbalanced braces")


class Thread:
    def __init__(self, index, params, body):
        self.index, self.params, self.body = index, params, body


class Test:
    """One parsed litmus test."""

    def __init__(self, name):
        self.name = name
        self.init = []          # (type or None, name, value or None)
        self.threads = []
        self.locations = []     # state names: "1:r0", "x"
        self.filter = None
        self.quantifier = None  # exists, ~exists, forall
        self.condition = None
        self.globals = {}       # name -> C type of the location


def parse(text, path="<litmus>"):
    m = re.match(r"\s*C\s+(\S+)", text)
    if not m:
        raise Error("%s: not a C litmus test (no 'C NAME' line)" % path)
    t = Test(m.group(1))
    rest = strip_comments(text[m.end():])
    i = rest.find("{")
    if i < 0:
        raise Error("no init block")
    j = match_brace(rest, i)
    parse_init(t, rest[i + 1:j - 1])
    rest = rest[j:]
    pos = 0
    while True:
        m = re.compile(r"\s*P(\d+)\s*\(([^)]*)\)\s*(?://[^\n]*)?\s*\{",
                       re.S).match(rest, pos)
        if not m:
            break
        end = match_brace(rest, m.end() - 1)
        t.threads.append(Thread(int(m.group(1)), m.group(2),
                                rest[m.end():end - 1]))
        pos = end
    if not t.threads:
        raise Error("no thread P0(...) {...}")
    for k, th in enumerate(t.threads):
        if th.index != k:
            raise Error("threads must be P0, P1, ... in order")
        parse_params(t, th)
    parse_trailer(t, rest[pos:])
    return t


def parse_init(t, block):
    for stmt in block.split(";"):
        stmt = " ".join(stmt.split())
        if not stmt:
            continue
        m = re.fullmatch(r"(?:([A-Za-z_][\w ]*?)\s*(\*+)?\s*)?"
                         r"([A-Za-z_]\w*)(?:\s*=\s*(.+))?", stmt)
        if not m:
            raise Error("init block: cannot read '%s'" % stmt)
        typ = m.group(1)
        if typ and m.group(2):
            typ += " " + m.group(2)
        t.init.append((typ, m.group(3), m.group(4)))


def parse_params(t, th):
    for p in th.params.split(","):
        p = " ".join(p.split())
        if not p:
            continue
        m = re.fullmatch(r"(.+?)\s*\*\s*([A-Za-z_]\w*)", p)
        if not m:
            raise Error("P%d: parameter '%s' is not a pointer" %
                        (th.index, p))
        typ, name = m.group(1).strip(), m.group(2)
        if t.globals.get(name, typ) != typ:
            raise Error("%s has two types" % name)
        t.globals[name] = typ


def parse_trailer(t, text):
    text = " ".join(text.split())
    m = re.search(r"locations\s*\[([^\]]*)\]", text)
    if m:
        t.locations = [x.strip() for x in m.group(1).split(";") if x.strip()]
    m = re.search(r"filter\s*(\(.*?\))\s*(?=exists|~exists|forall|$)", text)
    if m:
        t.filter = m.group(1)
    m = re.search(r"(~exists|exists|forall)\s*(.*)$", text)
    if not m:
        raise Error("no exists, ~exists or forall clause")
    t.quantifier, t.condition = m.group(1), m.group(2).strip()


def body_calls(body):
    code = re.sub(r"//[^\n]*|/\*.*?\*/", " ", body, flags=re.S)
    return set(re.findall(r"\b([A-Za-z_]\w*)\s*\(", code)) - C_WORDS


def registers(body):
    """The body's top-level declarations: name -> declared type."""
    regs = {}
    for m in re.finditer(r"(?m)^\s*((?:unsigned\s+)?(?:int|long|bool|"
                         r"u32|u64|s32|s64|char))\s*(\*?)\s*"
                         r"([A-Za-z_]\w*)\s*(=|;)", body):
        regs[m.group(3)] = m.group(1) + (" *" if m.group(2) else "")
    return regs


def zero_uninitialized(body):
    """herd's registers start at 0: so do ours."""
    return re.sub(r"(?m)^(\s*(?:(?:unsigned\s+)?(?:int|long|bool|u32|u64|"
                  r"s32|s64|char))\s*\*?\s*[A-Za-z_]\w*)\s*;",
                  r"\1 = 0;", body)


ATOM = re.compile(r"(\d+:)?([A-Za-z_]\w*)\s*=\s*(-?\w+|&\w+)")


def state_names(t):
    """What a final state shows: the locations clause, then every atom of
    the filter and the condition, each once, as herd7 lists them."""
    names = list(t.locations)
    for text in (t.filter or "", t.condition):
        for m in ATOM.finditer(text):
            n = (m.group(1) or "") + m.group(2)
            if n not in names:
                names.append(n)
    return names


def c_condition(t, text, names):
    """@text (herd's /\\, \\/, ~, atoms) as a C expression on state[]."""
    out, pos = [], 0
    text = text.replace("/\\", " && ").replace("\\/", " || ")
    for m in ATOM.finditer(text):
        out.append(text[pos:m.start()])
        n = (m.group(1) or "") + m.group(2)
        v = m.group(3).lstrip("&")
        if re.fullmatch(r"-?\d+", v):
            rhs = v
        elif v in t.globals or any(x[1] == v for x in t.init):
            rhs = "(long)&lit_%s" % v
        else:
            raise Error("condition: unknown value '%s'" % v)
        out.append("(state[%d] == %s)" % (names.index(n), rhs))
        pos = m.end()
    out.append(text[pos:])
    expr = "".join(out).replace("~", "!")
    expr = re.sub(r"\btrue\b", "1", re.sub(r"\bfalse\b", "0", expr))
    if re.search(r"[A-Za-z_]", re.sub(r"state|long|lit_\w+", "", expr)):
        raise Error("condition: cannot read '%s'" % text)
    return expr


def global_type(t, name):
    if name in t.globals:
        return t.globals[name]
    for typ, n, _ in t.init:
        if n == name and typ:
            return typ
    return "int"


def c_value(t, v):
    v = v.strip()
    m = re.fullmatch(r"ATOMIC_INIT\((.*)\)", v)
    if m:
        return "ATOMIC_INIT(%s)" % c_value(t, m.group(1))
    name = v.lstrip("&")
    if re.fullmatch(r"[A-Za-z_]\w*", name):
        return "&lit_" + name
    return v


def translate(t, symbol):
    """C source defining `const struct litmus_test @symbol`."""
    names = set(t.globals) | {n for _, n, _ in t.init}
    # A location named only as a value ("p=y;") exists too, as an int.
    for _, _, v in t.init:
        m = re.fullmatch(r"&?\s*([A-Za-z_]\w*)", (v or "").strip())
        if m and m.group(1) != "ATOMIC_INIT":
            names.add(m.group(1))
    for th in t.threads:
        unknown = sorted(c for c in body_calls(th.body)
                         if c not in KNOWN_CALLS)
        if unknown:
            raise UnknownMacro(unknown[0])
    snames = state_names(t)
    if len(snames) > 32:
        raise Error("more than 32 state entries")
    for n in snames:
        if ":" in n:
            k, r = n.split(":", 1)
            if int(k) >= len(t.threads) or \
               r not in registers(t.threads[int(k)].body):
                raise Error("%s is no register of P%s" % (n, k))
        elif n not in names:
            raise Error("%s is no location" % n)
    out = ["// Generated by scripts/litmus from %s; do not edit." % t.name,
           "#include <linux/atomic.h>", "#include <linux/rcupdate.h>",
           "#include <linux/spinlock.h>", "#include <stdlib.h>",
           '#include "litmus.h"', ""]
    for n in sorted(names):
        out.append("static %s lit_%s;" % (global_type(t, n), n)
                   if not global_type(t, n).endswith("*") else
                   "static %s lit_%s;" % (global_type(t, n), n))
    out.append("static long lit_regs[%d][32] __maybe_unused;" %
               len(t.threads))
    out.append("")
    out.append("static void lit_init(void)\n{")
    for n in sorted(names):
        typ = global_type(t, n)
        if typ == "spinlock_t":
            out.append("\tspin_lock_init(&lit_%s);" % n)
        else:
            out.append("\tmemset(&lit_%s, 0, sizeof(lit_%s));" % (n, n))
    for typ, n, v in t.init:
        if v is None:
            continue
        val = c_value(t, v)
        if val.startswith("ATOMIC_INIT"):
            out.append("\tatomic_set(&lit_%s, %s);" %
                       (n, val[len("ATOMIC_INIT("):-1]))
        else:
            out.append("\tlit_%s = (__typeof__(lit_%s))(%s);" % (n, n, val))
    out.append("}\n")
    for th in t.threads:
        regs = registers(th.body)
        out.append("static void *lit_P%d(void *unused)\n{" % th.index)
        for p in th.params.split(","):
            m = re.fullmatch(r"(.+?)\s*\*\s*([A-Za-z_]\w*)",
                             " ".join(p.split()))
            if m:
                out.append("\t%s *%s = &lit_%s;" %
                           (m.group(1), m.group(2), m.group(2)))
        out.append("\t{")
        out.append(zero_uninitialized(th.body))
        for k, n in enumerate(snames):
            if n.startswith("%d:" % th.index):
                out.append("\tlit_regs[%d][%d] = (long)%s;" %
                           (th.index, k, n.split(":", 1)[1]))
        out.append("\t}")
        for p in th.params.split(","):
            m = re.fullmatch(r"(.+?)\s*\*\s*([A-Za-z_]\w*)",
                             " ".join(p.split()))
            if m:
                out.append("\t(void)%s;" % m.group(2))
        out.append("\treturn NULL;\n}\n")
    out.append("static void lit_collect(long *state)\n{")
    for k, n in enumerate(snames):
        if ":" in n:
            out.append("\tstate[%d] = lit_regs[%s][%d];" %
                       (k, n.split(":")[0], k))
        elif global_type(t, n) == "atomic_t":
            out.append("\tstate[%d] = atomic_read(&lit_%s);" % (k, n))
        else:
            out.append("\tstate[%d] = (long)lit_%s;" % (k, n))
    out.append("}\n")
    out.append("static const char *lit_pointer_name(unsigned int i, "
               "long v)\n{")
    pointer_states = [k for k, n in enumerate(snames) if pointerish(t, n)]
    if pointer_states:
        out.append("\tswitch (i) {")
        for k in pointer_states:
            out.append("\tcase %d:" % k)
        for n in sorted(names):
            out.append('\t\tif (v == (long)&lit_%s)\n\t\t\treturn "%s";'
                       % (n, n))
        out.append("\t}")
    out.append("\t(void)i;\n\t(void)v;\n\treturn NULL;\n}\n")
    if t.filter:
        out.append("static bool lit_filter(const long *state)\n{\n"
                   "\treturn %s;\n}\n" % c_condition(t, t.filter, snames))
    out.append("static bool lit_proposition(const long *state)\n{\n"
               "\treturn %s;\n}\n" % c_condition(t, t.condition, snames))
    out.append("static const char *const lit_names[] = { %s };\n" %
               ", ".join('"%s"' % n for n in snames))
    out.append("const struct litmus_test %s = {" % symbol)
    out.append('\t.name = "%s",' % t.name)
    out.append("\t.nr_threads = %d," % len(t.threads))
    out.append("\t.init = lit_init,")
    out.append("\t.thread = { %s }," %
               ", ".join("lit_P%d" % th.index for th in t.threads))
    out.append("\t.nr_state = %d," % len(snames))
    out.append("\t.state_names = lit_names,")
    out.append("\t.collect = lit_collect,")
    out.append("\t.pointer_name = lit_pointer_name,")
    if t.filter:
        out.append("\t.filter = lit_filter,")
    out.append("\t.proposition = lit_proposition,")
    out.append("};")
    return "\n".join(out) + "\n"


def pointerish(t, n):
    if ":" in n:
        k, r = n.split(":", 1)
        return registers(t.threads[int(k)].body).get(r, "").endswith("*")
    return global_type(t, n).endswith("*")


def observation(t, positive, negative):
    """herd7's word for what was seen of the proposition."""
    if positive == 0:
        return "Never"
    if negative == 0:
        return "Always"
    return "Sometimes"


def herd_output(t, result):
    """@result (a litmus_run JSON line) as herd7 prints a run."""
    states = sorted(result["states"], key=lambda s: s[0])
    pos, neg = result["positive"], result["negative"]
    validated = {"exists": pos > 0, "~exists": pos == 0,
                 "forall": neg == 0}[t.quantifier]
    lines = ["Test %s %s" % (t.name, "Required" if t.quantifier == "forall"
                            else "Allowed"),
             "States %d" % len(states)]
    lines += [s[0] for s in states]
    lines += ["Ok" if validated else "No", "Witnesses",
              "Positive: %d Negative: %d" % (pos, neg),
              "Condition %s %s" % (t.quantifier, t.condition),
              "Observation %s %s %d %d" % (t.name, observation(t, pos, neg),
                                           pos, neg),
              "Time %s %.2f" % (t.name, result["seconds"]), ""]
    return "\n".join(lines) + "\n"


def expected_result(text):
    """The test's own '* Result: ...' line (Never, Sometimes, ...)."""
    m = re.search(r"(?m)^[( ]\* Result: (\S+)", text)
    return m.group(1) if m else None
