//! The n-d array: a shape, strides and an offset over one shared buffer.
//!
//! [`Array<T>`] is the typed array; [`NdArray`] is the dtype-tagged enum the
//! rest of NPL passes around. Views (basic slices, transposes, reshapes of
//! contiguous data) share the buffer, so writing through a view changes the
//! base, exactly as in NumPy.

use super::dims::{Dims, IntoDims};
use super::dtype::{DType, Element, Scalar};
use super::error::{ArrayError, ArrayResult, ErrorKind};
use num_complex::Complex64;
use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

/// A typed n-d array: a strided view over a shared buffer.
///
/// Strides and the offset count elements, not bytes. The buffer is shared
/// with every view made from this array.
#[derive(Debug)]
pub struct Array<T> {
    buf: Rc<RefCell<Vec<T>>>,
    shape: Dims<usize>,
    strides: Dims<isize>,
    offset: usize,
}

impl<T> Clone for Array<T> {
    /// Another handle on the same view (not a copy of the data).
    fn clone(&self) -> Self {
        Array {
            buf: Rc::clone(&self.buf),
            shape: self.shape.clone(),
            strides: self.strides.clone(),
            offset: self.offset,
        }
    }
}

/// The C-order (row-major) strides, in elements, of a contiguous array.
pub fn c_strides(shape: &[usize]) -> Dims<isize> {
    let mut strides = Dims::from_elem(0isize, shape.len());
    let mut step = 1isize;
    for (s, &n) in strides.iter_mut().zip(shape).rev() {
        *s = step;
        step = step.saturating_mul(n.max(1) as isize);
    }
    strides
}

/// The number of elements of `shape`, or `None` if it overflows.
pub fn checked_size(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |acc, &n| acc.checked_mul(n))
}

/// A smaller allocation limit set by the host (0: none); see [`set_allocation_limit`].
static ALLOCATION_LIMIT_OVERRIDE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Lowers the largest allocation NPL attempts to `bytes` (0 restores the
/// default). Used by the fuzzers, which run under a small memory budget.
pub fn set_allocation_limit(bytes: u64) {
    ALLOCATION_LIMIT_OVERRIDE.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// The largest allocation NPL attempts, in bytes: the machine's physical
/// memory (read once from `/proc/meminfo`; 16 GiB where it cannot be read),
/// unless [`set_allocation_limit`] lowered it.
pub fn allocation_limit() -> u128 {
    use std::sync::OnceLock;
    let override_bytes = ALLOCATION_LIMIT_OVERRIDE.load(std::sync::atomic::Ordering::Relaxed);
    if override_bytes > 0 {
        return override_bytes as u128;
    }
    static LIMIT: OnceLock<u128> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        let total_kib = std::fs::read_to_string("/proc/meminfo").ok().and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u128>().ok())
        });
        total_kib.map(|k| k * 1024).unwrap_or(16 << 30)
    })
}

/// NumPy's wording of a byte count in a `MemoryError` (`7.28 TiB`).
pub fn format_byte_size(bytes: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bits = 128 - bytes.leading_zeros() as usize;
    let mut unit = (bits.saturating_sub(1).max(1)) / 10;
    unit = unit.min(UNITS.len() - 1);
    let mut value = bytes as f64 / (1u128 << (unit * 10)) as f64;
    if value.round() == 1024.0 && unit + 1 < UNITS.len() {
        unit += 1;
        value /= 1024.0;
    }
    if unit == 0 {
        format!("{} {}", value as u128, UNITS[0])
    } else {
        format!("{:.2} {}", value, UNITS[unit])
    }
}

/// A shape written as NumPy writes it: `(3,)`, `(2, 3)`, `()`.
pub fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Checks that an array of `shape` and `dtype` can be allocated and returns
/// its element count; refuses with NumPy's `MemoryError` message otherwise.
pub fn check_allocation(shape: &[usize], dtype: DType) -> ArrayResult<usize> {
    let size: u128 = shape.iter().fold(1u128, |acc, &n| acc.saturating_mul(n as u128));
    let bytes = size.saturating_mul(dtype.itemsize() as u128);
    if bytes > allocation_limit() || size > isize::MAX as u128 {
        return Err(ArrayError::new(
            ErrorKind::Memory,
            format!(
                "Unable to allocate {} for an array with shape {} and data type {}",
                format_byte_size(bytes),
                shape_repr(shape),
                dtype.name()
            ),
        ));
    }
    Ok(size as usize)
}

impl<T: Element> Array<T> {
    /// A contiguous array of `shape` owning `data` (in C order).
    /// Refuses data whose length is not the product of the shape.
    pub fn from_vec(shape: impl IntoDims<usize>, data: Vec<T>) -> ArrayResult<Self> {
        let shape = shape.into_dims();
        if checked_size(&shape) != Some(data.len()) {
            return Err(ArrayError::value(format!(
                "cannot reshape array of size {} into shape {}",
                data.len(),
                shape_repr(&shape)
            )));
        }
        let strides = c_strides(&shape);
        Ok(Array { buf: Rc::new(RefCell::new(data)), shape, strides, offset: 0 })
    }

    /// A 0-d array holding `value`.
    pub fn scalar(value: T) -> Self {
        Array { buf: Rc::new(RefCell::new(vec![value])), shape: Dims::new(), strides: Dims::new(), offset: 0 }
    }

    /// A 1-d array holding `data`.
    pub fn from_slice(data: &[T]) -> Self {
        let n = data.len();
        Array { buf: Rc::new(RefCell::new(data.to_vec())), shape: [n].into_dims(), strides: [1].into_dims(), offset: 0 }
    }

    /// An array of `shape` with every element `value`; `MemoryError` if too big.
    pub fn full(shape: impl IntoDims<usize>, value: T) -> ArrayResult<Self> {
        let shape = shape.into_dims();
        let size = check_allocation(&shape, T::DTYPE)?;
        let strides = c_strides(&shape);
        let data = super::parallel::build_vec(size, 1, |_, out| {
            for o in out.iter_mut() {
                o.write(value);
            }
        })?;
        Ok(Array { buf: Rc::new(RefCell::new(data)), shape, strides, offset: 0 })
    }

    /// A new view on this array's buffer. The caller guarantees that every
    /// index reachable through `shape`/`strides`/`offset` is inside the buffer.
    pub fn view(&self, shape: impl IntoDims<usize>, strides: impl IntoDims<isize>, offset: usize) -> Self {
        let (shape, strides) = (shape.into_dims(), strides.into_dims());
        debug_assert_eq!(shape.len(), strides.len());
        Array { buf: Rc::clone(&self.buf), shape, strides, offset }
    }

    /// The shape.
    #[inline(always)]
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// The strides, in elements.
    #[inline(always)]
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }
    /// Offset of the first element in the buffer.
    #[inline(always)]
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// Number of dimensions.
    #[inline(always)]
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    /// Number of elements.
    #[inline(always)]
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether the elements lie in C order without gaps, starting at `offset`.
    #[inline]
    pub fn is_c_contiguous(&self) -> bool {
        let mut expected = 1isize;
        for (&n, &s) in self.shape.iter().zip(&self.strides).rev() {
            if n == 0 {
                return true;
            }
            if n != 1 && s != expected {
                return false;
            }
            expected *= n as isize;
        }
        true
    }

    /// Whether this handle is the only one on its buffer and views the whole
    /// of it in C order: then the caller that owns this handle may overwrite
    /// the data in place (a temporary taking an operation's result).
    pub fn is_sole_contiguous_owner(&self) -> bool {
        Rc::strong_count(&self.buf) == 1
            && self.offset == 0
            && self.is_c_contiguous()
            && self.buf.try_borrow().map(|b| b.len() == self.size()).unwrap_or(false)
    }

    /// Whether `other` shares this array's buffer (so writing one may change the other).
    pub fn shares_buffer<U>(&self, other: &Array<U>) -> bool {
        Rc::as_ptr(&self.buf) as *const u8 == Rc::as_ptr(&other.buf) as *const u8
    }

    /// The whole buffer, for reading.
    pub fn buffer(&self) -> Ref<'_, Vec<T>> {
        self.buf.borrow()
    }
    /// The whole buffer, for writing. Fails rather than panics if the buffer
    /// is borrowed elsewhere (callers copy aliasing operands first).
    pub fn buffer_mut(&self) -> ArrayResult<RefMut<'_, Vec<T>>> {
        self.buf.try_borrow_mut().map_err(|_| ArrayError::value("array is being read while written (aliasing)"))
    }

    /// Calls `f` with the buffer offset of every element, in C order.
    pub fn for_each_offset(&self, mut f: impl FnMut(usize)) {
        let size = self.size();
        if size == 0 {
            return;
        }
        if self.is_c_contiguous() {
            for i in self.offset..self.offset + size {
                f(i);
            }
            return;
        }
        let nd = self.shape.len();
        let inner_n = self.shape[nd - 1];
        let inner_s = self.strides[nd - 1];
        let mut index = vec![0usize; nd.saturating_sub(1)];
        let mut base = self.offset as isize;
        loop {
            let mut p = base;
            for _ in 0..inner_n {
                f(p as usize);
                p += inner_s;
            }
            // Advance the outer index (all axes but the last), odometer style.
            let mut axis = nd - 1;
            loop {
                if axis == 0 {
                    return;
                }
                axis -= 1;
                index[axis] += 1;
                base += self.strides[axis];
                if index[axis] < self.shape[axis] {
                    break;
                }
                base -= self.strides[axis] * self.shape[axis] as isize;
                index[axis] = 0;
            }
        }
    }

    /// The elements in C order, as a new vector.
    pub fn to_vec(&self) -> Vec<T> {
        let buf = self.buf.borrow();
        if self.is_c_contiguous() {
            return buf[self.offset..self.offset + self.size()].to_vec();
        }
        match super::manip::copy::c_order_vec(&buf, self.offset, &self.shape, &self.strides, false) {
            Ok(v) => v,
            Err(_) => {
                // Not reached: an uncancellable copy cannot fail.
                let mut out = Vec::with_capacity(self.size());
                self.for_each_offset(|i| out.push(buf[i]));
                out
            }
        }
    }

    /// The elements in C order, as a new vector, on all cores for big
    /// arrays; stops with `Interrupted` on Ctrl-C.
    pub fn try_to_vec(&self) -> ArrayResult<Vec<T>> {
        let buf = self.buf.borrow();
        super::manip::copy::c_order_vec(&buf, self.offset, &self.shape, &self.strides, true)
    }

    /// Runs `f` on the elements as one C-ordered slice: borrowed when the
    /// array is contiguous, copied otherwise.
    #[inline]
    pub fn with_slice<R>(&self, f: impl FnOnce(&[T]) -> R) -> R {
        if self.is_c_contiguous() {
            let buf = self.buf.borrow();
            f(&buf[self.offset..self.offset + self.size()])
        } else {
            let v = self.to_vec();
            f(&v)
        }
    }

    /// A contiguous copy with its own buffer.
    pub fn copy(&self) -> Self {
        if self.is_c_contiguous() {
            let data = self.buf.borrow()[self.offset..self.offset + self.size()].to_vec();
            let (shape, strides) = (self.shape.clone(), self.strides.clone());
            return Array { buf: Rc::new(RefCell::new(data)), shape, strides, offset: 0 };
        }
        let shape = self.shape.clone();
        let data = self.to_vec();
        let strides = c_strides(&shape);
        Array { buf: Rc::new(RefCell::new(data)), shape, strides, offset: 0 }
    }

    /// A contiguous copy with its own buffer ([`Array::copy`]) that stops
    /// with `Interrupted` on Ctrl-C.
    pub fn try_copy(&self) -> ArrayResult<Self> {
        let shape = self.shape.clone();
        let data = self.try_to_vec()?;
        let strides = c_strides(&shape);
        Ok(Array { buf: Rc::new(RefCell::new(data)), shape, strides, offset: 0 })
    }

    /// This array if it is C-contiguous, else a contiguous copy.
    pub fn as_contiguous(&self) -> Self {
        if self.is_c_contiguous() {
            self.clone()
        } else {
            self.copy()
        }
    }

    /// The element at a multi-index (each index already in range).
    pub fn get(&self, index: &[usize]) -> T {
        let mut p = self.offset as isize;
        for (&i, &s) in index.iter().zip(&self.strides) {
            p += i as isize * s;
        }
        self.buf.borrow()[p as usize]
    }

    /// `a[i]` of a 1-d array, with a negative `i` counting from the end;
    /// `None` for another number of dimensions or an index out of range.
    #[inline(always)]
    pub fn element_1d(&self, i: i64) -> Option<T> {
        let ([n], [stride]) = (&self.shape[..], &self.strides[..]) else { return None };
        // `n` fits in an i64, so a negative `i` plus `n` cannot overflow; a
        // result still negative wraps to a huge u64 and fails the bound.
        let i = if i < 0 { i + *n as i64 } else { i };
        if i as u64 >= *n as u64 {
            return None;
        }
        let p = self.offset as isize + i as isize * stride;
        self.buf.try_borrow().ok()?.get(p as usize).copied()
    }

    /// The element at position `i` of the C-order flattening (`i < size`).
    pub fn get_flat(&self, mut i: usize) -> T {
        let mut p = self.offset as isize;
        for (&n, &s) in self.shape.iter().zip(&self.strides).rev() {
            if n > 0 {
                p += (i % n) as isize * s;
                i /= n;
            }
        }
        self.buf.borrow()[p as usize]
    }

    /// A new contiguous array of `f` applied to every element.
    pub fn map<U: Element>(&self, f: impl Fn(T) -> U) -> Array<U> {
        let data: Vec<U> = self.with_slice(|s| s.iter().map(|&x| f(x)).collect());
        let shape = self.shape.clone();
        let strides = c_strides(&shape);
        Array { buf: Rc::new(RefCell::new(data)), shape, strides, offset: 0 }
    }

    /// [`Array::map`] keeping the memory order of the input (NumPy's
    /// `order='K'`, as in `astype`): a transposed input gives a transposed
    /// result, so later reductions add in NumPy's order.
    pub fn map_keep_order<U: Element>(&self, f: impl Fn(T) -> U) -> Array<U> {
        use super::elementwise::k_order::{k_perm, permuted, unpermuted};
        match k_perm(&self.shape, &[&self.strides]) {
            Some(perm) => unpermuted(permuted(self, &self.strides, &perm, &self.shape).map(f), &perm, &self.shape),
            None => self.map(f),
        }
    }

    /// Sets every element of the view to `value`.
    pub fn fill(&self, value: T) -> ArrayResult<()> {
        let mut buf = self.buffer_mut()?;
        self.for_each_offset(|i| buf[i] = value);
        Ok(())
    }

    /// Copies `src` (same shape, C order) into this view element by element.
    /// Refuses a length mismatch.
    pub fn assign_from_slice(&self, src: &[T]) -> ArrayResult<()> {
        if src.len() != self.size() {
            return Err(ArrayError::value("assignment of a wrong number of elements"));
        }
        let mut buf = self.buffer_mut()?;
        let mut k = 0;
        self.for_each_offset(|i| {
            buf[i] = src[k];
            k += 1;
        });
        Ok(())
    }
}

/// An n-d array of any of NPL's four dtypes.
#[derive(Clone, Debug)]
pub enum NdArray {
    /// dtype `bool`
    Bool(Array<bool>),
    /// dtype `int64`
    Int(Array<i64>),
    /// dtype `float64`
    Float(Array<f64>),
    /// dtype `complex128`
    Complex(Array<Complex64>),
}

/// Runs `$body` with `$a` bound to the typed array inside an [`NdArray`].
#[macro_export]
macro_rules! with_array {
    ($nd:expr, $a:ident => $body:expr) => {
        match $nd {
            $crate::array::NdArray::Bool($a) => $body,
            $crate::array::NdArray::Int($a) => $body,
            $crate::array::NdArray::Float($a) => $body,
            $crate::array::NdArray::Complex($a) => $body,
        }
    };
}

/// Wraps a typed array into the [`NdArray`] variant of its dtype.
pub trait IntoNdArray {
    /// The tagged array.
    fn into_nd(self) -> NdArray;
}
impl IntoNdArray for Array<bool> {
    fn into_nd(self) -> NdArray {
        NdArray::Bool(self)
    }
}
impl IntoNdArray for Array<i64> {
    fn into_nd(self) -> NdArray {
        NdArray::Int(self)
    }
}
impl IntoNdArray for Array<f64> {
    fn into_nd(self) -> NdArray {
        NdArray::Float(self)
    }
}
impl IntoNdArray for Array<Complex64> {
    fn into_nd(self) -> NdArray {
        NdArray::Complex(self)
    }
}

impl NdArray {
    /// The dtype.
    pub fn dtype(&self) -> DType {
        match self {
            NdArray::Bool(_) => DType::Bool,
            NdArray::Int(_) => DType::Int64,
            NdArray::Float(_) => DType::Float64,
            NdArray::Complex(_) => DType::Complex128,
        }
    }
    /// The shape.
    #[inline(always)]
    pub fn shape(&self) -> &[usize] {
        with_array!(self, a => a.shape())
    }
    /// The strides in elements.
    #[inline(always)]
    pub fn strides(&self) -> &[isize] {
        with_array!(self, a => a.strides())
    }
    /// Number of dimensions.
    #[inline(always)]
    pub fn ndim(&self) -> usize {
        self.shape().len()
    }
    /// Number of elements.
    #[inline(always)]
    pub fn size(&self) -> usize {
        self.shape().iter().product()
    }

    /// A 0-d array holding `s`, of the scalar's dtype.
    pub fn from_scalar(s: Scalar) -> NdArray {
        match s {
            Scalar::Bool(v) => NdArray::Bool(Array::scalar(v)),
            Scalar::Int(v) => NdArray::Int(Array::scalar(v)),
            Scalar::Float(v) => NdArray::Float(Array::scalar(v)),
            Scalar::Complex(v) => NdArray::Complex(Array::scalar(v)),
        }
    }

    /// An array of `shape` and `dtype` filled with `value` (cast to `dtype`).
    pub fn full(shape: impl IntoDims<usize>, value: Scalar, dtype: DType) -> ArrayResult<NdArray> {
        let shape = shape.into_dims();
        Ok(match dtype {
            DType::Bool => NdArray::Bool(Array::full(shape, bool::from_scalar(value))?),
            DType::Int64 => NdArray::Int(Array::full(shape, i64::from_scalar(value))?),
            DType::Float64 => NdArray::Float(Array::full(shape, f64::from_scalar(value))?),
            DType::Complex128 => NdArray::Complex(Array::full(shape, Complex64::from_scalar(value))?),
        })
    }

    /// An array of `shape` and `dtype` full of zeros.
    pub fn zeros(shape: impl IntoDims<usize>, dtype: DType) -> ArrayResult<NdArray> {
        Self::full(shape, Scalar::Int(0), dtype)
    }

    /// The element at position `i` of the C-order flattening (`i < size`).
    pub fn get_flat(&self, i: usize) -> Scalar {
        with_array!(self, a => a.get_flat(i).to_scalar())
    }

    /// The only element of a size-1 array; `None` for any other size.
    pub fn item(&self) -> Option<Scalar> {
        (self.size() == 1).then(|| self.get_flat(0))
    }

    /// A contiguous copy with its own buffer.
    pub fn copy(&self) -> NdArray {
        with_array!(self, a => a.copy().into_nd())
    }

    /// A contiguous copy with its own buffer that stops with `Interrupted`
    /// on Ctrl-C (what `a.copy()` and `np.copy` run).
    pub fn try_copy(&self) -> ArrayResult<NdArray> {
        Ok(with_array!(self, a => a.try_copy()?.into_nd()))
    }

    /// A copy cast to `dtype` (NumPy's `astype`, unsafe casting: floats
    /// truncate toward zero, complex drops the imaginary part).
    pub fn astype(&self, dtype: DType) -> NdArray {
        if dtype == self.dtype() {
            return self.copy();
        }
        match dtype {
            DType::Bool => {
                NdArray::Bool(with_array!(self, a => a.map_keep_order(|x| bool::from_scalar(x.to_scalar()))))
            }
            DType::Int64 => NdArray::Int(with_array!(self, a => a.map_keep_order(|x| i64::from_scalar(x.to_scalar())))),
            DType::Float64 => {
                NdArray::Float(with_array!(self, a => a.map_keep_order(|x| f64::from_scalar(x.to_scalar()))))
            }
            DType::Complex128 => {
                NdArray::Complex(with_array!(self, a => a.map_keep_order(|x| Complex64::from_scalar(x.to_scalar()))))
            }
        }
    }

    /// This array itself when it already has `dtype` (no copy), else a cast copy.
    pub fn cast_to(&self, dtype: DType) -> NdArray {
        if dtype == self.dtype() {
            self.clone()
        } else {
            self.astype(dtype)
        }
    }

    /// The array as float64 (shared when it already is; cast otherwise).
    pub fn to_float(&self) -> Array<f64> {
        match self {
            NdArray::Float(a) => a.clone(),
            other => with_array!(other, a => a.map_keep_order(|x| f64::from_scalar(x.to_scalar()))),
        }
    }
    /// The array as complex128 (shared when it already is; cast otherwise).
    pub fn to_complex(&self) -> Array<Complex64> {
        match self {
            NdArray::Complex(a) => a.clone(),
            other => with_array!(other, a => a.map_keep_order(|x| Complex64::from_scalar(x.to_scalar()))),
        }
    }
    /// The array as int64 (shared when it already is; cast otherwise).
    pub fn to_int(&self) -> Array<i64> {
        match self {
            NdArray::Int(a) => a.clone(),
            other => with_array!(other, a => a.map_keep_order(|x| i64::from_scalar(x.to_scalar()))),
        }
    }
    /// The array as bool (shared when it already is; cast otherwise).
    pub fn to_bool(&self) -> Array<bool> {
        match self {
            NdArray::Bool(a) => a.clone(),
            other => with_array!(other, a => a.map_keep_order(|x| bool::from_scalar(x.to_scalar()))),
        }
    }

    /// Whether both arrays share one buffer.
    pub fn shares_buffer(&self, other: &NdArray) -> bool {
        with_array!(self, a => with_array!(other, b => a.shares_buffer(b)))
    }

    /// All elements in C order as scalars (for conversion to Python lists).
    pub fn to_scalars(&self) -> Vec<Scalar> {
        with_array!(self, a => a.to_vec().into_iter().map(|x| x.to_scalar()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strides_are_c_order() {
        assert_eq!(&c_strides(&[2, 3, 4])[..], &[12, 4, 1]);
        assert!(c_strides(&[]).is_empty());
    }

    #[test]
    fn views_write_through_to_the_base() {
        let a = Array::from_vec(vec![2, 3], (0..6i64).collect()).unwrap();
        // Row 1 as a view.
        let row = a.view(vec![3], vec![1], 3);
        row.fill(9).unwrap();
        assert_eq!(a.to_vec(), vec![0, 1, 2, 9, 9, 9]);
        // Column 0 is strided.
        let col = a.view(vec![2], vec![3], 0);
        assert!(!col.is_c_contiguous());
        assert_eq!(col.to_vec(), vec![0, 9]);
    }

    #[test]
    fn transposed_iteration_order() {
        let a = Array::from_vec(vec![2, 3], (0..6i64).collect()).unwrap();
        let t = a.view(vec![3, 2], vec![1, 3], 0);
        assert_eq!(t.to_vec(), vec![0, 3, 1, 4, 2, 5]);
        assert_eq!(t.get_flat(3), 4);
        assert_eq!(t.get(&[2, 1]), 5);
    }

    #[test]
    fn negative_strides_iterate_backwards() {
        let a = Array::from_vec(vec![4], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
        let r = a.view(vec![4], vec![-1], 3);
        assert_eq!(r.to_vec(), vec![4.0, 3.0, 2.0, 1.0]);
    }

    #[test]
    fn huge_allocations_fail_with_numpys_message() {
        let err = Array::<f64>::full(vec![1_000_000_000_000], 0.0).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Memory);
        assert_eq!(
            err.message,
            "Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type float64"
        );
    }

    #[test]
    fn byte_sizes_read_like_numpy() {
        assert_eq!(format_byte_size(8), "8 bytes");
        assert_eq!(format_byte_size(1 << 30), "1.00 GiB");
    }

    #[test]
    fn astype_truncates_floats() {
        let a = NdArray::Float(Array::from_slice(&[1.7, -1.7]));
        assert_eq!(a.astype(DType::Int64).to_scalars(), vec![Scalar::Int(1), Scalar::Int(-1)]);
    }
}
