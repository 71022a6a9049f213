#!/usr/bin/env python3
"""Runs every help example in CPython + NumPy and prints those whose output differs.

NPL_DUMP_EXAMPLES=/tmp/ex.dump cargo test --release --lib dump_examples -- --ignored
python3 tests/tools/check_help_examples.py /tmp/ex.dump

Expected differences: help, whos, input (NPL-only texts), np.empty (zeros in NPL).
"""
import sys, io, contextlib, traceback, code
import numpy as np, math, time
np.set_printoptions(legacy='1.25')
data = open(sys.argv[1]).read().split('\x03')
bad = 0
for rec in data:
    if not rec.strip(): continue
    name, codes, outs = rec.split('\x02')
    codes = codes.split('\x01'); outs = outs.split('\x01')
    g = {'np': np, 'math': math, 'time': time}
    # NPL binds numpy names bare? only np in examples hopefully
    for c, o in zip(codes, outs):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            try:
                compiled = compile(c, '<doc>', 'single')
                old = sys.displayhook
                sys.displayhook = lambda v: (print(repr(v)) if v is not None else None)
                try:
                    exec(compiled, g)
                finally:
                    sys.displayhook = old
            except Exception as e:
                print(f"{type(e).__name__}: {e}")
        got = '\n'.join(l.rstrip() for l in buf.getvalue().splitlines()).rstrip()
        exp = '\n'.join(l.rstrip() for l in o.splitlines()).rstrip()
        if got != exp:
            bad += 1
            print(f"== {name}\n>>> {c}-- doc:\n{exp}\n-- python:\n{got}\n")
print("BAD", bad)
