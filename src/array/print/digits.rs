//! Decimal digit generation for `f64`, the primitive under every float format.
//!
//! Two kinds of digit strings are needed, both matching NumPy's Dragon4:
//! * the *shortest* digits that round-trip (NumPy's and Python's `repr`),
//!   with ties between equally short candidates broken towards the one
//!   closest to the exact binary value (and, on exact ties, the even one);
//! * the *exact* binary value correctly rounded (half to even) to a given
//!   number of digits.
//!
//! Rust's `{:e}` gives shortest digits and `{:.N}` / `{:.Ne}` give exact
//! rounding, so both are built on the standard formatter.

use std::fmt::Write;

/// Significant decimal digits of a finite non-negative number:
/// value = `d0.d1d2...` × 10^`exponent`. `digits` is never empty; zero is
/// `"0"` with exponent 0.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Digits {
    /// ASCII decimal digits, first one non-zero unless the value is zero.
    pub digits: String,
    /// Decimal exponent of the first digit.
    pub exponent: i32,
}

/// Splits Rust's `{:e}` output (`"1.25e-3"`) into digits and exponent.
fn parse_scientific(text: &str) -> Digits {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    Digits { digits: if digits.is_empty() { "0".to_string() } else { digits }, exponent: exponent.parse().unwrap_or(0) }
}

/// Shortest round-tripping digits of `abs` (finite, non-negative).
pub(super) fn shortest(abs: f64) -> Digits {
    let text = format!("{:e}", abs);
    let found = parse_scientific(&text);
    let count = found.digits.len();
    // With 16 or more digits two candidates of that length may both round
    // trip; Python and NumPy take the one nearest the exact value, which is
    // the exact value correctly rounded, whenever that one round-trips.
    if count >= 16 {
        let nearest = format!("{:.*e}", count - 1, abs);
        if nearest != text && nearest.parse::<f64>().ok() == Some(abs) {
            return parse_scientific(&nearest);
        }
    }
    found
}

/// The exact value of `abs` rounded to `significant` digits (at least 1).
pub(super) fn rounded_significant(abs: f64, significant: usize) -> Digits {
    let text = format!("{:.*e}", significant.max(1) - 1, abs);
    parse_scientific(&text)
}

/// The exact value of `abs` rounded to `fraction` digits after the point,
/// as (integer digits, fraction digits).
pub(super) fn rounded_fraction(abs: f64, fraction: usize) -> (String, String) {
    let text = format!("{:.*}", fraction, abs);
    match text.split_once('.') {
        Some((int_part, frac_part)) => (int_part.to_string(), frac_part.to_string()),
        None => (text, String::new()),
    }
}

/// Lays digits out positionally: (integer digits, fraction digits).
/// The integer part is `"0"` for values below one; the fraction part has
/// no trailing zeros beyond those present in `digits`.
pub(super) fn positional_parts(value: &Digits) -> (String, String) {
    let digits = value.digits.as_str();
    let count = digits.len() as i64;
    let exponent = value.exponent as i64;
    if exponent >= 0 {
        let int_len = exponent + 1;
        if count <= int_len {
            let mut int_part = digits.to_string();
            for _ in count..int_len {
                int_part.push('0');
            }
            (int_part, String::new())
        } else {
            let split = int_len as usize;
            (digits[..split].to_string(), digits[split..].to_string())
        }
    } else {
        let zeros = (-exponent - 1) as usize;
        let mut frac = String::with_capacity(zeros + digits.len());
        for _ in 0..zeros {
            frac.push('0');
        }
        frac.push_str(digits);
        ("0".to_string(), frac)
    }
}

/// Number of fraction digits the positional form of `value` has.
pub(super) fn positional_fraction_len(value: &Digits) -> usize {
    let fraction = value.digits.len() as i64 - 1 - value.exponent as i64;
    fraction.max(0) as usize
}

/// Appends the exponent of scientific notation: `e`, a sign, and at least
/// `min_digits` digits.
pub(super) fn push_exponent(out: &mut String, exponent: i32, min_digits: usize) {
    out.push('e');
    out.push(if exponent < 0 { '-' } else { '+' });
    let magnitude = exponent.unsigned_abs();
    let _ = write!(out, "{:0width$}", magnitude, width = min_digits);
}

/// Python's `repr` of one float, optionally without the `.0` that marks a
/// whole float (complex parts omit it: `(1+2j)`).
fn python_real(out: &mut String, x: f64, add_dot_zero: bool) {
    if x.is_nan() {
        out.push_str("nan");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    let value = shortest(x.abs());
    if (-4..16).contains(&value.exponent) {
        let (int_part, frac_part) = positional_parts(&value);
        out.push_str(&int_part);
        if !frac_part.is_empty() {
            out.push('.');
            out.push_str(&frac_part);
        } else if add_dot_zero {
            out.push_str(".0");
        }
    } else {
        let digits = value.digits.as_str();
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        push_exponent(out, value.exponent, 2);
    }
}

/// Python's `repr(float)` (also NumPy 2's `str(np.float64)`): shortest
/// round-trip digits, positional for 1e-4 <= |x| < 1e16, else scientific
/// (`0.30000000000000004`, `1e-05`, `1e+16`, `-0.0`, `nan`, `-inf`).
pub fn python_float_repr(x: f64) -> String {
    let mut out = String::new();
    python_real(&mut out, x, true);
    out
}

/// Python's `repr(complex)` (also NumPy 2's `str(np.complex128)`):
/// `(1+2j)`, `(-0-1j)`, or just `1j` / `-1j` when the real part is +0.
pub fn python_complex_repr(re: f64, im: f64) -> String {
    let mut out = String::new();
    let real_is_plus_zero = re == 0.0 && re.is_sign_positive();
    if !real_is_plus_zero {
        out.push('(');
        python_real(&mut out, re, false);
        if im.is_nan() || im.is_sign_positive() {
            out.push('+');
        }
    }
    python_real(&mut out, im, false);
    out.push('j');
    if !real_is_plus_zero {
        out.push(')');
    }
    out
}
