# SPDX-License-Identifier: GPL-2.0-only
"""Does the suite catch a change to the lock code?

What selftests/mm/bugs/check_bugs.py (the bug corpus) and scripts/mutate
(mutation testing) share: a private copy of the tree with its own TSan
build, the plan of scheduler runs that decides whether a change is
caught, and how a failing test's output names its detector.

A Workspace is one copy and its build. change() puts new contents in its
files and rebuilds only what they touch; restore() puts the originals
back. Files are always written with a new mtime: ninja must see every
change, including a restore to an older version.
"""
import contextlib
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import time

from . import flavours

# What runs, in order, until one fails: (program, strategy, schedules).
# Fixed seed: a verdict is a function of the tree.
PLAN = [
    ("vma_lock_test", "pct", 20),
    ("vma_lock_test", "random", 20),
    ("vma_sched_test", "pct", 50),
    ("fault_test", "pct", 20),
    # The stress test's schedules are the plan's longest (seconds each
    # under TSan) and no bug of the corpus needs it: a few of each.
    ("vma_stress_test", "pct", 5),
    ("vma_stress_test", "random", 5),
]
PROGRAMS = sorted({p for p, _, _ in PLAN})
# The memory models the plan runs under, in order: sc first, so that a bug
# sc already catches is reported as before; lkmm then catches what only a
# stale value shows (Documentation/dev-tools/lkmm.rst).
MODELS = ("sc", "lkmm")
SEED = "1"
# A program that runs this long under the scheduler is stuck outside any
# synchronization point (a loop the scheduler never sees).
RUN_TIMEOUT = 120

# The first diagnostic line that matches names the detector; the order
# is the order of precedence.
DETECTORS = [
    ("TSan", re.compile(r"ThreadSanitizer")),
    ("ASan", re.compile(r"AddressSanitizer|LeakSanitizer")),
    ("lockdep", re.compile(r"WARNING: (possible|inconsistent|bad unlock|"
                           r"suspicious|lock held)")),
    ("hang report", re.compile(r"INFO: task .* blocked|deadlock|"
                               r"soft lockup|livelock|TIMEOUT")),
    ("WARN", re.compile(r"WARNING: CPU|WARNING: at|refcount_t:|BUG:")),
    ("assertion", re.compile(r"EXPECT_|ASSERT_|Expected ")),
]


class Error(Exception):
    """Something the user must fix (a message, not a traceback)."""


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kw)


def put_file(src, dst):
    """@src's contents at @dst, with a new mtime (copy2 would keep the
    old one, and ninja would keep an object built from other contents)."""
    shutil.copyfile(src, dst)
    shutil.copymode(src, dst)


def put_text(path, text):
    with open(path, "w") as f:
        f.write(text)


def sync_file(src, dst):
    """@dst made a copy of @src, written only if it differs (an unchanged
    file keeps its mtime: nothing is rebuilt for it)."""
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    if (not os.path.exists(dst) or
            open(src, "rb").read() != open(dst, "rb").read()):
        put_file(src, dst)


def copy_tree(src, dst):
    """@src as git sees it (tracked and new files, not ignored ones)."""
    listed = run(["git", "-C", src, "ls-files", "-z", "--cached", "--others",
                  "--exclude-standard"])
    if listed.returncode:
        raise Error("%s is not a git work tree (the copy is what git "
                    "lists):\n%s" % (src, listed.stdout))
    for f in filter(None, listed.stdout.split("\0")):
        if os.path.isfile(os.path.join(src, f)):
            sync_file(os.path.join(src, f), os.path.join(dst, f))


def classify(output):
    """(detector, the diagnostic line that names it) of a failing test."""
    diag = [line[2:] for line in output.splitlines() if line.startswith("# ")]
    for name, pattern in DETECTORS:
        for line in diag:
            if pattern.search(line):
                return name, re.sub(r" \(pid=\d+\)", "", line.strip())
    return "assertion", diag[-1].strip() if diag else "?"


def detector(output):
    return classify(output)[0]


def failures(output):
    """What a program's output says of each failing test, in order:
    {"test", "detector", "report", "token"} (the token replays the
    failing schedule; None when not under the scheduler)."""
    found = []
    for test in re.findall(r"^not ok \d+ (\S+)", output, re.M):
        own = "\n".join(line for line in output.splitlines()
                        if test.split(".")[-1] in line)
        det, report = classify(own)
        token = re.search(r"failing schedule (\S+); replay with: ", own)
        found.append({"test": test, "detector": det, "report": report,
                      "token": token.group(1) if token else None})
    return found


def compile_flags(command):
    """A compile_commands.json command split into (the compiler and its
    flags, the source file): without its output (-o), dependency files
    (-MD, -MQ, -MF) and -c, so that a caller can compile another file, or
    preprocess this one, as the build does."""
    args, source, words = [], None, iter(shlex.split(command))
    for arg in words:
        if arg in ("-o", "-MQ", "-MF"):
            next(words)   # and its value
        elif arg == "-c":
            source = next(words)
        elif arg != "-MD":
            args.append(arg)
    return args, source


def setup_build(build_dir, src, extra=(), flavour="tsan"):
    """meson setup of @src in @build_dir as the build the documentation
    tells a user to make: @flavour's compiler and options from the table
    in scripts/lib/flavours (tsan: ThreadSanitizer with clang-19, or
    clang-14 where bookworm lacks it). Warnings are not errors: a commit
    or a mutant that warns (an unused variable in a kernel patch) is
    judged by how it behaves, as the kernel builds it without
    CONFIG_WERROR; CI's own builds of this tree make warnings errors."""
    f = flavours.get(flavour)
    cc, cxx = f.compiler()
    args = ["-Db_lundef=false"] + f.args + list(extra)
    env = dict(os.environ, CC=cc, CXX=cxx)
    r = run(["meson", "setup", build_dir, src] + args, env=env)
    if r.returncode:
        raise Error("meson setup failed:\n" + r.stdout[-3000:])


class Workspace:
    """A copy of @src in @root/src with a TSan build in @root/build.

    @kernel_tree: a directory with mm/mmap_lock.c and
    include/linux/mmap_lock.h, copied to @root/ktree and built through
    -Dkernel_tree."""

    def __init__(self, src, root, kernel_tree=None, timeout=RUN_TIMEOUT):
        self.src, self.root, self.timeout = src, root, timeout
        self.tree = os.path.join(root, "src")
        self.build_dir = os.path.join(root, "build")
        self.ktree = os.path.join(root, "ktree") if kernel_tree else None
        self.kernel_tree = kernel_tree
        self.originals = {}

    def prepare(self):
        os.makedirs(self.tree, exist_ok=True)
        copy_tree(self.src, self.tree)
        if self.ktree:
            for f in KERNEL_FILES:
                sync_file(os.path.join(self.kernel_tree, f),
                          os.path.join(self.ktree, f))
        self._setup()
        b = self.build()
        if b.returncode:
            raise Error("the unchanged tree does not build:\n" +
                        b.stdout[-3000:])
        self.baseline_code = self.code_hash()

    def _setup(self):
        wanted = ["-Dkernel_tree=" + self.ktree] if self.ktree else []
        stamp = os.path.join(self.root, "setup-options")
        if (os.path.exists(os.path.join(self.build_dir, "build.ninja")) and
                os.path.exists(stamp) and
                open(stamp).read() == repr(wanted)):
            return
        shutil.rmtree(self.build_dir, ignore_errors=True)
        setup_build(self.build_dir, self.tree, wanted)
        put_text(stamp, repr(wanted))

    def _roots(self, rel):
        """(the copy's root, the original's root) of @rel: a source path,
        or with a kernel tree one of KERNEL_FILES."""
        if self.ktree and rel in KERNEL_FILES:
            return self.ktree, self.kernel_tree
        return self.tree, self.src

    def path(self, rel):
        return os.path.join(self._roots(rel)[0], rel)

    def original(self, rel):
        if rel not in self.originals:
            self.originals[rel] = open(os.path.join(self._roots(rel)[1],
                                                    rel)).read()
        return self.originals[rel]

    def change(self, rel, text):
        put_text(self.path(rel), text)

    def restore(self, rel):
        put_text(self.path(rel), self.original(rel))

    def build(self):
        targets = ["selftests/mm/" + p for p in PROGRAMS]
        return run(["ninja", "-C", self.build_dir] + targets)

    def code_hash(self):
        """A hash of the programs' code and data, debug info left out: a
        change that compiles to the same programs changes nothing."""
        h = hashlib.sha256()
        for p in PROGRAMS:
            exe = os.path.join(self.build_dir, "selftests/mm", p)
            stripped = exe + ".stripped"
            r = run(["objcopy", "--strip-debug", exe, stripped])
            if r.returncode:
                raise Error("objcopy failed:\n" + r.stdout)
            h.update(open(stripped, "rb").read())
            os.unlink(stripped)
        return h.hexdigest()

    def exe(self, program):
        return os.path.join(self.build_dir, "selftests/mm", program)


KERNEL_FILES = ["mm/mmap_lock.c", "include/linux/mmap_lock.h"]


def patch_files(patch):
    """The files a patch changes (its +++ lines)."""
    return re.findall(r"^\+\+\+ b/(\S+)$", open(patch).read(), re.M)


@contextlib.contextmanager
def patched(ws, patch):
    """@ws with @patch applied and rebuilt, for the with-block; the
    patched files are restored after it. Yields None, or why the change
    cannot be judged (the patch does not apply, or the build fails). No
    fuzz: a patch whose context moved must be refreshed, not applied
    somewhere else."""
    r = run(["patch", "-p1", "--fuzz=0", "--no-backup-if-mismatch",
             "-i", patch], cwd=ws.tree)
    try:
        if r.returncode:
            yield "patch does not apply:\n" + r.stdout
            return
        b = ws.build()
        if b.returncode:
            yield "build failed:\n" + b.stdout[-2000:]
            return
        yield None
    finally:
        for f in patch_files(patch):
            ws.restore(f)


def run_scheduled(exe, cwd, strategy, seed, runs, timeout, tests=(),
                  memory_model=None):
    """Runs the test program @exe under the scheduler: @runs schedules of
    @strategy from @seed, only @tests if any. Returns {"output",
    "failures": [{"test", "detector", "report", "token"}], "fingerprints":
    the '# fingerprint:' lines, sorted}. A run with no verdict after
    @timeout seconds, or one that exits non-zero with no failing test,
    counts as one failure of test "?" with detector "timeout" or "crash".
    The bug corpus, scripts/mutate and scripts/bisect all run through
    here."""
    cmd = [exe, "--sched", strategy, "--seed", str(seed),
           "--sched-runs", str(runs)]
    # None: the program's own default (a commit from before the option,
    # in a bisection, would refuse it).
    if memory_model:
        cmd += ["--memory-model", memory_model]
    for t in tests:
        cmd += ["-r", t]
    try:
        r = run(cmd, cwd=cwd, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"output": "", "fingerprints": [], "failures": [{
            "test": "?", "detector": "timeout", "token": None,
            "report": "no verdict after %d s" % timeout}]}
    found = failures(r.stdout)
    if r.returncode and not found:
        found = [{"test": "?", "detector": "crash", "token": None,
                  "report": "exit status %d: %s" % (
                      r.returncode, r.stdout.strip()[-300:])}]
    prints = sorted(re.findall(r"^# fingerprint: (.*)$", r.stdout, re.M))
    return {"output": r.stdout, "failures": found, "fingerprints": prints}


def first_failure(ws, program, strategy, runs, model="sc", tests=()):
    """Runs @program of @ws (only @tests if any) under the scheduler with
    memory model @model; None, or what its first failing test printed
    (its "strategy" names the model unless sc: "pct --memory-model
    lkmm")."""
    res = run_scheduled(ws.exe(program), ws.build_dir, strategy, SEED, runs,
                        ws.timeout, tests=tests, memory_model=model)
    if not res["failures"]:
        return None
    shown = strategy if model == "sc" else \
        "%s --memory-model %s" % (strategy, model)
    found = dict(res["failures"][0], program=program, strategy=shown,
                 model=model, schedules="?")
    for line in res["fingerprints"]:
        m = re.match(r"%s .*schedules=(\d+)" % re.escape(found["test"]),
                     line)
        if m:
            found["schedules"] = m.group(1)
    return found


def run_plan(ws, models=MODELS):
    """The first failure of the plan under each of @models in turn, or
    None; with "seconds" it took."""
    start = time.monotonic()
    for model in models:
        for program, strategy, runs in PLAN:
            found = first_failure(ws, program, strategy, runs, model)
            if found:
                found["seconds"] = time.monotonic() - start
                return found
    return None


def replays_agreeing(ws, found, replays):
    """How many of @replays replays of the failing schedule fail the same
    test with the same detector."""
    if not found["token"]:
        return 0
    same = 0
    for _ in range(replays):
        r = run([ws.exe(found["program"]), "--sched-replay", found["token"],
                 "-r", found["test"]], cwd=ws.build_dir, timeout=ws.timeout)
        same += bool(re.search(r"^not ok ", r.stdout, re.M) and
                     detector(r.stdout) == found["detector"])
    return same


def check_baseline(ws, models=MODELS):
    """The unchanged tree must pass the plan under each of @models, or
    no verdict means much. A verdict is a function of the programs (the
    plan runs them under the scheduler with a fixed seed), so a pass is
    remembered in the workspace by the programs' hash: a rerun on the
    same code does not run the plan again."""
    key = hashlib.sha256(repr((ws.baseline_code, PLAN, SEED, tuple(models),
                                ws.timeout)).encode()).hexdigest()[:16]
    passed = os.path.join(ws.root, "baseline-passed-" + key)
    if os.path.exists(passed):
        return
    found = run_plan(ws, models)
    if found:
        raise Error("the unchanged tree fails %s (%s, --sched %s): %s" %
                    (found["test"], found["program"], found["strategy"],
                     found["report"]))
    put_text(passed, "the plan passed on these programs\n")
