//! Complex scalar functions with NumPy's definitions: Smith's division,
//! NumPy's `power` (repeated multiplication for small integer exponents),
//! lexicographic ordering, and the C library's complex functions (`csqrt`,
//! `cexp`, ...), which is what NumPy calls, so results agree to the bit.
//!
//! NumPy's vectorized complex multiply and modulus use fused multiply-adds
//! on CPUs that have them; so do NPL's (detected at run time, with the loops
//! compiled for FMA), which keeps products equal to NumPy's to the last bit.

use super::kernels::assign;
use crate::array::broadcast::broadcast_shapes;
use crate::array::dtype::Element;
use crate::array::error::ArrayResult;
use crate::array::storage::{check_allocation, Array};
use num_complex::Complex64;

/// The C99 complex functions of the system math library. `double complex`
/// is passed like a `#[repr(C)]` pair of doubles, which `Complex64` is.
mod libm {
    use num_complex::Complex64;
    #[cfg_attr(unix, link(name = "m"))]
    extern "C" {
        pub fn csqrt(z: Complex64) -> Complex64;
        pub fn cexp(z: Complex64) -> Complex64;
        pub fn clog(z: Complex64) -> Complex64;
        pub fn cpow(z: Complex64, w: Complex64) -> Complex64;
        pub fn csin(z: Complex64) -> Complex64;
        pub fn ccos(z: Complex64) -> Complex64;
        pub fn ctan(z: Complex64) -> Complex64;
        pub fn casin(z: Complex64) -> Complex64;
        pub fn cacos(z: Complex64) -> Complex64;
        pub fn catan(z: Complex64) -> Complex64;
        pub fn csinh(z: Complex64) -> Complex64;
        pub fn ccosh(z: Complex64) -> Complex64;
        pub fn ctanh(z: Complex64) -> Complex64;
        pub fn casinh(z: Complex64) -> Complex64;
        pub fn cacosh(z: Complex64) -> Complex64;
        pub fn catanh(z: Complex64) -> Complex64;
    }
}

macro_rules! libm_fns {
    ($($name:ident => $c:ident),* $(,)?) => {
        $(
            #[doc = concat!("The C library's `", stringify!($c), "`.")]
            #[inline]
            pub(crate) fn $name(z: Complex64) -> Complex64 {
                // SAFETY: a pure function of its by-value argument.
                unsafe { libm::$c(z) }
            }
        )*
    };
}

libm_fns! {
    sqrt => csqrt, exp => cexp, log => clog, sin => csin, cos => ccos, tan => ctan,
    asin => casin, acos => cacos, atan => catan, sinh => csinh, cosh => ccosh,
    tanh => ctanh, asinh => casinh, acosh => cacosh, atanh => catanh,
}

/// `z * w` with fused multiply-adds, as NumPy's vectorized loop computes
/// it on CPUs that have them (no special inf handling).
#[inline(always)]
fn mul_fused(z: Complex64, w: Complex64) -> Complex64 {
    Complex64::new(z.re.mul_add(w.re, -(z.im * w.im)), z.re.mul_add(w.im, z.im * w.re))
}

/// `|z|` with a fused multiply-add (see [`abs`]).
#[inline(always)]
fn abs_fused(z: Complex64) -> f64 {
    abs_with(z, |q| q.mul_add(q, 1.0))
}

/// `|z|` without fused multiply-adds (see [`abs`]).
#[inline(always)]
fn abs_plain(z: Complex64) -> f64 {
    abs_with(z, |q| q * q + 1.0)
}

/// Whether NumPy's complex loops use fused multiply-adds on this CPU
/// (they do where the CPU has them), so NPL's products agree to the bit.
pub(crate) fn use_fma() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use std::sync::OnceLock;
        static FMA: OnceLock<bool> = OnceLock::new();
        *FMA.get_or_init(|| std::arch::is_x86_feature_detected!("fma"))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        cfg!(target_feature = "fma") || cfg!(target_arch = "aarch64")
    }
}

/// Defines a function over complex arrays whose body uses `$mul` and `$abs`
/// for the product and modulus NumPy's loops compute on this CPU: the fused
/// versions, compiled for FMA, when the CPU has FMA; the plain ones
/// otherwise. The kernels are inlined, so the fused operations become
/// single instructions inside the loop.
macro_rules! complex_kernel {
    ($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty, |$mul:ident, $abs:ident| $body:expr) => {
        $(#[$doc])*
        pub(crate) fn $name($($arg: $ty),*) -> $ret {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "fma")]
                unsafe fn fused($($arg: $ty),*) -> $ret {
                    let ($mul, $abs) = (mul_fused, abs_fused);
                    $body
                }
                if use_fma() {
                    // SAFETY: the CPU supports FMA (checked at run time).
                    return unsafe { fused($($arg),*) };
                }
                let ($mul, $abs) = (mul_plain, abs_plain);
                $body
            }
            #[cfg(not(target_arch = "x86_64"))]
            {
                if use_fma() {
                    let ($mul, $abs) = (mul_fused, abs_fused);
                    $body
                } else {
                    let ($mul, $abs) = (mul_plain, abs_plain);
                    $body
                }
            }
        }
    };
}

/// `f(x, y)` over two complex arrays broadcast together, as plain loops
/// over contiguous data (operands are made contiguous first), so that in a
/// function compiled for FMA the fused operations stay inline.
#[inline(always)]
fn zip_contiguous<O: Element>(
    a: &Array<Complex64>,
    b: &Array<Complex64>,
    f: impl Fn(Complex64, Complex64) -> O,
) -> ArrayResult<Array<O>> {
    let shape = broadcast_shapes(a.shape(), b.shape())?;
    let size = check_allocation(&shape, O::DTYPE)?;
    let mut out = vec![O::default(); size];
    if size > 0 && b.size() == 1 {
        let (y, a) = (b.get_flat(0), a.broadcast_to(&shape)?.as_contiguous());
        let abuf = a.buffer();
        for (o, &x) in out.iter_mut().zip(&abuf[a.offset()..a.offset() + size]) {
            *o = f(x, y);
        }
    } else if size > 0 && a.size() == 1 {
        let (x, b) = (a.get_flat(0), b.broadcast_to(&shape)?.as_contiguous());
        let bbuf = b.buffer();
        for (o, &y) in out.iter_mut().zip(&bbuf[b.offset()..b.offset() + size]) {
            *o = f(x, y);
        }
    } else if size > 0 {
        let (a, b) = (a.broadcast_to(&shape)?.as_contiguous(), b.broadcast_to(&shape)?.as_contiguous());
        let (abuf, bbuf) = (a.buffer(), b.buffer());
        let pairs = abuf[a.offset()..a.offset() + size].iter().zip(&bbuf[b.offset()..b.offset() + size]);
        for (o, (&x, &y)) in out.iter_mut().zip(pairs) {
            *o = f(x, y);
        }
    }
    Array::from_vec(shape, out)
}

/// `f(x)` over a complex array, as a plain loop over contiguous data (see
/// [`zip_contiguous`]).
#[inline(always)]
fn map_contiguous<O: Element>(a: &Array<Complex64>, f: impl Fn(Complex64) -> O) -> ArrayResult<Array<O>> {
    let size = check_allocation(a.shape(), O::DTYPE)?;
    let mut out = vec![O::default(); size];
    let a = a.as_contiguous();
    let abuf = a.buffer();
    for (o, &x) in out.iter_mut().zip(&abuf[a.offset()..a.offset() + size]) {
        *o = f(x);
    }
    drop(abuf);
    Array::from_vec(a.shape(), out)
}

complex_kernel! {
    /// `a * b` elementwise for complex arrays, as NumPy's loop computes it.
    mul_arrays(a: &Array<Complex64>, b: &Array<Complex64>) -> ArrayResult<Array<Complex64>>,
    |mul, _abs| zip_contiguous(a, b, mul)
}

/// `a *= b` elementwise for complex arrays, as NumPy's loop computes it.
pub(crate) fn mul_update(a: &Array<Complex64>, b: &Array<Complex64>) -> ArrayResult<()> {
    assign(a, &mul_arrays(a, b)?)
}

complex_kernel! {
    /// `a * a` elementwise for a complex array (`np.square`).
    square_array(a: &Array<Complex64>) -> ArrayResult<Array<Complex64>>,
    |mul, _abs| map_contiguous(a, |x| mul(x, x))
}

complex_kernel! {
    /// `|a|` elementwise for a complex array, as NumPy's loop computes it.
    abs_array(a: &Array<Complex64>) -> ArrayResult<Array<f64>>,
    |_mul, abs| map_contiguous(a, abs)
}

/// `z * w` without fused multiply-adds, as NumPy's scalar C code (its
/// `power`) computes it.
#[inline(always)]
pub(crate) fn mul_plain(z: Complex64, w: Complex64) -> Complex64 {
    Complex64::new(z.re * w.re - z.im * w.im, z.re * w.im + z.im * w.re)
}

/// `|z|` as NumPy's vectorized loop computes it: the larger part times
/// `sqrt(1 + ratio**2)` (`one_plus_square` computes the last), inf if
/// either part is infinite, else NaN if either is NaN.
#[inline(always)]
fn abs_with(z: Complex64, one_plus_square: impl Fn(f64) -> f64) -> f64 {
    let (re, im) = (z.re.abs(), z.im.abs());
    if re.is_infinite() || im.is_infinite() {
        return f64::INFINITY;
    }
    if re.is_nan() || im.is_nan() {
        return f64::NAN;
    }
    let (large, small) = if re >= im { (re, im) } else { (im, re) };
    if large == 0.0 {
        return 0.0;
    }
    let q = small / large;
    large * one_plus_square(q).sqrt()
}

/// `|z|` for one number, as NumPy's loop computes it on this CPU.
pub(crate) fn abs(z: Complex64) -> f64 {
    if use_fma() {
        abs_fused(z)
    } else {
        abs_plain(z)
    }
}

/// `z / w` by Smith's algorithm, as NumPy's complex division.
#[inline]
pub(crate) fn div(z: Complex64, w: Complex64) -> Complex64 {
    let (ar, ai, br, bi) = (z.re, z.im, w.re, w.im);
    let (abs_br, abs_bi) = (br.abs(), bi.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 && abs_bi == 0.0 {
            Complex64::new(ar / abs_br, ai / abs_br)
        } else {
            let rat = bi / br;
            let scl = 1.0 / (br + bi * rat);
            Complex64::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
        let rat = br / bi;
        let scl = 1.0 / (bi + br * rat);
        Complex64::new((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

/// `1 / z` as NumPy's `reciprocal`.
#[inline]
pub(crate) fn reciprocal(z: Complex64) -> Complex64 {
    if z.im.abs() <= z.re.abs() {
        let r = z.im / z.re;
        let d = z.re + z.im * r;
        Complex64::new(1.0 / d, -r / d)
    } else {
        let r = z.re / z.im;
        let d = z.re * r + z.im;
        Complex64::new(r / d, -1.0 / d)
    }
}

/// `z ** w` as NumPy's complex `power`: exact `1` for a zero exponent,
/// `0` or NaN for a zero base, repeated multiplication for integer
/// exponents below 100 in size, the C library's `cpow` otherwise.
pub(crate) fn pow(z: Complex64, w: Complex64) -> Complex64 {
    let (ar, ai, br, bi) = (z.re, z.im, w.re, w.im);
    if br == 0.0 && bi == 0.0 {
        return Complex64::new(1.0, 0.0);
    }
    if ar == 0.0 && ai == 0.0 {
        return if br > 0.0 { Complex64::new(0.0, 0.0) } else { Complex64::new(f64::NAN, f64::NAN) };
    }
    if bi == 0.0 && br == br.trunc() && br.abs() < 100.0 {
        let n = br as i64;
        match n {
            1 => return z,
            2 => return mul_plain(z, z),
            3 => return mul_plain(z, mul_plain(z, z)),
            _ => {}
        }
        let mut k = n.unsigned_abs();
        let mut acc = Complex64::new(1.0, 0.0);
        let mut p = z;
        loop {
            if k & 1 == 1 {
                acc = mul_plain(acc, p);
            }
            k >>= 1;
            if k == 0 {
                break;
            }
            p = mul_plain(p, p);
        }
        return if n < 0 { div(Complex64::new(1.0, 0.0), acc) } else { acc };
    }
    // SAFETY: a pure function of its by-value arguments.
    unsafe { libm::cpow(z, w) }
}

/// Whether either part is NaN.
#[inline]
pub(crate) fn is_nan(z: Complex64) -> bool {
    z.re.is_nan() || z.im.is_nan()
}

/// NumPy's lexicographic `z < w` for complex numbers.
#[inline]
pub(crate) fn lt(z: Complex64, w: Complex64) -> bool {
    (z.re < w.re && !z.im.is_nan() && !w.im.is_nan()) || (z.re == w.re && z.im < w.im)
}

/// NumPy's lexicographic `z <= w` for complex numbers.
#[inline]
pub(crate) fn le(z: Complex64, w: Complex64) -> bool {
    (z.re < w.re && !z.im.is_nan() && !w.im.is_nan()) || (z.re == w.re && z.im <= w.im)
}

/// NumPy's `maximum` of complex numbers (lexicographic; NaN propagates).
#[inline]
pub(crate) fn maximum(z: Complex64, w: Complex64) -> Complex64 {
    if is_nan(z) || le(w, z) {
        z
    } else {
        w
    }
}

/// NumPy's `minimum` of complex numbers (lexicographic; NaN propagates).
#[inline]
pub(crate) fn minimum(z: Complex64, w: Complex64) -> Complex64 {
    if is_nan(z) || le(z, w) {
        z
    } else {
        w
    }
}

/// NumPy's `fmax` of complex numbers (lexicographic; NaN ignored).
#[inline]
pub(crate) fn fmax(z: Complex64, w: Complex64) -> Complex64 {
    if is_nan(w) || le(w, z) {
        z
    } else {
        w
    }
}

/// NumPy's `fmin` of complex numbers (lexicographic; NaN ignored).
#[inline]
pub(crate) fn fmin(z: Complex64, w: Complex64) -> Complex64 {
    if is_nan(w) || le(z, w) {
        z
    } else {
        w
    }
}

/// NumPy 2's `sign` of a complex number: `z / |z|`, with its inf cases.
pub(crate) fn sign(z: Complex64) -> Complex64 {
    let abs = z.re.hypot(z.im);
    if abs.is_nan() {
        Complex64::new(f64::NAN, f64::NAN)
    } else if abs.is_infinite() {
        match (z.re.is_infinite(), z.im.is_infinite()) {
            (true, true) => Complex64::new(f64::NAN, f64::NAN),
            (true, false) => Complex64::new(if z.re > 0.0 { 1.0 } else { -1.0 }, 0.0),
            _ => Complex64::new(0.0, if z.im > 0.0 { 1.0 } else { -1.0 }),
        }
    } else if abs == 0.0 {
        Complex64::new(0.0, 0.0)
    } else {
        Complex64::new(z.re / abs, z.im / abs)
    }
}

/// `log2(z)` as NumPy: `clog(z) * log2(e)`.
pub(crate) fn log2(z: Complex64) -> Complex64 {
    let l = log(z);
    Complex64::new(l.re * std::f64::consts::LOG2_E, l.im * std::f64::consts::LOG2_E)
}

/// `log10(z)` as NumPy: `clog(z) * log10(e)`.
pub(crate) fn log10(z: Complex64) -> Complex64 {
    let l = log(z);
    Complex64::new(l.re * std::f64::consts::LOG10_E, l.im * std::f64::consts::LOG10_E)
}

/// `2 ** z` as NumPy: `cexp(z * ln 2)`.
pub(crate) fn exp2(z: Complex64) -> Complex64 {
    exp(Complex64::new(z.re * std::f64::consts::LN_2, z.im * std::f64::consts::LN_2))
}

/// `log(1 + z)` as NumPy computes it.
pub(crate) fn log1p(z: Complex64) -> Complex64 {
    let l = (z.re + 1.0).hypot(z.im);
    Complex64::new(l.ln(), z.im.atan2(z.re + 1.0))
}

/// `exp(z) - 1` as NumPy computes it.
pub(crate) fn expm1(z: Complex64) -> Complex64 {
    let a = (z.im / 2.0).sin();
    Complex64::new(z.re.exp_m1() * z.im.cos() - 2.0 * a * a, z.re.exp() * z.im.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libm_complex_functions_link_and_agree_with_numpy() {
        assert_eq!(sqrt(Complex64::new(3.0, 4.0)), Complex64::new(2.0, 1.0));
        assert_eq!(sqrt(Complex64::new(-4.0, 0.0)), Complex64::new(0.0, 2.0));
        assert_eq!(sqrt(Complex64::new(-4.0, -0.0)), Complex64::new(0.0, -2.0));
        let e = exp(Complex64::new(0.0, std::f64::consts::PI));
        assert_eq!(e.re, -1.0);
    }

    #[test]
    fn division_and_power_follow_numpy() {
        let r = div(Complex64::new(1.0, 2.0), Complex64::new(0.0, 0.0));
        assert!(r.re.is_infinite() && r.im.is_infinite());
        let r = div(Complex64::new(1.0, 0.0), Complex64::new(0.0, 0.0));
        assert!(r.re.is_infinite() && r.im.is_nan());
        assert_eq!(pow(Complex64::new(2.0, 1.0), Complex64::new(3.0, 0.0)), Complex64::new(2.0, 11.0));
        assert_eq!(pow(Complex64::new(2.0, 1.0), Complex64::new(-2.0, 0.0)), Complex64::new(0.12, -0.16));
        assert!(is_nan(pow(Complex64::new(0.0, 0.0), Complex64::new(-1.0, 0.0))));
        assert_eq!(pow(Complex64::new(0.0, 1.0), Complex64::new(0.0, 0.0)), Complex64::new(1.0, 0.0));
    }
}
