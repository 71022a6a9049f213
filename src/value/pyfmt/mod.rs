//! Python's number-to-text rules: `repr` of float and complex, `format()`
//! with the format-spec mini-language for int, float, complex and str, and
//! `round(x, n)` for floats — all matching CPython 3.11 output and
//! ValueError messages. Independent of the interpreter.

mod float;
mod layout;
mod spec;
#[cfg(test)]
mod tests;

use num_complex::Complex64;

use float::{double_to_string, FloatFlags, FloatMode};
use layout::{layout_number, pad_text, Grouping, NumberBody};
use spec::{parse_spec, unknown_code, FormatSpec};

/// Widths and precisions above this are refused with [`TOO_LARGE_MESSAGE`]
/// instead of allocating (CPython would try, and may raise MemoryError).
pub const MAX_FORMAT_LENGTH: usize = 100_000_000;

/// Error text for a width/precision above [`MAX_FORMAT_LENGTH`]; CPython
/// would raise MemoryError (or succeed given enough memory) there.
pub const TOO_LARGE_MESSAGE: &str = "format width or precision too large (out of memory)";

/// Python's repr(float) == str(float): shortest round-trip digits; fixed
/// notation when 1e-4 <= |x| < 1e16 (with ".0" for integral values), else
/// scientific like 1e-05, 1.5e+16; 'inf', '-inf', 'nan', '-0.0'.
pub fn float_repr(x: f64) -> String {
    let flags = FloatFlags { add_dot_0: true, ..FloatFlags::default() };
    double_to_string(x, FloatMode::Repr, 0, flags)
}

/// Python's repr(complex): 1j, (1+2j), (-0-1j), (1.5-0j), (nan+infj), 0j, ...
pub fn complex_repr(z: Complex64) -> String {
    let plain = FloatFlags::default();
    if z.re == 0.0 && z.re.is_sign_positive() {
        return format!("{}j", double_to_string(z.im, FloatMode::Repr, 0, plain));
    }
    let signed = FloatFlags { always_sign: true, ..plain };
    format!(
        "({}{}j)",
        double_to_string(z.re, FloatMode::Repr, 0, plain),
        double_to_string(z.im, FloatMode::Repr, 0, signed)
    )
}

/// Grouping for decimal output: ',' or '_' every 3 digits.
fn decimal_grouping(spec: &FormatSpec) -> Option<Grouping> {
    spec.grouping.map(|separator| Grouping { separator, size: 3 })
}

/// format(x, spec) for a Python int: the full mini-language
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` with
/// types b c d o x X n (and e E f F g G % converting to float as Python does).
pub fn format_int(x: i64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(x.to_string());
    }
    let spec = parse_spec(spec, "int", Some('d'), '>')?;
    let kind = spec.kind.unwrap_or('d');
    match kind {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_int_as_int(x, kind, &spec),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_with(x as f64, &spec),
        other => Err(unknown_code(other, "int")),
    }
}

/// Integer presentation types (CPython's `format_long_internal`).
fn format_int_as_int(x: i64, kind: char, spec: &FormatSpec) -> Result<String, String> {
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_zero {
        return Err("Negative zero coercion (z) not allowed in integer format specifier".to_string());
    }
    if kind == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if spec.alternate {
            return Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string());
        }
        // CPython raises OverflowError with this text.
        let code = u32::try_from(x)
            .ok()
            .filter(|&c| c <= 0x10FFFF)
            .ok_or_else(|| "%c arg not in range(0x110000)".to_string())?;
        // Lone surrogates cannot live in a Rust string: show U+FFFD.
        let text = char::from_u32(code).unwrap_or('\u{FFFD}').to_string();
        return layout_number(false, "", &NumberBody::opaque(&text), spec, None);
    }
    let magnitude = x.unsigned_abs();
    let (digits, prefix, group_size) = match kind {
        'b' => (format!("{:b}", magnitude), "0b", 4),
        'o' => (format!("{:o}", magnitude), "0o", 4),
        'x' => (format!("{:x}", magnitude), "0x", 4),
        'X' => (format!("{:X}", magnitude), "0X", 4),
        _ => (magnitude.to_string(), "", 3),
    };
    let prefix = if spec.alternate { prefix } else { "" };
    // 'n' uses the C locale: no grouping. Parsing already rejected bad combos.
    let grouping = match kind {
        'n' => None,
        _ => spec.grouping.map(|separator| Grouping { separator, size: group_size }),
    };
    layout_number(x < 0, prefix, &NumberBody::integer(&digits), spec, grouping)
}

/// format(x, spec) for a Python float: types e E f F g G n % and none
/// (repr-like, or 'g'-like with at least one decimal when a precision is
/// given), inf/nan, sign, 'z', '#', zero padding, ',' / '_' grouping, '='.
pub fn format_float(x: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    if let Some(text) = fixed_point_fast(x, spec) {
        return Ok(text);
    }
    let mut spec = parse_spec(spec, "float", None, '>')?;
    spec.kind = spec.kind.filter(|&c| c != '\0');
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_with(x, &spec),
        Some(other) => Err(unknown_code(other, "float")),
    }
}

/// `format(x, ".Nf")` for a finite `x` and a one- or two-digit `N` (the
/// common f-string case), without parsing the spec into its general form:
/// Rust's fixed formatting is exact and rounds as CPython does, so this is
/// the general path's result. `None` for any other spec.
fn fixed_point_fast(x: f64, spec: &str) -> Option<String> {
    let digits = spec.strip_prefix('.')?.strip_suffix('f')?;
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) || !x.is_finite() {
        return None;
    }
    let precision: usize = digits.parse().ok()?;
    Some(exact_dyadic_fixed(x, precision).unwrap_or_else(|| format!("{:.*}", precision, x)))
}

/// `x` with `precision` digits after the point when that needs no rounding:
/// `x` has at most `precision` binary digits after the point (integers,
/// halves, quarters, ...), so `x * 10^precision` is an integer, found by
/// integer arithmetic (Rust's exact formatter falls back to slow bignum
/// arithmetic for exactly these ties). `None` for zero and for every `x`
/// that needs rounding, or whose digits do not fit in 128 bits.
fn exact_dyadic_fixed(x: f64, precision: usize) -> Option<String> {
    if x == 0.0 || precision > 20 {
        return None;
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut m, mut exp) = if biased == 0 { (fraction, -1074) } else { (fraction | (1u64 << 52), biased - 1075) };
    if exp < 0 {
        let drop = m.trailing_zeros().min((-exp) as u32);
        m >>= drop;
        exp += drop as i32;
    }
    let p = precision as i32;
    if -exp > p {
        return None;
    }
    // x * 10^p = m * 5^p * 2^(exp + p), with exp + p >= 0.
    let scaled = (m as u128).checked_mul(5u128.checked_pow(precision as u32)?)?;
    let shift = (exp + p) as u32;
    if shift >= 128 || scaled.leading_zeros() < shift {
        return None;
    }
    let digits = (scaled << shift).to_string();
    let mut text = String::with_capacity(digits.len() + precision + 3);
    if x < 0.0 {
        text.push('-');
    }
    if precision == 0 {
        text.push_str(&digits);
        return Some(text);
    }
    if digits.len() <= precision {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', precision - digits.len()));
        text.push_str(&digits);
    } else {
        let (int_part, frac_part) = digits.split_at(digits.len() - precision);
        text.push_str(int_part);
        text.push('.');
        text.push_str(frac_part);
    }
    Some(text)
}

/// Checks a float precision the way CPython does, then applies our cap.
fn checked_precision(spec: &FormatSpec) -> Result<Option<usize>, String> {
    match spec.precision {
        Some(p) if p > i32::MAX as usize => Err("precision too big".to_string()),
        Some(p) if p > MAX_FORMAT_LENGTH => Err(TOO_LARGE_MESSAGE.to_string()),
        other => Ok(other),
    }
}

/// Mode, default precision and flags for a float/complex presentation type.
fn float_mode(kind: Option<char>, spec: &FormatSpec) -> (FloatMode, usize, FloatFlags) {
    let flags = FloatFlags {
        alternate: spec.alternate,
        no_neg_zero: spec.no_neg_zero,
        upper: matches!(kind, Some('E' | 'F' | 'G')),
        ..FloatFlags::default()
    };
    match kind {
        None => (FloatMode::Repr, 0, flags),
        Some('e' | 'E') => (FloatMode::Exponent, 6, flags),
        Some('f' | 'F' | '%') => (FloatMode::Fixed, 6, flags),
        _ => (FloatMode::General, 6, flags),
    }
}

/// CPython's `format_float_internal` on a parsed spec.
fn format_float_with(x: f64, spec: &FormatSpec) -> Result<String, String> {
    let precision = checked_precision(spec)?;
    layout::check_width(spec)?;
    let (mut mode, default_precision, mut flags) = float_mode(spec.kind, spec);
    if spec.kind.is_none() {
        flags.add_dot_0 = true;
    }
    let is_percent = spec.kind == Some('%');
    let value = if is_percent { x * 100.0 } else { x };
    if precision.is_some() && mode == FloatMode::Repr {
        mode = FloatMode::General;
    }
    let precision = precision.unwrap_or(default_precision);
    let mut text = double_to_string(value, mode, precision, flags);
    if is_percent {
        text.push('%');
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let grouping = if spec.kind == Some('n') { None } else { decimal_grouping(spec) };
    layout_number(negative, "", &NumberBody::split(unsigned), spec, grouping)
}

/// format(z, spec) for complex: empty spec (== repr), types e E f F g G n and
/// none, with precision, sign, '#', 'z', grouping, width and align
/// ('0' padding and '=' are errors as in Python).
pub fn format_complex(z: Complex64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(complex_repr(z));
    }
    let mut spec = parse_spec(spec, "complex", None, '>')?;
    spec.kind = spec.kind.filter(|&c| c != '\0');
    if let Some(other) = spec.kind.filter(|c| !"eEfFgGn".contains(*c)) {
        return Err(unknown_code(other, "complex"));
    }
    if spec.fill == '0' {
        return Err("Zero padding is not allowed in complex format specifier".to_string());
    }
    if spec.align == '=' {
        return Err("'=' alignment flag is not allowed in complex format specifier".to_string());
    }
    let precision = checked_precision(&spec)?;
    layout::check_width(&spec)?;
    let (mut mode, default_precision, flags) = float_mode(spec.kind, &spec);
    let bare = spec.kind.is_none();
    let skip_real = bare && z.re == 0.0 && z.re.is_sign_positive();
    let parens = bare && !skip_real;
    if precision.is_some() && mode == FloatMode::Repr {
        mode = FloatMode::General;
    }
    let precision = precision.unwrap_or(default_precision);
    let grouping = if spec.kind == Some('n') { None } else { decimal_grouping(&spec) };

    // Each part is laid out without padding; padding is applied to the whole.
    let mut part_spec = spec.clone();
    part_spec.fill = ' ';
    part_spec.align = '<';
    part_spec.width = None;
    let render_part = |value: f64, part_spec: &FormatSpec| -> Result<String, String> {
        let text = double_to_string(value, mode, precision, flags);
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        layout_number(negative, "", &NumberBody::split(unsigned), part_spec, grouping)
    };
    let real = if skip_real { String::new() } else { render_part(z.re, &part_spec)? };
    if !skip_real {
        part_spec.sign = Some('+');
    }
    let imag = render_part(z.im, &part_spec)?;
    let text = if parens { format!("({}{}j)", real, imag) } else { format!("{}{}j", real, imag) };
    pad_text(&text, &spec)
}

/// format(s, spec) for str: fill, align (<, >, ^), width and precision
/// (truncation to that many characters); sign, 'z', '#', '=' and grouping
/// are errors with CPython's messages.
pub fn format_str(s: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let spec = parse_spec(spec, "str", Some('s'), '<')?;
    match spec.kind {
        Some('s') => {}
        Some(other) => return Err(unknown_code(other, "str")),
        None => {}
    }
    match spec.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if spec.no_neg_zero {
        return Err("Negative zero coercion (z) not allowed in string format specifier".to_string());
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    if spec.align == '=' {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    let text: &str = match spec.precision {
        Some(limit) => match s.char_indices().nth(limit) {
            Some((byte_index, _)) => &s[..byte_index],
            None => s,
        },
        None => s,
    };
    pad_text(text, &spec)
}

/// Python's round(x, ndigits) for floats: correctly rounded, half-even on
/// the exact decimal value of x, as CPython does. A result too large to
/// represent (CPython's OverflowError) comes back as ±inf; see
/// [`round_float_checked`] to detect it.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    round_float_checked(x, ndigits).unwrap_or(if x < 0.0 { f64::NEG_INFINITY } else { f64::INFINITY })
}

/// Like [`round_float`], but `Err` with CPython's OverflowError message
/// ("rounded value too large to represent") when the result overflows.
pub fn round_float_checked(x: f64, ndigits: i64) -> Result<f64, String> {
    float::round_to_digits(x, ndigits)
}
