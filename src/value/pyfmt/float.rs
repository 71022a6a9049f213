//! Float to text, following CPython's `PyOS_double_to_string`
//! (`format_float_short`), plus Python's `round(x, n)`.
//!
//! Decimal digits come from Rust's formatter, which is correctly rounded
//! from the exact binary value (ties to even) like David Gay's dtoa, and
//! whose shortest form is the closest shortest round-trip string.

/// Which dtoa-style conversion to perform.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum FloatMode {
    /// Shortest round-trip digits (`repr`); exponent when exp < -4 or >= 16.
    Repr,
    /// 'e': one digit, point, `precision` digits, exponent.
    Exponent,
    /// 'f': `precision` digits after the point.
    Fixed,
    /// 'g': `precision` significant digits, exponent when exp < -4 or >= precision.
    General,
}

/// Options of `PyOS_double_to_string` (the `Py_DTSF_*` flags) plus case.
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct FloatFlags {
    /// Py_DTSF_ADD_DOT_0: integral values without exponent get ".0".
    pub add_dot_0: bool,
    /// Py_DTSF_ALT: keep trailing zeros / the decimal point ('#').
    pub alternate: bool,
    /// Py_DTSF_NO_NEG_0: drop the '-' of a result that rounds to zero ('z').
    pub no_neg_zero: bool,
    /// Py_DTSF_SIGN: always write a sign.
    pub always_sign: bool,
    /// 'E', 'F', 'G': upper-case "E", "INF", "NAN".
    pub upper: bool,
}

/// Significant digits (no leading/trailing zeros, "0" for zero) and the
/// decimal point position: value = 0.DIGITS x 10^decpt.
struct Decimal {
    digits: String,
    decpt: i64,
}

impl Decimal {
    fn normalize(mut digits: String, mut decpt: i64) -> Decimal {
        let leading = digits.len() - digits.trim_start_matches('0').len();
        digits.drain(..leading);
        decpt -= leading as i64;
        let kept = digits.trim_end_matches('0').len();
        digits.truncate(kept);
        if digits.is_empty() {
            return Decimal { digits: "0".to_string(), decpt: 1 };
        }
        Decimal { digits, decpt }
    }

    /// Parses Rust's `{:e}` output such as `1.25e-7`.
    fn from_scientific(text: &str) -> Decimal {
        let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
        let exponent: i64 = exponent.parse().unwrap_or(0);
        let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
        Decimal::normalize(digits, exponent + 1)
    }

    /// Parses Rust's fixed output such as `12.500`.
    fn from_fixed(text: &str) -> Decimal {
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
        let mut digits = String::with_capacity(int_part.len() + frac_part.len());
        digits.push_str(int_part);
        digits.push_str(frac_part);
        Decimal::normalize(digits, int_part.len() as i64)
    }
}

/// Shortest round-trip digits of finite non-negative `value` in `{:e}` form.
/// Rust rounds an exact tie between two shortest candidates upward, while
/// dtoa picks the correctly rounded (half-even) one, so prefer the correctly
/// rounded string of the same length whenever it still round-trips.
fn shortest_scientific(value: f64) -> String {
    let shortest = format!("{:e}", value);
    let mantissa = shortest.split('e').next().unwrap_or("");
    let digit_count = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let nearest = format!("{:.*e}", digit_count.saturating_sub(1), value);
    if nearest != shortest && nearest.parse::<f64>() == Ok(value) {
        nearest
    } else {
        shortest
    }
}

/// A double's exact decimal expansion has at most 767 significant digits and
/// 1074 fractional digits, so asking for more never changes the digits
/// (and Rust's formatter rejects precisions above u16::MAX).
const EXACT_DIGITS_CAP: usize = 1100;

/// Exact decimal digits of finite `value` (sign ignored) for a mode.
fn decimal_digits(value: f64, mode: FloatMode, precision: usize) -> Decimal {
    let value = value.abs();
    let precision = precision.min(EXACT_DIGITS_CAP);
    match mode {
        FloatMode::Repr => Decimal::from_scientific(&shortest_scientific(value)),
        FloatMode::Exponent | FloatMode::General => {
            // `precision` is the number of significant digits here (>= 1).
            Decimal::from_scientific(&format!("{:.*e}", precision.saturating_sub(1), value))
        }
        FloatMode::Fixed => Decimal::from_fixed(&format!("{:.*}", precision, value)),
    }
}

/// CPython's `PyOS_double_to_string(x, mode, precision, flags)`.
pub(super) fn double_to_string(x: f64, mode: FloatMode, precision: usize, flags: FloatFlags) -> String {
    let mut out = String::new();
    if x.is_nan() {
        if flags.always_sign {
            out.push('+');
        }
        out.push_str(if flags.upper { "NAN" } else { "nan" });
        return out;
    }
    let negative = x.is_sign_negative();
    if x.is_infinite() {
        if negative {
            out.push('-');
        } else if flags.always_sign {
            out.push('+');
        }
        out.push_str(if flags.upper { "INF" } else { "inf" });
        return out;
    }

    // Number of significant digits asked of the digit generator.
    let precision = match mode {
        FloatMode::Exponent => precision.saturating_add(1),
        FloatMode::General => precision.max(1),
        _ => precision,
    };
    let Decimal { digits, decpt } = decimal_digits(x, mode, precision);
    let mut decpt = decpt;
    let digits_len = digits.len() as i64;
    let precision = precision as i64;

    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match mode {
        FloatMode::Exponent => {
            use_exp = true;
            vdigits_end = precision;
        }
        FloatMode::Fixed => vdigits_end = decpt + precision,
        FloatMode::General => {
            let limit = if flags.add_dot_0 { precision - 1 } else { precision };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alternate {
                vdigits_end = precision;
            }
        }
        FloatMode::Repr => use_exp = decpt <= -4 || decpt > 16,
    }

    let is_zero = digits == "0";
    if negative && !(flags.no_neg_zero && is_zero) {
        out.push('-');
    } else if flags.always_sign {
        out.push('+');
    }

    let mut exponent = 0i64;
    if use_exp {
        exponent = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    let min_end = if !use_exp && flags.add_dot_0 { decpt + 1 } else { decpt };
    vdigits_end = vdigits_end.max(min_end);

    let zeros = |n: i64| "0".repeat(n.max(0) as usize);
    if decpt <= 0 {
        out.push_str(&zeros(decpt - vdigits_start));
        out.push('.');
        out.push_str(&zeros(-decpt));
    } else {
        out.push_str(&zeros(-vdigits_start));
    }
    if 0 < decpt && decpt <= digits_len {
        let (head, tail) = digits.split_at(decpt as usize);
        out.push_str(head);
        out.push('.');
        out.push_str(tail);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        out.push_str(&zeros(decpt - digits_len));
        out.push('.');
        out.push_str(&zeros(vdigits_end - decpt));
    } else {
        out.push_str(&zeros(vdigits_end - digits_len));
    }
    if out.ends_with('.') && !flags.alternate {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        out.push_str(&format!("{:+03}", exponent));
    }
    out
}

/// Largest ndigits for which rounding can change a double (CPython's NDIGITS_MAX).
const ROUND_NDIGITS_MAX: i64 = 323;
/// Smallest ndigits for which a double may round to nonzero (NDIGITS_MIN).
const ROUND_NDIGITS_MIN: i64 = -308;

/// Python's `round(x, ndigits)`; `Err` carries CPython's OverflowError text.
pub(super) fn round_to_digits(x: f64, ndigits: i64) -> Result<f64, String> {
    if !x.is_finite() || ndigits > ROUND_NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < ROUND_NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let text = if ndigits >= 0 {
        format!("{}{:.*}", sign, ndigits as usize, x.abs())
    } else {
        let dropped = ndigits.unsigned_abs() as usize;
        let whole = x.abs().trunc();
        let has_fraction = whole != x.abs();
        let int_digits = format!("{:.0}", whole);
        if int_digits.len() < dropped {
            // Below half a unit of 10^dropped: rounds to zero.
            format!("{}0", sign)
        } else {
            let (head, tail) = int_digits.split_at(int_digits.len() - dropped);
            let half = format!("5{}", "0".repeat(dropped - 1));
            let round_up = match tail.cmp(half.as_str()) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Less => false,
                std::cmp::Ordering::Equal => has_fraction || head.bytes().last().is_some_and(|d| (d - b'0') % 2 == 1),
            };
            let head = if round_up { increment_decimal(head) } else { head.to_string() };
            let head = if head.is_empty() { "0".to_string() } else { head };
            format!("{}{}e{}", sign, head, dropped)
        }
    };
    let rounded: f64 = text.parse().unwrap_or(x);
    if rounded.is_infinite() {
        return Err("rounded value too large to represent".to_string());
    }
    Ok(rounded)
}

/// Adds one to a string of decimal digits ("" counts as 0).
fn increment_decimal(digits: &str) -> String {
    let mut bytes = digits.as_bytes().to_vec();
    let mut i = bytes.len();
    loop {
        if i == 0 {
            bytes.insert(0, b'1');
            break;
        }
        i -= 1;
        if bytes[i] == b'9' {
            bytes[i] = b'0';
        } else {
            bytes[i] += 1;
            break;
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}
