//! Methods of Python's str, list and dict, and the lookup of a method or
//! property by receiver type.

use super::args::bind;
use super::{Builtin, BuiltinKind};
use crate::builtin;
use crate::eval::error::{raise, type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::fxhash::FxHashMap;
use crate::value::{Dict, ExcKind, PyStr, Value};
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// Methods and properties by name, one table per receiver type (in the
    /// order of [`lookup_method`]); the first declaration of a name wins.
    static METHOD_INDEX: Vec<FxHashMap<&'static str, &'static Builtin>> = [
        STR_METHODS,
        LIST_METHODS,
        DICT_METHODS,
        super::ndarray::BUILTINS,
        NUMBER_METHODS,
        super::ndarray::DTYPE_PROPERTIES,
    ]
    .iter()
    .map(|table| {
        let mut index = FxHashMap::default();
        for b in table.iter().filter(|b| b.kind != BuiltinKind::Function) {
            index.entry(b.name).or_insert(b);
        }
        index
    })
    .collect();
}

/// The method or property `name` of `v`, if its type has one.
pub fn lookup_method(v: &Value, name: &str) -> Option<&'static Builtin> {
    let table = match v {
        Value::Str(_) => 0,
        Value::List(_) => 1,
        Value::Dict(_) => 2,
        Value::Array(_) => 3,
        Value::Int(_) | Value::Float(_) | Value::Complex(_) | Value::Bool(_) => 4,
        Value::DType(_) => 5,
        Value::Object(o) => return o.method(name),
        _ => return None,
    };
    METHOD_INDEX.with(|index| index.get(table).and_then(|m| m.get(name).copied()))
}

fn receiver_str(args: &Args) -> PyStr {
    match args.positional.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => PyStr::default(),
    }
}

fn str_arg(v: Option<&Value>, what: &str) -> EvalResult<Option<PyStr>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(other) => Err(type_error(format!("{what} arg must be None or str, not {}", other.type_name()))),
    }
}

/// Methods of `str`.
pub static STR_METHODS: &[Builtin] = &[
    builtin!("str", "format", Method, "(self, *args, **kwargs)",
        "Replace `{}` fields with the arguments, formatted by their specs.\nRaises IndexError for a missing positional argument; KeyError for a missing keyword; ValueError for a malformed field.\n>>> '{} + {:.1f}'.format(1, 2.25)\n'1 + 2.2'", str_format),
    builtin!("str", "join", Method, "(self, iterable)",
        "The strings of the iterable joined with this string between them.\nRaises TypeError when an item is not a string.\n>>> '-'.join(['a', 'b'])\n'a-b'", str_join),
    builtin!("str", "split", Method, "(self, sep=None, maxsplit=-1)",
        "The words of the string, split on whitespace or on `sep`.\nRaises ValueError for an empty sep; TypeError for a non-string sep.\n>>> 'a,b,c'.split(',')\n['a', 'b', 'c']", str_split),
    builtin!("str", "strip", Method, "(self, chars=None)",
        "The string without leading and trailing whitespace (or `chars`).\nRaises TypeError when chars is not a string or None.\n>>> '  hi '.strip()\n'hi'", str_strip),
    builtin!("str", "lstrip", Method, "(self, chars=None)",
        "The string without leading whitespace (or `chars`).\nRaises TypeError when chars is not a string or None.\n>>> '  hi'.lstrip()\n'hi'", str_lstrip),
    builtin!("str", "rstrip", Method, "(self, chars=None)",
        "The string without trailing whitespace (or `chars`).\nRaises TypeError when chars is not a string or None.\n>>> 'hi\\n'.rstrip()\n'hi'", str_rstrip),
    builtin!("str", "upper", Method, "(self)", "The string in upper case.\n>>> 'abc'.upper()\n'ABC'", str_upper),
    builtin!("str", "lower", Method, "(self)", "The string in lower case.\n>>> 'ABC'.lower()\n'abc'", str_lower),
    builtin!("str", "title", Method, "(self)", "Each word capitalized.\n>>> 'hello world'.title()\n'Hello World'", str_title),
    builtin!("str", "capitalize", Method, "(self)", "The first character upper case, the rest lower.\n>>> 'hELLO'.capitalize()\n'Hello'", str_capitalize),
    builtin!("str", "replace", Method, "(self, old, new, count=-1)",
        "The string with occurrences of `old` replaced by `new`.\nRaises TypeError when old or new is not a string.\n>>> 'a-b-c'.replace('-', '+')\n'a+b+c'", str_replace),
    builtin!("str", "startswith", Method, "(self, prefix)",
        "Whether the string starts with the prefix (or one of a tuple of prefixes).\nRaises TypeError unless prefix is a string or a tuple of strings.\n>>> 'numpy'.startswith('num')\nTrue", str_startswith),
    builtin!("str", "endswith", Method, "(self, suffix)",
        "Whether the string ends with the suffix (or one of a tuple).\nRaises TypeError unless suffix is a string or a tuple of strings.\n>>> 'data.csv'.endswith('.csv')\nTrue", str_endswith),
    builtin!("str", "ljust", Method, "(self, width, fillchar=' ')", "Padded on the right to `width`.\nRaises TypeError for a non-int width or a fillchar that is not one character.\n>>> 'ab'.ljust(4, '.')\n'ab..'", str_ljust),
    builtin!("str", "rjust", Method, "(self, width, fillchar=' ')", "Padded on the left to `width`.\nRaises TypeError for a non-int width or a fillchar that is not one character.\n>>> 'ab'.rjust(4)\n'  ab'", str_rjust),
    builtin!("str", "center", Method, "(self, width, fillchar=' ')", "Centered in `width`.\nRaises TypeError for a non-int width or a fillchar that is not one character.\n>>> 'ab'.center(6, '*')\n'**ab**'", str_center),
    builtin!("str", "zfill", Method, "(self, width)", "Padded with zeros on the left to `width`.\nRaises TypeError for a non-int width.\n>>> '42'.zfill(5)\n'00042'", str_zfill),
    builtin!("str", "find", Method, "(self, sub)", "The index of the first occurrence of `sub`, or -1.\nRaises TypeError when sub is not a string.\n>>> 'hello'.find('l')\n2", str_find),
    builtin!("str", "index", Method, "(self, sub)", "The index of the first occurrence of `sub`.\nRaises ValueError when sub is not found; TypeError when sub is not a string.\n>>> 'hello'.index('e')\n1", str_index),
    builtin!("str", "count", Method, "(self, sub)", "How many times `sub` occurs (not overlapping).\nRaises TypeError when sub is not a string.\n>>> 'banana'.count('a')\n3", str_count),
    builtin!("str", "isdigit", Method, "(self)", "Whether all characters are digits.\n>>> '123'.isdigit()\nTrue", str_isdigit),
    builtin!("str", "isalpha", Method, "(self)", "Whether all characters are letters.\n>>> 'abc'.isalpha()\nTrue", str_isalpha),
    builtin!("str", "isspace", Method, "(self)", "Whether all characters are whitespace.\n>>> ' '.isspace()\nTrue", str_isspace),
    builtin!("str", "splitlines", Method, "(self)", "The lines of the string.\n>>> 'a\\nb'.splitlines()\n['a', 'b']", str_splitlines),
];

fn str_format(interp: &mut Interp, args: Args) -> EvalResult {
    let mut b = bind(&STR_METHODS[0], args)?;
    let fmt = match b.required(0)? {
        Value::Str(s) => s,
        _ => PyStr::default(),
    };
    let positional = b.rest.clone();
    let keywords = b.rest_keywords.clone();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut chars = fmt.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '{' {
            if let Some(&(_, '{')) = chars.peek() {
                chars.next();
                out.push('{');
                continue;
            }
            let mut field = String::new();
            let mut depth = 0;
            loop {
                match chars.next() {
                    Some((_, '}')) if depth == 0 => break,
                    Some((_, ch)) => {
                        if ch == '{' {
                            depth += 1;
                        } else if ch == '}' {
                            depth -= 1;
                        }
                        field.push(ch);
                    }
                    None => return Err(value_error("expected '}' before end of string")),
                }
            }
            let (name_conv, spec) = match field.find(':') {
                Some(i) => (&field[..i], &field[i + 1..]),
                None => (field.as_str(), ""),
            };
            let (name, conv) = match name_conv.find('!') {
                Some(i) => (&name_conv[..i], Some(&name_conv[i + 1..])),
                None => (name_conv, None),
            };
            let value = if name.is_empty() {
                let v = positional.get(auto).cloned();
                auto += 1;
                v.ok_or_else(|| {
                    raise(
                        ExcKind::IndexError,
                        format!("Replacement index {} out of range for positional args tuple", auto - 1),
                    )
                })?
            } else if let Ok(i) = name.parse::<usize>() {
                positional.get(i).cloned().ok_or_else(|| {
                    raise(ExcKind::IndexError, format!("Replacement index {i} out of range for positional args tuple"))
                })?
            } else {
                keywords.iter().find(|(k, _)| k.as_ref() == name).map(|(_, v)| v.clone()).ok_or_else(|| {
                    let exc =
                        Rc::new(crate::value::ExceptionValue { kind: ExcKind::KeyError, args: vec![Value::str(name)] });
                    crate::eval::error::Unwind::Raise(Box::new(crate::eval::error::NplError::from_exception(exc)))
                })?
            };
            let value = match conv {
                Some("r") => Value::str(&value.repr()),
                Some("s") => Value::str(&value.to_str()),
                _ => value,
            };
            out.push_str(&interp.format_value(&value, spec)?);
        } else if c == '}' {
            if let Some(&(_, '}')) = chars.peek() {
                chars.next();
            }
            out.push('}');
        } else {
            out.push(c);
        }
    }
    Ok(Value::str(&out))
}

fn str_join(interp: &mut Interp, args: Args) -> EvalResult {
    let sep = receiver_str(&args);
    let mut b = bind(&STR_METHODS[1], args)?;
    let items = interp.collect(&b.required(1)?)?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(s) => parts.push(s.to_string()),
            other => {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    other.type_name()
                )))
            }
        }
    }
    Ok(Value::str(&parts.join(&sep)))
}

fn str_split(_: &mut Interp, args: Args) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(&STR_METHODS[2], args)?;
    let sep = str_arg(b.get(1), "sep")?;
    let maxsplit = match b.get(2) {
        Some(Value::Int(i)) if *i >= 0 => Some(*i as usize),
        _ => None,
    };
    let parts: Vec<Value> = match sep {
        None => match maxsplit {
            None => s.split_whitespace().map(Value::str).collect(),
            Some(m) => {
                let mut out = Vec::new();
                let mut rest = s.trim_start();
                while out.len() < m && !rest.is_empty() {
                    match rest.find(char::is_whitespace) {
                        Some(i) => {
                            out.push(Value::str(&rest[..i]));
                            rest = rest[i..].trim_start();
                        }
                        None => {
                            out.push(Value::str(rest));
                            rest = "";
                        }
                    }
                }
                if !rest.is_empty() {
                    out.push(Value::str(rest));
                }
                out
            }
        },
        Some(sep) => {
            if sep.is_empty() {
                return Err(value_error("empty separator"));
            }
            match maxsplit {
                None => s.split(sep.as_ref()).map(Value::str).collect(),
                Some(m) => s.splitn(m + 1, sep.as_ref()).map(Value::str).collect(),
            }
        }
    };
    Ok(Value::list(parts))
}

fn strip_with(args: Args, decl: &'static Builtin, left: bool, right: bool) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(decl, args)?;
    let chars = str_arg(b.get(1), "strip")?;
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(c),
        None => c.is_whitespace(),
    };
    let mut t: &str = &s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    Ok(Value::str(t))
}

fn str_strip(_: &mut Interp, args: Args) -> EvalResult {
    strip_with(args, &STR_METHODS[3], true, true)
}
fn str_lstrip(_: &mut Interp, args: Args) -> EvalResult {
    strip_with(args, &STR_METHODS[4], true, false)
}
fn str_rstrip(_: &mut Interp, args: Args) -> EvalResult {
    strip_with(args, &STR_METHODS[5], false, true)
}

fn str_map(args: Args, decl: &'static Builtin, f: impl Fn(&str) -> String) -> EvalResult {
    let s = receiver_str(&args);
    bind(decl, args)?;
    Ok(Value::str(&f(&s)))
}

fn str_upper(_: &mut Interp, args: Args) -> EvalResult {
    str_map(args, &STR_METHODS[6], |s| s.to_uppercase())
}
fn str_lower(_: &mut Interp, args: Args) -> EvalResult {
    str_map(args, &STR_METHODS[7], |s| s.to_lowercase())
}
fn str_title(_: &mut Interp, args: Args) -> EvalResult {
    str_map(args, &STR_METHODS[8], |s| {
        let mut out = String::new();
        let mut prev_alpha = false;
        for c in s.chars() {
            if prev_alpha {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_alpha = c.is_alphabetic();
        }
        out
    })
}
fn str_capitalize(_: &mut Interp, args: Args) -> EvalResult {
    str_map(args, &STR_METHODS[9], |s| {
        let mut cs = s.chars();
        match cs.next() {
            Some(f) => f.to_uppercase().chain(cs.flat_map(|c| c.to_lowercase())).collect(),
            None => String::new(),
        }
    })
}

fn str_replace(_: &mut Interp, args: Args) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(&STR_METHODS[10], args)?;
    let old = str_arg(b.get(1), "replace")?.unwrap_or_default();
    let new = str_arg(b.get(2), "replace")?.unwrap_or_default();
    let count = match b.get(3) {
        Some(Value::Int(i)) if *i >= 0 => Some(*i as usize),
        _ => None,
    };
    Ok(Value::str(&match count {
        Some(n) => s.replacen(old.as_ref(), &new, n),
        None => s.replace(old.as_ref(), &new),
    }))
}

fn affix(args: Args, decl: &'static Builtin, start: bool) -> EvalResult {
    let s = receiver_str(&args);
    let mut b = bind(decl, args)?;
    let test = |p: &str| if start { s.starts_with(p) } else { s.ends_with(p) };
    match b.required(1)? {
        Value::Str(p) => Ok(Value::Bool(test(&p))),
        Value::Tuple(items) => Ok(Value::Bool(items.iter().any(|i| matches!(i, Value::Str(p) if test(p))))),
        other => {
            Err(type_error(format!("{} first arg must be str or a tuple of str, not {}", decl.name, other.type_name())))
        }
    }
}

fn str_startswith(_: &mut Interp, args: Args) -> EvalResult {
    affix(args, &STR_METHODS[11], true)
}
fn str_endswith(_: &mut Interp, args: Args) -> EvalResult {
    affix(args, &STR_METHODS[12], false)
}

fn justify(args: Args, decl: &'static Builtin, align: char) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(decl, args)?;
    let width = match b.get(1) {
        Some(Value::Int(w)) => (*w).max(0) as usize,
        _ => return Err(type_error("width must be an integer")),
    };
    let fill = match b.get(2) {
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(_) => return Err(type_error("The fill character must be exactly one character long")),
        None => ' ',
    };
    let n = s.chars().count();
    if width <= n {
        return Ok(Value::Str(s));
    }
    crate::eval::ops::check_sequence_size(width, fill.len_utf8())?;
    let pad = width - n;
    let (l, r) = match align {
        '<' => (0, pad),
        '>' => (pad, 0),
        _ => {
            // Python's center puts the extra space on the left when the string length is odd.
            let left = pad / 2 + (pad & width & 1);
            (left, pad - left)
        }
    };
    let f = fill.to_string();
    Ok(Value::str(&format!("{}{}{}", f.repeat(l), s, f.repeat(r))))
}

fn str_ljust(_: &mut Interp, args: Args) -> EvalResult {
    justify(args, &STR_METHODS[13], '<')
}
fn str_rjust(_: &mut Interp, args: Args) -> EvalResult {
    justify(args, &STR_METHODS[14], '>')
}
fn str_center(_: &mut Interp, args: Args) -> EvalResult {
    justify(args, &STR_METHODS[15], '^')
}
fn str_zfill(_: &mut Interp, args: Args) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(&STR_METHODS[16], args)?;
    let width = match b.get(1) {
        Some(Value::Int(w)) => (*w).max(0) as usize,
        _ => return Err(type_error("width must be an integer")),
    };
    let n = s.chars().count();
    if width <= n {
        return Ok(Value::Str(s));
    }
    crate::eval::ops::check_sequence_size(width, 1)?;
    let (sign, digits) = if s.starts_with('-') || s.starts_with('+') { s.split_at(1) } else { ("", &s[..]) };
    Ok(Value::str(&format!("{sign}{}{digits}", "0".repeat(width - n))))
}

fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

fn str_find(_: &mut Interp, args: Args) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(&STR_METHODS[17], args)?;
    let sub = str_arg(b.get(1), "find")?.unwrap_or_default();
    Ok(Value::Int(s.find(sub.as_ref()).map_or(-1, |i| char_index(&s, i))))
}
fn str_index(_: &mut Interp, args: Args) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(&STR_METHODS[18], args)?;
    let sub = str_arg(b.get(1), "index")?.unwrap_or_default();
    s.find(sub.as_ref()).map(|i| Value::Int(char_index(&s, i))).ok_or_else(|| value_error("substring not found"))
}
fn str_count(_: &mut Interp, args: Args) -> EvalResult {
    let s = receiver_str(&args);
    let b = bind(&STR_METHODS[19], args)?;
    let sub = str_arg(b.get(1), "count")?.unwrap_or_default();
    if sub.is_empty() {
        return Ok(Value::Int(s.chars().count() as i64 + 1));
    }
    Ok(Value::Int(s.matches(sub.as_ref()).count() as i64))
}
fn str_test(args: Args, decl: &'static Builtin, f: fn(char) -> bool) -> EvalResult {
    let s = receiver_str(&args);
    bind(decl, args)?;
    Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}
fn str_isdigit(_: &mut Interp, args: Args) -> EvalResult {
    str_test(args, &STR_METHODS[20], |c| c.is_ascii_digit())
}
fn str_isalpha(_: &mut Interp, args: Args) -> EvalResult {
    str_test(args, &STR_METHODS[21], char::is_alphabetic)
}
fn str_isspace(_: &mut Interp, args: Args) -> EvalResult {
    str_test(args, &STR_METHODS[22], char::is_whitespace)
}
fn str_splitlines(_: &mut Interp, args: Args) -> EvalResult {
    let s = receiver_str(&args);
    bind(&STR_METHODS[23], args)?;
    Ok(Value::list(s.lines().map(Value::str).collect()))
}

fn receiver_list(args: &Args) -> Rc<RefCell<Vec<Value>>> {
    match args.positional.first() {
        Some(Value::List(l)) => l.clone(),
        _ => Rc::new(RefCell::new(vec![])),
    }
}

/// Methods of `list`.
pub static LIST_METHODS: &[Builtin] = &[
    builtin!(
        "list",
        "append",
        Method,
        "(self, x)",
        "Add an item at the end.\n>>> xs = [1]; xs.append(2); xs\n[1, 2]",
        list_append
    ),
    builtin!(
        "list",
        "extend",
        Method,
        "(self, iterable)",
        "Add the items of an iterable at the end.\nRaises TypeError for a non-iterable.\n>>> xs = [1]; xs.extend([2, 3]); xs\n[1, 2, 3]",
        list_extend
    ),
    builtin!(
        "list",
        "pop",
        Method,
        "(self, index=-1)",
        "Remove and return the item at `index` (the last by default).\nRaises IndexError for an empty list or an index out of range; TypeError for a non-int index.\n>>> [1, 2, 3].pop()\n3",
        list_pop
    ),
    builtin!(
        "list",
        "insert",
        Method,
        "(self, index, x)",
        "Insert an item before `index`.\nRaises TypeError for a non-int index.\n>>> xs = [1, 3]; xs.insert(1, 2); xs\n[1, 2, 3]",
        list_insert
    ),
    builtin!(
        "list",
        "index",
        Method,
        "(self, x)",
        "The index of the first item equal to `x`.\nRaises ValueError when x is not in the list.\n>>> [5, 6].index(6)\n1",
        list_index
    ),
    builtin!("list", "count", Method, "(self, x)", "How many items equal `x`.\n>>> [1, 2, 1].count(1)\n2", list_count),
    builtin!(
        "list",
        "sort",
        Method,
        "(self, *, key=None, reverse=False)",
        "Sort the list in place (stable).\nRaises TypeError for items that cannot be compared.\n>>> xs = [3, 1, 2]; xs.sort(); xs\n[1, 2, 3]",
        list_sort
    ),
    builtin!(
        "list",
        "reverse",
        Method,
        "(self)",
        "Reverse the list in place.\n>>> xs = [1, 2]; xs.reverse(); xs\n[2, 1]",
        list_reverse
    ),
    builtin!("list", "copy", Method, "(self)", "A shallow copy.\n>>> [1, 2].copy()\n[1, 2]", list_copy),
    builtin!(
        "list",
        "remove",
        Method,
        "(self, x)",
        "Remove the first item equal to `x`.\nRaises ValueError when x is not in the list.\n>>> xs = [1, 2, 1]; xs.remove(1); xs\n[2, 1]",
        list_remove
    ),
    builtin!("list", "clear", Method, "(self)", "Remove every item.\n>>> xs = [1]; xs.clear(); xs\n[]", list_clear),
];

fn list_append(_: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let mut b = bind(&LIST_METHODS[0], args)?;
    let v = b.values.get_mut(1).and_then(|v| v.take()).unwrap_or(Value::None);
    crate::eval::ops::check_sequence_size(l.borrow().len() + 1, std::mem::size_of::<Value>())?;
    l.borrow_mut().push(v);
    Ok(Value::None)
}
fn list_extend(interp: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let mut b = bind(&LIST_METHODS[1], args)?;
    let items = interp.collect(&b.required(1)?)?;
    crate::eval::ops::check_sequence_size(l.borrow().len().saturating_add(items.len()), std::mem::size_of::<Value>())?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}
fn list_pop(_: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let b = bind(&LIST_METHODS[2], args)?;
    let mut items = l.borrow_mut();
    if items.is_empty() {
        return Err(raise(ExcKind::IndexError, "pop from empty list"));
    }
    let n = items.len() as i64;
    let i = match b.get(1) {
        Some(Value::Int(i)) => *i,
        Some(other) => {
            return Err(type_error(format!("'{}' object cannot be interpreted as an integer", other.type_name())))
        }
        None => -1,
    };
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(raise(ExcKind::IndexError, "pop index out of range"));
    }
    Ok(items.remove(j as usize))
}
fn list_insert(_: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let mut b = bind(&LIST_METHODS[3], args)?;
    let i = match b.get(1) {
        Some(Value::Int(i)) => *i,
        _ => return Err(type_error("list.insert index must be an integer")),
    };
    let v = b.values.get_mut(2).and_then(|v| v.take()).unwrap_or(Value::None);
    let mut items = l.borrow_mut();
    let n = items.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(j as usize, v);
    Ok(Value::None)
}
fn list_position(interp: &mut Interp, l: &Rc<RefCell<Vec<Value>>>, x: &Value) -> EvalResult<Option<usize>> {
    let items = l.borrow().clone();
    for (i, item) in items.iter().enumerate() {
        if interp.values_equal(item, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}
fn list_index(interp: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let mut b = bind(&LIST_METHODS[4], args)?;
    let x = b.values.get_mut(1).and_then(|v| v.take()).unwrap_or(Value::None);
    match list_position(interp, &l, &x)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error(format!("{} is not in list", x.repr()))),
    }
}
fn list_count(interp: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let mut b = bind(&LIST_METHODS[5], args)?;
    let x = b.values.get_mut(1).and_then(|v| v.take()).unwrap_or(Value::None);
    let items = l.borrow().clone();
    let mut n = 0;
    for item in &items {
        if interp.values_equal(item, &x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}
fn list_sort(interp: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let mut b = bind(&LIST_METHODS[6], args)?;
    let key = b.take(1);
    let reverse = match b.take(2) {
        Some(v) => interp.truthy(&v)?,
        None => false,
    };
    let items = l.borrow().clone();
    let sorted = super::python::sort_values(interp, items, key.as_ref(), reverse)?;
    *l.borrow_mut() = sorted;
    Ok(Value::None)
}
fn list_reverse(_: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    bind(&LIST_METHODS[7], args)?;
    l.borrow_mut().reverse();
    Ok(Value::None)
}
fn list_copy(_: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    bind(&LIST_METHODS[8], args)?;
    let items = l.borrow().clone();
    Ok(Value::list(items))
}
fn list_remove(interp: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    let mut b = bind(&LIST_METHODS[9], args)?;
    let x = b.values.get_mut(1).and_then(|v| v.take()).unwrap_or(Value::None);
    match list_position(interp, &l, &x)? {
        Some(i) => {
            l.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => Err(value_error("list.remove(x): x not in list")),
    }
}
fn list_clear(_: &mut Interp, args: Args) -> EvalResult {
    let l = receiver_list(&args);
    bind(&LIST_METHODS[10], args)?;
    l.borrow_mut().clear();
    Ok(Value::None)
}

fn receiver_dict(args: &Args) -> Rc<RefCell<Dict>> {
    match args.positional.first() {
        Some(Value::Dict(d)) => d.clone(),
        _ => Rc::new(RefCell::new(Dict::new())),
    }
}

fn unhashable(t: &str) -> crate::eval::error::Unwind {
    type_error(format!("unhashable type: '{t}'"))
}

/// Methods of `dict`.
pub static DICT_METHODS: &[Builtin] = &[
    builtin!("dict", "keys", Method, "(self)", "The keys, in insertion order.\n>>> list({'a': 1}.keys())\n['a']", dict_keys),
    builtin!("dict", "values", Method, "(self)", "The values, in insertion order.\n>>> list({'a': 1}.values())\n[1]", dict_values),
    builtin!("dict", "items", Method, "(self)", "The (key, value) pairs.\n>>> list({'a': 1}.items())\n[('a', 1)]", dict_items),
    builtin!("dict", "get", Method, "(self, key, default=None)", "The value for `key`, or `default`.\nRaises TypeError for an unhashable key.\n>>> {'a': 1}.get('b', 0)\n0", dict_get),
    builtin!("dict", "update", Method, "(self, other=None, **kwargs)", "Add the pairs of another dict (and keyword arguments).\nRaises ValueError for a sequence item that is not a pair; TypeError for an unhashable key.\n>>> d = {'a': 1}; d.update({'b': 2}); d\n{'a': 1, 'b': 2}", dict_update),
    builtin!("dict", "pop", Method, "(self, key, default=<missing>)", "Remove `key` and return its value (or `default`).\nRaises KeyError when key is absent and no default is given; TypeError for an unhashable key.\n>>> {'a': 1}.pop('a')\n1", dict_pop),
    builtin!("dict", "copy", Method, "(self)", "A shallow copy.\n>>> {'a': 1}.copy()\n{'a': 1}", dict_copy),
    builtin!("dict", "setdefault", Method, "(self, key, default=None)", "The value for `key`, inserting `default` first if absent.\nRaises TypeError for an unhashable key.\n>>> {}.setdefault('a', 5)\n5", dict_setdefault),
    builtin!("dict", "clear", Method, "(self)", "Remove every pair.\n>>> d = {'a': 1}; d.clear(); d\n{}", dict_clear),
];

fn dict_keys(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    bind(&DICT_METHODS[0], args)?;
    let keys = d.borrow().keys();
    Ok(Value::list(keys))
}
fn dict_values(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    bind(&DICT_METHODS[1], args)?;
    let values = d.borrow().entries().iter().map(|(_, v)| v.clone()).collect();
    Ok(Value::list(values))
}
fn dict_items(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    bind(&DICT_METHODS[2], args)?;
    let items = d.borrow().entries().iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect();
    Ok(Value::list(items))
}
fn dict_get(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    let mut b = bind(&DICT_METHODS[3], args)?;
    let key = b.values.get_mut(1).and_then(|v| v.take()).unwrap_or(Value::None);
    let default = b.get_raw(2).cloned().unwrap_or(Value::None);
    let r = d.borrow().get(&key).map_err(unhashable)?;
    Ok(r.unwrap_or(default))
}
fn dict_update(interp: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    let b = bind(&DICT_METHODS[4], args)?;
    if let Some(other) = b.get(1) {
        let pairs: Vec<(Value, Value)> = match other {
            Value::Dict(o) => o.borrow().entries().to_vec(),
            v => {
                let mut out = Vec::new();
                for p in interp.collect(v)? {
                    let kv = interp.collect(&p)?;
                    if kv.len() != 2 {
                        return Err(value_error(
                            "dictionary update sequence element has the wrong length; 2 is required",
                        ));
                    }
                    out.push((kv[0].clone(), kv[1].clone()));
                }
                out
            }
        };
        for (k, v) in pairs {
            d.borrow_mut().insert(k, v).map_err(unhashable)?;
        }
    }
    for (k, v) in b.rest_keywords {
        let _ = d.borrow_mut().insert(Value::Str(k.into()), v);
    }
    Ok(Value::None)
}
fn dict_pop(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    let mut b = bind(&DICT_METHODS[5], args)?;
    let key = b.values.get_mut(1).and_then(|v| v.take()).unwrap_or(Value::None);
    let default = b.get_raw(2).cloned();
    let r = d.borrow_mut().remove(&key).map_err(unhashable)?;
    match (r, default) {
        (Some(v), _) => Ok(v),
        (None, Some(dv)) => Ok(dv),
        (None, None) => {
            let exc = Rc::new(crate::value::ExceptionValue { kind: ExcKind::KeyError, args: vec![key] });
            Err(crate::eval::error::Unwind::Raise(Box::new(crate::eval::error::NplError::from_exception(exc))))
        }
    }
}
fn dict_copy(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    bind(&DICT_METHODS[6], args)?;
    let copy = d.borrow().clone();
    Ok(Value::Dict(Rc::new(RefCell::new(copy))))
}
fn dict_setdefault(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    let mut b = bind(&DICT_METHODS[7], args)?;
    let key = b.values.get_mut(1).and_then(|v| v.take()).unwrap_or(Value::None);
    let default = b.get_raw(2).cloned().unwrap_or(Value::None);
    let existing = d.borrow().get(&key).map_err(unhashable)?;
    match existing {
        Some(v) => Ok(v),
        None => {
            d.borrow_mut().insert(key, default.clone()).map_err(unhashable)?;
            Ok(default)
        }
    }
}
fn dict_clear(_: &mut Interp, args: Args) -> EvalResult {
    let d = receiver_dict(&args);
    bind(&DICT_METHODS[8], args)?;
    d.borrow_mut().clear();
    Ok(Value::None)
}

/// Attributes and methods of Python numbers.
pub static NUMBER_METHODS: &[Builtin] = &[
    builtin!("number", "real", Property, "(self)", "The real part.\n>>> (3+4j).real\n3.0", number_real),
    builtin!("number", "imag", Property, "(self)", "The imaginary part.\n>>> (3+4j).imag\n4.0", number_imag),
    builtin!(
        "number",
        "conjugate",
        Method,
        "(self)",
        "The complex conjugate.\n>>> (3+4j).conjugate()\n(3-4j)",
        number_conjugate
    ),
    builtin!(
        "number",
        "is_integer",
        Method,
        "(self)",
        "Whether a float has an integral value.\nRaises AttributeError for a complex number.\n>>> (2.0).is_integer()\nTrue",
        number_is_integer
    ),
];

fn first(args: &Args) -> Value {
    args.positional.first().cloned().unwrap_or(Value::None)
}
fn number_real(_: &mut Interp, args: Args) -> EvalResult {
    Ok(match first(&args) {
        Value::Complex(c) => Value::Float(c.re),
        Value::Bool(b) => Value::Int(b as i64),
        v => v,
    })
}
fn number_imag(_: &mut Interp, args: Args) -> EvalResult {
    Ok(match first(&args) {
        Value::Complex(c) => Value::Float(c.im),
        Value::Float(_) => Value::Float(0.0),
        _ => Value::Int(0),
    })
}
fn number_conjugate(_: &mut Interp, args: Args) -> EvalResult {
    let x = first(&args);
    bind(&NUMBER_METHODS[2], args)?;
    Ok(match x {
        Value::Complex(c) => Value::complex(c.conj()),
        Value::Bool(b) => Value::Int(b as i64),
        v => v,
    })
}
fn number_is_integer(_: &mut Interp, args: Args) -> EvalResult {
    let x = first(&args);
    bind(&NUMBER_METHODS[3], args)?;
    match x {
        Value::Float(f) => Ok(Value::Bool(f.is_finite() && f.fract() == 0.0)),
        Value::Int(_) | Value::Bool(_) => Ok(Value::Bool(true)),
        other => {
            Err(raise(ExcKind::AttributeError, format!("'{}' object has no attribute 'is_integer'", other.type_name())))
        }
    }
}
