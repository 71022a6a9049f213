//! Reading text files: `loadtxt` and `genfromtxt`, and the field parsing
//! they share.

use super::decl;
use super::files::{os_error, with_note};
use super::gzip::gunzip;
use crate::array::storage::check_allocation;
use crate::array::{Array, DType, NdArray, Scalar};
use crate::builtins::args::bind;
use crate::builtins::array_glue::operand;
use crate::builtins::convert::{optional_dtype, to_index, value_to_scalar};
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{ExcKind, Value};

/// The lines of a text input (a file name or a list of strings), and the
/// name to show in messages.
fn text_lines(v: &Value, who: &str) -> EvalResult<(String, Vec<String>)> {
    match v {
        Value::Str(path) => {
            let bytes = std::fs::read(path.as_ref()).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    raise(ExcKind::FileNotFoundError, format!("{path} not found."))
                } else {
                    os_error(&e, path)
                }
            })?;
            let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
                gunzip(&bytes).ok_or_else(|| raise(ExcKind::OSError, format!("{path}: not a valid gzip file")))?
            } else {
                bytes
            };
            let text = String::from_utf8_lossy(&bytes);
            Ok((path.to_string(), text.lines().map(|l| l.trim_end_matches('\r').to_string()).collect()))
        }
        Value::List(_) | Value::Tuple(_) => {
            let items = match v {
                Value::List(l) => l.borrow().clone(),
                Value::Tuple(t) => t.as_ref().clone(),
                _ => Vec::new(),
            };
            let mut lines = Vec::new();
            for item in items {
                match item {
                    Value::Str(s) => lines.extend(s.lines().map(|l| l.to_string())),
                    other => {
                        return Err(type_error(format!(
                            "{who}: a list of lines must hold strings, not '{}'",
                            other.type_name()
                        )))
                    }
                }
            }
            Ok(("<list of lines>".to_string(), lines))
        }
        other => {
            Err(type_error(format!("fname must be a string or a list of strings. Got {} instead.", other.type_name())))
        }
    }
}

/// The comment markers: omitted → `#`, None → none, a str or a list of str.
fn comment_markers(v: Option<&Value>) -> EvalResult<Vec<String>> {
    match v {
        None => Ok(vec!["#".to_string()]),
        Some(Value::None) => Ok(Vec::new()),
        Some(Value::Str(s)) => Ok(if s.is_empty() { Vec::new() } else { vec![s.to_string()] }),
        Some(Value::List(l)) => l.borrow().iter().map(|c| str_value(c, "comments")).collect(),
        Some(Value::Tuple(t)) => t.iter().map(|c| str_value(c, "comments")).collect(),
        Some(other) => Err(type_error(format!("comments must be a str or a list of str, not {}", other.type_name()))),
    }
}

/// A str argument.
pub(super) fn str_value(v: &Value, what: &str) -> EvalResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_error(format!("{what} must be a str, not {}", other.type_name()))),
    }
}

/// The delimiter (None: runs of whitespace).
fn delimiter_arg(v: Option<&Value>) -> EvalResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(Value::Str(s)) if s.is_empty() => Err(value_error("delimiter must not be empty")),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(type_error(format!("delimiter must be a str, not {}", other.type_name()))),
    }
}

/// `usecols`: an int or a sequence of ints.
fn usecols_arg(v: Option<&Value>) -> EvalResult<Option<Vec<i64>>> {
    match v {
        None => Ok(None),
        Some(v @ (Value::Int(_) | Value::Bool(_))) => Ok(Some(vec![to_index(v, "")?])),
        Some(Value::List(l)) => Ok(Some(l.borrow().iter().map(|c| to_index(c, "")).collect::<EvalResult<_>>()?)),
        Some(Value::Tuple(t)) => Ok(Some(t.iter().map(|c| to_index(c, "")).collect::<EvalResult<_>>()?)),
        Some(Value::Range(r)) => Ok(Some((0..r.len()).map(|i| r.get(i)).collect())),
        Some(Value::Array(a)) if matches!(a.dtype(), DType::Int64 | DType::Bool) => Ok(Some(a.to_int().to_vec())),
        Some(other) => {
            Err(type_error(format!("usecols must be an int or a sequence of ints, not {}", other.type_name())))
        }
    }
}

/// A non-negative int argument (0 when omitted).
fn usize_arg(v: Option<&Value>, name: &str) -> EvalResult<usize> {
    match v {
        None => Ok(0),
        Some(v) => {
            let n = to_index(v, "")?;
            if n < 0 {
                Err(value_error(format!("{name} must be a non-negative integer")))
            } else {
                Ok(n as usize)
            }
        }
    }
}

/// The line without its comment (text from the first marker on).
fn strip_comment<'a>(line: &'a str, markers: &[String]) -> &'a str {
    let cut = markers.iter().filter_map(|m| line.find(m.as_str())).min();
    match cut {
        Some(i) => &line[..i],
        None => line,
    }
}

/// The fields of a line: split on `delimiter`, or on runs of whitespace.
fn split_fields<'a>(line: &'a str, delimiter: Option<&str>) -> Vec<&'a str> {
    match delimiter {
        None => line.split_whitespace().collect(),
        Some(d) => line.split(d).collect(),
    }
}

/// A float as Python's `float()` reads it (surrounding whitespace allowed).
fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.contains('_') {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        let neg = lower.starts_with('-');
        let v = if body == "nan" { f64::NAN } else { f64::INFINITY };
        return Some(if neg { -v } else { v });
    }
    if body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    t.parse::<f64>().ok()
}

/// A complex number as Python's `complex()` reads it: `1+2j`, `(1-2j)`, `-1j`, `3`.
fn parse_complex(t: &str) -> Option<num_complex::Complex64> {
    let t = t.trim();
    let t = match t.strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')')?.trim(),
        None => t,
    };
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return parse_float(t).map(|re| num_complex::Complex64::new(re, 0.0));
    };
    if body.is_empty() || body == "+" || body == "-" {
        let im = if body == "-" { -1.0 } else { 1.0 };
        return Some(num_complex::Complex64::new(0.0, im));
    }
    let mut splits =
        body.char_indices().filter(|&(i, c)| i > 0 && (c == '+' || c == '-') && !body[..i].ends_with(['e', 'E']));
    if let Some((i, _)) = splits.next_back() {
        let re = parse_float(&body[..i])?;
        let im_text = &body[i..];
        let im = match im_text {
            "+" => 1.0,
            "-" => -1.0,
            other => parse_float(other)?,
        };
        return Some(num_complex::Complex64::new(re, im));
    }
    parse_float(body).map(|im| num_complex::Complex64::new(0.0, im))
}

/// One text field as a value of `dtype`.
fn parse_field(s: &str, dtype: DType) -> Option<Scalar> {
    let t = s.trim();
    match dtype {
        DType::Float64 => parse_float(t).map(Scalar::Float),
        DType::Int64 => t.parse::<i64>().ok().map(Scalar::Int),
        DType::Bool => t.parse::<i64>().ok().map(|i| Scalar::Bool(i != 0)),
        DType::Complex128 => parse_complex(t).map(Scalar::Complex),
    }
}

/// An array of `shape` and `dtype` from scalars in C order.
fn array_from_scalars(shape: Vec<usize>, dtype: DType, vals: Vec<Scalar>) -> EvalResult<NdArray> {
    Ok(match dtype {
        DType::Bool => NdArray::Bool(Array::from_vec(shape, vals.iter().map(|s| s.to_bool()).collect())?),
        DType::Int64 => NdArray::Int(Array::from_vec(
            shape,
            vals.iter().map(|s| s.cast(DType::Int64).to_i64().unwrap_or(0)).collect(),
        )?),
        DType::Float64 => NdArray::Float(Array::from_vec(shape, vals.iter().map(|s| s.to_f64()).collect())?),
        DType::Complex128 => NdArray::Complex(Array::from_vec(shape, vals.iter().map(|s| s.to_c64()).collect())?),
    })
}

/// NumPy's `_ensure_ndmin_ndarray`: squeeze extra axes, then pad to `ndmin`.
fn ensure_ndmin(a: NdArray, ndmin: usize) -> EvalResult<NdArray> {
    let mut a = a;
    if a.ndim() > ndmin {
        a = crate::array::manip::squeeze(&a, None)?;
    }
    if a.ndim() < ndmin {
        if ndmin == 1 {
            a = crate::array::manip::reshape(&a, &[a.size() as isize])?;
        } else if ndmin == 2 {
            let n = a.size() as isize;
            a = crate::array::manip::reshape(&a, &[n, 1])?;
        }
    }
    Ok(a)
}

/// Prints a UserWarning on stderr, as NumPy does.
fn warn(message: &str) {
    eprintln!("UserWarning: {message}");
}

/// Picks the `usecols` columns of a row; `None` if one is out of range.
fn pick<'a>(fields: &[&'a str], cols: &[i64]) -> Result<Vec<(usize, &'a str)>, i64> {
    let n = fields.len() as i64;
    cols.iter()
        .map(|&c| {
            let i = if c < 0 { c + n } else { c };
            if i < 0 || i >= n {
                Err(c)
            } else {
                Ok((i as usize, fields[i as usize]))
            }
        })
        .collect()
}

/// `np.loadtxt`.
pub(super) fn np_loadtxt(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl("loadtxt"), args)?;
    let fname = b.get(0).cloned().ok_or_else(|| type_error("loadtxt() missing required argument 'fname' (pos 1)"))?;
    let dtype = optional_dtype(b.get(1))?.unwrap_or(DType::Float64);
    let markers = comment_markers(b.get_raw(2))?;
    let delimiter = delimiter_arg(b.get(3))?;
    let skiprows = usize_arg(b.get(4), "skiprows")?;
    let usecols = usecols_arg(b.get(5))?;
    let unpack = crate::builtins::reductions::flag(interp, &b, 6)?;
    let ndmin = usize_arg(b.get(7), "ndmin")?;
    if ndmin > 2 {
        return Err(value_error(format!("Illegal value of ndmin keyword: {ndmin}")));
    }
    let max_rows = match b.get(8) {
        None => usize::MAX,
        Some(v) => match to_index(v, "")? {
            n if n < 0 => usize::MAX,
            n => n as usize,
        },
    };
    let (name, lines) = text_lines(&fname, "loadtxt")?;
    let mut vals: Vec<Scalar> = Vec::new();
    let mut ncols: Option<usize> = None;
    let mut rows = 0usize;
    for (lineno, raw) in lines.iter().enumerate().skip(skiprows) {
        if rows >= max_rows {
            break;
        }
        let line = strip_comment(raw, &markers);
        if line.trim().is_empty() {
            continue;
        }
        let note = || format!("  (in {}, line {})", crate::value::quote_str(&name), lineno + 1);
        let fields = split_fields(line, delimiter.as_deref());
        let chosen: Vec<(usize, &str)> = match &usecols {
            Some(cols) => pick(&fields, cols).map_err(|c| {
                with_note(
                    value_error(format!("invalid column index {c} at row {} with {} columns", rows + 1, fields.len())),
                    note(),
                )
            })?,
            None => {
                match ncols {
                    Some(n) if n != fields.len() => {
                        return Err(with_note(
                            value_error(format!(
                                "the number of columns changed from {n} to {} at row {}; use `usecols` to select a subset and avoid this error",
                                fields.len(),
                                rows + 1
                            )),
                            note(),
                        ))
                    }
                    _ => ncols = Some(fields.len()),
                }
                fields.iter().copied().enumerate().collect()
            }
        };
        if ncols.is_none() {
            ncols = Some(chosen.len());
        }
        for (col, text) in chosen {
            match parse_field(text, dtype) {
                Some(v) => vals.push(v),
                None => {
                    return Err(with_note(
                        value_error(format!(
                            "could not convert string {} to {} at row {rows}, column {}.",
                            crate::value::quote_str(text),
                            dtype.name(),
                            col + 1
                        )),
                        note(),
                    ))
                }
            }
        }
        rows += 1;
        check_allocation(&[vals.len()], dtype)?;
    }
    let a = if rows == 0 {
        if let Value::Str(_) = fname {
            warn(&format!("loadtxt: input contained no data: \"{name}\""));
        }
        array_from_scalars(vec![0], dtype, Vec::new())?
    } else {
        array_from_scalars(vec![rows, ncols.unwrap_or(0)], dtype, vals)?
    };
    let a = ensure_ndmin(a, ndmin)?;
    if unpack && a.ndim() > 1 {
        return Ok(Value::array(crate::array::manip::transpose(&a, None)?.copy()));
    }
    Ok(Value::array(a))
}

/// genfromtxt's default filling value for a dtype.
fn default_fill(dtype: DType) -> Scalar {
    match dtype {
        DType::Float64 => Scalar::Float(f64::NAN),
        DType::Complex128 => Scalar::Complex(num_complex::Complex64::new(f64::NAN, 0.0)),
        DType::Int64 => Scalar::Int(-1),
        DType::Bool => Scalar::Bool(false),
    }
}

/// `np.genfromtxt`.
pub(super) fn np_genfromtxt(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl("genfromtxt"), args)?;
    let skip_footer = usize_arg(b.get(7), "skip_footer")?;
    let max_rows = match b.get(8) {
        None => usize::MAX,
        Some(v) => {
            let n = to_index(v, "")?;
            if n < 1 {
                return Err(value_error(format!("'max_rows' must be at least 1 (got {n}).")));
            }
            n as usize
        }
    };
    let unpack = crate::builtins::reductions::flag(interp, &b, 9)?;
    if skip_footer > 0 && max_rows != usize::MAX {
        return Err(value_error("The keywords 'skip_footer' and 'max_rows' can not be specified at the same time."));
    }
    let fname =
        b.get(0).cloned().ok_or_else(|| type_error("genfromtxt() missing required argument 'fname' (pos 1)"))?;
    let dtype = optional_dtype(b.get(1))?.unwrap_or(DType::Float64);
    let markers = comment_markers(b.get_raw(2))?;
    let delimiter = delimiter_arg(b.get(3))?;
    let skip = usize_arg(b.get(4), "skip_header")?;
    let usecols = usecols_arg(b.get(5))?;
    let fills: Option<Vec<Scalar>> = match b.get(6) {
        None => None,
        Some(v) => match value_to_scalar(v) {
            Some(s) => Some(vec![s]),
            None => Some(operand(v)?.to_scalars()),
        },
    };
    let missing: Vec<String> = match b.get(11) {
        None => Vec::new(),
        Some(Value::Str(s)) => s.split(',').map(|m| m.trim().to_string()).collect(),
        Some(Value::List(l)) => l.borrow().iter().map(|m| m.to_str()).collect(),
        Some(Value::Tuple(t)) => t.iter().map(|m| m.to_str()).collect(),
        Some(other) => vec![other.to_str()],
    };
    let (name, lines) = text_lines(&fname, "genfromtxt")?;
    let fill_for = |col: usize| -> Scalar {
        match &fills {
            Some(f) if f.len() == 1 => f[0],
            Some(f) => f.get(col).copied().unwrap_or_else(|| default_fill(dtype)),
            None => default_fill(dtype),
        }
    };
    let mut first: Option<usize> = None;
    let mut nbcols = 0usize;
    let mut vals: Vec<Scalar> = Vec::new();
    let mut rows = 0usize;
    let mut errors: Vec<String> = Vec::new();
    let mut bad_lines: Vec<String> = Vec::new();
    for (lineno, raw) in lines.iter().enumerate().skip(skip) {
        if rows >= max_rows {
            break;
        }
        let line = strip_comment(raw, &markers).trim_matches([' ', '\r', '\n']);
        if line.is_empty() {
            continue;
        }
        let fields = split_fields(line, delimiter.as_deref());
        if fields.is_empty() {
            continue;
        }
        let start = *first.get_or_insert_with(|| {
            nbcols = usecols.as_ref().map_or(fields.len(), |c| c.len());
            lineno
        });
        let chosen: Vec<(usize, &str)> = match &usecols {
            Some(cols) => match pick(&fields, cols) {
                Ok(c) => c,
                Err(c) => {
                    return Err(with_note(
                        raise(ExcKind::IndexError, format!("list index out of range (usecols column {c})")),
                        format!("  (in {}, line {})", crate::value::quote_str(&name), lineno + 1),
                    ))
                }
            },
            None => {
                if fields.len() != nbcols {
                    errors.push(format!(
                        "    Line #{} (got {} columns instead of {nbcols})",
                        lineno - start + skip + 1,
                        fields.len()
                    ));
                    bad_lines.push((lineno + 1).to_string());
                    continue;
                }
                fields.iter().copied().enumerate().collect()
            }
        };
        for (k, (_, text)) in chosen.into_iter().enumerate() {
            let is_missing = missing.iter().any(|m| m == text.trim());
            let parsed = if is_missing { None } else { parse_field(text, dtype) };
            vals.push(parsed.unwrap_or_else(|| fill_for(k)));
        }
        rows += 1;
        check_allocation(&[vals.len()], dtype)?;
    }
    if !errors.is_empty() {
        return Err(with_note(
            value_error(format!("Some errors were detected !\n{}", errors.join("\n"))),
            format!("  (in {}, file line {})", crate::value::quote_str(&name), bad_lines.join(", ")),
        ));
    }
    if first.is_none() {
        if let Value::Str(_) = fname {
            warn(&format!("genfromtxt: Empty input file: \"{name}\""));
        }
        return Ok(Value::array(array_from_scalars(vec![0], dtype, Vec::new())?));
    }
    let rows = rows.saturating_sub(skip_footer).min(max_rows);
    vals.truncate(rows * nbcols);
    let a = array_from_scalars(vec![rows, nbcols], dtype, vals)?;
    let a = crate::array::manip::squeeze(&a, None)?;
    if unpack && a.ndim() > 1 {
        return Ok(Value::array(crate::array::manip::transpose(&a, None)?.copy()));
    }
    Ok(Value::array(a))
}
