//! Files and printing options: `set_printoptions`, `get_printoptions`,
//! `loadtxt`, `savetxt`, `genfromtxt`, `save`, `load`, `savez`.

use super::args::bind;
use super::array_glue::{operand, print_options, set_print_options};
use super::convert::{optional_dtype, to_index, value_to_scalar};
use super::Builtin;
use crate::array::print::{FloatMode, SignMode};
use crate::array::storage::check_allocation;
use crate::array::{Array, DType, NdArray, Scalar};
use crate::builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult, Unwind};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{Dict, ExcKind, NativeObject, Value};
use crate::with_array;
use std::cell::RefCell;
use std::rc::Rc;

/// NumPy's I/O and print-option functions.
pub static BUILTINS: &[Builtin] = &[
    builtin!("numpy", "set_printoptions", Function, "(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, legacy=None)",
        "Change how arrays print: digits of precision, summarization threshold, line width, suppression of scientific notation.\n>>> np.set_printoptions(precision=3); print(np.array([1/3])); np.set_printoptions(precision=8)\n[0.333]", set_printoptions),
    builtin!("numpy", "get_printoptions", Function, "()",
        "The current print options as a dict.\n>>> np.get_printoptions()['precision']\n8", get_printoptions),
    builtin!("numpy", "loadtxt", Function, "(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, *, max_rows=None, encoding=None)",
        "Read a text file of numbers into an array: one row per line, columns split on whitespace (or `delimiter`), text after `comments` ignored. A single row or column gives a 1-D array (ndmin raises the minimum). Raises ValueError for ragged rows or non-numbers.\n>>> np.savetxt('/tmp/npl_doc.txt', [[1, 2], [3, 4]]); np.loadtxt('/tmp/npl_doc.txt')\narray([[1., 2.],\n       [3., 4.]])", np_loadtxt),
    builtin!("numpy", "savetxt", Function, "(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# ')",
        "Write a 1-D or 2-D array to a text file, one row per line, each value formatted with the %-format `fmt`.\n>>> np.savetxt('/tmp/npl_doc.csv', np.eye(2), fmt='%d', delimiter=','); np.loadtxt('/tmp/npl_doc.csv', delimiter=',', dtype=int)\narray([[1, 0],\n       [0, 1]])", np_savetxt),
    builtin!("numpy", "genfromtxt", Function, "(fname, dtype=float, comments='#', delimiter=None, skip_header=0, usecols=None, filling_values=None, *, skip_footer=0, max_rows=None, unpack=None, encoding=None)",
        "Like loadtxt, but missing or invalid values become nan (or `filling_values`; -1 for ints). Raises ValueError listing the lines with a wrong number of columns.\n>>> print(np.genfromtxt(['1,2', '3,'], delimiter=','))\n[[ 1.  2.]\n [ 3. nan]]", np_genfromtxt),
    builtin!("numpy", "save", Function, "(file, arr, allow_pickle=True)",
        "Write an array to a binary .npy file (NumPy's format; `.npy` is added to the name if missing).\n>>> np.save('/tmp/npl_doc', np.arange(3)); np.load('/tmp/npl_doc.npy')\narray([0, 1, 2])", np_save),
    builtin!("numpy", "load", Function, "(file, mmap_mode=None, allow_pickle=False)",
        "Read an array from a .npy file, or an NpzFile (a mapping of names to arrays) from a .npz file.\n>>> np.savez('/tmp/npl_doc.npz', x=np.ones(2)); f = np.load('/tmp/npl_doc.npz'); f.files, f['x']\n(['x'], array([1., 1.]))", np_load),
    builtin!("numpy", "savez", Function, "(file, *args, **kwds)",
        "Write several arrays to an uncompressed .npz archive: positional arrays are named arr_0, arr_1, ..., keyword arrays by their keyword.\n>>> np.savez('/tmp/npl_doc2', np.arange(2), y=np.zeros(1)); np.load('/tmp/npl_doc2.npz').files\n['y', 'arr_0']", np_savez),
    builtin!("numpy", "savez_compressed", Function, "(file, *args, **kwds)",
        "Like savez, but the archive's members are deflate-compressed.\n>>> np.savez_compressed('/tmp/npl_doc3', a=np.zeros(100)); print(np.load('/tmp/npl_doc3.npz')['a'].sum())\n0.0", np_savez_compressed),
    builtin!("NpzFile", "files", Property, "(self)",
        "The names of the arrays in the archive.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); np.load('/tmp/npl_doc4.npz').files\n['a']", npz_files),
    builtin!("NpzFile", "keys", Method, "(self)",
        "The names of the arrays in the archive, as a list.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); list(np.load('/tmp/npl_doc4.npz').keys())\n['a']", npz_keys),
    builtin!("NpzFile", "values", Method, "(self)",
        "The arrays in the archive, as a list.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); list(np.load('/tmp/npl_doc4.npz').values())\n[array([0.])]", npz_values),
    builtin!("NpzFile", "items", Method, "(self)",
        "(name, array) pairs of the archive, as a list.\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); list(np.load('/tmp/npl_doc4.npz').items())\n[('a', array([0.]))]", npz_items),
    builtin!("NpzFile", "close", Method, "(self)",
        "Close the archive (NPL has already read it; a no-op).\n>>> np.savez('/tmp/npl_doc4', a=np.zeros(1)); np.load('/tmp/npl_doc4.npz').close()\n", npz_close),
];

fn usize_opt(v: Option<&Value>, name: &str) -> EvalResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(Value::Int(i)) if *i >= 0 => Ok(Some(*i as usize)),
        Some(Value::Float(f)) if f.is_infinite() && *f > 0.0 => Ok(Some(usize::MAX)),
        Some(Value::Int(_)) => Err(value_error(format!("{name} must be a non-negative integer"))),
        Some(other) => Err(type_error(format!("{name} must be an integer, not {}", other.type_name()))),
    }
}

fn set_printoptions(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[0], args)?;
    let mut o = print_options();
    if let Some(p) = usize_opt(b.get(0), "precision")? {
        o.precision = p;
    }
    if let Some(t) = usize_opt(b.get(1), "threshold")? {
        o.threshold = t;
    }
    if let Some(e) = usize_opt(b.get(2), "edgeitems")? {
        o.edgeitems = e;
    }
    if let Some(l) = usize_opt(b.get(3), "linewidth")? {
        o.linewidth = l;
    }
    if let Some(s) = b.get(4) {
        let s = s.clone();
        o.suppress = interp.truthy(&s)?;
    }
    if let Some(Value::Str(s)) = b.get(8) {
        o.sign = SignMode::from_name(s).ok_or_else(|| value_error("sign option must be one of ' ', '+', or '-'"))?;
    }
    if let Some(Value::Str(s)) = b.get(9) {
        o.floatmode = FloatMode::from_name(s).ok_or_else(|| {
            value_error("floatmode option must be one of 'fixed', 'unique', 'maxprec', 'maxprec_equal'")
        })?;
    }
    set_print_options(o);
    Ok(Value::None)
}

fn get_printoptions(_: &mut Interp, args: Args) -> EvalResult {
    bind(&BUILTINS[1], args)?;
    let o = print_options();
    let mut d = Dict::new();
    let entries = [
        ("edgeitems", Value::Int(o.edgeitems as i64)),
        ("threshold", Value::Int(o.threshold.min(i64::MAX as usize) as i64)),
        ("floatmode", Value::str(o.floatmode.name())),
        ("precision", Value::Int(o.precision as i64)),
        ("suppress", Value::Bool(o.suppress)),
        ("linewidth", Value::Int(o.linewidth as i64)),
        ("nanstr", Value::str("nan")),
        ("infstr", Value::str("inf")),
        ("sign", Value::str(o.sign.name())),
        ("formatter", Value::None),
        ("legacy", Value::Bool(false)),
        ("override_repr", Value::None),
    ];
    for (k, v) in entries {
        let _ = d.insert(Value::str(k), v);
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// The declaration named `name` (the first one if misnamed).
fn decl(name: &str) -> &'static Builtin {
    BUILTINS.iter().find(|b| b.name == name).unwrap_or(&BUILTINS[0])
}

// ---------------------------------------------------------------------------
// Files: reading, atomic writing, OS errors.

/// An `OSError` (or `FileNotFoundError`) for `e` on `path`, worded as Python words it.
fn os_error(e: &std::io::Error, path: &str) -> Unwind {
    let quoted = crate::value::quote_str(path);
    if e.kind() == std::io::ErrorKind::NotFound {
        return raise(ExcKind::FileNotFoundError, format!("[Errno 2] No such file or directory: {quoted}"));
    }
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or("").to_string();
    match e.raw_os_error() {
        Some(n) => raise(ExcKind::OSError, format!("[Errno {n}] {text}: {quoted}")),
        None => raise(ExcKind::OSError, format!("{text}: {quoted}")),
    }
}

/// A file path argument.
fn path_arg(v: &Value) -> EvalResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", other.type_name()))),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed over the target once complete.
fn write_atomic(path: &str, bytes: &[u8]) -> EvalResult<()> {
    let target = std::path::Path::new(path);
    let Some(name) = target.file_name() else {
        return Err(raise(ExcKind::OSError, format!("[Errno 21] Is a directory: {}", crate::value::quote_str(path))));
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let tmp = dir.join(format!(".{}.npl-tmp-{}", name.to_string_lossy(), std::process::id()));
    if let Err(e) = std::fs::write(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(os_error(&e, path));
    }
    if let Err(e) = std::fs::rename(&tmp, target) {
        let _ = std::fs::remove_file(&tmp);
        return Err(os_error(&e, path));
    }
    Ok(())
}

/// Adds a note (the file and line) under an exception's message.
fn with_note(e: Unwind, note: String) -> Unwind {
    match e {
        Unwind::Raise(mut err) => {
            err.note = Some(note);
            Unwind::Raise(err)
        }
        other => other,
    }
}

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

// ---------------------------------------------------------------------------
// Text files: loadtxt, genfromtxt, savetxt.

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
fn str_value(v: &Value, what: &str) -> EvalResult<String> {
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
    let splits =
        body.char_indices().filter(|&(i, c)| i > 0 && (c == '+' || c == '-') && !body[..i].ends_with(['e', 'E']));
    if let Some((i, _)) = splits.last() {
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

fn np_loadtxt(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(decl("loadtxt"), args)?;
    let fname = b.get(0).cloned().ok_or_else(|| type_error("loadtxt() missing required argument 'fname' (pos 1)"))?;
    let dtype = optional_dtype(b.get(1))?.unwrap_or(DType::Float64);
    let markers = comment_markers(b.get_raw(2))?;
    let delimiter = delimiter_arg(b.get(3))?;
    let skiprows = usize_arg(b.get(4), "skiprows")?;
    let usecols = usecols_arg(b.get(5))?;
    let unpack = super::reductions::flag(interp, &b, 6)?;
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

fn np_genfromtxt(interp: &mut Interp, args: Args) -> EvalResult {
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
    let unpack = super::reductions::flag(interp, &b, 9)?;
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
            vals.push(parse_field(text, dtype).unwrap_or_else(|| fill_for(k)));
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
                    super::convert::scalar_to_value(v).to_str()
                } else {
                    match v {
                        Scalar::Bool(true) => "np.True_".to_string(),
                        Scalar::Bool(false) => "np.False_".to_string(),
                        other => {
                            format!("np.{}({})", other.dtype().name(), super::convert::scalar_to_value(other).repr())
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

fn np_savetxt(_: &mut Interp, args: Args) -> EvalResult {
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

// ---------------------------------------------------------------------------
// The .npy format.

const NPY_MAGIC: &[u8] = b"\x93NUMPY";

/// Python's repr of a shape tuple.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => format!("({})", shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")),
    }
}

/// The bytes of a `.npy` file holding `a` (C order, little-endian), laid
/// out as NumPy writes them (header padded to 64 bytes, room to grow).
fn npy_bytes(a: &NdArray) -> Vec<u8> {
    let descr = match a.dtype() {
        DType::Bool => "|b1",
        DType::Int64 => "<i8",
        DType::Float64 => "<f8",
        DType::Complex128 => "<c16",
    };
    let shape = a.shape();
    // Like NumPy, an array that is Fortran- but not C-contiguous is written in Fortran order.
    let fortran = a.ndim() > 1 && !with_array!(a, x => x.is_c_contiguous()) && {
        let mut step = 1isize;
        a.shape().iter().zip(a.strides()).all(|(&n, &st)| {
            let ok = n == 1 || st == step;
            step *= n as isize;
            ok
        })
    };
    let data = if fortran {
        crate::array::manip::transpose(a, None).map(|t| t.copy()).unwrap_or_else(|_| a.copy())
    } else {
        a.clone()
    };
    let a = &data;
    let order = if fortran { "True" } else { "False" };
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {}, }}", shape_tuple(shape));
    let growth = if fortran { shape.last() } else { shape.first() };
    if let Some(first) = growth {
        header.push_str(&" ".repeat(21usize.saturating_sub(first.to_string().len())));
    }
    let hlen = header.len() + 1;
    let (version, len_bytes) = if (hlen + 64) < 65536 { (1u8, 2usize) } else { (2u8, 4usize) };
    let padlen = 64 - ((NPY_MAGIC.len() + 2 + len_bytes + hlen) % 64);
    let total = hlen + padlen;
    let mut out = Vec::with_capacity(NPY_MAGIC.len() + 2 + len_bytes + total + a.size() * a.dtype().itemsize());
    out.extend_from_slice(NPY_MAGIC);
    out.extend_from_slice(&[version, 0]);
    if len_bytes == 2 {
        out.extend_from_slice(&(total as u16).to_le_bytes());
    } else {
        out.extend_from_slice(&(total as u32).to_le_bytes());
    }
    out.extend_from_slice(header.as_bytes());
    out.extend(std::iter::repeat(b' ').take(padlen));
    out.push(b'\n');
    match a {
        NdArray::Bool(x) => out.extend(x.to_vec().into_iter().map(u8::from)),
        NdArray::Int(x) => x.to_vec().iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes())),
        NdArray::Float(x) => x.to_vec().iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes())),
        NdArray::Complex(x) => x.to_vec().iter().for_each(|v| {
            out.extend_from_slice(&v.re.to_le_bytes());
            out.extend_from_slice(&v.im.to_le_bytes());
        }),
    }
    out
}

/// A value of a `.npy` header dict.
enum HeaderValue {
    Str(String),
    Bool(bool),
    Ints(Vec<i64>),
    Other,
}

/// Parses the header dict `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`.
fn parse_header(h: &str) -> Option<Vec<(String, HeaderValue)>> {
    let c: Vec<char> = h.chars().collect();
    let mut i = 0usize;
    let ws = |i: &mut usize| {
        while *i < c.len() && c[*i].is_whitespace() {
            *i += 1;
        }
    };
    let string = |i: &mut usize| -> Option<String> {
        let q = *c.get(*i)?;
        if q != '\'' && q != '"' {
            return None;
        }
        *i += 1;
        let mut s = String::new();
        while *i < c.len() && c[*i] != q {
            if c[*i] == '\\' {
                *i += 1;
            }
            s.push(*c.get(*i)?);
            *i += 1;
        }
        *i += 1;
        Some(s)
    };
    ws(&mut i);
    if c.get(i) != Some(&'{') {
        return None;
    }
    i += 1;
    let mut out = Vec::new();
    loop {
        ws(&mut i);
        match c.get(i)? {
            '}' => break,
            ',' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let key = string(&mut i)?;
        ws(&mut i);
        if c.get(i) != Some(&':') {
            return None;
        }
        i += 1;
        ws(&mut i);
        let value = match c.get(i)? {
            '\'' | '"' => HeaderValue::Str(string(&mut i)?),
            '(' => {
                i += 1;
                let mut ints = Vec::new();
                loop {
                    ws(&mut i);
                    match c.get(i)? {
                        ')' => {
                            i += 1;
                            break;
                        }
                        ',' => i += 1,
                        d if d.is_ascii_digit() => {
                            let mut n: i64 = 0;
                            while i < c.len() && c[i].is_ascii_digit() {
                                n = n.checked_mul(10)?.checked_add(c[i] as i64 - '0' as i64)?;
                                i += 1;
                            }
                            if c.get(i) == Some(&'L') {
                                i += 1;
                            }
                            ints.push(n);
                        }
                        _ => return None,
                    }
                }
                HeaderValue::Ints(ints)
            }
            'T' if c[i..].starts_with(&['T', 'r', 'u', 'e']) => {
                i += 4;
                HeaderValue::Bool(true)
            }
            'F' if c[i..].starts_with(&['F', 'a', 'l', 's', 'e']) => {
                i += 5;
                HeaderValue::Bool(false)
            }
            _ => {
                // Something NPL does not read (a structured dtype): skip it.
                let mut depth = 0i32;
                while i < c.len() {
                    match c[i] {
                        '[' | '(' | '{' => depth += 1,
                        ']' | ')' | '}' if depth > 0 => depth -= 1,
                        ',' | '}' if depth == 0 => break,
                        _ => {}
                    }
                    i += 1;
                }
                HeaderValue::Other
            }
        };
        out.push((key, value));
    }
    Some(out)
}

/// An array from the bytes of a `.npy` file; `name` is for messages.
fn parse_npy(bytes: &[u8], name: &str) -> EvalResult<NdArray> {
    let bad = |msg: String| with_note(value_error(msg), format!("  (in {})", crate::value::quote_str(name)));
    if bytes.len() < 10 || &bytes[..6] != NPY_MAGIC {
        return Err(bad("the magic string is not correct; expected b'\\x93NUMPY'".to_string()));
    }
    let (major, minor) = (bytes[6], bytes[7]);
    let (hlen, start) = match major {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10usize),
        2 | 3 if bytes.len() >= 12 => (u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize, 12),
        _ => {
            return Err(bad(format!("we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})")))
        }
    };
    let end = start
        .checked_add(hlen)
        .filter(|&e| e <= bytes.len())
        .ok_or_else(|| bad("EOF: reading array header".to_string()))?;
    let header = String::from_utf8_lossy(&bytes[start..end]).to_string();
    let cannot = || bad(format!("Cannot parse header: {}", crate::value::quote_str(&header)));
    let dict = parse_header(&header).ok_or_else(cannot)?;
    let mut descr = None;
    let mut fortran = None;
    let mut shape = None;
    for (k, v) in dict {
        match (k.as_str(), v) {
            ("descr", HeaderValue::Str(s)) => descr = Some(s),
            ("descr", _) => {
                return Err(bad("NPL reads .npy files of plain numeric dtypes only (not structured ones)".to_string()))
            }
            ("fortran_order", HeaderValue::Bool(b)) => fortran = Some(b),
            ("shape", HeaderValue::Ints(s)) => shape = Some(s),
            _ => return Err(cannot()),
        }
    }
    let (Some(descr), Some(fortran), Some(shape)) = (descr, fortran, shape) else {
        return Err(bad(format!("Header does not contain the correct keys: {}", crate::value::quote_str(&header))));
    };
    let shape: Vec<usize> = shape.into_iter().map(|n| n as usize).collect();
    let (order, code) = match descr.chars().next() {
        Some(c @ ('<' | '>' | '|' | '=')) => (c, &descr[1..]),
        _ => ('=', descr.as_str()),
    };
    let big = order == '>';
    let (kind, size) = match code {
        "?" => ('b', 1usize),
        _ => {
            let kind = code.chars().next().unwrap_or(' ');
            (kind, code.get(1..).and_then(|s| s.parse::<usize>().ok()).unwrap_or(0))
        }
    };
    let supported =
        matches!((kind, size), ('b', 1) | ('i', 1 | 2 | 4 | 8) | ('u', 1 | 2 | 4 | 8) | ('f', 4 | 8) | ('c', 8 | 16));
    if !supported {
        if kind == 'O' {
            return Err(bad("Object arrays cannot be loaded when allow_pickle=False".to_string()));
        }
        return Err(bad(format!("NPL cannot load dtype '{descr}' (it has bool, int64, float64 and complex128)")));
    }
    let dtype = match kind {
        'b' => DType::Bool,
        'i' | 'u' => DType::Int64,
        'f' => DType::Float64,
        _ => DType::Complex128,
    };
    let count = check_allocation(&shape, dtype)?;
    let data = &bytes[end..];
    let need = count.checked_mul(size).ok_or_else(|| raise(ExcKind::MemoryError, "array too large"))?;
    if data.len() < need {
        return Err(bad(format!(
            "Failed to read all data for array. Expected {} = {count} elements, could only read {} elements. (file seems not fully written?)",
            shape_tuple(&shape),
            data.len() / size.max(1)
        )));
    }
    let word = |k: usize, width: usize| -> u64 {
        let chunk = &data[k * width..(k + 1) * width];
        let mut v: u64 = 0;
        if big {
            for &byte in chunk {
                v = (v << 8) | u64::from(byte);
            }
        } else {
            for &byte in chunk.iter().rev() {
                v = (v << 8) | u64::from(byte);
            }
        }
        v
    };
    let float = |k: usize, width: usize| -> f64 {
        let w = word(k, width);
        if width == 4 {
            f64::from(f32::from_bits(w as u32))
        } else {
            f64::from_bits(w)
        }
    };
    // Fortran-ordered data is C-ordered data of the reversed shape, transposed.
    let file_shape: Vec<usize> = if fortran { shape.iter().rev().copied().collect() } else { shape.clone() };
    let a = match (kind, size) {
        ('b', _) => NdArray::Bool(Array::from_vec(file_shape, data[..count].iter().map(|&b| b != 0).collect())?),
        ('i', w) => NdArray::Int(Array::from_vec(
            file_shape,
            (0..count)
                .map(|k| {
                    let shift = 64 - 8 * w as u32;
                    ((word(k, w) << shift) as i64) >> shift
                })
                .collect(),
        )?),
        ('u', w) => NdArray::Int(Array::from_vec(file_shape, (0..count).map(|k| word(k, w) as i64).collect())?),
        ('f', w) => NdArray::Float(Array::from_vec(file_shape, (0..count).map(|k| float(k, w)).collect())?),
        (_, w) => {
            let half = w / 2;
            NdArray::Complex(Array::from_vec(
                file_shape,
                (0..count).map(|k| num_complex::Complex64::new(float(2 * k, half), float(2 * k + 1, half))).collect(),
            )?)
        }
    };
    if fortran && a.ndim() > 1 {
        return Ok(crate::array::manip::transpose(&a, None)?.copy());
    }
    Ok(a)
}

fn np_save(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("save"), args)?;
    let mut path = path_arg(&b.required(0)?)?;
    let a = operand(&b.required(1)?)?;
    if !path.ends_with(".npy") {
        path.push_str(".npy");
    }
    write_atomic(&path, &npy_bytes(&a))?;
    Ok(Value::None)
}

fn np_load(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("load"), args)?;
    let path = path_arg(&b.required(0)?)?;
    if b.get(1).is_some() {
        return Err(value_error("NPL's load does not memory-map files (mmap_mode must be None)"));
    }
    let bytes = std::fs::read(&path).map_err(|e| os_error(&e, &path))?;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let members = read_zip(&bytes)
            .map_err(|m| with_note(value_error(m), format!("  (in {})", crate::value::quote_str(&path))))?;
        let mut arrays = Vec::new();
        for (name, data) in members {
            if let Some(key) = name.strip_suffix(".npy") {
                arrays.push((key.to_string(), parse_npy(&data, &format!("{path}/{name}"))?));
            }
        }
        return Ok(Value::Object(Rc::new(NpzFile { path, members: arrays })));
    }
    if bytes.starts_with(NPY_MAGIC) {
        return Ok(Value::array(parse_npy(&bytes, &path)?));
    }
    Err(with_note(
        value_error("This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`."),
        format!("  ({} is neither a .npy nor a .npz file)", crate::value::quote_str(&path)),
    ))
}

/// `savez` / `savez_compressed`: keyword arrays first, then arr_0, arr_1, ...
fn savez(name: &str, args: Args, compress: bool) -> EvalResult {
    let mut b = bind(decl(name), args)?;
    let mut path = path_arg(&b.required(0)?)?;
    if !path.ends_with(".npz") {
        path.push_str(".npz");
    }
    let mut named: Vec<(String, NdArray)> = Vec::new();
    for (k, v) in &b.rest_keywords {
        named.push((k.to_string(), operand(v)?));
    }
    for (i, v) in b.rest.iter().enumerate() {
        let key = format!("arr_{i}");
        if named.iter().any(|(k, _)| *k == key) {
            return Err(value_error(format!("Cannot use un-named variables and keyword {key}")));
        }
        named.push((key, operand(v)?));
    }
    let entries: Vec<(String, Vec<u8>)> = named.iter().map(|(k, a)| (format!("{k}.npy"), npy_bytes(a))).collect();
    write_atomic(&path, &zip_bytes(&entries, compress))?;
    Ok(Value::None)
}

fn np_savez(_: &mut Interp, args: Args) -> EvalResult {
    savez("savez", args, false)
}

fn np_savez_compressed(_: &mut Interp, args: Args) -> EvalResult {
    savez("savez_compressed", args, true)
}

// ---------------------------------------------------------------------------
// Zip archives (stored and deflated members), CRC-32, inflate, deflate.

/// The CRC-32 of zip and gzip.
fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (n, slot) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// The current UTC time as MS-DOS (time, date) words.
fn dos_time() -> (u16, u16) {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let year = year.clamp(1980, 2107);
    let time = ((rem / 3600) << 11 | ((rem % 3600) / 60) << 5 | (rem % 60) / 2) as u16;
    let date = ((year - 1980) << 9 | month << 5 | day) as u16;
    (time, date)
}

/// A zip archive of `entries` (deflated when `compress`).
fn zip_bytes(entries: &[(String, Vec<u8>)], compress: bool) -> Vec<u8> {
    let (time, date) = dos_time();
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let crc = crc32(data);
        let body = if compress { deflate(data) } else { data.clone() };
        let method: u16 = if compress { 8 } else { 0 };
        let offset = out.len() as u32;
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        common.extend_from_slice(&method.to_le_bytes());
        common.extend_from_slice(&time.to_le_bytes());
        common.extend_from_slice(&date.to_le_bytes());
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&(body.len() as u32).to_le_bytes());
        common.extend_from_slice(&(data.len() as u32).to_le_bytes());
        common.extend_from_slice(&(name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&body);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&common);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A little-endian u16 at `at`.
fn le16(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?])))
}
/// A little-endian u32 at `at`.
fn le32(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes([*b.get(at)?, *b.get(at + 1)?, *b.get(at + 2)?, *b.get(at + 3)?])))
}
/// A little-endian u64 at `at`.
fn le64(b: &[u8], at: usize) -> Option<u64> {
    Some(le32(b, at)? | (le32(b, at + 4)? << 32))
}

/// The members of a zip archive, in order: (name, uncompressed bytes).
fn read_zip(b: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let corrupt = || "File is not a zip file".to_string();
    if b.len() < 22 {
        return Err(corrupt());
    }
    let lowest = b.len().saturating_sub(22 + 65535);
    let eocd = (lowest..=b.len() - 22).rev().find(|&i| le32(b, i) == Some(0x0605_4b50)).ok_or_else(corrupt)?;
    let mut count = le16(b, eocd + 10).ok_or_else(corrupt)?;
    let mut cd = le32(b, eocd + 16).ok_or_else(corrupt)?;
    if (count == 0xFFFF || cd == 0xFFFF_FFFF) && eocd >= 20 && le32(b, eocd - 20) == Some(0x0706_4b50) {
        let z = usize::try_from(le64(b, eocd - 12).ok_or_else(corrupt)?).map_err(|_| corrupt())?;
        if z >= b.len() || le32(b, z) != Some(0x0606_4b50) {
            return Err(corrupt());
        }
        count = le64(b, z + 32).ok_or_else(corrupt)?;
        cd = le64(b, z + 48).ok_or_else(corrupt)?;
    }
    let mut at = usize::try_from(cd).map_err(|_| corrupt())?;
    let mut out = Vec::new();
    for _ in 0..count {
        if at >= b.len() || le32(b, at) != Some(0x0201_4b50) {
            return Err(corrupt());
        }
        let method = le16(b, at + 10).ok_or_else(corrupt)?;
        let crc = le32(b, at + 16).ok_or_else(corrupt)? as u32;
        let mut csize = le32(b, at + 20).ok_or_else(corrupt)?;
        let mut usize_ = le32(b, at + 24).ok_or_else(corrupt)?;
        let nlen = le16(b, at + 28).ok_or_else(corrupt)? as usize;
        let xlen = le16(b, at + 30).ok_or_else(corrupt)? as usize;
        let clen = le16(b, at + 32).ok_or_else(corrupt)? as usize;
        let mut local = le32(b, at + 42).ok_or_else(corrupt)?;
        let name_bytes = b.get(at + 46..at + 46 + nlen).ok_or_else(corrupt)?;
        let name = String::from_utf8_lossy(name_bytes).to_string();
        // Zip64 sizes and offset live in extra field 0x0001.
        let extra = b.get(at + 46 + nlen..at + 46 + nlen + xlen).ok_or_else(corrupt)?;
        let mut e = 0usize;
        while e + 4 <= extra.len() {
            let id = le16(extra, e).unwrap_or(0);
            let len = le16(extra, e + 2).unwrap_or(0) as usize;
            if id == 1 {
                let mut p = e + 4;
                for field in [&mut usize_, &mut csize, &mut local] {
                    if *field == 0xFFFF_FFFF {
                        *field = le64(extra, p).ok_or_else(corrupt)?;
                        p += 8;
                    }
                }
            }
            e += 4 + len;
        }
        at += 46 + nlen + xlen + clen;
        let local = usize::try_from(local).map_err(|_| corrupt())?;
        if local >= b.len() || le32(b, local) != Some(0x0403_4b50) {
            return Err(corrupt());
        }
        let start = local
            + 30
            + le16(b, local + 26).ok_or_else(corrupt)? as usize
            + le16(b, local + 28).ok_or_else(corrupt)? as usize;
        let end = start.checked_add(usize::try_from(csize).map_err(|_| corrupt())?).ok_or_else(corrupt)?;
        let body = b.get(start..end).ok_or_else(corrupt)?;
        let limit = usize::try_from(usize_).map_err(|_| corrupt())?;
        let data = match method {
            0 => body.to_vec(),
            8 => inflate(body, limit).ok_or_else(|| format!("Error -3 while decompressing data (member {name})"))?,
            m => return Err(format!("That compression method is not supported (method {m}, member {name})")),
        };
        if data.len() != limit || crc32(&data) != crc {
            return Err(format!("Bad CRC-32 for file {}", crate::value::quote_str(&name)));
        }
        out.push((name, data));
    }
    Ok(out)
}

/// Bits of a deflate stream, least significant first.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u64,
    count: u32,
}

impl Bits<'_> {
    /// The next `n` bits.
    fn need(&mut self, n: u32) -> Option<u32> {
        while self.count < n {
            let byte = *self.data.get(self.pos)?;
            self.pos += 1;
            self.buf |= u64::from(byte) << self.count;
            self.count += 8;
        }
        let v = (self.buf & ((1u64 << n) - 1)) as u32;
        self.buf >>= n;
        self.count -= n;
        Some(v)
    }
}

/// A canonical Huffman code: how many codes of each length, and the
/// symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    /// The code for symbols of these bit lengths (None if over-subscribed).
    fn new(lengths: &[u8]) -> Option<Huffman> {
        let mut counts = [0u16; 16];
        for &l in lengths {
            counts[usize::from(l).min(15)] += 1;
        }
        counts[0] = 0;
        let mut offs = [0u16; 16];
        for len in 1..15 {
            offs[len + 1] = offs[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let slot = &mut offs[usize::from(l).min(15)];
                *symbols.get_mut(usize::from(*slot))? = sym as u16;
                *slot += 1;
            }
        }
        Some(Huffman { counts, symbols })
    }

    /// The next symbol.
    fn decode(&self, bits: &mut Bits) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.need(1)? as i32;
            let count = i32::from(self.counts[len]);
            if code - count < first {
                return self.symbols.get((index + (code - first)) as usize).copied();
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        None
    }
}

const LEN_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/// Decompresses a raw deflate stream of at most `limit` bytes.
fn inflate(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut used = 0usize;
    inflate_counting(data, limit, &mut used)
}

/// `inflate`, also telling how many input bytes the stream took.
fn inflate_counting(data: &[u8], limit: usize, used: &mut usize) -> Option<Vec<u8>> {
    let mut bits = Bits { data, pos: 0, buf: 0, count: 0 };
    let mut out: Vec<u8> = Vec::with_capacity(limit.min(1 << 26));
    loop {
        let last = bits.need(1)?;
        match bits.need(2)? {
            0 => {
                bits.buf = 0;
                bits.count = 0;
                let len = le16(data, bits.pos)? as usize;
                let nlen = le16(data, bits.pos + 2)? as usize;
                if len != (!nlen & 0xFFFF) {
                    return None;
                }
                let start = bits.pos + 4;
                out.extend_from_slice(data.get(start..start + len)?);
                bits.pos = start + len;
            }
            kind @ (1 | 2) => {
                let (lit, dist) = if kind == 1 {
                    let mut l = [8u8; 288];
                    l[144..256].fill(9);
                    l[256..280].fill(7);
                    (Huffman::new(&l)?, Huffman::new(&[5u8; 30])?)
                } else {
                    let nlit = bits.need(5)? as usize + 257;
                    let ndist = bits.need(5)? as usize + 1;
                    let ncode = bits.need(4)? as usize + 4;
                    const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
                    let mut cl = [0u8; 19];
                    for &o in ORDER.iter().take(ncode) {
                        cl[o] = bits.need(3)? as u8;
                    }
                    let clh = Huffman::new(&cl)?;
                    let mut lengths = Vec::with_capacity(nlit + ndist);
                    while lengths.len() < nlit + ndist {
                        let sym = clh.decode(&mut bits)?;
                        match sym {
                            0..=15 => lengths.push(sym as u8),
                            16 => {
                                let prev = *lengths.last()?;
                                let n = 3 + bits.need(2)?;
                                lengths.extend(std::iter::repeat(prev).take(n as usize));
                            }
                            17 => {
                                let n = 3 + bits.need(3)?;
                                lengths.extend(std::iter::repeat(0).take(n as usize));
                            }
                            _ => {
                                let n = 11 + bits.need(7)?;
                                lengths.extend(std::iter::repeat(0).take(n as usize));
                            }
                        }
                    }
                    if lengths.len() != nlit + ndist {
                        return None;
                    }
                    (Huffman::new(&lengths[..nlit])?, Huffman::new(&lengths[nlit..])?)
                };
                loop {
                    let sym = lit.decode(&mut bits)? as usize;
                    if sym < 256 {
                        out.push(sym as u8);
                    } else if sym == 256 {
                        break;
                    } else {
                        let k = sym - 257;
                        let len = usize::from(*LEN_BASE.get(k)?) + bits.need(u32::from(LEN_EXTRA[k]))? as usize;
                        let d = dist.decode(&mut bits)? as usize;
                        let back = usize::from(*DIST_BASE.get(d)?) + bits.need(u32::from(DIST_EXTRA[d]))? as usize;
                        if back > out.len() {
                            return None;
                        }
                        let from = out.len() - back;
                        for j in 0..len {
                            let byte = out[from + j];
                            out.push(byte);
                        }
                    }
                    if out.len() > limit {
                        return None;
                    }
                }
            }
            _ => return None,
        }
        if out.len() > limit {
            return None;
        }
        if last == 1 {
            *used = bits.pos - (bits.count / 8) as usize;
            return Some(out);
        }
    }
}

/// A gzip file (RFC 1952) holding `data`.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    out.extend(deflate(data));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// The contents of a gzip file (every member, concatenated).
fn gunzip(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at < b.len() {
        let head = b.get(at..at + 10)?;
        if head[0] != 0x1f || head[1] != 0x8b || head[2] != 8 {
            return None;
        }
        let flags = head[3];
        let mut p = at + 10;
        if flags & 4 != 0 {
            p += 2 + le16(b, p)? as usize;
        }
        for bit in [8u8, 16] {
            if flags & bit != 0 {
                p += b.get(p..)?.iter().position(|&c| c == 0)? + 1;
            }
        }
        if flags & 2 != 0 {
            p += 2;
        }
        let body = b.get(p..)?;
        let mut bits = 0usize;
        let member = inflate_counting(
            body,
            crate::array::storage::allocation_limit().min(usize::MAX as u128) as usize,
            &mut bits,
        )?;
        let end = p + bits;
        let crc = le32(b, end)? as u32;
        if crc != crc32(&member) {
            return None;
        }
        out.extend(member);
        at = end + 8;
    }
    Some(out)
}

/// Writes bits least significant first.
struct BitWriter {
    out: Vec<u8>,
    buf: u64,
    count: u32,
}

impl BitWriter {
    /// Appends the low `n` bits of `value`.
    fn put(&mut self, value: u32, n: u32) {
        self.buf |= u64::from(value) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.buf as u8);
            self.buf >>= 8;
            self.count -= 8;
        }
    }
    /// A Huffman code, sent most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let mut rev = 0u32;
        for i in 0..len {
            rev |= ((code >> i) & 1) << (len - 1 - i);
        }
        self.put(rev, len);
    }
    /// The bytes, the last one zero-padded.
    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.buf as u8);
        }
        self.out
    }
}

/// The fixed-Huffman code of a literal/length symbol.
fn fixed_code(sym: usize) -> (u32, u32) {
    match sym {
        0..=143 => (0x30 + sym as u32, 8),
        144..=255 => (0x190 + (sym as u32 - 144), 9),
        256..=279 => (sym as u32 - 256, 7),
        _ => (0xC0 + (sym as u32 - 280), 8),
    }
}

/// Raw deflate with fixed Huffman codes and LZ77 matches found through a
/// hash of 3-byte prefixes (one fixed-code block).
fn deflate(data: &[u8]) -> Vec<u8> {
    const WINDOW: usize = 32768;
    const HASH: usize = 1 << 15;
    let mut w = BitWriter { out: Vec::with_capacity(data.len() / 2 + 16), buf: 0, count: 0 };
    w.put(1, 1);
    w.put(1, 2);
    let mut head = vec![usize::MAX; HASH];
    let mut prev = vec![usize::MAX; WINDOW];
    let hash = |i: usize| -> usize {
        let v = u32::from(data[i]) << 16 | u32::from(data[i + 1]) << 8 | u32::from(data[i + 2]);
        (v.wrapping_mul(2_654_435_761) >> 17) as usize & (HASH - 1)
    };
    let insert = |i: usize, head: &mut Vec<usize>, prev: &mut Vec<usize>| {
        if i + 2 < data.len() {
            let h = hash(i);
            prev[i % WINDOW] = head[h];
            head[h] = i;
        }
    };
    let mut i = 0usize;
    while i < data.len() {
        let mut best_len = 0usize;
        let mut best_dist = 0usize;
        if i + 2 < data.len() {
            let mut cand = head[hash(i)];
            let mut tries = 32;
            while cand != usize::MAX && i - cand <= WINDOW && tries > 0 {
                let max = (data.len() - i).min(258);
                let mut l = 0;
                while l < max && data[cand + l] == data[i + l] {
                    l += 1;
                }
                if l > best_len {
                    best_len = l;
                    best_dist = i - cand;
                    if l == max {
                        break;
                    }
                }
                let next = prev[cand % WINDOW];
                if next == usize::MAX || next >= cand {
                    break;
                }
                cand = next;
                tries -= 1;
            }
        }
        if best_len >= 3 {
            let k = LEN_BASE.iter().rposition(|&b| usize::from(b) <= best_len).unwrap_or(0);
            let (c, n) = fixed_code(257 + k);
            w.code(c, n);
            w.put((best_len - usize::from(LEN_BASE[k])) as u32, u32::from(LEN_EXTRA[k]));
            let d = DIST_BASE.iter().rposition(|&b| usize::from(b) <= best_dist).unwrap_or(0);
            w.code(d as u32, 5);
            w.put((best_dist - usize::from(DIST_BASE[d])) as u32, u32::from(DIST_EXTRA[d]));
            for j in i..i + best_len {
                insert(j, &mut head, &mut prev);
            }
            i += best_len;
        } else {
            let (c, n) = fixed_code(usize::from(data[i]));
            w.code(c, n);
            insert(i, &mut head, &mut prev);
            i += 1;
        }
    }
    let (c, n) = fixed_code(256);
    w.code(c, n);
    w.finish()
}

// ---------------------------------------------------------------------------
// NpzFile objects.

/// The arrays of a `.npz` archive, read when it was loaded.
pub struct NpzFile {
    path: String,
    members: Vec<(String, NdArray)>,
}

impl NativeObject for NpzFile {
    fn type_name(&self) -> &'static str {
        "NpzFile"
    }
    fn repr(&self) -> String {
        let names: Vec<&str> = self.members.iter().take(5).map(|(n, _)| n.as_str()).collect();
        let more = if self.members.len() > 5 { "..." } else { "" };
        format!("NpzFile {} with keys: {}{more}", crate::value::quote_str(&self.path), names.join(", "))
    }
    fn method(&self, name: &str) -> Option<&'static Builtin> {
        BUILTINS.iter().find(|b| b.module == "NpzFile" && b.name == name)
    }
    fn method_names(&self) -> Vec<&'static str> {
        BUILTINS.iter().filter(|b| b.module == "NpzFile").map(|b| b.name).collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn npz_receiver(args: &Args) -> EvalResult<Rc<dyn NativeObject>> {
    match args.positional.first() {
        Some(Value::Object(o)) if o.as_any().is::<NpzFile>() => Ok(o.clone()),
        _ => Err(type_error("descriptor requires an 'NpzFile' object")),
    }
}

fn npz_members(o: &Rc<dyn NativeObject>) -> Vec<(String, NdArray)> {
    o.as_any().downcast_ref::<NpzFile>().map(|f| f.members.clone()).unwrap_or_default()
}

fn npz_names(o: &Rc<dyn NativeObject>) -> Value {
    Value::list(npz_members(o).into_iter().map(|(n, _)| Value::str(&n)).collect())
}

fn npz_files(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("files"), args)?;
    Ok(npz_names(&o))
}

fn npz_keys(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("keys"), args)?;
    Ok(npz_names(&o))
}

fn npz_values(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("values"), args)?;
    Ok(Value::list(npz_members(&o).into_iter().map(|(_, a)| Value::array(a.copy())).collect()))
}

fn npz_items(_: &mut Interp, args: Args) -> EvalResult {
    let o = npz_receiver(&args)?;
    bind(decl("items"), args)?;
    Ok(Value::list(
        npz_members(&o).into_iter().map(|(n, a)| Value::tuple(vec![Value::str(&n), Value::array(a.copy())])).collect(),
    ))
}

fn npz_close(_: &mut Interp, args: Args) -> EvalResult {
    npz_receiver(&args)?;
    bind(decl("close"), args)?;
    Ok(Value::None)
}

/// The items of a native object that can be iterated (an `.npz` file's names).
pub fn iterate_object(o: &dyn NativeObject) -> Option<Vec<Value>> {
    let f = o.as_any().downcast_ref::<NpzFile>()?;
    Some(f.members.iter().map(|(n, _)| Value::str(n)).collect())
}

/// `obj[key]` for native objects.
pub fn object_get_item(o: &dyn NativeObject, key: &Value) -> EvalResult {
    let Some(f) = o.as_any().downcast_ref::<NpzFile>() else {
        return Err(type_error(format!("'{}' object is not subscriptable", o.type_name())));
    };
    let text = key.to_str();
    let wanted = text.strip_suffix(".npy").unwrap_or(&text);
    if let Value::Str(_) = key {
        if let Some((_, a)) = f.members.iter().find(|(n, _)| n == wanted) {
            return Ok(Value::array(a.copy()));
        }
    }
    let exc = Rc::new(crate::value::ExceptionValue {
        kind: ExcKind::KeyError,
        args: vec![Value::str(&format!("{text} is not a file in the archive"))],
    });
    Err(Unwind::Raise(Box::new(crate::eval::error::NplError::from_exception(exc))))
}

/// `len(obj)` for native objects.
pub fn object_len(o: &dyn NativeObject) -> Option<usize> {
    o.as_any().downcast_ref::<NpzFile>().map(|f| f.members.len())
}
