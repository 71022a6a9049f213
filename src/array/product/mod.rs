//! Products: `dot`, `matmul`, `inner`, `outer`, `vdot`, `cross`,
//! `tensordot`, `kron`.
//!
//! Operands are promoted to a common dtype. Float and complex products run
//! on the kernels of [`kernel`] (nalgebra for large matrices); int and bool
//! products on typed loops, int64 overflow raising `OverflowError`.

mod blocked;
mod gemv;
mod gemv_n;
mod kernel;
#[cfg(target_arch = "x86_64")]
#[cfg(target_arch = "x86_64")]
mod short_cols;
mod short_rows;
mod tall;

use super::broadcast::{broadcast_shapes, shape_compact};
use super::dtype::{Element, Scalar};
use super::error::{ArrayError, ArrayResult};
use super::manip::{normalize_axis, ravel, reshape, transpose};
use super::reduce::BOOL_SUBTRACT;
use super::storage::{check_allocation, Array, IntoNdArray, NdArray};
use kernel::{Mat, Product, Vec1};
use num_complex::Complex64;

/// Runs `$body` with `$x`, `$y` bound to the two arrays cast to their
/// common dtype.
macro_rules! with_pair {
    ($a:expr, $b:expr, |$x:ident, $y:ident| $body:expr) => {{
        let dt = $a.dtype().max($b.dtype());
        match ($a.cast_to(dt), $b.cast_to(dt)) {
            (NdArray::Bool($x), NdArray::Bool($y)) => $body,
            (NdArray::Int($x), NdArray::Int($y)) => $body,
            (NdArray::Float($x), NdArray::Float($y)) => $body,
            (NdArray::Complex($x), NdArray::Complex($y)) => $body,
            _ => Err(ArrayError::type_error("operands of different dtypes")),
        }
    }};
}

/// NumPy's "not aligned" error of `dot` and `inner`.
fn not_aligned(a: &[usize], b: &[usize], da: usize, db: usize) -> ArrayError {
    ArrayError::value(format!(
        "shapes {} and {} not aligned: {} (dim {da}) != {} (dim {db})",
        shape_compact(a),
        shape_compact(b),
        a[da],
        b[db]
    ))
}

/// Element types for the elementwise parts of the products.
trait Arith: Product {
    fn mul(a: Self, b: Self) -> ArrayResult<Self>;
    fn sub(a: Self, b: Self) -> ArrayResult<Self>;
    fn neg(a: Self) -> ArrayResult<Self>;
}
impl Arith for bool {
    fn mul(a: bool, b: bool) -> ArrayResult<bool> {
        Ok(a && b)
    }
    fn sub(_: bool, _: bool) -> ArrayResult<bool> {
        Err(ArrayError::type_error(BOOL_SUBTRACT))
    }
    fn neg(_: bool) -> ArrayResult<bool> {
        Err(ArrayError::type_error(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
        ))
    }
}
impl Arith for i64 {
    fn mul(a: i64, b: i64) -> ArrayResult<i64> {
        a.checked_mul(b).ok_or_else(ArrayError::int_overflow)
    }
    fn sub(a: i64, b: i64) -> ArrayResult<i64> {
        a.checked_sub(b).ok_or_else(ArrayError::int_overflow)
    }
    fn neg(a: i64) -> ArrayResult<i64> {
        a.checked_neg().ok_or_else(ArrayError::int_overflow)
    }
}
impl Arith for f64 {
    fn mul(a: f64, b: f64) -> ArrayResult<f64> {
        Ok(a * b)
    }
    fn sub(a: f64, b: f64) -> ArrayResult<f64> {
        Ok(a - b)
    }
    fn neg(a: f64) -> ArrayResult<f64> {
        Ok(-a)
    }
}
impl Arith for Complex64 {
    fn mul(a: Complex64, b: Complex64) -> ArrayResult<Complex64> {
        Ok(super::reduce::complex_mul_fma(a, b))
    }
    fn sub(a: Complex64, b: Complex64) -> ArrayResult<Complex64> {
        Ok(a - b)
    }
    fn neg(a: Complex64) -> ArrayResult<Complex64> {
        Ok(-a)
    }
}

/// `f(a, b)` elementwise with broadcasting (C-contiguous result).
fn zip_broadcast<T: Element>(a: &Array<T>, b: &Array<T>, f: impl Fn(T, T) -> ArrayResult<T>) -> ArrayResult<Array<T>> {
    let shape = broadcast_shapes(a.shape(), b.shape())?;
    check_allocation(&shape, T::DTYPE)?;
    let x = a.broadcast_to(&shape)?.to_vec();
    let y = b.broadcast_to(&shape)?.to_vec();
    let out = x.into_iter().zip(y).map(|(p, q)| f(p, q)).collect::<ArrayResult<Vec<T>>>()?;
    Array::from_vec(shape, out)
}

/// `a * b` with broadcasting and promotion (the 0-d cases of the products).
/// With `blas_scalar`, a 0-d complex operand multiplies without fusing, as
/// the BLAS `axpy` that NumPy's `dot` uses for a scalar does.
fn multiply(a: &NdArray, b: &NdArray, blas_scalar: bool) -> ArrayResult<NdArray> {
    if blas_scalar && (a.ndim() == 0 || b.ndim() == 0) && a.dtype().max(b.dtype()) == super::DType::Complex128 {
        let (x, y) = (a.to_complex(), b.to_complex());
        return Ok(zip_broadcast(&x, &y, |p, q| Ok(p * q))?.into_nd());
    }
    with_pair!(a, b, |x, y| Ok(zip_broadcast(&x, &y, Arith::mul)?.into_nd()))
}

/// Dot product of two 1-d arrays of equal length; `copy` as in
/// [`Product::dot`] (true for `dot`/`inner`, false for `matmul`/`vdot`).
fn vector_dot<T: Product>(x: &Array<T>, y: &Array<T>, copy: bool) -> ArrayResult<T> {
    let n = x.size();
    let (xb, yb) = (x.buffer(), y.buffer());
    let xv = Vec1 { buf: &xb, off: x.offset() as isize, stride: x.strides()[0] };
    let yv = Vec1 { buf: &yb, off: y.offset() as isize, stride: y.strides()[0] };
    T::dot(xv, yv, n, copy)
}

/// Batched matrix product of two arrays with at least two dimensions
/// (leading dimensions broadcast). `drop_rows`/`drop_cols` remove the
/// length-1 row/column axes that stood in for 1-d operands.
fn matmul_typed<T: Product>(a: &Array<T>, b: &Array<T>, drop_rows: bool, drop_cols: bool) -> ArrayResult<Array<T>> {
    let (na, nb) = (a.ndim(), b.ndim());
    let (m, k, n) = (a.shape()[na - 2], a.shape()[na - 1], b.shape()[nb - 1]);
    let batch_a = &a.shape()[..na - 2];
    let batch_b = &b.shape()[..nb - 2];
    let batch = broadcast_shapes(batch_a, batch_b).map_err(|_| {
        let remap = |s: &[usize], batch: &[usize]| {
            let mut parts: Vec<String> = batch.iter().map(|d| d.to_string()).collect();
            parts.push("newaxis".into());
            parts.push("newaxis".into());
            format!("{}->({})", shape_compact(s), parts.join(","))
        };
        ArrayError::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {} {}  and requested shape ({},{})",
            remap(a.shape(), batch_a),
            remap(b.shape(), batch_b),
            m,
            n
        ))
    })?;
    let mut ta = batch.clone();
    ta.extend([m, k]);
    let mut tb = batch.clone();
    tb.extend([k, n]);
    let av = a.broadcast_to(&ta)?;
    let bv = b.broadcast_to(&tb)?;
    let mut out_shape = batch.clone();
    out_shape.extend([m, n]);
    let size = check_allocation(&out_shape, T::DTYPE)?;
    let nbatch: usize = batch.iter().product();
    let (abuf, bbuf) = (av.buffer(), bv.buffer());
    if nbatch == 1 {
        let (nd, ao, bo) = (batch.len(), av.offset() as isize, bv.offset() as isize);
        let am = Mat { buf: &abuf, off: ao, rs: av.strides()[nd], cs: av.strides()[nd + 1] };
        let bm = Mat { buf: &bbuf, off: bo, rs: bv.strides()[nd], cs: bv.strides()[nd + 1] };
        if let Some(out) = T::product_new(am, bm, m, k, n)? {
            let mut final_shape = batch;
            if !drop_rows {
                final_shape.push(m);
            }
            if !drop_cols {
                final_shape.push(n);
            }
            return Array::from_vec(final_shape, out);
        }
    }
    let mut out = vec![T::default(); size];
    let nd = batch.len();
    let mut idx = vec![0usize; nd];
    let plane = m * n;
    for t in 0..nbatch {
        let (mut ao, mut bo) = (av.offset() as isize, bv.offset() as isize);
        for ((&i, &sa), &sb) in idx.iter().zip(av.strides()).zip(bv.strides()) {
            ao += i as isize * sa;
            bo += i as isize * sb;
        }
        let am = Mat { buf: &abuf, off: ao, rs: av.strides()[nd], cs: av.strides()[nd + 1] };
        let bm = Mat { buf: &bbuf, off: bo, rs: bv.strides()[nd], cs: bv.strides()[nd + 1] };
        T::gemm(am, bm, m, k, n, &mut out[t * plane..(t + 1) * plane])?;
        for d in (0..nd).rev() {
            idx[d] += 1;
            if idx[d] < batch[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    let mut final_shape = batch;
    if !drop_rows {
        final_shape.push(m);
    }
    if !drop_cols {
        final_shape.push(n);
    }
    Array::from_vec(final_shape, out)
}

/// `np.matmul(a, b)` / `a @ b`: matrix product with NumPy's rules for 1-d
/// operands (promoted to a row or column, then removed) and broadcasting of
/// the leading (stack) dimensions. 0-d operands and mismatched inner
/// dimensions raise NumPy's `ValueError`s.
pub fn matmul(a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    for (i, x) in [a, b].iter().enumerate() {
        if x.ndim() == 0 {
            return Err(ArrayError::value(format!(
                "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"
            )));
        }
    }
    let ak = a.shape()[a.ndim() - 1];
    let bk = if b.ndim() == 1 { b.shape()[0] } else { b.shape()[b.ndim() - 2] };
    if ak != bk {
        return Err(ArrayError::value(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {bk} is different from {ak})"
        )));
    }
    if let Some(r) = small_float_matmul(a, b) {
        return r;
    }
    let a_vec = a.ndim() == 1;
    let b_vec = b.ndim() == 1;
    with_pair!(a, b, |x, y| {
        let x2 = if a_vec { x.view(vec![1, ak], vec![0, x.strides()[0]], x.offset()) } else { x };
        let y2 = if b_vec { y.view(vec![bk, 1], vec![y.strides()[0], 0], y.offset()) } else { y };
        if a_vec && b_vec {
            let xv = x2.view(vec![ak], vec![x2.strides()[1]], x2.offset());
            let yv = y2.view(vec![bk], vec![y2.strides()[0]], y2.offset());
            return Ok(Array::scalar(vector_dot(&xv, &yv, false)?).into_nd());
        }
        Ok(matmul_typed(&x2, &y2, a_vec, b_vec)?.into_nd())
    })
}

/// A big product `a @ v` of a float64 matrix with unit column stride and a
/// float64 vector, which [`matmul`] makes one row at a time with a kernel
/// whose rows do not depend on each other: any rows of it can be made on
/// their own, with the bits `matmul` gives them (so a fused expression
/// can take it block by block without storing it).
#[derive(Clone, Debug)]
pub struct RowProduct {
    a: Array<f64>,
    v: Vec<f64>,
}

impl RowProduct {
    /// The product of `a` and `v` when `matmul(a, v)` would make it row by
    /// row (`a` 2-d with unit column stride, `v` 1-d of matching length,
    /// big enough), else `None`.
    pub fn new(a: &Array<f64>, v: &Array<f64>) -> Option<RowProduct> {
        let (&[m, k], &[vk]) = (a.shape(), v.shape()) else { return None };
        let &[rs, cs] = a.strides() else { return None };
        if vk != k || cs != 1 || rs < k as isize || !kernel::takes_row_kernel(m, k) {
            return None;
        }
        Some(RowProduct { a: a.clone(), v: v.to_vec() })
    }

    /// The number of rows (the product's length).
    pub fn len(&self) -> usize {
        self.a.shape()[0]
    }

    /// Whether the product has no rows (never: see [`RowProduct::new`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The vector.
    pub fn vector(&self) -> &[f64] {
        &self.v
    }

    /// The matrix, whose buffer [`RowProduct::rows`] takes.
    pub fn matrix(&self) -> &Array<f64> {
        &self.a
    }

    /// The product's rows over `buf`, the matrix's buffer.
    pub fn rows<'a>(&'a self, buf: &'a [f64]) -> Rows<'a> {
        Rows { buf, off: self.a.offset(), rs: self.a.strides()[0] as usize, m: self.len(), v: &self.v }
    }
}

/// A [`RowProduct`] over its matrix's borrowed buffer, shareable between
/// threads.
#[derive(Clone, Copy)]
pub struct Rows<'a> {
    buf: &'a [f64],
    off: usize,
    rs: usize,
    m: usize,
    v: &'a [f64],
}

impl Rows<'_> {
    /// Elements `first..first + out.len()` of the product.
    pub fn fill(&self, first: usize, out: &mut [f64]) {
        tall::matvec_rows(self.buf, self.off, self.rs, self.m, self.v.len(), self.v, first, out)
    }
}

/// Products up to this many multiply-adds may take [`small_float_matmul`].
const TINY_PRODUCT: usize = 4096;

/// `a @ b` for a small C-contiguous float64 matrix times a C-contiguous
/// float64 matrix or vector (`A @ x` with `A` 3x3): the general path's
/// in-order FMA kernel (for a vector, OpenBLAS's `dgemv_t` order) without
/// its broadcasting set-up and copies, so the same bits. `None` (nothing done) for other operands, a row times a
/// column (a dot product in NumPy) and empty or bigger products.
fn small_float_matmul(a: &NdArray, b: &NdArray) -> Option<ArrayResult<NdArray>> {
    let (NdArray::Float(x), NdArray::Float(y)) = (a, b) else { return None };
    if x.ndim() != 2 || !matches!(y.ndim(), 1 | 2) || !x.is_c_contiguous() || !y.is_c_contiguous() {
        return None;
    }
    let (m, k) = (x.shape()[0], x.shape()[1]);
    let n = if y.ndim() == 1 { 1 } else { y.shape()[1] };
    let work = m.saturating_mul(k).saturating_mul(n);
    if y.shape()[0] != k || work == 0 || work > TINY_PRODUCT || (m == 1 && n == 1) {
        return None;
    }
    if y.ndim() == 2 && (m == 1 || n == 1) {
        // A matrix-vector product in NumPy (`gemv`): the general path.
        return None;
    }
    let (xb, yb) = (x.buffer(), y.buffer());
    let am = Mat { buf: &xb, off: x.offset() as isize, rs: k as isize, cs: 1 };
    let bm = if y.ndim() == 1 {
        Mat { buf: &yb, off: y.offset() as isize, rs: 1, cs: 0 }
    } else {
        Mat { buf: &yb, off: y.offset() as isize, rs: n as isize, cs: 1 }
    };
    let mut out = vec![0.0; m * n];
    if y.ndim() == 1 {
        // NumPy's `dgemv_t` (m > 1 here).
        gemv::gemv_t_small(&xb, x.offset(), k, m, &yb[y.offset()..y.offset() + k], &mut out);
    } else {
        kernel::fma_gemm(am, bm, m, k, n, &mut out);
    }
    let made = if y.ndim() == 1 { Array::from_vec([m], out) } else { Array::from_vec([m, n], out) };
    Some(made.map(IntoNdArray::into_nd))
}

/// `np.dot(a, b)`: scalar multiplication for 0-d operands, the inner
/// product of 1-d vectors, the matrix product of 2-d arrays, and in
/// general a sum product over the last axis of `a` and the second-to-last
/// of `b`. Mismatches raise NumPy's "shapes (2,3) and (2,3) not aligned: 3
/// (dim 1) != 2 (dim 0)".
pub fn dot(a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b, true);
    }
    let da = a.ndim() - 1;
    let db = if b.ndim() == 1 { 0 } else { b.ndim() - 2 };
    let k = a.shape()[da];
    if k != b.shape()[db] {
        return Err(not_aligned(a.shape(), b.shape(), da, db));
    }
    if let Some(zeros) = blas_scalar_zero(a, b)? {
        return Ok(zeros);
    }
    if a.ndim() == 1 && b.ndim() == 1 {
        return with_pair!(a, b, |x, y| Ok(Array::scalar(vector_dot(&x, &y, true)?).into_nd()));
    }
    if a.ndim() > 2 || b.ndim() > 2 {
        // NumPy's general N-d dot: one strided dot product per element.
        return with_pair!(a, b, |x, y| Ok(dot_nd(&x, &y, db)?.into_nd()));
    }
    let m = if a.ndim() == 2 { a.shape()[0] } else { 1 };
    let n = if b.ndim() == 2 { b.shape()[1] } else { 1 };
    // NumPy's BLAS `dot` copies the operands of a matrix-vector product
    // that BLAS cannot take (a matrix with neither rows nor columns
    // contiguous, a vector with a negative stride) into C order first.
    let gemv = m == 1 || n == 1;
    let (mut ca, mut cb) = (None, None);
    let (a, b) = if gemv { (blas_copy(a, &mut ca), blas_copy(b, &mut cb)) } else { (a, b) };
    let a2 = reshape(a, &[m as isize, k as isize])?;
    let b2 = reshape(b, &[k as isize, n as isize])?;
    with_pair!(&a2, &b2, |x, y| Ok(matmul_typed(&x, &y, a.ndim() == 1, b.ndim() == 1)?.into_nd()))
}

/// `x`, or its C-ordered copy (kept in `slot`) when it is a float matrix
/// or vector that OpenBLAS cannot take as it is.
fn blas_copy<'a>(x: &'a NdArray, slot: &'a mut Option<NdArray>) -> &'a NdArray {
    let NdArray::Float(f) = x else { return x };
    let takes = match f.strides() {
        [s] => *s > 0,
        _ => blas_matrix(f),
    };
    if takes {
        return x;
    }
    slot.insert(NdArray::Float(f.as_contiguous()))
}

/// Whether OpenBLAS takes the 2-d `x` as it is: one axis contiguous, the
/// other with a stride at least its length.
fn blas_matrix(x: &Array<f64>) -> bool {
    let (&[m, k], &[rs, cs]) = (x.shape(), x.strides()) else { return false };
    x.offset() as isize >= 0 && ((cs == 1 && rs >= k as isize) || (rs == 1 && cs >= m as isize))
}

/// Whether NumPy's BLAS `dot` takes a 1-d or 2-d float operand as a scalar:
/// a single element, shaped `(1,)` or `(1, 1)`.
fn blas_scalar_shaped(x: &NdArray) -> bool {
    matches!(x.shape(), [1] | [1, 1])
}

/// `dot(a, b)` of 1-d/2-d float or complex operands, when NumPy's BLAS path
/// (`cblas_matrixproduct`) multiplies by one operand as a scalar through
/// `axpy` into a zeroed result, and that scalar is 0: `axpy` returns at once
/// for `alpha == 0`, so the result is all zeros even where the other operand
/// holds `inf` or `nan` (`np.dot([[-inf], [1.0]], [0.0])` is `[0., 0.]`).
/// `None` for every other case, which the general product computes as NumPy
/// does (a single output element is the plain product, `nan` included).
fn blas_scalar_zero(a: &NdArray, b: &NdArray) -> ArrayResult<Option<NdArray>> {
    let dtype = a.dtype().max(b.dtype());
    if !matches!(dtype, super::DType::Float64 | super::DType::Complex128) || a.ndim() > 2 || b.ndim() > 2 {
        return Ok(None);
    }
    let (scalar, other) = if blas_scalar_shaped(a) {
        (a, b)
    } else if blas_scalar_shaped(b) {
        (b, a)
    } else {
        return Ok(None);
    };
    // NumPy's count of outputs the scalar multiplies: a single one is a
    // plain product, not an axpy.
    let outputs = match (a.ndim(), b.ndim()) {
        (1, 1) => 1,
        (2, 1) => a.shape()[0],
        (1, 2) => b.shape()[1],
        _ if other.shape().first() == Some(&1) && other.ndim() == 2 => b.shape()[1],
        _ => a.shape()[0],
    };
    let is_zero = match scalar.item() {
        Some(Scalar::Float(v)) => v == 0.0,
        Some(Scalar::Complex(c)) => c.re == 0.0 && c.im == 0.0,
        Some(Scalar::Int(i)) => i == 0,
        Some(Scalar::Bool(t)) => !t,
        None => false,
    };
    if outputs == 1 || !is_zero {
        return Ok(None);
    }
    let mut shape = a.shape()[..a.ndim() - 1].to_vec();
    if b.ndim() == 2 {
        shape.push(b.shape()[1]);
    }
    NdArray::zeros(shape, dtype).map(Some)
}

/// `dot` for operands with more than two dimensions: a sum product over
/// the last axis of `a` and axis `db` of `b` for every output element.
fn dot_nd<T: Product>(a: &Array<T>, b: &Array<T>, db: usize) -> ArrayResult<Array<T>> {
    let da = a.ndim() - 1;
    let k = a.shape()[da];
    let ashape = &a.shape()[..da];
    let bshape: Vec<usize> = b.shape().iter().enumerate().filter(|&(i, _)| i != db).map(|(_, &d)| d).collect();
    let bstrides: Vec<isize> = b.strides().iter().enumerate().filter(|&(i, _)| i != db).map(|(_, &d)| d).collect();
    let mut shape = ashape.to_vec();
    shape.extend_from_slice(&bshape);
    let size = check_allocation(&shape, T::DTYPE)?;
    let (abuf, bbuf) = (a.buffer(), b.buffer());
    let ao = element_offsets(ashape, &a.strides()[..da], a.offset());
    let bo = element_offsets(&bshape, &bstrides, b.offset());
    let mut out = Vec::with_capacity(size);
    for &p in &ao {
        for &q in &bo {
            let x = Vec1 { buf: &abuf, off: p, stride: a.strides()[da] };
            let y = Vec1 { buf: &bbuf, off: q, stride: b.strides()[db] };
            out.push(T::dot(x, y, k, false)?);
        }
    }
    Array::from_vec(shape, out)
}

/// Buffer offsets of every index of `shape` in C order.
fn element_offsets(shape: &[usize], strides: &[isize], base: usize) -> Vec<isize> {
    let count: usize = shape.iter().product();
    let mut out = Vec::with_capacity(count);
    let mut idx = vec![0usize; shape.len()];
    for _ in 0..count {
        out.push(base as isize + idx.iter().zip(strides).map(|(&i, &s)| i as isize * s).sum::<isize>());
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out
}

/// `np.inner(a, b)`: sum product over the last axes of both; the result
/// has shape `a.shape[:-1] + b.shape[:-1]`. As in NumPy, this is `dot`
/// with the last two axes of `b` swapped.
pub fn inner(a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b, true);
    }
    if b.ndim() < 2 {
        return dot(a, b);
    }
    let nb = b.ndim() as isize;
    dot(a, &super::manip::swapaxes(b, nb - 1, nb - 2)?)
}

/// `np.outer(a, b)`: `a.ravel()[:, None] * b.ravel()[None, :]`.
pub fn outer(a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    let (x, y) = (ravel(a), ravel(b));
    let (m, n) = (x.size() as isize, y.size() as isize);
    multiply(&reshape(&x, &[m, 1])?, &reshape(&y, &[1, n])?, false)
}

/// `np.vdot(a, b)`: dot product of the flattened arrays, conjugating `a`
/// first. Sizes must match (NumPy's "cannot reshape array of size 2 into
/// shape (3,)").
pub fn vdot(a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    if a.size() != b.size() {
        return Err(ArrayError::value(format!("cannot reshape array of size {} into shape ({},)", b.size(), a.size())));
    }
    // NumPy conjugates inside zdotc; negating imaginary parts is exact, so
    // conjugating first gives the same sums.
    let x = match ravel(a) {
        NdArray::Complex(z) => NdArray::Complex(z.map(|v| v.conj())),
        other => other,
    };
    let y = ravel(b);
    with_pair!(&x, &y, |p, q| Ok(Array::scalar(vector_dot(&p, &q, false)?).into_nd()))
}

/// `np.cross(a, b)`: cross product of 3-vectors (or 2-vectors, as NumPy,
/// giving the z component) along the last axis, broadcasting the others.
pub fn cross(a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    let bad = || ArrayError::value("incompatible dimensions for cross product\n(dimension must be 2 or 3)");
    if a.ndim() == 0 || b.ndim() == 0 {
        return Err(ArrayError::value("At least one array has zero dimension"));
    }
    let (la, lb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if !(la == 2 || la == 3) || !(lb == 2 || lb == 3) {
        return Err(bad());
    }
    let (sa, sb) = (&a.shape()[..a.ndim() - 1], &b.shape()[..b.ndim() - 1]);
    let lead = broadcast_shapes(sa, sb).map_err(|_| {
        ArrayError::value(format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape {} and arg 1 with shape {}.",
            shape_compact(sa),
            shape_compact(sb)
        ))
    })?;
    fn go<T: Arith>(a: &Array<T>, b: &Array<T>, la: usize, lb: usize, lead: &[usize]) -> ArrayResult<Array<T>> {
        let mut ta = lead.to_vec();
        ta.push(la);
        let mut tb = lead.to_vec();
        tb.push(lb);
        let x = a.broadcast_to(&ta)?.to_vec();
        let y = b.broadcast_to(&tb)?.to_vec();
        let count: usize = lead.iter().product();
        let three = !(la == 2 && lb == 2);
        let mut out = Vec::with_capacity(count * if three { 3 } else { 1 });
        for t in 0..count {
            let u = &x[t * la..(t + 1) * la];
            let v = &y[t * lb..(t + 1) * lb];
            let z = T::sub(T::mul(u[0], v[1])?, T::mul(u[1], v[0])?)?;
            match (la, lb) {
                (2, 2) => out.push(z),
                (3, 3) => {
                    out.push(T::sub(T::mul(u[1], v[2])?, T::mul(u[2], v[1])?)?);
                    out.push(T::sub(T::mul(u[2], v[0])?, T::mul(u[0], v[2])?)?);
                    out.push(z);
                }
                (2, _) => {
                    out.push(T::mul(u[1], v[2])?);
                    out.push(T::neg(T::mul(u[0], v[2])?)?);
                    out.push(z);
                }
                _ => {
                    out.push(T::neg(T::mul(u[2], v[1])?)?);
                    out.push(T::mul(u[2], v[0])?);
                    out.push(z);
                }
            }
        }
        let mut shape = lead.to_vec();
        if three {
            shape.push(3);
        }
        Array::from_vec(shape, out)
    }
    if a.dtype() == super::DType::Bool && b.dtype() == super::DType::Bool {
        return Err(ArrayError::type_error(BOOL_SUBTRACT));
    }
    with_pair!(a, b, |x, y| Ok(go(&x, &y, la, lb, &lead)?.into_nd()))
}

/// Axes argument of [`tensordot`].
#[derive(Clone, Debug, PartialEq)]
pub enum TensorAxes {
    /// Sum over the last `n` axes of `a` and the first `n` of `b`.
    Count(usize),
    /// Sum over these axes of `a` paired with these of `b`.
    Pairs(Vec<isize>, Vec<isize>),
}

/// `np.tensordot(a, b, axes)`: sum products over the given axes.
pub fn tensordot(a: &NdArray, b: &NdArray, axes: &TensorAxes) -> ArrayResult<NdArray> {
    let mismatch = || ArrayError::value("shape-mismatch for sum");
    let (xa, xb): (Vec<isize>, Vec<isize>) = match axes {
        TensorAxes::Count(n) => {
            let n = *n as isize;
            ((a.ndim() as isize - n..a.ndim() as isize).collect(), (0..n).collect())
        }
        TensorAxes::Pairs(p, q) => (p.clone(), q.clone()),
    };
    if xa.len() != xb.len() {
        return Err(mismatch());
    }
    let mut ax_a = Vec::new();
    let mut ax_b = Vec::new();
    for (&i, &j) in xa.iter().zip(&xb) {
        let i = normalize_axis(i, a.ndim())?;
        let j = normalize_axis(j, b.ndim())?;
        if a.shape()[i] != b.shape()[j] {
            return Err(mismatch());
        }
        ax_a.push(i);
        ax_b.push(j);
    }
    let notin_a: Vec<usize> = (0..a.ndim()).filter(|k| !ax_a.contains(k)).collect();
    let notin_b: Vec<usize> = (0..b.ndim()).filter(|k| !ax_b.contains(k)).collect();
    let n2: usize = ax_a.iter().map(|&k| a.shape()[k]).product();
    let perm_a: Vec<isize> = notin_a.iter().chain(&ax_a).map(|&k| k as isize).collect();
    let perm_b: Vec<isize> = ax_b.iter().chain(&notin_b).map(|&k| k as isize).collect();
    let m: usize = notin_a.iter().map(|&k| a.shape()[k]).product();
    let n: usize = notin_b.iter().map(|&k| b.shape()[k]).product();
    let at = reshape(&transpose(a, Some(&perm_a))?, &[m as isize, n2 as isize])?;
    let bt = reshape(&transpose(b, Some(&perm_b))?, &[n2 as isize, n as isize])?;
    let r = with_pair!(&at, &bt, |x, y| Ok(matmul_typed(&x, &y, false, false)?.into_nd()))?;
    let dims: Vec<isize> =
        notin_a.iter().map(|&k| a.shape()[k] as isize).chain(notin_b.iter().map(|&k| b.shape()[k] as isize)).collect();
    reshape(&r, &dims)
}

/// `np.kron(a, b)`: the Kronecker product (blocks `a[i] * b`).
pub fn kron(a: &NdArray, b: &NdArray) -> ArrayResult<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b, false);
    }
    let nd = a.ndim().max(b.ndim());
    let pad = |s: &[usize]| {
        let mut v = vec![1usize; nd - s.len()];
        v.extend_from_slice(s);
        v
    };
    let (sa, sb) = (pad(a.shape()), pad(b.shape()));
    let shape: Vec<usize> = sa.iter().zip(&sb).map(|(&p, &q)| p.saturating_mul(q)).collect();
    check_allocation(&shape, a.dtype().max(b.dtype()))?;
    fn go<T: Arith>(a: &Array<T>, b: &Array<T>, sa: &[usize], sb: &[usize], shape: &[usize]) -> ArrayResult<Array<T>> {
        let (x, y) = (a.to_vec(), b.to_vec());
        let size: usize = shape.iter().product();
        let nd = shape.len();
        let mut out = Vec::with_capacity(size);
        let mut idx = vec![0usize; nd];
        for _ in 0..size {
            let (mut pa, mut pb) = (0usize, 0usize);
            for d in 0..nd {
                pa = pa * sa[d] + idx[d] / sb[d];
                pb = pb * sb[d] + idx[d] % sb[d];
            }
            out.push(T::mul(x[pa], y[pb])?);
            for d in (0..nd).rev() {
                idx[d] += 1;
                if idx[d] < shape[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
        Array::from_vec(shape.to_vec(), out)
    }
    with_pair!(a, b, |x, y| Ok(go(&x, &y, &sa, &sb, &shape)?.into_nd()))
}

#[cfg(test)]
mod tests;
