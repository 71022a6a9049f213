//! More Python builtins (`help`), `%`-formatting of strings, and the
//! "Did you mean" suggestion for misspelled names.

use super::args::bind;
use super::Builtin;
use crate::builtin;
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::Value;

/// More of Python's builtin functions.
pub static BUILTINS: &[Builtin] = &[builtin!(
    "builtins",
    "help",
    Function,
    "(obj=None)",
    "Show the signature and documentation of a function, module or name.\n>>> help(len)\nlen(obj)\n\nThe number of items of a container (the first axis of an array).",
    help
)];

/// The help text for a value: signature, description and example.
pub fn help_text(interp: &Interp, v: &Value) -> String {
    match v {
        Value::Builtin(b) => format!("{}\n\n{}", b.display_signature(), b.doc),
        Value::Method(m) => format!("{}\n\n{}", m.method.display_signature(), m.method.doc),
        Value::Function(f) => {
            let params: Vec<String> = f.def.params.iter().map(|p| p.name.to_string()).collect();
            format!("{}({})\n\nA function defined in {}.", f.def.name, params.join(", "), f.source.name)
        }
        Value::Module(m) => {
            let names: Vec<String> = m.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect();
            format!("module {}\n\n{}", m.name, names.join(" "))
        }
        Value::Str(s) => {
            let found = super::all_builtins().find(|b| b.name == s.as_ref() && !b.is_method());
            match found {
                Some(b) => format!("{}\n\n{}", b.display_signature(), b.doc),
                None => match interp.numpy.get(s) {
                    Some(v) if !matches!(v, Value::Str(_)) => help_text(interp, &v),
                    _ => format!("No help found for '{s}'."),
                },
            }
        }
        other => format!("{}: {}", other.type_name(), other.repr()),
    }
}

fn help(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[0], args)?;
    let text = match b.get(0) {
        Some(v) => help_text(interp, v),
        None => "NPL: Python syntax with NumPy arrays. Try help(np.mean), help(\"eig\") or help(len).".to_string(),
    };
    interp.write_out(&text);
    interp.write_out("\n");
    Ok(Value::None)
}

/// The candidate closest to `name` by edit distance, if any is close
/// enough to be a likely misspelling.
pub fn closest_name<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    let limit = name.len().div_ceil(3);
    for c in candidates {
        if c == name || c.starts_with('_') {
            continue;
        }
        let d = edit_distance(name, c);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// `fmt % args`: printf-style formatting of strings (`%d %s %r %f %e %g %x %%`).
pub fn percent_format(interp: &mut Interp, fmt: &str, args: &Value) -> EvalResult {
    let values: Vec<Value> = match args {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other.clone()],
    };
    let mut next = values.into_iter();
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        let conv = loop {
            match chars.next() {
                Some(ch) if "0123456789.-+ #".contains(ch) => spec.push(ch),
                Some(ch) => break ch,
                None => return Err(value_error("incomplete format")),
            }
        };
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = next.next().ok_or_else(|| type_error("not enough arguments for format string"))?;
        let spec = spec.replace('-', "<");
        let text = match conv {
            's' => interp.format_value(&Value::str(&v.to_str()), &spec)?,
            'r' => interp.format_value(&Value::str(&v.repr()), &spec)?,
            'd' | 'i' => {
                let iv = super::convert::to_int_value(&v)?;
                interp.format_value(&iv, &format!("{spec}d"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let fv = super::convert::to_float_value(&v)?;
                let spec = if spec.contains('.') || conv == 'g' || conv == 'G' { spec } else { format!("{spec}.6") };
                interp.format_value(&fv, &format!("{spec}{conv}"))?
            }
            'x' | 'X' | 'o' => interp.format_value(&v, &format!("{spec}{conv}"))?,
            other => return Err(value_error(format!("unsupported format character '{other}'"))),
        };
        out.push_str(&text);
    }
    if next.next().is_some() {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    Ok(Value::str(&out))
}
