#!/usr/bin/env python3
"""Robustness check: call every numpy builtin NPL has with random arguments
(numbers, lists, arrays of odd shapes and dtypes, None, strings) and report
any panic or crash (an error message is fine; a crash is not).

usage: fuzz_calls.py NPL_BINARY [PROGRAMS] [SEED]
"""
import os
import random
import subprocess
import sys
import tempfile

ARGS = [
    "0", "1", "-1", "2", "3", "10**12", "-10**12", "0.5", "-2.5", "1e308", "float('nan')", "float('inf')", "1j",
    "True", "None", "'x'", "'float64'", "int", "float", "(2, 3)", "(0,)", "(-1, 2)", "[]", "[1, 2, 3]",
    "[[1, 2], [3, 4]]", "[[1, 2], [3]]", "np.arange(6)", "np.arange(6).reshape(2, 3)", "np.zeros((0, 3))",
    "np.ones((2, 2, 2))", "np.array(5.0)", "np.array([True, False])", "np.array([1+1j, 2])", "np.eye(3)",
    "np.arange(12.0).reshape(3, 4)[:, ::-2]", "np.array([[1.0, 2.0], [2.0, 4.0]])", "np.full((3, 3), np.nan)",
    "(0, 1)", "-3", "[0, 5]", "np.array([], dtype=int)", "slice(None)", "lambda x: x",
]
KWARGS = ["axis", "keepdims", "dtype", "ddof", "k", "ord", "full_matrices", "return_counts", "endpoint", "decimals"]

def main():
    binary = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    names = subprocess.run([binary, "-c", "import numpy as np\nfor k in dir_names(): print(k)"], capture_output=True, text=True)
    listing = subprocess.run([binary, "-c", "import numpy as np\nhelp(np)\nhelp(np.linalg)\nhelp(np.random)"],
                             capture_output=True, text=True).stdout.split("\n")
    funcs = []
    for block, prefix in zip([l for l in listing if l and not l.startswith("module")], ["np.", "np.linalg.", "np.random."]):
        funcs += [prefix + w for w in block.split() if w[0].islower() and w not in ("linalg", "random", "pi", "e", "inf", "nan", "newaxis", "euler_gamma")]
    methods = ["a.reshape", "a.sum", "a.mean", "a.std", "a.astype", "a.item", "a.fill", "a.sort", "a.argsort",
               "a.round", "a.clip", "a.dot", "a.transpose", "a.tolist", "a.max", "a.cumsum", "a.repeat", "a.swapaxes"]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        lines_total = 0
        for p in range(n):
            lines = ["import numpy as np", "a = np.arange(12.0).reshape(3, 4)"]
            for _ in range(20):
                f = rng.choice(funcs + methods)
                args = [rng.choice(ARGS) for _ in range(rng.randint(0, 3))]
                if rng.random() < 0.4:
                    args.append(f"{rng.choice(KWARGS)}={rng.choice(ARGS)}")
                lines.append("try:\n    r = %s(%s)\n    s = str(r)\nexcept Exception as ex:\n    pass" % (f, ", ".join(args)))
            lines_total += 20
            case = os.path.join(tmp, f"c{p}.npl")
            open(case, "w").write("\n".join(lines) + "\n")
            try:
                r = subprocess.run([binary, case], capture_output=True, timeout=30, cwd=tmp, stdin=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                print(f"HANG {case}")
                open(f"/tmp/npl_fuzz_hang_{p}.npl", "w").write("\n".join(lines) + "\n")
                bad += 1
                continue
            err = r.stderr.decode("utf-8", "replace")
            if r.returncode not in (0, 1) or "panicked" in err or "InternalError" in err:
                bad += 1
                keep = f"/tmp/npl_fuzz_crash_{p}.npl"
                open(keep, "w").write("\n".join(lines) + "\n")
                print(f"CRASH exit {r.returncode} kept {keep}: {err.strip()[-400:]}")
    print(f"fuzz_calls: {n - bad} passed, {bad} failed ({lines_total} calls)")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
