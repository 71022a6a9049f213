//! Shared helpers: kernel errors, shape checks, the element types the
//! kernels work in, splitting `(..., m, n)` stacks into matrices and
//! assembling per-matrix results, and common arguments.

use crate::array::{Array, DType, Element, NdArray};
use crate::builtins::args::Bound;
use crate::builtins::array_glue::operand;
use crate::eval::error::{raise, EvalResult, Unwind};
use crate::linalg::{self as kern, LinalgError, LinalgErrorKind, LinalgScalar};
use crate::value::{ExcKind, Value};
use nalgebra::DMatrix;
use num_complex::Complex64;

/// A kernel error as the Python exception NumPy raises.
pub(super) fn lin(e: LinalgError) -> Unwind {
    let kind = match e.kind {
        LinalgErrorKind::LinAlg => ExcKind::LinAlgError,
        LinalgErrorKind::Value => ExcKind::ValueError,
        // Reported now: later statements must not see the flag again.
        LinalgErrorKind::Interrupted => {
            crate::array::cancel::clear();
            ExcKind::KeyboardInterrupt
        }
    };
    raise(kind, e.message)
}

/// A `numpy.linalg.LinAlgError`.
pub(super) fn linalg_error(message: impl Into<String>) -> Unwind {
    raise(ExcKind::LinAlgError, message)
}

/// NumPy's `_assert_stacked_2d`.
pub(super) fn need_2d(a: &NdArray) -> EvalResult<()> {
    if a.ndim() < 2 {
        return Err(linalg_error(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// NumPy's `_assert_stacked_2d` and `_assert_stacked_square`.
pub(super) fn need_square(a: &NdArray) -> EvalResult<()> {
    need_2d(a)?;
    let s = a.shape();
    if s[s.len() - 1] != s[s.len() - 2] {
        return Err(linalg_error(kern::MSG_NOT_SQUARE));
    }
    Ok(())
}

/// Whether the kernels must work in complex128.
pub(super) fn is_complex(a: &NdArray) -> bool {
    a.dtype() == DType::Complex128
}

/// The element types the kernels work in: float64 and complex128.
pub(super) trait Kern: LinalgScalar + Element {
    /// The array cast to this element type.
    fn array_of(a: &NdArray) -> Array<Self>;
    /// The typed array as an [`NdArray`].
    fn wrap(a: Array<Self>) -> NdArray;
    /// Runs `f` on the elements as this type in C order: the array's own
    /// data when it already has this type and is contiguous (no handle
    /// clone, no copy), a converted copy otherwise.
    fn with_data<R>(a: &NdArray, f: impl FnOnce(&[Self]) -> R) -> R {
        Self::array_of(a).with_slice(f)
    }
}

impl Kern for f64 {
    fn array_of(a: &NdArray) -> Array<f64> {
        a.to_float()
    }
    fn wrap(a: Array<f64>) -> NdArray {
        NdArray::Float(a)
    }
    fn with_data<R>(a: &NdArray, f: impl FnOnce(&[f64]) -> R) -> R {
        match a {
            NdArray::Float(x) => x.with_slice(f),
            other => other.to_float().with_slice(f),
        }
    }
}

impl Kern for Complex64 {
    fn array_of(a: &NdArray) -> Array<Complex64> {
        a.to_complex()
    }
    fn wrap(a: Array<Complex64>) -> NdArray {
        NdArray::Complex(a)
    }
    fn with_data<R>(a: &NdArray, f: impl FnOnce(&[Complex64]) -> R) -> R {
        match a {
            NdArray::Complex(x) => x.with_slice(f),
            other => other.to_complex().with_slice(f),
        }
    }
}

/// The matrices of a `(..., m, n)` array, in C order of the leading axes.
pub(super) struct Stack<T> {
    /// The leading (stacking) axes.
    pub(super) batch: Vec<usize>,
    /// Rows of each matrix.
    pub(super) rows: usize,
    /// Columns of each matrix.
    pub(super) cols: usize,
    /// The matrices, one per batch index.
    pub(super) mats: Vec<DMatrix<T>>,
}

/// Splits an array of at least two dimensions into its matrices.
pub(super) fn stack_of<T: Kern>(a: &NdArray) -> Stack<T> {
    let arr = T::array_of(a);
    let shape = arr.shape().to_vec();
    let nd = shape.len();
    let (rows, cols) = if nd >= 2 { (shape[nd - 2], shape[nd - 1]) } else { (1, shape.first().copied().unwrap_or(1)) };
    let batch = shape[..nd.saturating_sub(2)].to_vec();
    let per = rows * cols;
    let count: usize = batch.iter().product();
    let mats = arr.with_slice(|data| {
        (0..count).map(|b| DMatrix::from_row_slice(rows, cols, &data[b * per..(b + 1) * per])).collect()
    });
    Stack { batch, rows, cols, mats }
}

/// A matrix's elements in row-major order.
pub(super) fn row_major<T: Kern>(m: &DMatrix<T>) -> Vec<T> {
    m.transpose().as_slice().to_vec()
}

/// An array of shape `batch + core` from per-matrix parts (each in C order).
pub(super) fn assemble<T: Kern>(batch: &[usize], core: &[usize], parts: Vec<Vec<T>>) -> EvalResult<NdArray> {
    let mut shape = batch.to_vec();
    shape.extend_from_slice(core);
    let data: Vec<T> = parts.into_iter().flatten().collect();
    Ok(T::wrap(Array::from_vec(shape, data)?))
}

/// An array of shape `batch + (r, c)` from matrices (one pass: each
/// matrix is read row by row straight into the result).
pub(super) fn mats_array<T: Kern>(batch: &[usize], r: usize, c: usize, mats: &[DMatrix<T>]) -> EvalResult<NdArray> {
    let mut shape = batch.to_vec();
    shape.extend_from_slice(&[r, c]);
    let mut data = Vec::with_capacity(mats.len() * r * c);
    for m in mats {
        push_rows(&mut data, m);
    }
    Ok(T::wrap(Array::from_vec(shape, data)?))
}

/// Appends the elements of `m` in row-major order.
pub(super) fn push_rows<T: Kern>(out: &mut Vec<T>, m: &DMatrix<T>) {
    let (mr, mc) = m.shape();
    let src = m.as_slice();
    for i in 0..mr {
        out.extend((0..mc).map(|j| src[j * mr + i]));
    }
}

/// A float64 array of shape `batch + core` from per-matrix parts.
pub(super) fn float_array(batch: &[usize], core: &[usize], parts: Vec<Vec<f64>>) -> EvalResult<NdArray> {
    assemble::<f64>(batch, core, parts)
}

/// The array behind `v`: borrowed when `v` already is one (no copy of
/// its handle), converted into `slot` otherwise.
pub(super) fn array_ref<'a>(v: &'a Value, slot: &'a mut Option<NdArray>) -> EvalResult<&'a NdArray> {
    match v {
        Value::Array(a) => Ok(a),
        other => Ok(slot.insert(operand(other)?)),
    }
}

/// The first argument as an array.
pub(super) fn first_array(b: &mut Bound) -> EvalResult<NdArray> {
    operand(&b.required(0)?)
}

/// Applies a per-matrix kernel to every matrix of a stack.
pub(super) fn each<T: Kern, R>(
    s: &Stack<T>,
    mut f: impl FnMut(&DMatrix<T>) -> Result<R, LinalgError>,
) -> EvalResult<Vec<R>> {
    s.mats
        .iter()
        .map(|m| {
            // Many small matrices: Ctrl-C is seen between them.
            crate::array::cancel::check()?;
            f(m).map_err(lin)
        })
        .collect()
}

/// Whether the square matrices of `a` (shape `(..., n, n)`) take the
/// slice routines of [`kern::small`].
pub(super) fn small_square(a: &NdArray) -> bool {
    let s = a.shape();
    let n = s[s.len() - 1];
    n > 0 && n < kern::small::SMALL_MAX
}

/// Runs `f` on every `n x n` matrix of `a` (as a C-ordered slice of the
/// array's own data when it is contiguous); Ctrl-C is seen between matrices.
pub(super) fn each_square<T: Kern>(a: &NdArray, n: usize, mut f: impl FnMut(&[T]) -> EvalResult<()>) -> EvalResult<()> {
    T::with_data(a, |data| {
        for m in data.chunks_exact(n * n) {
            crate::array::cancel::check()?;
            f(m)?;
        }
        Ok(())
    })
}

/// A float argument such as `tol` or `rcond` (`None` when omitted or None).
pub(super) fn float_arg(v: Option<&Value>) -> EvalResult<Option<f64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match crate::builtins::convert::to_float_value(v)? {
            Value::Float(f) => Ok(Some(f)),
            _ => Ok(None),
        },
    }
}
