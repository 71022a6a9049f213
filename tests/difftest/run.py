#!/usr/bin/env python3
"""Differential test: run generated programs under `npl` and under CPython + NumPy, report differences.

usage: run.py [--count N] [--seed S] [--jobs J] [--keep-going] [--npl PATH] [--show-programs]

The Python side is one long-lived worker process (`run.py --worker`) that runs each program in a fresh namespace
with stdout captured; the npl side starts one process per program on a pool of J threads. Each program's result is
its stdout plus its error line (`Kind: message`, as the last line of a Python traceback shows it; empty when the
program finished). The first difference (or every one with --keep-going) is printed with the program, minimised
by deleting statements while the difference persists.
"""
import argparse
import concurrent.futures
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_NPL = os.path.join(HERE, "..", "..", "target", "release", "npl")


# ---- the Python side -----------------------------------------------------------------------------------------
def worker():
    """Read one JSON program per line from stdin, answer one JSON result per line."""
    import contextlib
    import warnings

    import numpy as np

    warnings.simplefilter("ignore")
    defaults = np.get_printoptions()
    real_out = sys.stdout
    for line in sys.stdin:
        code = json.loads(line)
        np.set_printoptions(**defaults)
        buf = io.StringIO()
        err = ""
        try:
            with contextlib.redirect_stdout(buf):
                exec(compile(code, "<program>", "exec"), {"__name__": "__main__"})
        except BaseException as e:  # noqa: BLE001 - every failure is a result to compare
            # printed by sys.excepthook, as python3 prints it (with NameError's "Did you mean")
            text = io.StringIO()
            with contextlib.redirect_stderr(text):
                sys.excepthook(type(e), e, e.__traceback__)
            lines = [l for l in text.getvalue().splitlines() if l and not l[0].isspace()]
            err = lines[-1].strip() if lines else ""
        real_out.write(json.dumps({"out": buf.getvalue(), "err": err}) + "\n")
        real_out.flush()


class PythonSide:
    """A long-lived `run.py --worker` process."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir())

    def run(self, code):
        self.proc.stdin.write(json.dumps(code) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:  # the worker died (a crash inside NumPy?): restart it and report
            self.__init__()
            return {"out": "", "err": "<python worker died>"}
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


# ---- the npl side ----------------------------------------------------------------------------------------------
def error_line(stderr):
    """The exception line of a traceback: the last stderr line that starts at column 0 (shape notes are indented)."""
    lines = [l for l in stderr.splitlines() if l and not l[0].isspace() and not l.startswith("Traceback")]
    return lines[-1].strip() if lines else ""


def run_npl(npl, code, tmpdir):
    try:
        r = subprocess.run([npl, "-"], input=code, capture_output=True, text=True, timeout=20, cwd=tmpdir)
    except subprocess.TimeoutExpired:
        return {"out": "", "err": "<npl timed out>"}
    if r.returncode not in (0, 1) or "panicked" in r.stderr:
        return {"out": r.stdout, "err": f"<npl crashed rc={r.returncode}> " + r.stderr[-300:]}
    return {"out": r.stdout, "err": error_line(r.stderr) if r.returncode == 1 else ""}


# ---- comparison --------------------------------------------------------------------------------------------------
TOLERATED = []  # (name, predicate(py, npl)) pairs: allowed differences the generator cannot always avoid


def tolerated(py, npl):
    """Integer overflow: NPL raises OverflowError where NumPy wraps int64 (allowed difference): the first
    differing line of npl is an OverflowError (caught and printed, or the program's error line)."""
    py_lines, npl_lines = py["out"].splitlines(), npl["out"].splitlines()
    for i, line in enumerate(npl_lines):
        if i >= len(py_lines) or line != py_lines[i]:
            return line.startswith("OverflowError: int64 overflow")
    return npl["err"].startswith("OverflowError") and not py["err"].startswith("OverflowError")


SUGGESTION = re.compile(r"^(NameError: .*)\. Did you mean: '\w+'\?$")


def same(py, npl):
    """Equal output and error line; a NameError's "Did you mean" may name another of equally close names."""
    return py["out"] == npl["out"] and SUGGESTION.sub(r"\1", py["err"]) == SUGGESTION.sub(r"\1", npl["err"])


def minimise(stmts, differs):
    """Delete statements (never the first, the import) while the difference persists."""
    changed = True
    while changed:
        changed = False
        i = len(stmts) - 1
        while i >= 1:
            if "random.seed(" in stmts[i] or "default_rng(" in stmts[i]:
                i -= 1
                continue  # without its seed a program prints other random numbers on each side
            trial = stmts[:i] + stmts[i + 1:]
            if differs(trial):
                stmts = trial
                changed = True
            i -= 1
    return stmts


def describe(seed, stmts, py, npl):
    out = [f"==== difference, seed {seed}", "\n".join(stmts), "---- python + numpy:"]
    out.append(py["out"] + (f"[error] {py['err']}" if py["err"] else "[finished]"))
    out.append("---- npl:")
    out.append(npl["out"] + (f"[error] {npl['err']}" if npl["err"] else "[finished]"))
    return "\n".join(out)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker()
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--npl", default=DEFAULT_NPL)
    ap.add_argument("--no-minimise", action="store_true")
    ap.add_argument("--chunk", type=int, default=200)
    ap.add_argument("--in-function", action="store_true",
                    help="run each program's statements (after the import) as the body of a function")
    args = ap.parse_args()

    def render(stmts):
        """The program's source: as generated, or with its body inside `def main()` (NPL compiles function bodies)."""
        if not args.in_function or not stmts:
            return "\n".join(stmts) + "\n"
        body = "\n".join("    " + line for s in stmts[1:] for line in s.split("\n"))
        return f"{stmts[0]}\n\n\ndef main():\n{body or '    pass'}\n\n\nmain()\n"

    npl = os.path.abspath(args.npl)
    py_side = PythonSide()
    tmpdir = tempfile.mkdtemp(prefix="npl_difftest_")
    start = time.time()
    clean = tolerated_count = differences = 0
    seen_errors = set()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    try:
        for chunk_start in range(args.seed, args.seed + args.count, args.chunk):
            seeds = list(range(chunk_start, min(chunk_start + args.chunk, args.seed + args.count)))
            programs = {s: gen.generate(s) for s in seeds}
            npl_futures = {s: pool.submit(run_npl, npl, render(programs[s]), tmpdir) for s in seeds}
            py_results = {s: py_side.run(render(programs[s])) for s in seeds}
            for s in seeds:
                py, nr = py_results[s], npl_futures[s].result()
                if same(py, nr):
                    clean += 1
                    continue
                if tolerated(py, nr):
                    tolerated_count += 1
                    continue
                differences += 1
                stmts = programs[s]
                if not args.no_minimise:
                    def differs(trial):
                        code = render(trial)
                        p, n = py_side.run(code), run_npl(npl, code, tmpdir)
                        if "NameError" in p["err"] + p["out"] and "NameError" not in py["err"] + py["out"]:
                            return False  # deleted a definition: a different program
                        return not same(p, n) and not tolerated(p, n)
                    stmts = minimise(stmts, differs)
                    code = render(stmts)
                    py, nr = py_side.run(code), run_npl(npl, code, tmpdir)
                key = (py["err"][:40], nr["err"][:40], len(stmts))
                print(describe(s, stmts, py, nr), flush=True)
                seen_errors.add(key)
                if not args.keep_going:
                    raise SystemExit(1)
            done = seeds[-1] - args.seed + 1
            print(f"# {done} programs, {clean} clean, {tolerated_count} tolerated, {differences} differing, "
                  f"{time.time() - start:.0f}s", file=sys.stderr, flush=True)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        py_side.close()
    print(f"seeds {args.seed}..{args.seed + args.count - 1}: {clean} clean, {tolerated_count} tolerated "
          f"(OverflowError), {differences} differing")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
