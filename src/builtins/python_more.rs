//! More Python builtins (`help`), `%`-formatting of strings, and the
//! "Did you mean" suggestion for misspelled names.

use super::args::bind;
use super::Builtin;
use crate::builtin;
use crate::eval::error::{type_error, value_error, EvalResult};
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::Value;

/// More of Python's builtin functions, and `whos()` from IPython.
pub static BUILTINS: &[Builtin] = &[
    builtin!(
        "builtins",
        "help",
        Function,
        "(obj=None)",
        "Show the signature, description and example of a function, type or module; a string is looked up by name (help(\"eig\")). Without an argument, a short tour of NPL. At the prompt, `np.mean?` and `:help mean` do the same.\n>>> help(len)\nlen(obj)\n\nThe number of items of a container (the first axis of an array).\nRaises TypeError for an object without a length (a number, a 0-d array).\n\nExample:\n    >>> len([1, 2, 3])\n    3",
        help
    ),
    builtin!(
        "builtins",
        "whos",
        Function,
        "()",
        "A table of the session's variables: name, type, shape, dtype, size in bytes and the start of the value (the prompt's `:vars`).\n>>> v = np.zeros(3)\n>>> whos()\n╭──────┬─────────┬───────┬─────────┬───────┬────────────╮\n│ name ┆ type    ┆ shape ┆ dtype   ┆ bytes ┆ value      │\n╞══════╪═════════╪═══════╪═════════╪═══════╪════════════╡\n│ v    ┆ ndarray ┆ (3,)  ┆ float64 ┆    24 ┆ [0. 0. 0.] │\n╰──────┴─────────┴───────┴─────────┴───────┴────────────╯",
        whos
    ),
];

/// The help text for a value: signature, description and example.
pub fn help_text(interp: &Interp, v: &Value) -> String {
    super::help::help_text(interp, v)
}

fn help(interp: &mut Interp, args: Args) -> EvalResult {
    let b = bind(&BUILTINS[0], args)?;
    let text = match b.get(0) {
        Some(v) => help_text(interp, v),
        None => super::help::TOUR.to_string(),
    };
    interp.write_out(&text);
    if !text.ends_with('\n') {
        interp.write_out("\n");
    }
    Ok(Value::None)
}

fn whos(interp: &mut Interp, args: Args) -> EvalResult {
    bind(&BUILTINS[1], args)?;
    let table = interp.vars_table();
    interp.write_out(&table);
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
