//! Writing text files: `savetxt` and its Python-style `%` formatting.

use super::decl;
use super::files::{path_arg, write_atomic};
use super::gzip::gzip;
use super::loadtxt::str_value;
use crate::array::{DType, Scalar};
use crate::builtins::args::bind;
use crate::builtins::array_glue::operand;
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{ExcKind, Value};

/// Python's `fmt % values` for one row: `%[flags][width][.precision]type`
/// with types d i u x X o e E f F g G s r and `%%`. Errors carry the
/// exception kind Python would raise.
fn percent_format(fmt: &str, vals: &[Scalar]) -> Result<String, (ExcKind, String)> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut next = 0usize;
    let mut i = 0usize;
    let too_few = || (ExcKind::TypeError, "not enough arguments for format string".to_string());
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let (mut left, mut plus, mut space, mut zero, mut alt) = (false, false, false, false, false);
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '0' | '#') {
            match chars[i] {
                '-' => left = true,
                '+' => plus = true,
                ' ' => space = true,
                '0' => zero = true,
                _ => alt = true,
            }
            i += 1;
        }
        let mut width = 0usize;
        while i < chars.len() && chars[i].is_ascii_digit() {
            width = width.saturating_mul(10).saturating_add(chars[i] as usize - '0' as usize);
            i += 1;
        }
        let mut precision: Option<usize> = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut p = 0usize;
            while i < chars.len() && chars[i].is_ascii_digit() {
                p = p.saturating_mul(10).saturating_add(chars[i] as usize - '0' as usize);
                i += 1;
            }
            precision = Some(p);
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err((ExcKind::ValueError, "incomplete format".to_string()));
        };
        if conv == '*' {
            return Err((ExcKind::TypeError, "* wants int".to_string()));
        }
        i += 1;
        if conv == '%' && i == start + 2 {
            out.push('%');
            continue;
        }
        if width > 10_000 || precision.is_some_and(|p| p > 10_000) {
            return Err((ExcKind::ValueError, "width or precision too big".to_string()));
        }
        let pad = |body: String, sign: &str, zero_ok: bool| -> String {
            let len = body.chars().count() + sign.chars().count();
            if len >= width {
                return format!("{sign}{body}");
            }
            let fill = width - len;
            if left {
                format!("{sign}{body}{}", " ".repeat(fill))
            } else if zero && zero_ok {
                format!("{sign}{}{body}", "0".repeat(fill))
            } else {
                format!("{}{sign}{body}", " ".repeat(fill))
            }
        };
        let sign_of = |neg: bool| -> &'static str {
            if neg {
                "-"
            } else if plus {
                "+"
            } else if space {
                " "
            } else {
                ""
            }
        };
        match conv {
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let v = *vals.get(next).ok_or_else(too_few)?;
                next += 1;
                let integral = matches!(conv, 'd' | 'i' | 'u');
                let x: i128 = match v {
                    Scalar::Bool(_) | Scalar::Float(_) if !integral => {
                        return Err((ExcKind::TypeError, format!("%{conv} format: an integer is required")))
                    }
                    Scalar::Bool(b) => b as i128,
                    Scalar::Int(n) => n as i128,
                    Scalar::Float(f) => {
                        if f.is_nan() {
                            return Err((ExcKind::ValueError, "cannot convert float NaN to integer".to_string()));
                        }
                        if f.is_infinite() {
                            return Err((
                                ExcKind::OverflowError,
                                "cannot convert float infinity to integer".to_string(),
                            ));
                        }
                        f.trunc().clamp(-1e38, 1e38) as i128
                    }
                    Scalar::Complex(_) => {
                        return Err((
                            ExcKind::TypeError,
                            format!("%{conv} format: a real number is required, not complex"),
                        ))
                    }
                };
                let mag = x.unsigned_abs();
                let mut digits = match conv {
                    'x' => format!("{mag:x}"),
                    'X' => format!("{mag:X}"),
                    'o' => format!("{mag:o}"),
                    _ => mag.to_string(),
                };
                if let Some(p) = precision {
                    if digits.len() < p {
                        digits = format!("{}{digits}", "0".repeat(p - digits.len()));
                    }
                }
                let prefix = match (alt, conv) {
                    (true, 'x') => "0x",
                    (true, 'X') => "0X",
                    (true, 'o') => "0o",
                    _ => "",
                };
                let sign = format!("{}{prefix}", sign_of(x < 0));
                out.push_str(&pad(digits, &sign, precision.is_none()));
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let v = *vals.get(next).ok_or_else(too_few)?;
                next += 1;
                let f = match v {
                    Scalar::Complex(_) => {
                        return Err((ExcKind::TypeError, "must be real number, not complex".to_string()))
                    }
                    other => other.to_f64(),
                };
                let mut spec = String::new();
                if alt {
                    spec.push('#');
                }
                spec.push_str(&format!(".{}{conv}", precision.unwrap_or(6)));
                let body = crate::value::pyfmt::format_float(f.abs(), &spec).map_err(|e| (ExcKind::ValueError, e))?;
                let neg = f.is_sign_negative() && !f.is_nan();
                out.push_str(&pad(body, sign_of(neg), true));
            }
            's' | 'r' | 'a' => {
                let v = *vals.get(next).ok_or_else(too_few)?;
                next += 1;
                let mut text = if conv == 's' {
                    crate::builtins::convert::scalar_to_value(v).to_str()
                } else {
                    match v {
                        Scalar::Bool(true) => "np.True_".to_string(),
                        Scalar::Bool(false) => "np.False_".to_string(),
                        other => {
                            format!(
                                "np.{}({})",
                                other.dtype().name(),
                                crate::builtins::convert::scalar_to_value(other).repr()
                            )
                        }
                    }
                };
                if let Some(p) = precision {
                    text = text.chars().take(p).collect();
                }
                out.push_str(&pad(text, "", false));
            }
            other => {
                return Err((
                    ExcKind::ValueError,
                    format!("unsupported format character '{other}' (0x{:x}) at index {}", other as u32, i - 1),
                ))
            }
        }
    }
    if next < vals.len() {
        return Err((ExcKind::TypeError, "not all arguments converted during string formatting".to_string()));
    }
    Ok(out)
}

/// `np.savetxt`.
pub(super) fn np_savetxt(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("savetxt"), args)?;
    let path = path_arg(&b.required(0)?)?;
    let x = operand(&b.required(1)?)?;
    let text_arg = |v: Option<&Value>, default: &str, what: &str| -> EvalResult<String> {
        match v {
            None => Ok(default.to_string()),
            Some(v) => str_value(v, what),
        }
    };
    let delimiter = text_arg(b.get(3), " ", "delimiter")?;
    let newline = text_arg(b.get(4), "\n", "newline")?;
    let header = text_arg(b.get(5), "", "header")?;
    let footer = text_arg(b.get(6), "", "footer")?;
    let comments = text_arg(b.get(7), "# ", "comments")?;
    if x.ndim() == 0 || x.ndim() > 2 {
        return Err(value_error(format!("Expected 1D or 2D array, got {}D array instead", x.ndim())));
    }
    let (nrows, ncol) = if x.ndim() == 1 { (x.shape()[0], 1) } else { (x.shape()[0], x.shape()[1]) };
    let complex = x.dtype() == DType::Complex128;
    let format = match b.get(2) {
        None => {
            let one = if complex { " (%.18e+%.18ej)" } else { "%.18e" };
            vec![one; ncol].join(&delimiter)
        }
        Some(Value::Str(f)) => {
            let n = f.matches('%').count();
            if n == 1 {
                let one = if complex { format!(" ({f}+{f}j)") } else { f.to_string() };
                vec![one; ncol].join(&delimiter)
            } else if (complex && n != 2 * ncol) || (!complex && n != ncol) {
                return Err(value_error(format!("fmt has wrong number of % formats:  {f}")));
            } else {
                f.to_string()
            }
        }
        Some(v @ (Value::List(_) | Value::Tuple(_))) => {
            let items = match v {
                Value::List(l) => l.borrow().clone(),
                Value::Tuple(t) => t.as_ref().clone(),
                _ => Vec::new(),
            };
            if items.len() != ncol {
                return Err(raise(ExcKind::AttributeError, format!("fmt has wrong shape.  {}", v.repr())));
            }
            let parts: Vec<String> = items.iter().map(|s| str_value(s, "fmt")).collect::<EvalResult<_>>()?;
            parts.join(&delimiter)
        }
        Some(other) => return Err(value_error(format!("invalid fmt: {}", other.repr()))),
    };
    let scalars = x.to_scalars();
    let mut out = String::new();
    if !header.is_empty() {
        out.push_str(&comments);
        out.push_str(&header.replace('\n', &format!("\n{comments}")));
        out.push_str(&newline);
    }
    for r in 0..nrows {
        let row = &scalars[r * ncol..(r + 1) * ncol];
        let vals: Vec<Scalar> = if complex {
            row.iter()
                .flat_map(|s| {
                    let c = s.to_c64();
                    [Scalar::Float(c.re), Scalar::Float(c.im)]
                })
                .collect()
        } else {
            row.to_vec()
        };
        let line = percent_format(&format, &vals).map_err(|(kind, msg)| {
            if kind == ExcKind::TypeError {
                type_error(format!(
                    "Mismatch between array dtype ('{}') and format specifier ('{format}')",
                    x.dtype().name()
                ))
            } else {
                raise(kind, msg)
            }
        })?;
        if complex {
            out.push_str(&line.replace("+-", "-"));
        } else {
            out.push_str(&line);
        }
        out.push_str(&newline);
    }
    if !footer.is_empty() {
        out.push_str(&comments);
        out.push_str(&footer.replace('\n', &format!("\n{comments}")));
        out.push_str(&newline);
    }
    if path.ends_with(".gz") {
        write_atomic(&path, &gzip(out.as_bytes()))?;
    } else {
        write_atomic(&path, out.as_bytes())?;
    }
    Ok(Value::None)
}
