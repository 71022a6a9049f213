"""Regenerates the NumPy-written fixtures of tests/npy_roundtrip.rs.

Run from anywhere with CPython + NumPy 2.x:  python3 tests/data/make_fixtures.py
It writes the .npy/.npz fixtures next to itself, then runs load_fixtures.npl
with Python (it is valid Python) and stores what NumPy prints in
expected_load.txt. The arrays here must stay identical to the ones that
tests/npy_roundtrip.rs has npl save, since it compares the bytes npl writes
with these files.
"""
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def main():
    # Native little-endian, C-order, version 1.0: the files np.save writes.
    np.save(path("bool.npy"), np.array([True, False, True]))
    np.save(path("int64.npy"), np.array([[1, -2, 3], [2 ** 40, 0, -7]]))
    np.save(path("float64.npy"), np.array([0.5, -1.25, 1e-10, 3.0]))
    np.save(path("complex128.npy"), np.array([1 + 2j, -0.5j, 3 + 0j]))
    np.save(path("scalar0d.npy"), np.array(2.5))
    np.save(path("cube3d.npy"), np.arange(8).reshape(2, 2, 2))
    # Layouts NumPy can write and npl must read.
    np.save(path("bigendian_f8.npy"), np.array([1.5, -2.0, 1e-3], dtype=">f8"))
    np.save(path("bigendian_i8.npy"), np.array([[1, -2], [300, 2 ** 33]], dtype=">i8"))
    np.save(path("fortran.npy"), np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    with open(path("v2.npy"), "wb") as f:
        np.lib.format.write_array(f, np.array([[1.0, 2.0], [3.0, 4.0]]), version=(2, 0))
    np.savez(path("pair.npz"), weights=np.array([0.5, -1.25, 1e-10, 3.0]),
             labels=np.array([[1, -2, 3], [2 ** 40, 0, -7]]))
    out = subprocess.run([sys.executable, "load_fixtures.npl"], cwd=HERE,
                         check=True, capture_output=True, text=True).stdout
    with open(path("expected_load.txt"), "w") as f:
        f.write(out)


if __name__ == "__main__":
    main()
