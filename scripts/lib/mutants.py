# SPDX-License-Identifier: GPL-2.0-only
"""Mutants of C lock code: the mistakes people make in it, generated from
the source (Documentation/dev-tools/mutate.rst lists the operators).

generate(path, text, known) returns every mutant of one file. Only code
inside function bodies is mutated; comments, strings and preprocessor
lines are left alone. A deleted call keeps its arguments evaluated, as
'(void)(ARGS);', or leaves its line empty: the lines after it keep their
numbers (and __LINE__ its value).

Each mutant has an id that stays the same while the code it changes
does: FILE:FUNCTION:OPERATOR@HASH, the hash taken over the code before
and after and its rank among identical changes in that function.
"""
import difflib
import hashlib
import re
from dataclasses import dataclass

OPERATORS = [
    "weaken-order",
    "delete-barrier",
    "plain-access",
    "delete-wakeup",
    "delete-rcu",
    "duplicate-rcu",
    "move-after-put",
    "off-by-one",
    "negate-condition",
    "delete-lockdep",
]

BARRIERS = {"smp_mb", "smp_rmb", "smp_wmb", "smp_mb__before_atomic",
            "smp_mb__after_atomic", "smp_mb__after_spinlock",
            "smp_mb__after_unlock_lock"}
WAKEUPS = re.compile(r"^(rcuwait_wake_up|wake_up\w*|complete|complete_all)$")
RCU = {"rcu_read_lock", "rcu_read_unlock"}
LOCKDEP = re.compile(r"^(lock_acquire\w*|lock_release|lock_map_acquire\w*|"
                     r"lock_map_release|rwsem_acquire\w*|rwsem_release|"
                     r"mutex_acquire\w*|mutex_release|lock_contended|"
                     r"lock_acquired|__vma_lockdep_\w+|might_lock\w*)$")
# Calls that may drop the last reference to their first argument's object.
PUTS = re.compile(r"^(__)?(refcount_dec\w*|refcount_sub\w*|"
                  r"__vma_refcount_put\w*|vma_refcount_put|put_task_struct|"
                  r"atomic_dec_and_test|atomic_sub_and_test|"
                  r"__vma_exit_locked|__vma_end_exclude_readers)$")
REFCOUNT_CONSTANT = re.compile(r"^(VM_REFCNT_\w+|VMA_LOCK_OFFSET|"
                               r"VMA_REF_LIMIT|\w*REFCNT\w*)$")
REFCOUNT_LINE = re.compile(r"cnt|refcount|REFCNT|VMA_LOCK_OFFSET|"
                           r"VMA_REF_LIMIT")
# Fully ordered RMWs that have a _relaxed variant in the kernel's API.
FULLY_ORDERED = re.compile(r"^((atomic(64|_long)?)_(\w+_return|fetch_\w+|"
                           r"xchg|cmpxchg|try_cmpxchg)|xchg|cmpxchg|"
                           r"try_cmpxchg)$")
# Whose name without _acquire/_release is the relaxed operation.
RELAXED_BASE = re.compile(r"^((atomic(64|_long)?|refcount)_(read|set)|"
                          r"(__)?refcount_(inc|add)\w*|raw_read_seqcount)$")
TYPE_WORDS = re.compile(r"^(struct|union|enum|unsigned|signed|int|long|short|"
                        r"char|bool|const|volatile|u8|u16|u32|u64|s32|s64|"
                        r"size_t|\w+_t)$")


@dataclass
class Mutant:
    path: str
    operator: str
    function: str
    start: int
    end: int
    replacement: str
    before: str
    id: str = ""

    def apply(self, text):
        return text[:self.start] + self.replacement + text[self.end:]

    def diff(self, text):
        after = self.apply(text)
        return "".join(difflib.unified_diff(
            text.splitlines(True), after.splitlines(True),
            "a/" + self.path, "b/" + self.path, n=2))


def mask(text):
    """@text with comments, string and character literals and
    preprocessor lines blanked (newlines kept): what is left is code, at
    the same offsets."""
    out = list(text)
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            i += 1
            continue
        if line_start and c == "#":
            j = i
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    j += 2
                    continue
                j += 1
            _blank(out, i, j)
            i = j
            continue
        line_start = False
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            _blank(out, i, j)
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            _blank(out, i, j)
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            _blank(out, i + 1, j)
            i = j + 1
        else:
            if c == "\n":
                line_start = True
            i += 1
    return "".join(out)


def _blank(out, i, j):
    for k in range(i, min(j, len(out))):
        if out[k] != "\n":
            out[k] = " "


def match_paren(code, i):
    """The index of the bracket closing the one at @i, or -1."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for j in range(i, len(code)):
        c = code[j]
        if c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if not stack or stack.pop() != c:
                return -1
            if not stack:
                return j
    return -1


def function_bodies(code):
    """[(start, end, name)] of the top-level brace blocks that are function
    bodies."""
    bodies = []
    i = 0
    while True:
        i = code.find("{", i)
        if i < 0:
            return bodies
        end = match_paren(code, i)
        if end < 0:
            return bodies
        head = code[max(0, i - 400):i]
        m = re.search(r"(\w+)\s*\([^;{}]*\)\s*$", head)
        if m and m.group(1) not in ("if", "while", "for", "switch"):
            bodies.append((i, end + 1, m.group(1)))
        i = end + 1


def split_args(code, open_paren):
    """The top-level arguments of the call whose '(' is at @open_paren:
    [(start, end)]."""
    close = match_paren(code, open_paren)
    args, depth, start = [], 0, open_paren + 1
    for j in range(open_paren + 1, close):
        c = code[j]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            args.append((start, j))
            start = j + 1
    args.append((start, close))
    return args


def prev_code_char(code, i):
    j = i - 1
    while j >= 0 and code[j] in " \t\n":
        j -= 1
    return (code[j], j) if j >= 0 else ("", -1)


class Generator:
    def __init__(self, path, text, known):
        self.path, self.text, self.known = path, text, known
        self.code = mask(text)
        self.mutants = []

    # -- helpers ---------------------------------------------------------

    def calls(self, start, end):
        """(name, name_start, open_paren) of every call in [start, end)."""
        for m in re.finditer(r"\b([A-Za-z_]\w*)\s*\(", self.code[start:end]):
            yield (m.group(1), start + m.start(1),
                   start + m.end() - 1)

    def add(self, operator, function, start, end, replacement):
        self.mutants.append(Mutant(self.path, operator, function, start, end,
                                   replacement, self.text[start:end]))

    def sole_body(self, i):
        """Whether the statement at @i is the body of an if/else/while/for
        without braces (deleting it would make the next one the body)."""
        c, j = prev_code_char(self.code, i)
        if c == ")":
            k = j
            depth = 0
            while k >= 0:
                if self.code[k] == ")":
                    depth += 1
                elif self.code[k] == "(":
                    depth -= 1
                    if depth == 0:
                        break
                k -= 1
            return bool(re.search(r"\b(if|while|for)\s*$",
                                  self.code[:max(k, 0)]))
        return self.code[max(0, j - 3):j + 1] == "else"

    def statement(self, name_start, open_paren):
        """(start, end) of the expression statement that is this call, or
        None if the call is part of a larger expression."""
        c, _ = prev_code_char(self.code, name_start)
        if c not in (";", "{", "}", ")", "e", ""):
            return None
        if c in ("e", ")") and not self.sole_body(name_start):
            return None
        close = match_paren(self.code, open_paren)
        m = re.match(r"\s*;", self.code[close + 1:])
        if close < 0 or not m:
            return None
        return name_start, close + 1 + m.end()

    def delete_statement(self, operator, function, span, open_paren):
        """The call's effect goes; its arguments stay evaluated, as
        '(void)(ARGS);', so that a variable kept only for the call still
        counts as used (the mutant must build to say anything)."""
        start, end = span
        close = match_paren(self.code, open_paren)
        args = self.text[open_paren + 1:close].strip()
        if args:
            self.add(operator, function, start, end, "(void)(%s);" % args)
            return
        if self.sole_body(start):
            self.add(operator, function, start, end, ";")
            return
        # Whole lines: leave them empty, keep their newlines.
        ls = self.text.rfind("\n", 0, start) + 1
        le = self.text.find("\n", end)
        le = len(self.text) if le < 0 else le
        if self.code[ls:start].strip() or self.code[end:le].strip():
            self.add(operator, function, start, end, "")
        else:
            self.add(operator, function, ls, le,
                     "\n" * self.text.count("\n", ls, le))

    # -- operators -------------------------------------------------------

    def weaker(self, name):
        if name == "smp_load_acquire":
            return "READ_ONCE"
        if name == "smp_store_release":
            return "WRITE_ONCE"
        for suffix in ("_acquire", "_release"):
            if name.endswith(suffix):
                base = name[:-len(suffix)]
                if base + "_relaxed" in self.known:
                    return base + "_relaxed"
                if RELAXED_BASE.match(base) and base in self.known:
                    return base
                return None
        if FULLY_ORDERED.match(name) and name + "_relaxed" in self.known:
            return name + "_relaxed"
        return None

    def weaken_order(self, s, e, fn):
        for name, ns, _ in self.calls(s, e):
            weaker = self.weaker(name)
            if weaker:
                self.add("weaken-order", fn, ns, ns + len(name), weaker)

    def plain_access(self, s, e, fn):
        for name, ns, op in self.calls(s, e):
            args = split_args(self.code, op)
            close = match_paren(self.code, op)
            if name == "READ_ONCE" and len(args) == 1:
                a = self.text[args[0][0]:args[0][1]].strip()
                self.add("plain-access", fn, ns, close + 1, "(%s)" % a)
            elif name == "WRITE_ONCE" and len(args) == 2:
                a, b = (self.text[x:y].strip() for x, y in args)
                self.add("plain-access", fn, ns, close + 1,
                         "((%s) = (%s))" % (a, b))

    def delete_calls(self, operator, s, e, fn, wanted):
        for name, ns, op in self.calls(s, e):
            if wanted(name):
                span = self.statement(ns, op)
                if span:
                    self.delete_statement(operator, fn, span, op)

    def duplicate_rcu(self, s, e, fn):
        for name, ns, op in self.calls(s, e):
            if name in RCU:
                span = self.statement(ns, op)
                if span and not self.sole_body(ns):
                    stmt = self.text[span[0]:span[1]]
                    self.add("duplicate-rcu", fn, span[0], span[1],
                             stmt + " " + stmt)

    def move_after_put(self, s, e, fn):
        for name, ns, op in self.calls(s, e):
            if not PUTS.match(name):
                continue
            args = split_args(self.code, op)
            obj = re.search(r"[A-Za-z_]\w*",
                            self.code[args[0][0]:args[0][1]])
            put_line = self.line_of(ns)
            if not obj or not self.code[put_line[0]:put_line[1]].rstrip() \
                    .endswith(";"):
                continue
            for line in self.earlier_lines(s, put_line, obj.group(0)):
                self.move_line_after(fn, line, put_line)

    def line_of(self, i):
        ls = self.code.rfind("\n", 0, i) + 1
        le = self.code.find("\n", i)
        return ls, len(self.code) if le < 0 else le

    def earlier_lines(self, body_start, put_line, obj):
        """Single-line statements before @put_line, in its block, that use
        @obj: the ones a mistaken reordering would move past the put."""
        indent = re.match(r"\s*", self.code[put_line[0]:]).group(0)
        le = put_line[0] - 1
        while le > body_start:
            ls = self.code.rfind("\n", 0, le) + 1
            line = self.code[ls:le]
            if line.strip():
                own = re.match(r"\s*", line).group(0)
                if own != indent or "{" in line or "}" in line:
                    return
                if (line.rstrip().endswith(";") and
                        re.search(r"\b%s\b" % re.escape(obj), line) and
                        not re.match(r"\s*(return|if|while|for)\b", line)):
                    yield ls, le
            le = ls - 1

    def is_type(self, text):
        """Whether @text (what precedes a declared name) is a type."""
        words = re.sub(r"\b(struct|union|enum)\s+\w+", "int", text)
        return all(TYPE_WORDS.match(w) or w in self.known
                   for w in re.findall(r"\w+", words))

    def move_line_after(self, fn, line, put_line):
        ls, le = line
        stmt = self.text[ls:le]
        decl = re.match(r"(\s*)(\w.*?[\s*])(\w+)\s*=\s*(.*;)\s*$", stmt)
        if decl and self.is_type(decl.group(2)):
            keep = "%s%s%s;" % (decl.group(1), decl.group(2), decl.group(3))
            moved = "%s%s = %s" % (decl.group(1), decl.group(3),
                                   decl.group(4))
        else:
            keep, moved = "", stmt
        between = self.text[le:put_line[1]]   # up to the put, included
        self.add("move-after-put", fn, ls, put_line[1],
                 keep + between + "\n" + moved)

    def off_by_one(self, s, e, fn):
        for m in re.finditer(r"\b[A-Z_][A-Z0-9_]*\b", self.code[s:e]):
            if REFCOUNT_CONSTANT.match(m.group(0)):
                a, b = s + m.start(), s + m.end()
                for delta in ("+ 1", "- 1"):
                    self.add("off-by-one", fn, a, b,
                             "(%s %s)" % (m.group(0), delta))
        stricter = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
        for m in re.finditer(r"(?<![<>\-=])(<=|>=|<|>)(?![<>=])",
                             self.code[s:e]):
            a = s + m.start()
            ls, le = self.line_of(a)
            if REFCOUNT_LINE.search(self.code[ls:le]):
                self.add("off-by-one", fn, a, a + len(m.group(1)),
                         stricter[m.group(1)])
        for m in re.finditer(r"(==|!=)\s*(\d+)\b", self.code[s:e]):
            a, b = s + m.start(2), s + m.end(2)
            ls, le = self.line_of(a)
            if REFCOUNT_LINE.search(self.code[ls:le]):
                n = int(m.group(2))
                for v in (n + 1, n - 1):
                    self.add("off-by-one", fn, a, b, str(v))

    def negate_condition(self, s, e, fn):
        for m in re.finditer(r"\b(if|while)\s*\(", self.code[s:e]):
            op = s + m.end() - 1
            close = match_paren(self.code, op)
            cond = self.text[op + 1:close]
            if cond.strip() in ("0", "1", "true", "false"):
                continue
            self.add("negate-condition", fn, op + 1, close,
                     "!(%s)" % cond)

    def generate(self, operators):
        deletions = {
            "delete-barrier": lambda n: n in BARRIERS,
            "delete-wakeup": WAKEUPS.match,
            "delete-rcu": lambda n: n in RCU,
            "delete-lockdep": LOCKDEP.match,
        }
        makers = {
            "weaken-order": self.weaken_order,
            "plain-access": self.plain_access,
            "duplicate-rcu": self.duplicate_rcu,
            "move-after-put": self.move_after_put,
            "off-by-one": self.off_by_one,
            "negate-condition": self.negate_condition,
        }
        for op, wanted in deletions.items():
            makers[op] = (lambda op, wanted: lambda s, e, fn:
                          self.delete_calls(op, s, e, fn, wanted))(op, wanted)
        for s, e, fn in function_bodies(self.code):
            for op in OPERATORS:
                if op in operators:
                    makers[op](s, e, fn)
        return self.mutants


def assign_ids(mutants):
    seen = {}
    for m in mutants:
        key = (m.path, m.function, m.operator, m.before, m.replacement)
        rank = seen[key] = seen.get(key, 0) + 1
        h = hashlib.sha1(("%s\0%s\0%d" % (m.before, m.replacement, rank))
                         .encode()).hexdigest()[:8]
        m.id = "%s:%s:%s@%s" % (m.path, m.function, m.operator, h)


def generate(path, text, known, operators=OPERATORS):
    """Every mutant of @text (the file at @path), in file order per
    function; @known: the identifiers the build knows (to pick a relaxed
    variant that exists)."""
    mutants = Generator(path, text, known).generate(set(operators))
    mutants.sort(key=lambda m: (m.start, OPERATORS.index(m.operator)))
    assign_ids(mutants)
    return mutants


def stale_ids(listed, mutants, files, operators):
    """The ids in @listed (the equivalent-mutant file) that a run over
    @files with @operators should have generated and did not: the code
    they name changed. An id of another file or operator says nothing."""
    generated = {m.id for m in mutants}

    def in_scope(ident):
        path, _, rest = ident.partition(":")
        operator = rest.rpartition(":")[2].partition("@")[0]
        return path in files and operator in operators

    return sorted(i for i in listed if in_scope(i) and i not in generated)
