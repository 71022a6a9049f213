//! The float column format: one shared layout (notation, padding, digits)
//! chosen from all the values to print, then applied to each of them.
//!
//! Follows NumPy's `FloatingFormat` (legacy=False): a first pass renders
//! every finite value to find the widths, the second pass pads each value
//! (reusing the first pass's digits).

use super::digits::{
    positional_fraction_len, positional_parts, push_exponent, rounded_fraction, rounded_significant, shortest, Digits,
};
use super::{FloatMode, PrintOptions, SignMode};

/// Below this many significant digits, extending a normal (not subnormal)
/// value's digits with zeros equals rounding its exact binary value to that
/// many digits (its half ulp is below 1.2e-16 of its magnitude).
const SAFE_ZERO_PAD_DIGITS: usize = 15;

/// Largest precision NumPy accepts (it raises "Float formatting result too
/// large" beyond); larger requests are clamped to it.
const MAX_PRECISION: usize = 16381;

/// First-pass rendering of one finite value: its digits in the shared text
/// buffer. Positional: integer then fraction digits. Scientific: the single
/// leading digit then the fraction digits.
#[derive(Clone, Copy, Debug)]
struct RenderedFinite {
    negative: bool,
    start: usize,
    int_len: usize,
    frac_len: usize,
    exponent: i32,
}

/// The format NumPy would use for a set of float64 values printed together
/// (the whole array, or its shown edges when summarized).
#[derive(Debug)]
pub(super) struct FloatFormat {
    scientific: bool,
    pad_left: usize,
    pad_right: usize,
    /// Every finite value shows at least this many fraction digits.
    min_frac: usize,
    /// Minimum digits of the exponent (scientific notation).
    exp_digits: usize,
    sign: SignMode,
    /// Digits of all finite values, indexed by `rendered`.
    text: String,
    /// First-pass result per value; `None` for nan and inf.
    rendered: Vec<Option<RenderedFinite>>,
}

/// Chooses scientific notation the way NumPy does, from the finite
/// non-zero magnitudes.
fn wants_scientific(values: &[f64], suppress: bool) -> bool {
    let mut max_abs = 0.0f64;
    let mut min_abs = f64::INFINITY;
    let mut any_nonzero = false;
    for &value in values {
        if value.is_finite() && value != 0.0 {
            let magnitude = value.abs();
            any_nonzero = true;
            max_abs = max_abs.max(magnitude);
            min_abs = min_abs.min(magnitude);
        }
    }
    any_nonzero && (max_abs >= 1e8 || (!suppress && (min_abs < 1e-4 || max_abs / min_abs > 1e3)))
}

/// Digits of `abs` for scientific notation with at most `precision`
/// fraction digits (`None`: shortest), exactly `precision` when not unique.
fn scientific_digits(abs: f64, precision: Option<usize>, unique: bool) -> Digits {
    match precision {
        Some(p) if !unique => rounded_significant(abs, p + 1),
        Some(p) => {
            let best = shortest(abs);
            if best.digits.len() > p + 1 {
                rounded_significant(abs, p + 1)
            } else {
                best
            }
        }
        None => shortest(abs),
    }
}

/// Positional digits of `abs`: (integer, fraction), with at most
/// `precision` fraction digits (`None`: shortest), exactly that many when
/// not unique.
fn positional_digits(abs: f64, precision: Option<usize>, unique: bool) -> (String, String) {
    match precision {
        Some(p) if !unique => rounded_fraction(abs, p),
        Some(p) => {
            let best = shortest(abs);
            if positional_fraction_len(&best) > p {
                rounded_fraction(abs, p)
            } else {
                positional_parts(&best)
            }
        }
        None => positional_parts(&shortest(abs)),
    }
}

/// Number of decimal digits of a non-negative integer.
fn decimal_len(mut n: u32) -> usize {
    let mut len = 1;
    while n >= 10 {
        n /= 10;
        len += 1;
    }
    len
}

fn push_spaces(out: &mut String, count: usize) {
    for _ in 0..count {
        out.push(' ');
    }
}

impl FloatFormat {
    /// Builds the format for `values` (every value that decides the layout)
    /// under `opts`, forcing `sign` (the imaginary parts of complex numbers
    /// always use `SignMode::Plus`).
    pub(super) fn new(values: &[f64], opts: &PrintOptions, sign: SignMode) -> FloatFormat {
        let scientific = wants_scientific(values, opts.suppress);
        let fixed = opts.floatmode == FloatMode::Fixed;
        let unique = !fixed;
        let precision = match opts.floatmode {
            FloatMode::Unique => None,
            _ => Some(opts.precision.min(MAX_PRECISION)),
        };
        let sign_shown = |negative: bool| negative || sign == SignMode::Plus;

        let mut text = String::new();
        let mut rendered = Vec::with_capacity(values.len());
        let mut any_finite = false;
        let mut any_signbit = false;
        let mut any_nonfinite = false;
        let mut any_neg_inf = false;
        let mut max_int = 0usize;
        let mut max_frac = 0usize;
        let mut max_exp_digits = 0usize;

        for &value in values {
            if crate::array::cancel::is_requested() {
                // Ctrl-C: the caller drops the text (see `array_str`)
                break;
            }
            if !value.is_finite() {
                any_nonfinite = true;
                any_neg_inf |= value == f64::NEG_INFINITY;
                rendered.push(None);
                continue;
            }
            any_finite = true;
            let negative = value.is_sign_negative();
            any_signbit |= negative;
            let abs = value.abs();
            let start = text.len();
            let (int_len, mut frac_len, exponent) = if scientific {
                let digits = scientific_digits(abs, precision, unique);
                text.push_str(&digits.digits);
                (1, digits.digits.len() - 1, digits.exponent)
            } else {
                let (int_part, frac_part) = positional_digits(abs, precision, unique);
                text.push_str(&int_part);
                text.push_str(&frac_part);
                (int_part.len(), frac_part.len(), 0)
            };
            if !fixed {
                // trim='.': trailing zeros go, the point stays.
                let digits = text.as_bytes();
                while frac_len > 0 && digits[start + int_len + frac_len - 1] == b'0' {
                    frac_len -= 1;
                }
                text.truncate(start + int_len + frac_len);
            }
            max_int = max_int.max(int_len + usize::from(sign_shown(negative)));
            max_frac = max_frac.max(frac_len);
            max_exp_digits = max_exp_digits.max(decimal_len(exponent.unsigned_abs()));
            rendered.push(Some(RenderedFinite { negative, start, int_len, frac_len, exponent }));
        }

        let mut format =
            FloatFormat { scientific, pad_left: 0, pad_right: 0, min_frac: 0, exp_digits: 2, sign, text, rendered };
        if any_finite {
            format.pad_left = max_int;
            if scientific {
                format.exp_digits = max_exp_digits.max(2);
                format.min_frac = max_frac;
                format.pad_right = format.exp_digits + 2 + max_frac;
            } else {
                format.pad_right = max_frac;
                if matches!(opts.floatmode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
                    format.min_frac = max_frac;
                }
            }
        }
        if sign == SignMode::Space && !any_signbit {
            format.pad_left += 1;
        }
        if any_nonfinite {
            let neg_inf_width = usize::from(sign != SignMode::Minus || any_neg_inf);
            let needed = (3 + neg_inf_width).saturating_sub(format.pad_right + 1);
            format.pad_left = format.pad_left.max(needed);
        }
        format
    }

    /// Appends value number `index` of the values given to `new` (its value
    /// is `value`), padded to the common width.
    pub(super) fn write(&self, index: usize, value: f64, out: &mut String) {
        if !value.is_finite() {
            self.write_nonfinite(value, out);
            return;
        }
        match self.rendered.get(index).copied().flatten() {
            Some(finite) => self.write_finite(&finite, value.abs(), out),
            // Not one of the values given to `new` (never happens through
            // this module): show its shortest digits, unpadded.
            None => {
                let (int_part, frac_part) = positional_parts(&shortest(value.abs()));
                if value.is_sign_negative() {
                    out.push('-');
                }
                out.push_str(&int_part);
                out.push('.');
                out.push_str(&frac_part);
            }
        }
    }

    fn write_nonfinite(&self, value: f64, out: &mut String) {
        let word = if value.is_nan() {
            if self.sign == SignMode::Plus {
                "+nan"
            } else {
                "nan"
            }
        } else if value < 0.0 {
            "-inf"
        } else if self.sign == SignMode::Plus {
            "+inf"
        } else {
            "inf"
        };
        let width = self.pad_left + self.pad_right + 1;
        push_spaces(out, width.saturating_sub(word.len()));
        out.push_str(word);
    }

    fn write_finite(&self, finite: &RenderedFinite, abs: f64, out: &mut String) {
        let stored = self.text.get(finite.start..finite.start + finite.int_len + finite.frac_len);
        let stored = stored.unwrap_or("0");
        let (int_stored, frac_stored) = stored.split_at(finite.int_len.min(stored.len()));
        let sign_char = if finite.negative {
            Some('-')
        } else if self.sign == SignMode::Plus {
            Some('+')
        } else {
            None
        };

        // Digits, extended to `min_frac` fraction digits with the exact
        // value's own digits (zeros while those are provably zeros).
        let extended;
        let (int_part, frac_part, exponent): (&str, &str, i32);
        let needs_more = frac_stored.len() < self.min_frac;
        let zeros_exact = int_stored.len() + self.min_frac <= SAFE_ZERO_PAD_DIGITS && (abs == 0.0 || abs.is_normal());
        if needs_more && !zeros_exact {
            if self.scientific {
                let digits = rounded_significant(abs, self.min_frac + 1);
                extended = (digits.digits[..1].to_string(), digits.digits[1..].to_string());
                exponent = digits.exponent;
            } else {
                extended = rounded_fraction(abs, self.min_frac);
                exponent = 0;
            }
            int_part = &extended.0;
            frac_part = &extended.1;
        } else {
            int_part = int_stored;
            frac_part = frac_stored;
            exponent = finite.exponent;
        }
        let zero_pad = self.min_frac.saturating_sub(frac_part.len());

        let int_width = int_part.len() + usize::from(sign_char.is_some());
        push_spaces(out, self.pad_left.saturating_sub(int_width));
        if let Some(sign) = sign_char {
            out.push(sign);
        }
        out.push_str(int_part);
        out.push('.');
        out.push_str(frac_part);
        for _ in 0..zero_pad {
            out.push('0');
        }
        if self.scientific {
            push_exponent(out, exponent, self.exp_digits);
        } else {
            push_spaces(out, self.pad_right.saturating_sub(frac_part.len() + zero_pad));
        }
    }
}
