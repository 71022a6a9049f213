"""Regenerates the NumPy-written _npl_fixture_* inputs of the files/ cases (run here with NumPy 2.x)."""
import numpy as np

np.save("_npl_fixture_fortran.npy", np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4) * 1.5 - 2))
np.save("_npl_fixture_fortran3d.npy", np.asfortranarray(np.arange(24, dtype=np.int64).reshape(2, 3, 4)))
np.save("_npl_fixture_bigendian.npy", np.array([[1.25, -2.5, 3.0], [4.0, 1e-3, 1e10]], dtype=">f8"))
np.save("_npl_fixture_bigint.npy", np.array([1, -2, 2**40, -2**62], dtype=">i8"))
np.savez("_npl_fixture_pair.npz", x=np.arange(5), y=np.array([[True, False], [False, True]]))
