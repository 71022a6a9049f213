//! The `.npy` format: `save` and `load` (which also opens `.npz` archives).

use super::decl;
use super::files::{os_error, path_arg, with_note, write_atomic};
use super::npz::NpzFile;
use super::zip::read_zip;
use crate::array::storage::check_allocation;
use crate::array::{Array, DType, NdArray};
use crate::builtins::args::bind;
use crate::builtins::array_glue::operand;
use crate::eval::error::{raise, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::{ExcKind, Value};
use crate::with_array;

/// The magic string that starts every `.npy` file.
pub(super) const NPY_MAGIC: &[u8] = b"\x93NUMPY";

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
pub(super) fn npy_bytes(a: &NdArray) -> Vec<u8> {
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
    out.extend(std::iter::repeat_n(b' ', padlen));
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
pub(super) fn parse_npy(bytes: &[u8], name: &str) -> EvalResult<NdArray> {
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
    // NumPy's `max_header_size`: longer headers are refused before parsing.
    if hlen > 10_000 {
        return Err(bad(format!(
            "Header info length ({hlen}) is large and may not be safe to load securely.\n\
             To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\n\
             For safety against large resource use or crashes, sandboxing may be necessary."
        )));
    }
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

/// `np.save`.
pub(super) fn np_save(_: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(decl("save"), args)?;
    let mut path = path_arg(&b.required(0)?)?;
    let a = operand(&b.required(1)?)?;
    if !path.ends_with(".npy") {
        path.push_str(".npy");
    }
    write_atomic(&path, &npy_bytes(&a))?;
    Ok(Value::None)
}

/// `np.load`.
pub(super) fn np_load(_: &mut Interp, args: Args) -> EvalResult {
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
        return Ok(Value::object(NpzFile { path, members: arrays }));
    }
    if bytes.starts_with(NPY_MAGIC) {
        return Ok(Value::array(parse_npy(&bytes, &path)?));
    }
    if bytes.is_empty() {
        return Err(with_note(
            raise(ExcKind::EOFError, "No data left in file"),
            format!("  ({} is empty)", crate::value::quote_str(&path)),
        ));
    }
    Err(with_note(
        value_error("This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`."),
        format!("  ({} is neither a .npy nor a .npz file)", crate::value::quote_str(&path)),
    ))
}
