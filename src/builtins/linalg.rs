//! `numpy.linalg`: the glue from arrays to the nalgebra-based kernels in
//! `crate::linalg`.
//!
//! Int and bool input is promoted to float64, complex input stays complex.
//! Stacked input `(..., m, n)` is looped over its leading axes; results that
//! NumPy returns as namedtuples are Python tuples here.

use super::args::{bind, Bound};
use super::array_glue::{operand, result_value};
use super::convert::to_index;
use super::reductions::{axes_arg, flag};
use super::Builtin;
use crate::array::manip::{moveaxis, normalize_axis};
use crate::array::{product, Array, DType, Element, NdArray};
use crate::builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult, Unwind};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::linalg::{self as kern, LinalgError, LinalgErrorKind, LinalgScalar, MatrixOrd, QrMode, QrResult};
use crate::value::{ExcKind, Value};
use nalgebra::DMatrix;
use num_complex::Complex64;

/// The functions of `numpy.linalg`.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy.linalg", "inv", Function, "(a)",
        "Inverse of a square matrix (or of each matrix in a stack).\nRaises LinAlgError: Singular matrix.\n>>> np.linalg.inv(np.array([[2.0, 0.0], [0.0, 4.0]]))\narray([[0.5 , 0.  ],\n       [0.  , 0.25]])",
        np_inv),
    builtin!("numpy.linalg", "det", Function, "(a)",
        "Determinant of a square matrix (or of each matrix in a stack), from the LU factors.\n>>> np.linalg.det(np.array([[2.0, 0.0], [0.0, 3.0]]))\n6.0",
        np_det),
    builtin!("numpy.linalg", "slogdet", Function, "(a)",
        "Sign and natural log of the absolute determinant, as a tuple (sign, logabsdet).\n>>> np.linalg.slogdet(np.array([[1.0, 0.0], [0.0, -1.0]]))\n(-1.0, 0.0)",
        np_slogdet),
    builtin!("numpy.linalg", "solve", Function, "(a, b)",
        "Solution x of a @ x = b for a square a; b is a vector or a matrix of right-hand sides.\nRaises LinAlgError: Singular matrix.\n>>> np.linalg.solve(np.array([[2.0, 0.0], [0.0, 4.0]]), np.array([2.0, 2.0]))\narray([1. , 0.5])",
        np_solve),
    builtin!("numpy.linalg", "eig", Function, "(a)",
        "Eigenvalues and right eigenvectors (columns) of a square matrix, as (w, v). Real input gives real arrays when every eigenvalue is real, complex ones otherwise.\n>>> np.linalg.eig(np.array([[2.0, 0.0], [0.0, 3.0]]))\n(array([2., 3.]), array([[1., 0.],\n       [0., 1.]]))",
        np_eig),
    builtin!("numpy.linalg", "eigvals", Function, "(a)",
        "Eigenvalues of a square matrix (real when all are real and the input is real).\n>>> np.linalg.eigvals(np.array([[0.0, -1.0], [1.0, 0.0]]))\narray([0.+1.j, 0.-1.j])",
        np_eigvals),
    builtin!("numpy.linalg", "eigh", Function, "(a, UPLO='L')",
        "Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric / Hermitian matrix, as (w, v); reads the lower (UPLO='L') or upper triangle.\n>>> np.linalg.eigh(np.array([[2.0, 0.0], [0.0, 1.0]]))\n(array([1., 2.]), array([[0., 1.],\n       [1., 0.]]))",
        np_eigh),
    builtin!("numpy.linalg", "eigvalsh", Function, "(a, UPLO='L')",
        "Eigenvalues (ascending) of a symmetric / Hermitian matrix.\n>>> np.linalg.eigvalsh(np.array([[2.0, 1.0], [1.0, 2.0]]))\narray([1., 3.])",
        np_eigvalsh),
    builtin!("numpy.linalg", "svd", Function, "(a, full_matrices=True, compute_uv=True, hermitian=False)",
        "Singular value decomposition a = U @ diag(S) @ Vh, as (U, S, Vh) with S descending; only S when compute_uv=False. hermitian is accepted (the general SVD is used).\n>>> np.linalg.svd(np.array([[3.0, 0.0], [0.0, -4.0]]), compute_uv=False)\narray([4., 3.])",
        np_svd),
    builtin!("numpy.linalg", "svdvals", Function, "(x)",
        "Singular values, descending (same as svd(x, compute_uv=False)).\n>>> np.linalg.svdvals(np.array([[3.0, 0.0], [0.0, -4.0]]))\narray([4., 3.])",
        np_svdvals),
    builtin!("numpy.linalg", "norm", Function, "(x, ord=None, axis=None, keepdims=False)",
        "Vector or matrix norm. ord: None (2-norm / Frobenius), 'fro', 'nuc', inf, -inf, 0, 1, -1, 2, -2 or any p for vectors; axis: an int (vector norms) or a pair (matrix norms).\n>>> np.linalg.norm(np.array([3.0, 4.0]))\n5.0",
        np_norm),
    builtin!("numpy.linalg", "vector_norm", Function, "(x, *, axis=None, keepdims=False, ord=2)",
        "Vector norm over axis (an int or a tuple of axes taken together; all axes by default).\n>>> np.linalg.vector_norm(np.array([[1.0, 2.0], [2.0, 4.0]]))\n5.0",
        np_vector_norm),
    builtin!("numpy.linalg", "matrix_norm", Function, "(x, *, keepdims=False, ord='fro')",
        "Matrix norm over the last two axes; ord as in norm.\n>>> np.linalg.matrix_norm(np.array([[1.0, -2.0], [3.0, 4.0]]), ord=1)\n6.0",
        np_matrix_norm),
    builtin!("numpy.linalg", "matrix_rank", Function, "(A, tol=None, hermitian=False, *, rtol=None)",
        "Number of singular values above tol (default S.max() * max(m, n) * eps).\n>>> np.linalg.matrix_rank(np.array([[1.0, 2.0], [2.0, 4.0]]))\n1",
        np_matrix_rank),
    builtin!("numpy.linalg", "pinv", Function, "(a, rcond=None, hermitian=False, *, rtol=None)",
        "Moore-Penrose pseudo-inverse through the SVD; singular values <= rcond * S.max() are dropped (rcond default 1e-15).\n>>> np.linalg.pinv(np.array([[2.0, 0.0], [0.0, 0.0]]))\narray([[0.5, 0. ],\n       [0. , 0. ]])",
        np_pinv),
    builtin!("numpy.linalg", "qr", Function, "(a, mode='reduced')",
        "QR decomposition by Householder reflections, as (Q, R); mode 'reduced', 'complete', 'r' (R only) or 'raw' ((h, tau)).\n>>> np.linalg.qr(np.array([[3.0, 1.0], [4.0, 2.0]]), mode='r')\narray([[-5. , -2.2],\n       [ 0. ,  0.4]])",
        np_qr),
    builtin!("numpy.linalg", "cholesky", Function, "(a, *, upper=False)",
        "Cholesky factor L with a = L @ L.conj().T (upper=True gives L.conj().T).\nRaises LinAlgError: Matrix is not positive definite.\n>>> np.linalg.cholesky(np.array([[4.0, 2.0], [2.0, 2.0]]))\narray([[2., 0.],\n       [1., 1.]])",
        np_cholesky),
    builtin!("numpy.linalg", "lstsq", Function, "(a, b, rcond=None)",
        "Least-squares solution of a @ x = b, as (x, residuals, rank, s); residuals are the squared residual norms when rank == n < m.\n>>> np.linalg.lstsq(np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), np.array([1.0, 2.0, 3.0]))\n(array([1., 2.]), array([9.]), 2, array([1., 1.]))",
        np_lstsq),
    builtin!("numpy.linalg", "matrix_power", Function, "(a, n)",
        "A square matrix raised to the integer power n (n < 0 through the inverse; int input stays int for n >= 0).\n>>> np.linalg.matrix_power(np.array([[1, 1], [1, 0]]), 5)\narray([[8, 5],\n       [5, 3]])",
        np_matrix_power),
    builtin!("numpy.linalg", "cond", Function, "(x, p=None)",
        "Condition number in the norm p (default 2: ratio of the largest to the smallest singular value).\n>>> np.linalg.cond(np.array([[1.0, 0.0], [0.0, 4.0]]))\n4.0",
        np_cond),
    builtin!("numpy.linalg", "multi_dot", Function, "(arrays)",
        "Product of two or more arrays in the cheapest order; the first may be a row vector and the last a column vector.\n>>> np.linalg.multi_dot([np.array([1, 2]), np.array([[1, 0], [0, 1]]), np.array([3, 4])])\n11",
        np_multi_dot),
    builtin!("numpy.linalg", "matmul", Function, "(x1, x2)",
        "Matrix product, as np.matmul (the @ operator).\n>>> np.linalg.matmul(np.array([[1, 2], [3, 4]]), np.array([1, 1]))\narray([3, 7])",
        np_linalg_matmul),
    builtin!("numpy.linalg", "outer", Function, "(x1, x2)",
        "Outer product of two 1-d arrays.\n>>> np.linalg.outer(np.array([1, 2]), np.array([1, 10]))\narray([[ 1, 10],\n       [ 2, 20]])",
        np_linalg_outer),
    builtin!("numpy.linalg", "cross", Function, "(x1, x2)",
        "Cross product of 3-vectors (over the last axis).\n>>> np.linalg.cross(np.array([1, 0, 0]), np.array([0, 1, 0]))\narray([0, 0, 1])",
        np_linalg_cross),
    builtin!("numpy.linalg", "matrix_transpose", Function, "(x)",
        "The last two axes swapped (a view).\n>>> np.linalg.matrix_transpose(np.array([[1, 2, 3]]))\narray([[1],\n       [2],\n       [3]])",
        np_matrix_transpose),
    builtin!("numpy.linalg", "diagonal", Function, "(x, *, offset=0)",
        "The diagonals of the matrices over the last two axes.\n>>> np.linalg.diagonal(np.array([[1, 2], [3, 4]]))\narray([1, 4])",
        np_linalg_diagonal),
    builtin!("numpy.linalg", "trace", Function, "(x, *, offset=0)",
        "Sums along the diagonals of the matrices over the last two axes.\n>>> np.linalg.trace(np.arange(8).reshape(2, 2, 2))\narray([ 3, 11])",
        np_linalg_trace),
];

/// The declaration of the builtin `name` in [`BUILTINS`].
fn decl(name: &str) -> &'static Builtin {
    BUILTINS.iter().find(|b| b.name == name).unwrap_or(&BUILTINS[0])
}

/// A kernel error as the Python exception NumPy raises.
fn lin(e: LinalgError) -> Unwind {
    let kind = match e.kind {
        LinalgErrorKind::LinAlg => ExcKind::LinAlgError,
        LinalgErrorKind::Value => ExcKind::ValueError,
    };
    raise(kind, e.message)
}

/// A `numpy.linalg.LinAlgError`.
fn linalg_error(message: impl Into<String>) -> Unwind {
    raise(ExcKind::LinAlgError, message)
}

/// NumPy's `_assert_stacked_2d`.
fn need_2d(a: &NdArray) -> EvalResult<()> {
    if a.ndim() < 2 {
        return Err(linalg_error(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// NumPy's `_assert_stacked_2d` and `_assert_stacked_square`.
fn need_square(a: &NdArray) -> EvalResult<()> {
    need_2d(a)?;
    let s = a.shape();
    if s[s.len() - 1] != s[s.len() - 2] {
        return Err(linalg_error(kern::MSG_NOT_SQUARE));
    }
    Ok(())
}

/// Whether the kernels must work in complex128.
fn is_complex(a: &NdArray) -> bool {
    a.dtype() == DType::Complex128
}

/// The element types the kernels work in: float64 and complex128.
trait Kern: LinalgScalar + Element {
    /// The array cast to this element type.
    fn array_of(a: &NdArray) -> Array<Self>;
    /// The typed array as an [`NdArray`].
    fn wrap(a: Array<Self>) -> NdArray;
}

impl Kern for f64 {
    fn array_of(a: &NdArray) -> Array<f64> {
        a.to_float()
    }
    fn wrap(a: Array<f64>) -> NdArray {
        NdArray::Float(a)
    }
}

impl Kern for Complex64 {
    fn array_of(a: &NdArray) -> Array<Complex64> {
        a.to_complex()
    }
    fn wrap(a: Array<Complex64>) -> NdArray {
        NdArray::Complex(a)
    }
}

/// The matrices of a `(..., m, n)` array, in C order of the leading axes.
struct Stack<T> {
    /// The leading (stacking) axes.
    batch: Vec<usize>,
    /// Rows of each matrix.
    rows: usize,
    /// Columns of each matrix.
    cols: usize,
    /// The matrices, one per batch index.
    mats: Vec<DMatrix<T>>,
}

/// Splits an array of at least two dimensions into its matrices.
fn stack_of<T: Kern>(a: &NdArray) -> Stack<T> {
    let arr = T::array_of(a);
    let shape = arr.shape().to_vec();
    let nd = shape.len();
    let (rows, cols) = if nd >= 2 { (shape[nd - 2], shape[nd - 1]) } else { (1, shape.first().copied().unwrap_or(1)) };
    let batch = shape[..nd.saturating_sub(2)].to_vec();
    let data = arr.to_vec();
    let per = rows * cols;
    let count: usize = batch.iter().product();
    let mats = (0..count).map(|b| DMatrix::from_row_slice(rows, cols, &data[b * per..(b + 1) * per])).collect();
    Stack { batch, rows, cols, mats }
}

/// A matrix's elements in row-major order.
fn row_major<T: Kern>(m: &DMatrix<T>) -> Vec<T> {
    m.transpose().as_slice().to_vec()
}

/// An array of shape `batch + core` from per-matrix parts (each in C order).
fn assemble<T: Kern>(batch: &[usize], core: &[usize], parts: Vec<Vec<T>>) -> EvalResult<NdArray> {
    let mut shape = batch.to_vec();
    shape.extend_from_slice(core);
    let data: Vec<T> = parts.into_iter().flatten().collect();
    Ok(T::wrap(Array::from_vec(shape, data)?))
}

/// An array of shape `batch + (r, c)` from matrices.
fn mats_array<T: Kern>(batch: &[usize], r: usize, c: usize, mats: &[DMatrix<T>]) -> EvalResult<NdArray> {
    assemble(batch, &[r, c], mats.iter().map(row_major).collect())
}

/// A float64 array of shape `batch + core` from per-matrix parts.
fn float_array(batch: &[usize], core: &[usize], parts: Vec<Vec<f64>>) -> EvalResult<NdArray> {
    assemble::<f64>(batch, core, parts)
}

/// The first argument as an array.
fn first_array(b: &mut Bound) -> EvalResult<NdArray> {
    operand(&b.required(0)?)
}

/// Applies a per-matrix kernel to every matrix of a stack.
fn each<T: Kern, R>(s: &Stack<T>, mut f: impl FnMut(&DMatrix<T>) -> Result<R, LinalgError>) -> EvalResult<Vec<R>> {
    s.mats.iter().map(|m| f(m).map_err(lin)).collect()
}

/// Inverses of every matrix.
fn inv_t<T: Kern>(a: &NdArray) -> EvalResult<NdArray> {
    let s = stack_of::<T>(a);
    let out = each(&s, kern::inv)?;
    mats_array(&s.batch, s.rows, s.cols, &out)
}

pub(crate) fn np_inv(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("inv"), args)?;
    let a = first_array(&mut b)?;
    need_square(&a)?;
    Ok(Value::array(if is_complex(&a) { inv_t::<Complex64>(&a)? } else { inv_t::<f64>(&a)? }))
}

/// Determinants (a scalar for one matrix).
fn det_t<T: Kern>(a: &NdArray) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let out = each(&s, kern::det)?;
    Ok(result_value(T::wrap(Array::from_vec(s.batch, out)?)))
}

pub(crate) fn np_det(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("det"), args)?;
    let a = first_array(&mut b)?;
    need_square(&a)?;
    if is_complex(&a) {
        det_t::<Complex64>(&a)
    } else {
        det_t::<f64>(&a)
    }
}

/// `(sign, logabsdet)` of every matrix.
fn slogdet_t<T: Kern>(a: &NdArray) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let out = each(&s, kern::slogdet)?;
    let (signs, logs): (Vec<T>, Vec<f64>) = out.into_iter().unzip();
    let sign = result_value(T::wrap(Array::from_vec(s.batch.clone(), signs)?));
    let log = result_value(NdArray::Float(Array::from_vec(s.batch, logs)?));
    Ok(Value::tuple(vec![sign, log]))
}

pub(crate) fn np_slogdet(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("slogdet"), args)?;
    let a = first_array(&mut b)?;
    need_square(&a)?;
    if is_complex(&a) {
        slogdet_t::<Complex64>(&a)
    } else {
        slogdet_t::<f64>(&a)
    }
}

/// The broadcast of two batch shapes, `None` when incompatible.
fn broadcast_batch(x: &[usize], y: &[usize]) -> Option<Vec<usize>> {
    let n = x.len().max(y.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let dx = if i + x.len() >= n { x[i + x.len() - n] } else { 1 };
        let dy = if i + y.len() >= n { y[i + y.len() - n] } else { 1 };
        out[i] = if dx == dy || dy == 1 {
            dx
        } else if dx == 1 {
            dy
        } else {
            return None;
        };
    }
    Some(out)
}

/// The flat index into a batch of shape `inner` for the flat index `flat`
/// of the broadcast batch shape `outer`.
fn source_index(outer: &[usize], inner: &[usize], mut flat: usize) -> usize {
    let mut idx = 0;
    let mut stride = 1;
    let shift = outer.len() - inner.len();
    for i in (0..outer.len()).rev() {
        let d = outer[i].max(1);
        let k = flat % d;
        flat /= d;
        if i >= shift {
            let dim = inner[i - shift];
            if dim != 1 {
                idx += k * stride;
            }
            stride *= dim;
        }
    }
    idx
}

/// Solves every (broadcast) system; `vector` when `b` is 1-d.
fn solve_t<T: Kern>(a: &NdArray, b: &NdArray, vector: bool) -> EvalResult<NdArray> {
    let sa = stack_of::<T>(a);
    let n = sa.rows;
    let sb = if vector {
        let bv = T::array_of(b).to_vec();
        Stack { batch: vec![], rows: bv.len(), cols: 1, mats: vec![DMatrix::from_column_slice(bv.len(), 1, &bv)] }
    } else {
        stack_of::<T>(b)
    };
    if vector && sb.rows != n {
        return Err(value_error(format!(
            "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size {} is different from {})",
            sb.rows, n
        )));
    }
    if !vector && sb.rows != n {
        return Err(value_error(format!(
            "solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size {} is different from {})",
            sb.rows, n
        )));
    }
    let batch = broadcast_batch(&sa.batch, &sb.batch).ok_or_else(|| {
        value_error(format!(
            "solve: operands could not be broadcast together: batch shapes {:?} and {:?}",
            sa.batch, sb.batch
        ))
    })?;
    let count: usize = batch.iter().product();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let ma = &sa.mats[source_index(&batch, &sa.batch, i)];
        let mb = &sb.mats[source_index(&batch, &sb.batch, i)];
        out.push(kern::solve(ma, mb).map_err(lin)?);
    }
    if vector {
        assemble(&batch, &[n], out.iter().map(|m| m.as_slice().to_vec()).collect())
    } else {
        mats_array(&batch, n, sb.cols, &out)
    }
}

pub(crate) fn np_solve(_: &mut Interp, args: Args) -> EvalResult {
    let mut bd = bind(decl("solve"), args)?;
    let a = first_array(&mut bd)?;
    let b = operand(&bd.required(1)?)?;
    need_square(&a)?;
    let vector = b.ndim() == 1;
    if b.ndim() == 0 {
        return Err(value_error(
            "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (m,m),(m,n)->(m,n) requires 2)",
        ));
    }
    Ok(Value::array(if is_complex(&a) || is_complex(&b) {
        solve_t::<Complex64>(&a, &b, vector)?
    } else {
        solve_t::<f64>(&a, &b, vector)?
    }))
}

/// Complex results as NumPy returns them: float64 when `real`.
fn complex_result(batch: &[usize], core: &[usize], parts: Vec<Vec<Complex64>>, real: bool) -> EvalResult<NdArray> {
    if real {
        float_array(batch, core, parts.into_iter().map(|p| p.into_iter().map(|z| z.re).collect()).collect())
    } else {
        assemble(batch, core, parts)
    }
}

/// `(w, v)` of every matrix, or `w` alone; real arrays when all eigenvalues are real.
fn eig_t<T: Kern>(a: &NdArray, vectors: bool) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let n = s.rows;
    let mut real = !T::IS_COMPLEX;
    let mut ws = Vec::with_capacity(s.mats.len());
    let mut vs = Vec::with_capacity(s.mats.len());
    for m in &s.mats {
        if vectors {
            let r = kern::eig(m).map_err(lin)?;
            real &= r.real;
            ws.push(r.values.as_slice().to_vec());
            vs.push(r.vectors.transpose().as_slice().to_vec());
        } else {
            let (w, r) = kern::eigvals(m).map_err(lin)?;
            real &= r;
            ws.push(w.as_slice().to_vec());
        }
    }
    let w = complex_result(&s.batch, &[n], ws, real)?;
    if !vectors {
        return Ok(Value::array(w));
    }
    let v = complex_result(&s.batch, &[n, n], vs, real)?;
    Ok(Value::tuple(vec![Value::array(w), Value::array(v)]))
}

/// Shared by `eig` and `eigvals`.
fn eig_common(args: Args, name: &str, vectors: bool) -> EvalResult {
    let mut b = bind(decl(name), args)?;
    let a = first_array(&mut b)?;
    need_square(&a)?;
    if is_complex(&a) {
        eig_t::<Complex64>(&a, vectors)
    } else {
        eig_t::<f64>(&a, vectors)
    }
}

pub(crate) fn np_eig(_: &mut Interp, args: Args) -> EvalResult {
    eig_common(args, "eig", true)
}

pub(crate) fn np_eigvals(_: &mut Interp, args: Args) -> EvalResult {
    eig_common(args, "eigvals", false)
}

/// `(w, v)` (or `w`) of every symmetric / Hermitian matrix.
fn eigh_t<T: Kern>(a: &NdArray, upper: bool, vectors: bool) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let n = s.rows;
    let mut ws = Vec::with_capacity(s.mats.len());
    let mut vs = Vec::with_capacity(s.mats.len());
    for m in &s.mats {
        // The upper triangle of `m` is the (conjugated) lower one of its adjoint.
        let (w, v) = if upper { kern::eigh(&m.adjoint()) } else { kern::eigh(m) }.map_err(lin)?;
        ws.push(w.as_slice().to_vec());
        if vectors {
            vs.push(v);
        }
    }
    let w = float_array(&s.batch, &[n], ws)?;
    if !vectors {
        return Ok(Value::array(w));
    }
    let v = mats_array(&s.batch, n, n, &vs)?;
    Ok(Value::tuple(vec![Value::array(w), Value::array(v)]))
}

/// Shared by `eigh` and `eigvalsh`.
fn eigh_common(args: Args, name: &str, vectors: bool) -> EvalResult {
    let mut b = bind(decl(name), args)?;
    let a = first_array(&mut b)?;
    let upper = match b.get(1) {
        None => false,
        Some(Value::Str(s)) if matches!(s.as_ref(), "L" | "l") => false,
        Some(Value::Str(s)) if matches!(s.as_ref(), "U" | "u") => true,
        Some(_) => return Err(value_error("UPLO argument must be 'L' or 'U'")),
    };
    need_square(&a)?;
    if is_complex(&a) {
        eigh_t::<Complex64>(&a, upper, vectors)
    } else {
        eigh_t::<f64>(&a, upper, vectors)
    }
}

pub(crate) fn np_eigh(_: &mut Interp, args: Args) -> EvalResult {
    eigh_common(args, "eigh", true)
}

pub(crate) fn np_eigvalsh(_: &mut Interp, args: Args) -> EvalResult {
    eigh_common(args, "eigvalsh", false)
}

/// `(U, S, Vh)` of every matrix, or `S` alone.
fn svd_t<T: Kern>(a: &NdArray, full: bool, uv: bool) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let (m, n) = (s.rows, s.cols);
    let k = m.min(n);
    if !uv {
        let out = each(&s, kern::svd_values)?;
        return Ok(Value::array(float_array(&s.batch, &[k], out.iter().map(|v| v.as_slice().to_vec()).collect())?));
    }
    let out = each(&s, |x| kern::svd(x, full))?;
    let (um, vn) = if full { (m, n) } else { (k, k) };
    let us: Vec<DMatrix<T>> = out.iter().map(|r| r.0.clone()).collect();
    let ss: Vec<Vec<f64>> = out.iter().map(|r| r.1.as_slice().to_vec()).collect();
    let vs: Vec<DMatrix<T>> = out.iter().map(|r| r.2.clone()).collect();
    Ok(Value::tuple(vec![
        Value::array(mats_array(&s.batch, m, um, &us)?),
        Value::array(float_array(&s.batch, &[k], ss)?),
        Value::array(mats_array(&s.batch, vn, n, &vs)?),
    ]))
}

pub(crate) fn np_svd(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("svd"), args)?;
    let a = first_array(&mut b)?;
    let full = b.get(1).is_none() || flag(interp, &b, 1)?;
    let uv = b.get(2).is_none() || flag(interp, &b, 2)?;
    need_2d(&a)?;
    if is_complex(&a) {
        svd_t::<Complex64>(&a, full, uv)
    } else {
        svd_t::<f64>(&a, full, uv)
    }
}

pub(crate) fn np_svdvals(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("svdvals"), args)?;
    let a = first_array(&mut b)?;
    need_2d(&a)?;
    if is_complex(&a) {
        svd_t::<Complex64>(&a, false, false)
    } else {
        svd_t::<f64>(&a, false, false)
    }
}

/// The `ord` argument of `norm` and `cond`.
enum Ord {
    Default,
    Num(f64),
    Name(String),
}

/// Parses an `ord` / `p` argument.
fn ord_arg(v: Option<&Value>) -> EvalResult<Ord> {
    match v {
        None | Some(Value::None) => Ok(Ord::Default),
        Some(Value::Str(s)) => Ok(Ord::Name(s.to_string())),
        Some(Value::Int(i)) => Ok(Ord::Num(*i as f64)),
        Some(Value::Bool(b)) => Ok(Ord::Num(*b as i64 as f64)),
        Some(Value::Float(f)) => Ok(Ord::Num(*f)),
        Some(Value::Array(a)) if a.size() == 1 && !is_complex(a) => Ok(Ord::Num(a.get_flat(0).to_f64())),
        Some(other) => Err(type_error(format!("'{}' object is not a valid norm order", other.type_name()))),
    }
}

/// The matrix norm order for `ord`; NumPy's `ValueError` when invalid.
fn matrix_ord(ord: &Ord) -> EvalResult<MatrixOrd> {
    let m = match ord {
        Ord::Default => Some(MatrixOrd::Fro),
        Ord::Num(p) => MatrixOrd::from_f64(*p),
        Ord::Name(s) => MatrixOrd::from_name(s),
    };
    m.ok_or_else(|| value_error("Invalid norm order for matrices."))
}

/// Vector norms along the last axis of `x` (shape `outer + (len,)`).
fn vector_norms_t<T: Kern>(x: &NdArray, p: Option<f64>) -> EvalResult<Vec<f64>> {
    let data = T::array_of(x).to_vec();
    let len = x.shape().last().copied().unwrap_or(1);
    let count: usize = x.shape()[..x.ndim().saturating_sub(1)].iter().product();
    (0..count).map(|i| kern::vector_norm(&data[i * len..(i + 1) * len], p).map_err(lin)).collect()
}

/// Matrix norms over the last two axes of `x`.
fn matrix_norms_t<T: Kern>(x: &NdArray, ord: MatrixOrd) -> EvalResult<Vec<f64>> {
    let s = stack_of::<T>(x);
    each(&s, |m| kern::matrix_norm(m, ord))
}

/// The shape of a reduction over `axes` of `shape` (ones kept with keepdims).
fn reduced_shape(shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(shape.len());
    for (i, &d) in shape.iter().enumerate() {
        if axes.contains(&i) {
            if keepdims {
                out.push(1);
            }
        } else {
            out.push(d);
        }
    }
    out
}

/// The input of a norm: float64 unless complex.
fn norm_input(x: NdArray) -> NdArray {
    if matches!(x.dtype(), DType::Float64 | DType::Complex128) {
        x
    } else {
        NdArray::Float(x.to_float())
    }
}

/// A float64 result of shape `shape` (a Python float when 0-d).
fn norm_result(shape: Vec<usize>, r: Vec<f64>) -> EvalResult {
    Ok(result_value(NdArray::Float(Array::from_vec(shape, r)?)))
}

/// Vector norms over `axes` (taken together) of `x`.
fn vector_norm_over(x: &NdArray, axes: &[usize], p: Option<f64>, keepdims: bool) -> EvalResult {
    let k = axes.len() as isize;
    let src: Vec<isize> = axes.iter().map(|&a| a as isize).collect();
    let dst: Vec<isize> = (-k..0).collect();
    let moved = moveaxis(x, &src, &dst)?;
    let mut dims: Vec<isize> = moved.shape()[..moved.ndim() - axes.len()].iter().map(|&d| d as isize).collect();
    dims.push(axes.iter().map(|&a| x.shape()[a]).product::<usize>() as isize);
    let flat = crate::array::manip::reshape(&moved, &dims)?;
    let r = if is_complex(x) { vector_norms_t::<Complex64>(&flat, p)? } else { vector_norms_t::<f64>(&flat, p)? };
    norm_result(reduced_shape(x.shape(), axes, keepdims), r)
}

/// Matrix norms over the axes `r` (rows) and `c` (columns) of `x`.
fn matrix_norm_over(x: &NdArray, r: usize, c: usize, ord: MatrixOrd, keepdims: bool) -> EvalResult {
    if r == c {
        return Err(value_error("Duplicate axes given."));
    }
    let moved = moveaxis(x, &[r as isize, c as isize], &[-2, -1])?;
    let out =
        if is_complex(x) { matrix_norms_t::<Complex64>(&moved, ord)? } else { matrix_norms_t::<f64>(&moved, ord)? };
    norm_result(reduced_shape(x.shape(), &[r, c], keepdims), out)
}

/// A vector norm order (strings are NumPy's `ValueError`).
fn vector_ord(ord: Ord) -> EvalResult<Option<f64>> {
    match ord {
        Ord::Default => Ok(None),
        Ord::Num(p) => Ok(Some(p)),
        Ord::Name(s) => Err(value_error(format!("Invalid norm order '{s}' for vectors"))),
    }
}

/// Normalized axes, or all of them.
fn norm_axes(axis: Option<Vec<isize>>, nd: usize) -> EvalResult<Vec<usize>> {
    match axis {
        None => Ok((0..nd).collect()),
        Some(ax) => Ok(ax.iter().map(|&a| normalize_axis(a, nd)).collect::<Result<_, _>>()?),
    }
}

pub(crate) fn np_norm(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("norm"), args)?;
    let x = norm_input(first_array(&mut b)?);
    let ord = ord_arg(b.get(1))?;
    let axis = axes_arg(b.get(2))?;
    let keepdims = flag(interp, &b, 3)?;
    let nd = x.ndim();
    if axis.is_none() && matches!(ord, Ord::Default) {
        // The 2-norm of the flattened array, whatever its shape.
        return vector_norm_over(&x, &(0..nd).collect::<Vec<_>>(), None, keepdims);
    }
    let axes = norm_axes(axis, nd)?;
    match axes.len() {
        1 => vector_norm_over(&x, &axes, vector_ord(ord)?, keepdims),
        2 => matrix_norm_over(&x, axes[0], axes[1], matrix_ord(&ord)?, keepdims),
        _ => Err(value_error("Improper number of dimensions to norm.")),
    }
}

pub(crate) fn np_vector_norm(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("vector_norm"), args)?;
    let x = norm_input(first_array(&mut b)?);
    let axis = axes_arg(b.get(1))?;
    let keepdims = flag(interp, &b, 2)?;
    let p = vector_ord(ord_arg(b.get(3))?)?;
    let axes = norm_axes(axis, x.ndim())?;
    vector_norm_over(&x, &axes, p, keepdims)
}

pub(crate) fn np_matrix_norm(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_norm"), args)?;
    let x = norm_input(first_array(&mut b)?);
    let keepdims = flag(interp, &b, 1)?;
    let ord = match b.get(2) {
        None => MatrixOrd::Fro,
        v => matrix_ord(&ord_arg(v)?)?,
    };
    let nd = x.ndim();
    let r = normalize_axis(-2, nd)?;
    matrix_norm_over(&x, r, nd - 1, ord, keepdims)
}

/// A float argument such as `tol` or `rcond` (`None` when omitted or None).
fn float_arg(v: Option<&Value>) -> EvalResult<Option<f64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match super::convert::to_float_value(v)? {
            Value::Float(f) => Ok(Some(f)),
            _ => Ok(None),
        },
    }
}

/// Ranks of every matrix (`rtol` relative to the largest singular value).
fn rank_t<T: Kern>(a: &NdArray, tol: Option<f64>, rtol: Option<f64>) -> EvalResult<Vec<i64>> {
    let s = stack_of::<T>(a);
    each(&s, |m| {
        let tol = match (tol, rtol) {
            (None, Some(r)) => Some(kern::svd_values(m)?.iter().fold(0.0f64, |acc, &x| acc.max(x)) * r),
            (t, _) => t,
        };
        kern::matrix_rank(m, tol).map(|r| r as i64)
    })
}

pub(crate) fn np_matrix_rank(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_rank"), args)?;
    let a = first_array(&mut b)?;
    let tol = float_arg(b.get(1))?;
    let rtol = float_arg(b.get(3))?;
    if a.ndim() < 2 {
        let any = a.to_scalars().iter().any(|s| s.to_c64() != Complex64::new(0.0, 0.0));
        return Ok(Value::Int(any as i64));
    }
    let ranks = if is_complex(&a) { rank_t::<Complex64>(&a, tol, rtol)? } else { rank_t::<f64>(&a, tol, rtol)? };
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    Ok(result_value(NdArray::Int(Array::from_vec(batch, ranks)?)))
}

/// Pseudo-inverses of every matrix.
fn pinv_t<T: Kern>(a: &NdArray, rcond: Option<f64>) -> EvalResult<NdArray> {
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::pinv(m, rcond))?;
    mats_array(&s.batch, s.cols, s.rows, &out)
}

pub(crate) fn np_pinv(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("pinv"), args)?;
    let a = first_array(&mut b)?;
    need_2d(&a)?;
    let mut rcond = float_arg(b.get(1))?;
    if rcond.is_none() {
        match b.get_raw(3) {
            Some(Value::None) => {
                let s = a.shape();
                let big = s[s.len() - 1].max(s[s.len() - 2]);
                rcond = Some(big as f64 * f64::EPSILON);
            }
            Some(v) => rcond = float_arg(Some(v))?,
            None => {}
        }
    }
    Ok(Value::array(if is_complex(&a) { pinv_t::<Complex64>(&a, rcond)? } else { pinv_t::<f64>(&a, rcond)? }))
}

/// QR of every matrix, shaped by `mode`.
fn qr_t<T: Kern>(a: &NdArray, mode: QrMode) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let (m, n) = (s.rows, s.cols);
    let k = m.min(n);
    let out = each(&s, |x| kern::qr(x, mode))?;
    let mut firsts = Vec::with_capacity(out.len());
    let mut seconds = Vec::with_capacity(out.len());
    for r in out {
        match r {
            QrResult::QR(q, rr) => {
                firsts.push(row_major(&q));
                seconds.push(row_major(&rr));
            }
            QrResult::R(rr) => firsts.push(row_major(&rr)),
            QrResult::Raw(h, tau) => {
                firsts.push(row_major(&h));
                seconds.push(tau.as_slice().to_vec());
            }
        }
    }
    let b = &s.batch;
    Ok(match mode {
        QrMode::Reduced => Value::tuple(vec![
            Value::array(assemble(b, &[m, k], firsts)?),
            Value::array(assemble(b, &[k, n], seconds)?),
        ]),
        QrMode::Complete => Value::tuple(vec![
            Value::array(assemble(b, &[m, m], firsts)?),
            Value::array(assemble(b, &[m, n], seconds)?),
        ]),
        QrMode::R => Value::array(assemble(b, &[k, n], firsts)?),
        QrMode::Raw => {
            Value::tuple(vec![Value::array(assemble(b, &[n, m], firsts)?), Value::array(assemble(b, &[k], seconds)?)])
        }
    })
}

pub(crate) fn np_qr(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("qr"), args)?;
    let a = first_array(&mut b)?;
    let mode = match b.get(1) {
        None => QrMode::Reduced,
        Some(Value::Str(s)) => match s.as_ref() {
            "reduced" => QrMode::Reduced,
            "complete" => QrMode::Complete,
            "r" => QrMode::R,
            "raw" => QrMode::Raw,
            other => return Err(value_error(format!("Unrecognized mode '{other}'"))),
        },
        Some(other) => return Err(value_error(format!("Unrecognized mode '{}'", other.type_name()))),
    };
    need_2d(&a)?;
    if is_complex(&a) {
        qr_t::<Complex64>(&a, mode)
    } else {
        qr_t::<f64>(&a, mode)
    }
}

/// Cholesky factors of every matrix (`upper` gives the adjoint).
fn cholesky_t<T: Kern>(a: &NdArray, upper: bool) -> EvalResult<NdArray> {
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::cholesky(m).map(|l| if upper { l.adjoint() } else { l }))?;
    mats_array(&s.batch, s.rows, s.cols, &out)
}

pub(crate) fn np_cholesky(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("cholesky"), args)?;
    let a = first_array(&mut b)?;
    let upper = flag(interp, &b, 1)?;
    need_square(&a)?;
    Ok(Value::array(if is_complex(&a) { cholesky_t::<Complex64>(&a, upper)? } else { cholesky_t::<f64>(&a, upper)? }))
}

/// The 4-tuple of `lstsq` for a 2-d `a` and 1-d or 2-d `b`.
fn lstsq_t<T: Kern>(a: &NdArray, b: &NdArray, rcond: Option<f64>) -> EvalResult<Value> {
    let vector = b.ndim() == 1;
    let ma = stack_of::<T>(a).mats.into_iter().next().unwrap_or_else(|| DMatrix::zeros(0, 0));
    let mb = if vector {
        let v = T::array_of(b).to_vec();
        DMatrix::from_column_slice(v.len(), 1, &v)
    } else {
        stack_of::<T>(b).mats.into_iter().next().unwrap_or_else(|| DMatrix::zeros(0, 0))
    };
    let r = kern::lstsq(&ma, &mb, rcond).map_err(lin)?;
    let n = r.x.nrows();
    let x = if vector {
        T::wrap(Array::from_vec(vec![n], r.x.as_slice().to_vec())?)
    } else {
        T::wrap(Array::from_vec(vec![n, r.x.ncols()], row_major(&r.x))?)
    };
    let res = NdArray::Float(Array::from_slice(r.residuals.as_slice()));
    let sv = NdArray::Float(Array::from_slice(r.singular_values.as_slice()));
    Ok(Value::tuple(vec![Value::array(x), Value::array(res), Value::Int(r.rank as i64), Value::array(sv)]))
}

pub(crate) fn np_lstsq(_: &mut Interp, args: Args) -> EvalResult {
    let mut bd = bind(decl("lstsq"), args)?;
    let a = first_array(&mut bd)?;
    let b = operand(&bd.required(1)?)?;
    let rcond = float_arg(bd.get(2))?;
    let b_nd = if b.ndim() == 1 { 2 } else { b.ndim() };
    for nd in [a.ndim(), b_nd] {
        if nd != 2 {
            return Err(linalg_error(format!("{nd}-dimensional array given. Array must be two-dimensional")));
        }
    }
    if is_complex(&a) || is_complex(&b) {
        lstsq_t::<Complex64>(&a, &b, rcond)
    } else {
        lstsq_t::<f64>(&a, &b, rcond)
    }
}

/// Float / complex powers of every matrix.
fn power_t<T: Kern>(a: &NdArray, n: i64) -> EvalResult<NdArray> {
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::matrix_power(m, n))?;
    mats_array(&s.batch, s.rows, s.cols, &out)
}

/// Integer (or boolean) powers with NumPy's wrap-around, `n >= 0`.
fn power_int(a: &NdArray, n: u64) -> EvalResult<NdArray> {
    let boolean = a.dtype() == DType::Bool;
    let arr = a.to_int();
    let shape = arr.shape().to_vec();
    let nd = shape.len();
    let k = shape[nd - 1];
    let data = arr.to_vec();
    let count: usize = shape[..nd - 2].iter().product();
    let mut out = Vec::with_capacity(data.len());
    for i in 0..count {
        let m = DMatrix::from_row_slice(k, k, &data[i * k * k..(i + 1) * k * k]);
        let p = if boolean {
            let mul = |x: &DMatrix<i64>, y: &DMatrix<i64>| (x * y).map(|v| (v != 0) as i64);
            if n == 0 {
                DMatrix::identity(k, k)
            } else {
                kern::binary_power(m.clone(), n, mul).unwrap_or(m)
            }
        } else {
            kern::matrix_power_i64(&m, n).map_err(lin)?
        };
        out.extend(p.transpose().as_slice().iter().copied());
    }
    let r = Array::from_vec(shape, out)?;
    Ok(if boolean { NdArray::Bool(r.map(|v| v != 0)) } else { NdArray::Int(r) })
}

pub(crate) fn np_matrix_power(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_power"), args)?;
    let a = first_array(&mut b)?;
    let nv = b.required(1)?;
    need_square(&a)?;
    let n = match &nv {
        Value::Int(_) | Value::Bool(_) => to_index(&nv, "")?,
        Value::Array(x) if x.ndim() == 0 && matches!(x.dtype(), DType::Int64 | DType::Bool) => to_index(&nv, "")?,
        _ => return Err(type_error("exponent must be an integer")),
    };
    Ok(Value::array(match a.dtype() {
        DType::Complex128 => power_t::<Complex64>(&a, n)?,
        DType::Float64 => power_t::<f64>(&a, n)?,
        _ if n < 0 => power_t::<f64>(&a, n)?,
        _ => power_int(&a, n as u64)?,
    }))
}

/// Condition numbers of every matrix.
fn cond_t<T: Kern>(a: &NdArray, p: Option<MatrixOrd>) -> EvalResult<Value> {
    let s = stack_of::<T>(a);
    let out = each(&s, |m| kern::cond(m, p))?;
    Ok(result_value(NdArray::Float(Array::from_vec(s.batch, out)?)))
}

pub(crate) fn np_cond(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("cond"), args)?;
    let a = first_array(&mut b)?;
    let p = match ord_arg(b.get(1))? {
        Ord::Default => None,
        other => Some(matrix_ord(&other)?),
    };
    let core: usize = a.shape()[a.ndim().saturating_sub(2)..].iter().product();
    if a.size() == 0 && core == 0 {
        return Err(linalg_error("cond is not defined on empty arrays"));
    }
    need_2d(&a)?;
    if !matches!(p, None | Some(MatrixOrd::Two) | Some(MatrixOrd::NegTwo)) {
        need_square(&a)?;
    }
    if is_complex(&a) {
        cond_t::<Complex64>(&a, p)
    } else {
        cond_t::<f64>(&a, p)
    }
}

/// The chain product of 2-d arrays in the cheapest order.
fn multi_dot_t<T: Kern>(arrays: &[NdArray]) -> EvalResult<NdArray> {
    let mats: Vec<DMatrix<T>> = arrays
        .iter()
        .map(|x| stack_of::<T>(x).mats.into_iter().next().unwrap_or_else(|| DMatrix::zeros(0, 0)))
        .collect();
    let r = kern::multi_dot(&mats).map_err(lin)?;
    mats_array(&[], r.nrows(), r.ncols(), &[r])
}

pub(crate) fn np_multi_dot(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("multi_dot"), args)?;
    let mut arrays = super::shape::array_list(interp, &b.required(0)?)?;
    let count = arrays.len();
    if count < 2 {
        return Err(value_error("Expecting at least two arrays."));
    }
    if count == 2 {
        // NumPy hands two arrays straight to `dot`.
        return Ok(result_value(product::dot(&arrays[0], &arrays[1])?));
    }
    let first_1d = arrays[0].ndim() == 1;
    let last_1d = arrays[count - 1].ndim() == 1;
    if first_1d {
        let n = arrays[0].size() as isize;
        arrays[0] = crate::array::manip::reshape(&arrays[0], &[1, n])?;
    }
    if last_1d {
        let n = arrays[count - 1].size() as isize;
        arrays[count - 1] = crate::array::manip::reshape(&arrays[count - 1], &[n, 1])?;
    }
    for x in &arrays {
        if x.ndim() != 2 {
            return Err(linalg_error(format!("{}-dimensional array given. Array must be two-dimensional", x.ndim())));
        }
    }
    let result = if arrays.iter().any(is_complex) {
        multi_dot_t::<Complex64>(&arrays)?
    } else if arrays.iter().any(|x| x.dtype() == DType::Float64) {
        multi_dot_t::<f64>(&arrays)?
    } else {
        // Integer and boolean products are associative: any order gives NumPy's result.
        let mut acc = arrays[0].clone();
        for x in &arrays[1..] {
            acc = product::dot(&acc, x)?;
        }
        acc
    };
    let result = if first_1d || last_1d { crate::array::manip::ravel(&result) } else { result };
    if first_1d && last_1d {
        return Ok(result_value(crate::array::manip::reshape(&result, &[])?));
    }
    Ok(Value::array(result))
}

/// The two operands of a binary array function.
fn two_arrays(name: &str, args: Args) -> EvalResult<(NdArray, NdArray)> {
    let mut b = bind(decl(name), args)?;
    let x = first_array(&mut b)?;
    let y = operand(&b.required(1)?)?;
    Ok((x, y))
}

pub(crate) fn np_linalg_matmul(_: &mut Interp, args: Args) -> EvalResult {
    let (x, y) = two_arrays("matmul", args)?;
    Ok(result_value(product::matmul(&x, &y)?))
}

pub(crate) fn np_linalg_outer(_: &mut Interp, args: Args) -> EvalResult {
    let (x, y) = two_arrays("outer", args)?;
    if x.ndim() != 1 || y.ndim() != 1 {
        return Err(value_error(format!(
            "Input arrays must be one-dimensional, but they are x1.ndim={} and x2.ndim={}.",
            x.ndim(),
            y.ndim()
        )));
    }
    Ok(Value::array(product::outer(&x, &y)?))
}

pub(crate) fn np_linalg_cross(_: &mut Interp, args: Args) -> EvalResult {
    let (x, y) = two_arrays("cross", args)?;
    let last = |a: &NdArray| a.shape().last().copied().unwrap_or(0);
    if last(&x) != 3 || last(&y) != 3 {
        return Err(value_error(format!(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are {} and {} dimensional instead.",
            last(&x),
            last(&y)
        )));
    }
    Ok(result_value(product::cross(&x, &y)?))
}

pub(crate) fn np_matrix_transpose(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("matrix_transpose"), args)?;
    let x = first_array(&mut b)?;
    if x.ndim() < 2 {
        return Err(value_error(format!("Input array must be at least 2-dimensional, but it is {}", x.ndim())));
    }
    Ok(Value::array(crate::array::manip::swapaxes(&x, -1, -2)?))
}

/// The `offset=` argument of `diagonal` and `trace`.
fn offset_arg(b: &Bound) -> EvalResult<isize> {
    Ok(b.get(1).map(|v| to_index(v, "")).transpose()?.unwrap_or(0) as isize)
}

pub(crate) fn np_linalg_diagonal(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("diagonal"), args)?;
    let x = first_array(&mut b)?;
    let offset = offset_arg(&b)?;
    Ok(Value::array(crate::array::manip::diagonal(&x, offset, -2, -1)?))
}

pub(crate) fn np_linalg_trace(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("trace"), args)?;
    let x = first_array(&mut b)?;
    let offset = offset_arg(&b)?;
    let d = crate::array::manip::diagonal(&x, offset, -2, -1)?;
    Ok(result_value(crate::array::reduce::sum(&d, Some(&[-1]), false)?))
}
