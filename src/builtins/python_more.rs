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

/// CPython's "Did you mean" choice among `candidates` (in order): the
/// closest name by CPython's weighted edit distance (a case change costs 1,
/// any other substitution, insertion or deletion 2), provided no more than
/// about a third of the characters involved change; the first found wins a
/// tie. No suggestion for names over 40 characters or 750+ candidates.
pub fn closest_name<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    const MAX_STRING_SIZE: usize = 40;
    const MAX_CANDIDATES: usize = 750;
    let candidates: Vec<&str> = candidates.collect();
    let name_len = name.chars().count();
    if candidates.len() >= MAX_CANDIDATES || name_len > MAX_STRING_SIZE {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let c_len = c.chars().count();
        if c == name || c_len > MAX_STRING_SIZE {
            continue;
        }
        let mut max_distance = (name_len + c_len + 3) * MOVE_COST / 6;
        if let Some((best_distance, _)) = best {
            max_distance = max_distance.min(best_distance.saturating_sub(1));
        }
        let d = weighted_edit_distance(name, c);
        if d <= max_distance && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// Cost of inserting or deleting a character (and of substituting a different one).
const MOVE_COST: usize = 2;

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.to_lowercase().eq(b.to_lowercase()) {
        1
    } else {
        MOVE_COST
    }
}

fn weighted_edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * MOVE_COST).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push((i + 1) * MOVE_COST);
        for (j, &cb) in b.iter().enumerate() {
            let substitute = prev[j] + substitution_cost(ca, cb);
            let delete = prev[j + 1] + MOVE_COST;
            let insert = cur[j] + MOVE_COST;
            cur.push(substitute.min(delete).min(insert));
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

#[cfg(test)]
mod suggestion_tests {
    use super::closest_name;

    #[test]
    fn suggestions_follow_cpython() {
        let names = ["values", "e", "pi", "print", "len", "complex", "isinstance"];
        assert_eq!(closest_name("valeus", names.into_iter()), Some("values".into()));
        assert_eq!(closest_name("y", names.into_iter()), None);
        assert_eq!(closest_name("lenn", names.into_iter()), Some("len".into()));
        assert_eq!(closest_name("Print", names.into_iter()), Some("print".into()));
        assert_eq!(closest_name("missing", names.into_iter()), None);
    }
}
