#!/usr/bin/env python3
"""Robustness check: run npl on every conformance case with random bytes
flipped and report any crash (panic, signal, exit code other than 0/1) or hang.

usage: flip_bytes.py NPL_BINARY CORPUS_DIR [MUTATIONS_PER_FILE] [SEED]
"""
import os
import random
import subprocess
import sys
import tempfile

def main():
    binary, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
    per_file = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    files = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus) for f in fs if f.endswith(".npl"))
    runs = bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            data = open(path, "rb").read()
            for _ in range(per_file):
                b = bytearray(data)
                for _ in range(rng.randint(1, 4)):
                    if b:
                        b[rng.randrange(len(b))] = rng.randrange(256)
                case = os.path.join(tmp, "case.npl")
                open(case, "wb").write(bytes(b))
                runs += 1
                try:
                    p = subprocess.run([binary, "case.npl"], cwd=tmp, capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
                except subprocess.TimeoutExpired:
                    bad += 1
                    print(f"HANG {path}")
                    open(os.path.join(tmp, f"hang{bad}.npl"), "wb").write(bytes(b))
                    continue
                err = p.stderr.decode("utf-8", "replace")
                if p.returncode not in (0, 1) or "panicked" in err or "InternalError" in err:
                    bad += 1
                    print(f"CRASH {path} exit {p.returncode}: {err.strip()[-300:]}")
                    keep = os.path.join("/tmp", f"npl_crash_{bad}.npl")
                    open(keep, "wb").write(bytes(b))
    print(f"flip_bytes: {runs - bad} passed, {bad} failed")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
