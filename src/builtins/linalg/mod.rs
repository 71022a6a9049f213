//! `numpy.linalg`: the glue from arrays to the nalgebra-based kernels in
//! `crate::linalg`.
//!
//! Int and bool input is promoted to float64, complex input stays complex.
//! Stacked input `(..., m, n)` is looped over its leading axes; results that
//! NumPy returns as namedtuples are Python tuples here.
//!
//! This module holds the declarations; the implementations live in the
//! submodules.

mod decompositions;
mod norms;
mod products;
mod solve;
mod stacked;

use super::Builtin;
use crate::builtin;
use decompositions::{np_cholesky, np_eig, np_eigh, np_eigvals, np_eigvalsh, np_qr, np_svd, np_svdvals};
use norms::{np_cond, np_matrix_norm, np_matrix_rank, np_norm, np_vector_norm};
use products::{
    np_linalg_cross, np_linalg_diagonal, np_linalg_matmul, np_linalg_outer, np_linalg_trace, np_matrix_transpose,
    np_multi_dot,
};
use solve::{np_det, np_inv, np_lstsq, np_matrix_power, np_pinv, np_slogdet, np_solve};

/// The functions of `numpy.linalg`.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy.linalg", "inv", Function, "(a)",
        "Inverse of a square matrix (or of each matrix in a stack).\nRaises LinAlgError for a singular or non-square matrix.\n>>> np.linalg.inv(np.array([[2.0, 0.0], [0.0, 4.0]]))\narray([[0.5 , 0.  ],\n       [0.  , 0.25]])",
        np_inv),
    builtin!("numpy.linalg", "det", Function, "(a)",
        "Determinant of a square matrix (or of each matrix in a stack), from the LU factors.\nRaises LinAlgError when the last two axes are not square.\n>>> np.linalg.det(np.array([[2.0, 0.0], [0.0, 3.0]]))\n6.0",
        np_det),
    builtin!("numpy.linalg", "slogdet", Function, "(a)",
        "Sign and natural log of the absolute determinant, as a named tuple SlogdetResult(sign, logabsdet).\nRaises LinAlgError when the last two axes are not square.\n>>> np.linalg.slogdet(np.array([[1.0, 0.0], [0.0, -1.0]]))\nSlogdetResult(sign=-1.0, logabsdet=0.0)",
        np_slogdet),
    builtin!("numpy.linalg", "solve", Function, "(a, b)",
        "Solution x of a @ x = b for a square a; b is a vector or a matrix of right-hand sides.\nRaises LinAlgError for a singular or non-square a; ValueError when the shape of b does not match.\n>>> np.linalg.solve(np.array([[2.0, 0.0], [0.0, 4.0]]), np.array([2.0, 2.0]))\narray([1. , 0.5])",
        np_solve),
    builtin!("numpy.linalg", "eig", Function, "(a)",
        "Eigenvalues and right eigenvectors (columns) of a square matrix, as a named tuple EigResult(eigenvalues, eigenvectors) that unpacks as w, v. Real input gives real arrays when every eigenvalue is real, complex ones otherwise.\nRaises LinAlgError for a non-square matrix or when the iteration does not converge.\n>>> np.linalg.eig(np.array([[2.0, 0.0], [0.0, 3.0]]))\nEigResult(eigenvalues=array([2., 3.]), eigenvectors=array([[1., 0.],\n       [0., 1.]]))",
        np_eig),
    builtin!("numpy.linalg", "eigvals", Function, "(a)",
        "Eigenvalues of a square matrix (real when all are real and the input is real).\nRaises LinAlgError for a non-square matrix or when the iteration does not converge.\n>>> np.linalg.eigvals(np.array([[0.0, -1.0], [1.0, 0.0]]))\narray([0.+1.j, 0.-1.j])",
        np_eigvals),
    builtin!("numpy.linalg", "eigh", Function, "(a, UPLO='L')",
        "Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric / Hermitian matrix, as a named tuple EighResult(eigenvalues, eigenvectors) that unpacks as w, v; reads the lower (UPLO='L') or upper triangle.\nRaises LinAlgError for a non-square matrix; ValueError for a UPLO other than 'L' or 'U'.\n>>> np.linalg.eigh(np.array([[2.0, 0.0], [0.0, 1.0]]))\nEighResult(eigenvalues=array([1., 2.]), eigenvectors=array([[0., 1.],\n       [1., 0.]]))",
        np_eigh),
    builtin!("numpy.linalg", "eigvalsh", Function, "(a, UPLO='L')",
        "Eigenvalues (ascending) of a symmetric / Hermitian matrix.\nRaises LinAlgError for a non-square matrix; ValueError for a UPLO other than 'L' or 'U'.\n>>> np.linalg.eigvalsh(np.array([[2.0, 1.0], [1.0, 2.0]]))\narray([1., 3.])",
        np_eigvalsh),
    builtin!("numpy.linalg", "svd", Function, "(a, full_matrices=True, compute_uv=True, hermitian=False)",
        "Singular value decomposition a = U @ diag(S) @ Vh, as (U, S, Vh) with S descending; only S when compute_uv=False. hermitian is accepted (the general SVD is used).\nRaises LinAlgError for fewer than 2 dimensions or when the SVD does not converge.\n>>> np.linalg.svd(np.array([[3.0, 0.0], [0.0, -4.0]]), compute_uv=False)\narray([4., 3.])",
        np_svd),
    builtin!("numpy.linalg", "svdvals", Function, "(x)",
        "Singular values, descending (same as svd(x, compute_uv=False)).\nRaises LinAlgError for fewer than 2 dimensions or when the SVD does not converge.\n>>> np.linalg.svdvals(np.array([[3.0, 0.0], [0.0, -4.0]]))\narray([4., 3.])",
        np_svdvals),
    builtin!("numpy.linalg", "norm", Function, "(x, ord=None, axis=None, keepdims=False)",
        "Vector or matrix norm. ord: None (2-norm / Frobenius), 'fro', 'nuc', inf, -inf, 0, 1, -1, 2, -2 or any p for vectors; axis: an int (vector norms) or a pair (matrix norms).\nRaises ValueError for an invalid ord or more than 2 dimensions without axis; TypeError for an ord of the wrong type.\n>>> np.linalg.norm(np.array([3.0, 4.0]))\n5.0",
        np_norm),
    builtin!("numpy.linalg", "vector_norm", Function, "(x, /, *, axis=None, keepdims=False, ord=2)",
        "Vector norm over axis (an int or a tuple of axes taken together; all axes by default).\nRaises ValueError for an invalid ord; AxisError for a bad axis.\n>>> np.linalg.vector_norm(np.array([[1.0, 2.0], [2.0, 4.0]]))\n5.0",
        np_vector_norm),
    builtin!("numpy.linalg", "matrix_norm", Function, "(x, /, *, keepdims=False, ord='fro')",
        "Matrix norm over the last two axes; ord as in norm.\nRaises ValueError for an invalid ord; AxisError for fewer than 2 dimensions.\n>>> np.linalg.matrix_norm(np.array([[1.0, -2.0], [3.0, 4.0]]), ord=1)\n6.0",
        np_matrix_norm),
    builtin!("numpy.linalg", "matrix_rank", Function, "(A, tol=None, hermitian=False, *, rtol=None)",
        "Number of singular values above tol (default S.max() * max(m, n) * eps).\nRaises LinAlgError when the SVD does not converge.\n>>> np.linalg.matrix_rank(np.array([[1.0, 2.0], [2.0, 4.0]]))\n1",
        np_matrix_rank),
    builtin!("numpy.linalg", "pinv", Function, "(a, rcond=None, hermitian=False, *, rtol=None)",
        "Moore-Penrose pseudo-inverse through the SVD; singular values <= rcond * S.max() are dropped (rcond default 1e-15).\nRaises LinAlgError for fewer than 2 dimensions or when the SVD does not converge.\n>>> np.linalg.pinv(np.array([[2.0, 0.0], [0.0, 0.0]]))\narray([[0.5, 0. ],\n       [0. , 0. ]])",
        np_pinv),
    builtin!("numpy.linalg", "qr", Function, "(a, mode='reduced')",
        "QR decomposition by Householder reflections, as (Q, R); mode 'reduced', 'complete', 'r' (R only) or 'raw' ((h, tau)).\nRaises LinAlgError for fewer than 2 dimensions; ValueError for an unknown mode.\n>>> np.linalg.qr(np.array([[3.0, 1.0], [4.0, 2.0]]), mode='r')\narray([[-5. , -2.2],\n       [ 0. ,  0.4]])",
        np_qr),
    builtin!("numpy.linalg", "cholesky", Function, "(a, /, *, upper=False)",
        "Cholesky factor L with a = L @ L.conj().T (upper=True gives L.conj().T).\nRaises LinAlgError when the matrix is not square or not positive definite.\n>>> np.linalg.cholesky(np.array([[4.0, 2.0], [2.0, 2.0]]))\narray([[2., 0.],\n       [1., 1.]])",
        np_cholesky),
    builtin!("numpy.linalg", "lstsq", Function, "(a, b, rcond=None)",
        "Least-squares solution of a @ x = b, as (x, residuals, rank, s); residuals are the squared residual norms when rank == n < m.\nRaises LinAlgError when a is not 2-D or the shapes of a and b do not match.\n>>> np.linalg.lstsq(np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), np.array([1.0, 2.0, 3.0]))\n(array([1., 2.]), array([9.]), 2, array([1., 1.]))",
        np_lstsq),
    builtin!("numpy.linalg", "matrix_power", Function, "(a, n)",
        "A square matrix raised to the integer power n (n < 0 through the inverse; int input stays int for n >= 0).\nRaises LinAlgError for a non-square matrix or a singular one with n < 0; TypeError when n is not an integer.\n>>> np.linalg.matrix_power(np.array([[1, 1], [1, 0]]), 5)\narray([[8, 5],\n       [5, 3]])",
        np_matrix_power),
    builtin!("numpy.linalg", "cond", Function, "(x, p=None)",
        "Condition number in the norm p (default 2: ratio of the largest to the smallest singular value).\nRaises LinAlgError for an empty or non-2-D array (non-square for p other than None/2/-2).\n>>> np.linalg.cond(np.array([[1.0, 0.0], [0.0, 4.0]]))\n4.0",
        np_cond),
    builtin!("numpy.linalg", "multi_dot", Function, "(arrays)",
        "Product of two or more arrays in the cheapest order; the first may be a row vector and the last a column vector.\nRaises ValueError for fewer than two arrays or mismatched shapes; LinAlgError for a middle array that is not 2-D.\n>>> np.linalg.multi_dot([np.array([1, 2]), np.array([[1, 0], [0, 1]]), np.array([3, 4])])\n11",
        np_multi_dot),
    builtin!("numpy.linalg", "matmul", Function, "(x1, x2, /)",
        "Matrix product, as np.matmul (the @ operator).\nRaises ValueError when the inner dimensions do not match or an operand is 0-d.\n>>> np.linalg.matmul(np.array([[1, 2], [3, 4]]), np.array([1, 1]))\narray([3, 7])",
        np_linalg_matmul),
    builtin!("numpy.linalg", "outer", Function, "(x1, x2)",
        "Outer product of two 1-d arrays.\nRaises ValueError when an input is not 1-D.\n>>> np.linalg.outer(np.array([1, 2]), np.array([1, 10]))\narray([[ 1, 10],\n       [ 2, 20]])",
        np_linalg_outer),
    builtin!("numpy.linalg", "cross", Function, "(x1, x2, /)",
        "Cross product of 3-vectors (over the last axis).\nRaises ValueError when the last axes are not of length 3.\n>>> np.linalg.cross(np.array([1, 0, 0]), np.array([0, 1, 0]))\narray([0, 0, 1])",
        np_linalg_cross),
    builtin!("numpy.linalg", "matrix_transpose", Function, "(x)",
        "The last two axes swapped (a view).\nRaises ValueError for fewer than 2 dimensions.\n>>> np.linalg.matrix_transpose(np.array([[1, 2, 3]]))\narray([[1],\n       [2],\n       [3]])",
        np_matrix_transpose),
    builtin!("numpy.linalg", "diagonal", Function, "(x, /, *, offset=0)",
        "The diagonals of the matrices over the last two axes.\nRaises ValueError for fewer than 2 dimensions.\n>>> np.linalg.diagonal(np.array([[1, 2], [3, 4]]))\narray([1, 4])",
        np_linalg_diagonal),
    builtin!("numpy.linalg", "trace", Function, "(x, /, *, offset=0)",
        "Sums along the diagonals of the matrices over the last two axes.\nRaises ValueError for fewer than 2 dimensions.\n>>> np.linalg.trace(np.arange(8).reshape(2, 2, 2))\narray([ 3, 11])",
        np_linalg_trace),
];

/// The declaration of the builtin `name` in [`BUILTINS`].
fn decl(name: &str) -> &'static Builtin {
    BUILTINS.iter().find(|b| b.name == name).unwrap_or(&BUILTINS[0])
}
