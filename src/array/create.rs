//! Array creation from ranges and shapes: `arange`, `linspace`, `logspace`,
//! `eye`, `identity`, `tri`, `meshgrid`.
//!
//! The values are computed with NumPy's formulas, so float ranges print the
//! same digits: `arange` fills `start + i * ((start + step) - start)`, and
//! `linspace` computes `i * (delta / div) + start` and sets the last point
//! to `stop`.

use super::dtype::{DType, Element, Scalar};
use super::error::{ArrayError, ArrayResult, ErrorKind};
use super::parallel::build_vec;
use super::reduce::complex_div;
use super::storage::{check_allocation, Array, IntoNdArray, NdArray};
use num_complex::Complex64;
use std::mem::MaybeUninit;

fn too_big() -> ArrayError {
    ArrayError::value("Maximum allowed size exceeded")
}

/// NumPy's length of a range from a float quotient `(stop - start) / step`.
fn length_from(value: f64) -> ArrayResult<usize> {
    if value.is_nan() {
        return Err(ArrayError::value("arange: cannot compute length"));
    }
    let len = value.ceil();
    if len > isize::MAX as f64 {
        return Err(too_big());
    }
    Ok(if len <= 0.0 { 0 } else { len as usize })
}

/// `np.arange(start, stop, step, dtype)`: values `start, start + step, ...`
/// below `stop` (above, for a negative step). The dtype is the promotion of
/// the arguments (ints give int64) unless `dtype` is given. The length is
/// `ceil((stop - start) / step)` computed as Python computes it, the values
/// as NumPy's fill computes them. A zero step raises `ZeroDivisionError`.
pub fn arange(start: Scalar, stop: Scalar, step: Scalar, dtype: Option<DType>) -> ArrayResult<NdArray> {
    let natural = start.dtype().max(stop.dtype()).max(step.dtype()).max(DType::Int64);
    let dtype = dtype.unwrap_or(natural);
    if natural == DType::Complex128 && dtype != DType::Complex128 {
        return Err(ArrayError::type_error("must be real number, not complex"));
    }
    // Length, and the second value start + step, in the natural type.
    let (len, second) = match natural {
        DType::Int64 => {
            let (a, b, s) = (
                start.to_i64().unwrap_or(0) as i128,
                stop.to_i64().unwrap_or(0) as i128,
                step.to_i64().unwrap_or(0) as i128,
            );
            if s == 0 {
                return Err(ArrayError::new(ErrorKind::ZeroDivision, "division by zero"));
            }
            let diff = b - a;
            let len = if diff.unsigned_abs() < (1 << 53) && s.unsigned_abs() < (1 << 53) {
                length_from(diff as f64 / s as f64)?
            } else {
                // Exact ceiling division (Python rounds the quotient first).
                let q = diff.div_euclid(s) + (diff.rem_euclid(s) != 0) as i128;
                if q > isize::MAX as i128 {
                    return Err(too_big());
                }
                q.max(0) as usize
            };
            let second = a + s;
            let second = i64::try_from(second).map(Scalar::Int).unwrap_or(Scalar::Float(second as f64));
            (len, second)
        }
        DType::Float64 => {
            let (a, b, s) = (start.to_f64(), stop.to_f64(), step.to_f64());
            if s == 0.0 {
                return Err(ArrayError::new(ErrorKind::ZeroDivision, "float division by zero"));
            }
            let len = length_from((b - a) / s)?;
            // Python adds an int and a float as floats.
            (len, Scalar::Float(a + s))
        }
        _ => {
            let (a, b, s) = (start.to_c64(), stop.to_c64(), step.to_c64());
            if s == Complex64::new(0.0, 0.0) {
                return Err(ArrayError::new(ErrorKind::ZeroDivision, "division by zero"));
            }
            let q = (b - a) / s;
            let len = length_from(q.re)?.min(length_from(q.im)?);
            (len, Scalar::Complex(a + s))
        }
    };
    check_allocation(&[len], dtype)?;
    let first = start.cast(natural);
    Ok(match dtype {
        DType::Bool => {
            if len > 2 {
                return Err(ArrayError::type_error(
                    "arange() is only supported for booleans when the result has at most length 2.",
                ));
            }
            let v: Vec<bool> = [first, second].iter().take(len).map(|s| s.to_bool()).collect();
            NdArray::Bool(Array::from_vec(vec![len], v)?)
        }
        DType::Int64 => {
            let (a, b) = (i64::from_scalar(first), i64::from_scalar(second));
            let delta = b.checked_sub(a).ok_or_else(ArrayError::int_overflow)?;
            // The samples are monotone in i, so they all fit when the last does.
            if len > 2 {
                ((len - 1) as i64)
                    .checked_mul(delta)
                    .and_then(|d| a.checked_add(d))
                    .ok_or_else(ArrayError::int_overflow)?;
            }
            // a + 1 * delta is b itself in integers, so one formula fills all
            let v = build_vec(len, 1, |start, out: &mut [MaybeUninit<i64>]| {
                for (k, o) in out.iter_mut().enumerate() {
                    o.write(a.wrapping_add(((start + k) as i64).wrapping_mul(delta)));
                }
            })?;
            NdArray::Int(Array::from_vec(vec![len], v)?)
        }
        DType::Float64 => {
            let (a, b) = (first.to_f64(), second.to_f64());
            let delta = b - a;
            let v = build_vec(len, 1, |start, out: &mut [MaybeUninit<f64>]| {
                for (k, o) in out.iter_mut().enumerate() {
                    o.write(a + (start + k) as f64 * delta);
                }
                // the first two values are start and start + step themselves
                if start == 0 {
                    for (o, v) in out.iter_mut().zip([a, b]) {
                        o.write(v);
                    }
                }
            })?;
            NdArray::Float(Array::from_vec(vec![len], v)?)
        }
        DType::Complex128 => {
            let (a, b) = (first.to_c64(), second.to_c64());
            let (dr, di) = (b.re - a.re, b.im - a.im);
            let v: Vec<Complex64> = (0..len)
                .map(|i| match i {
                    0 => a,
                    1 => b,
                    _ => Complex64::new(a.re + i as f64 * dr, a.im + i as f64 * di),
                })
                .collect();
            NdArray::Complex(Array::from_vec(vec![len], v)?)
        }
    })
}

/// `np.linspace(start, stop, num, endpoint, dtype)`: `num` evenly spaced
/// samples, computed as NumPy does (`i * step + start` with
/// `step = (stop - start) / div`, the last sample set to `stop` when
/// `endpoint`). Float64 (complex128 for complex bounds) unless `dtype` is
/// given; an int dtype floors the samples.
pub fn linspace(start: Scalar, stop: Scalar, num: i64, endpoint: bool, dtype: Option<DType>) -> ArrayResult<NdArray> {
    if num < 0 {
        return Err(ArrayError::value(format!("Number of samples, {num}, must be non-negative.")));
    }
    let n = num as usize;
    let natural = start.dtype().max(stop.dtype()).max(DType::Float64);
    if natural == DType::Complex128 && dtype == Some(DType::Int64) {
        return Err(ArrayError::type_error(
            "ufunc 'floor' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        ));
    }
    check_allocation(&[n], natural)?;
    let div = if endpoint { num - 1 } else { num };
    let y: NdArray = if natural == DType::Complex128 {
        let (a, b) = (start.to_c64(), stop.to_c64());
        let delta = b - a;
        let mut y: Vec<Complex64> = (0..n).map(|i| Complex64::new(i as f64, 0.0)).collect();
        if div > 0 {
            let d = Complex64::new(div as f64, 0.0);
            let step = complex_div(delta, d);
            if step == Complex64::new(0.0, 0.0) {
                for v in &mut y {
                    *v = complex_div(*v, d) * delta;
                }
            } else {
                for v in &mut y {
                    *v *= step;
                }
            }
        } else {
            for v in &mut y {
                *v *= delta;
            }
        }
        for v in &mut y {
            *v += a;
        }
        if endpoint && n > 1 {
            y[n - 1] = b;
        }
        NdArray::Complex(Array::from_vec(vec![n], y)?)
    } else {
        let (a, b) = (start.to_f64(), stop.to_f64());
        let delta = b - a;
        // NumPy's steps (`i * step`, or `i / div * delta` when the step
        // underflows to zero, then `+ start`), fused into one pass.
        let step = if div > 0 { delta / div as f64 } else { delta };
        let scale_first = div > 0 && step == 0.0;
        let divisor = div as f64;
        let mut y = build_vec(n, 1, |first, out: &mut [MaybeUninit<f64>]| {
            if scale_first {
                for (i, o) in (first..).zip(out.iter_mut()) {
                    o.write(i as f64 / divisor * delta + a);
                }
            } else {
                for (i, o) in (first..).zip(out.iter_mut()) {
                    o.write(i as f64 * step + a);
                }
            }
        })?;
        if endpoint && n > 1 {
            y[n - 1] = b;
        }
        NdArray::Float(Array::from_vec(vec![n], y)?)
    };
    Ok(match dtype {
        None => y,
        Some(DType::Int64) => NdArray::Int(y.to_float().map(|v| i64::from_scalar(Scalar::Float(v.floor())))),
        Some(d) => y.astype(d),
    })
}

/// `np.logspace(start, stop, num, endpoint, base)`: `base ** linspace(...)`.
pub fn logspace(start: Scalar, stop: Scalar, num: i64, endpoint: bool, base: f64) -> ArrayResult<NdArray> {
    let y = linspace(start, stop, num, endpoint, None)?;
    Ok(match y {
        NdArray::Complex(z) => NdArray::Complex(z.map(|v| Complex64::new(base, 0.0).powc(v))),
        other => NdArray::Float(other.to_float().map(|v| base.powf(v))),
    })
}

fn check_dim(n: i64) -> ArrayResult<usize> {
    if n < 0 {
        Err(ArrayError::value("negative dimensions are not allowed"))
    } else {
        Ok(n as usize)
    }
}

/// An `n x m` array of `dtype` with `f(row, col)` at each position.
fn matrix_from(n: usize, m: usize, dtype: DType, f: impl Fn(usize, usize) -> bool) -> ArrayResult<NdArray> {
    let shape = vec![n, m];
    check_allocation(&shape, dtype)?;
    fn go<T: Element>(n: usize, m: usize, one: T, f: impl Fn(usize, usize) -> bool) -> ArrayResult<Array<T>> {
        let mut v = vec![T::default(); n * m];
        for r in 0..n {
            for c in 0..m {
                if f(r, c) {
                    v[r * m + c] = one;
                }
            }
        }
        Array::from_vec(vec![n, m], v)
    }
    Ok(match dtype {
        DType::Bool => go(n, m, true, f)?.into_nd(),
        DType::Int64 => go(n, m, 1i64, f)?.into_nd(),
        DType::Float64 => go(n, m, 1.0f64, f)?.into_nd(),
        DType::Complex128 => go(n, m, Complex64::new(1.0, 0.0), f)?.into_nd(),
    })
}

/// `np.eye(n, m, k, dtype)`: ones on the k-th diagonal of an `n x m`
/// (default square) matrix, float64 by default.
pub fn eye(n: i64, m: Option<i64>, k: i64, dtype: Option<DType>) -> ArrayResult<NdArray> {
    let rows = check_dim(n)?;
    let cols = check_dim(m.unwrap_or(n))?;
    matrix_from(rows, cols, dtype.unwrap_or(DType::Float64), |r, c| c as i64 - r as i64 == k)
}

/// `np.identity(n, dtype)`: the `n x n` identity matrix.
pub fn identity(n: i64, dtype: Option<DType>) -> ArrayResult<NdArray> {
    eye(n, None, 0, dtype)
}

/// `np.tri(n, m, k, dtype)`: ones at and below the k-th diagonal.
pub fn tri(n: i64, m: Option<i64>, k: i64, dtype: Option<DType>) -> ArrayResult<NdArray> {
    // NumPy builds tri from aranges, so negative sizes give empty axes.
    let rows = n.max(0) as usize;
    let cols = m.unwrap_or(n).max(0) as usize;
    matrix_from(rows, cols, dtype.unwrap_or(DType::Float64), |r, c| c as i64 - r as i64 <= k)
}

/// `np.meshgrid(*xs, indexing)`: coordinate arrays (copies) from 1-d
/// coordinate vectors; `xy` indexing (the default) swaps the first two
/// output axes.
pub fn meshgrid(xs: &[NdArray], xy: bool) -> ArrayResult<Vec<NdArray>> {
    let n = xs.len();
    let lens: Vec<usize> = xs.iter().map(|x| x.size()).collect();
    let mut shape = lens.clone();
    if xy && n > 1 {
        shape.swap(0, 1);
    }
    xs.iter()
        .enumerate()
        .map(|(i, x)| {
            // Axis of the output along which x varies.
            let axis = if xy && n > 1 && i < 2 { 1 - i } else { i };
            check_allocation(&shape, x.dtype())?;
            Ok(with_array!(x, a => {
                let flat = a.to_vec();
                let mut strides = vec![0isize; n];
                strides[axis] = 1;
                let v = Array::from_vec(vec![flat.len()], flat)?;
                v.view(shape.clone(), strides, 0).copy().into_nd()
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn floats(a: &NdArray) -> Vec<f64> {
        a.to_float().to_vec()
    }

    #[test]
    fn arange_lengths_follow_the_float_quotient() {
        let a = arange(Scalar::Float(0.1), Scalar::Float(0.5), Scalar::Float(0.1), None).unwrap();
        assert_eq!(floats(&a), vec![0.1, 0.2, 0.30000000000000004, 0.4]);
        let b = arange(Scalar::Int(1), Scalar::Float(2.2), Scalar::Float(0.4), None).unwrap();
        assert_eq!(floats(&b), vec![1.0, 1.4, 1.7999999999999998, 2.1999999999999997]);
        let c = arange(Scalar::Int(0), Scalar::Int(1), Scalar::Float(0.1), None).unwrap();
        assert_eq!(c.size(), 10);
        assert_eq!(floats(&c)[3], 0.30000000000000004);
        assert_eq!(arange(Scalar::Float(1.0), Scalar::Float(1.3), Scalar::Float(0.1), None).unwrap().size(), 4);
        assert_eq!(arange(Scalar::Int(0), Scalar::Float(0.6), Scalar::Float(0.2), None).unwrap().size(), 3);
    }

    #[test]
    fn arange_forms() {
        let a = arange(Scalar::Int(10), Scalar::Int(0), Scalar::Int(-2), None).unwrap();
        assert_eq!(a.dtype(), DType::Int64);
        assert_eq!(a.to_int().to_vec(), vec![10, 8, 6, 4, 2]);
        let b = arange(Scalar::Int(5), Scalar::Int(0), Scalar::Float(-1.5), None).unwrap();
        assert_eq!(floats(&b), vec![5.0, 3.5, 2.0, 0.5]);
        let c = arange(Scalar::Int(-3), Scalar::Int(3), Scalar::Float(0.7), None).unwrap();
        assert_eq!(
            floats(&c),
            vec![
                -3.0,
                -2.3,
                -1.5999999999999996,
                -0.8999999999999995,
                -0.1999999999999993,
                0.5000000000000009,
                1.200000000000001,
                1.9000000000000012,
                2.6000000000000014
            ]
        );
        let d = arange(Scalar::Int(0), Scalar::Int(5), Scalar::Float(0.5), Some(DType::Int64)).unwrap();
        assert_eq!(d.to_int().to_vec(), vec![0; 10]);
        let e = arange(
            Scalar::Int(1_000_000_000_000_000_000),
            Scalar::Int(1_000_000_000_000_000_010),
            Scalar::Int(3),
            None,
        )
        .unwrap();
        assert_eq!(e.to_int().to_vec()[3], 1_000_000_000_000_000_009);
    }

    #[test]
    fn arange_errors() {
        let z = arange(Scalar::Int(0), Scalar::Int(5), Scalar::Int(0), None).unwrap_err();
        assert_eq!((z.kind, z.message.as_str()), (ErrorKind::ZeroDivision, "division by zero"));
        let inf = arange(Scalar::Int(0), Scalar::Float(f64::INFINITY), Scalar::Int(1), None).unwrap_err();
        assert_eq!(inf.message, "Maximum allowed size exceeded");
        let nan = arange(Scalar::Int(0), Scalar::Float(f64::NAN), Scalar::Int(1), None).unwrap_err();
        assert_eq!(nan.message, "arange: cannot compute length");
        let big =
            arange(Scalar::Int(0), Scalar::Int(1_000_000_000_000), Scalar::Int(1), Some(DType::Float64)).unwrap_err();
        assert_eq!(big.kind, ErrorKind::Memory);
        let b = arange(Scalar::Int(0), Scalar::Int(3), Scalar::Int(1), Some(DType::Bool)).unwrap_err();
        assert_eq!(b.kind, ErrorKind::Type);
    }

    #[test]
    fn linspace_matches_numpy() {
        let a = linspace(Scalar::Int(0), Scalar::Int(1), 5, true, None).unwrap();
        assert_eq!(floats(&a), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let b = linspace(Scalar::Int(0), Scalar::Int(1), 50, true, None).unwrap();
        assert_eq!(floats(&b)[3], 0.061224489795918366);
        assert_eq!(floats(&b)[49], 1.0);
        let c =
            linspace(Scalar::Float(-std::f64::consts::PI), Scalar::Float(std::f64::consts::PI), 3, true, None).unwrap();
        assert_eq!(floats(&c), vec![-std::f64::consts::PI, 0.0, std::f64::consts::PI]);
        let d = linspace(Scalar::Int(0), Scalar::Int(10), 5, true, Some(DType::Int64)).unwrap();
        assert_eq!(d.to_int().to_vec(), vec![0, 2, 5, 7, 10]);
        let e = linspace(Scalar::Int(0), Scalar::Int(1), -1, true, None).unwrap_err();
        assert_eq!(e.message, "Number of samples, -1, must be non-negative.");
        let f = linspace(Scalar::Int(2), Scalar::Int(3), 1, true, None).unwrap();
        assert_eq!(floats(&f), vec![2.0]);
        let g = linspace(Scalar::Int(0), Scalar::Float(5e-324), 3, true, None).unwrap();
        assert_eq!(floats(&g), vec![0.0, 0.0, 5e-324]);
        let h = linspace(Scalar::Complex(Complex64::new(0.0, 1.0)), Scalar::Int(2), 3, true, None).unwrap();
        assert_eq!(h.to_complex().to_vec()[1], Complex64::new(1.0, 0.5));
    }

    #[test]
    fn eye_tri_identity() {
        let e = eye(3, None, -2, Some(DType::Int64)).unwrap();
        assert_eq!(e.to_int().to_vec(), vec![0, 0, 0, 0, 0, 0, 1, 0, 0]);
        let e = eye(2, Some(3), 5, None).unwrap();
        assert_eq!(floats(&e), vec![0.0; 6]);
        assert_eq!(eye(-1, None, 0, None).unwrap_err().message, "negative dimensions are not allowed");
        assert_eq!(eye(0, None, 0, None).unwrap().shape(), &[0, 0]);
        let t = tri(3, Some(2), 0, None).unwrap();
        assert_eq!(floats(&t), vec![1.0, 0.0, 1.0, 1.0, 1.0, 1.0]);
        assert_eq!(identity(2, Some(DType::Bool)).unwrap().dtype(), DType::Bool);
    }

    #[test]
    fn meshgrid_xy() {
        let x = NdArray::Int(Array::from_slice(&[0, 1]));
        let y = NdArray::Int(Array::from_slice(&[0, 1, 2]));
        let g = meshgrid(&[x, y], true).unwrap();
        assert_eq!(g[0].shape(), &[3, 2]);
        assert_eq!(g[0].to_int().to_vec(), vec![0, 1, 0, 1, 0, 1]);
        assert_eq!(g[1].to_int().to_vec(), vec![0, 0, 1, 1, 2, 2]);
    }
}
