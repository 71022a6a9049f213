//! Tab completion and call hints, computed from the live session: names in
//! scope, keywords, builtins, module members, attributes and methods of the
//! value an expression names, keyword arguments inside a call, and file
//! names inside a string literal.

use super::highlight::KEYWORDS;
use crate::builtins::{all_builtins, Builtin, BuiltinKind};
use crate::eval::Interp;
use crate::value::Value;

/// What an expression before a `.` or `(` is, as far as completion can tell
/// without running calls.
#[derive(Clone)]
enum Known {
    /// A value looked up (names and attributes are evaluated: they have no
    /// side effects).
    Value(Value),
    /// The result of a call or an index on an array: assumed an array.
    Array,
}

/// A completion: the text shown in the list and the text inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Shown in the list.
    pub display: String,
    /// Replaces the word being completed.
    pub replacement: String,
}

/// Where the cursor is, lexically.
struct LineState {
    /// Byte offset where an unterminated string literal's text starts.
    in_string: Option<usize>,
    /// Byte offsets of the `(` of calls that are still open.
    open_parens: Vec<usize>,
}

fn scan(line: &str) -> LineState {
    let bytes = line.as_bytes();
    let mut open_parens = Vec::new();
    let mut brackets: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => break,
            q @ (b'\'' | b'"') => {
                let start = i + 1;
                let mut j = start;
                let mut closed = false;
                while j < bytes.len() {
                    if bytes[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if bytes[j] == q {
                        closed = true;
                        break;
                    }
                    j += 1;
                }
                if !closed {
                    return LineState { in_string: Some(start), open_parens };
                }
                i = j;
            }
            b'(' => {
                open_parens.push(i);
                brackets.push(b'(');
            }
            b'[' | b'{' => brackets.push(bytes[i]),
            b')' | b']' | b'}' if brackets.pop() == Some(b'(') => {
                open_parens.pop();
            }
            _ => {}
        }
        i += 1;
    }
    LineState { in_string: None, open_parens }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The start of the primary expression (names, dots, calls, indexing)
/// that ends just before byte `end`.
fn primary_start(line: &str, end: usize) -> usize {
    let bytes = line.as_bytes();
    let mut i = end;
    while i > 0 {
        let b = bytes[i - 1];
        if is_name_byte(b) || b == b'.' {
            i -= 1;
        } else if b == b')' || b == b']' {
            let (open, close) = if b == b')' { (b'(', b')') } else { (b'[', b']') };
            let mut depth = 0;
            let mut j = i;
            loop {
                if j == 0 {
                    return i;
                }
                j -= 1;
                if bytes[j] == close {
                    depth += 1;
                } else if bytes[j] == open {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            i = j;
        } else {
            break;
        }
    }
    i
}

/// Resolves a primary expression like `np.linalg`, `X.T`, `X[0]`,
/// `np.ones(3)` without calling anything.
fn resolve(interp: &mut Interp, expr: &str) -> Option<Known> {
    let bytes = expr.as_bytes();
    let mut i = 0;
    while i < bytes.len() && is_name_byte(bytes[i]) {
        i += 1;
    }
    let first = &expr[..i];
    if first.is_empty() || first.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let mut current = Known::Value(lookup_name(interp, first)?);
    while i < bytes.len() {
        match bytes[i] {
            b'.' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && is_name_byte(bytes[j]) {
                    j += 1;
                }
                let name = &expr[start..j];
                current = match current {
                    Known::Value(v) => Known::Value(interp.get_attr(&v, name).ok()?),
                    Known::Array => match crate::builtins::find("ndarray", name) {
                        Some(b) if b.kind == BuiltinKind::Method => Known::Value(Value::Builtin(b)),
                        Some(_) if matches!(name, "T" | "mT" | "real" | "imag") => Known::Array,
                        _ => return None,
                    },
                };
                i = j;
            }
            b'(' | b'[' => {
                let close = if bytes[i] == b'(' { b')' } else { b']' };
                let open = bytes[i];
                let mut depth = 0;
                let mut j = i;
                while j < bytes.len() {
                    if bytes[j] == open {
                        depth += 1;
                    } else if bytes[j] == close {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    j += 1;
                }
                current = match (&current, open) {
                    (Known::Value(Value::Array(_)) | Known::Array, _) => Known::Array,
                    (Known::Value(Value::Builtin(b)), b'(') if b.module.starts_with("numpy") => Known::Array,
                    (Known::Value(Value::Method(m)), b'(') if m.method.module == "ndarray" => Known::Array,
                    _ => return None,
                };
                i = j + 1;
            }
            _ => return None,
        }
    }
    Some(current)
}

fn lookup_name(interp: &Interp, name: &str) -> Option<Value> {
    interp.globals.get(name).cloned().or_else(|| interp.builtins.get(name).cloned()).or_else(|| interp.numpy.get(name))
}

/// The names that follow `.` on a value.
fn attribute_names(known: &Known) -> Vec<String> {
    let receiver_module = match known {
        Known::Array => "ndarray",
        Known::Value(v) => match v {
            Value::Module(m) => return m.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect(),
            Value::Object(o) => return o.method_names().iter().map(|s| s.to_string()).collect(),
            Value::NamedTuple(t) => return t.fields.iter().map(|s| s.to_string()).collect(),
            Value::Array(_) => "ndarray",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
            Value::Int(_) | Value::Float(_) | Value::Complex(_) | Value::Bool(_) => "number",
            Value::DType(_) => "dtype",
            _ => return Vec::new(),
        },
    };
    all_builtins().filter(|b| b.module == receiver_module && b.is_method()).map(|b| b.name.to_string()).collect()
}

/// The parameter names of a signature like `"(a, axis=None, *, out=None)"`.
pub fn parameter_names(signature: &str) -> Vec<String> {
    let inner = signature.trim().trim_start_matches('(').trim_end_matches(')');
    let mut names = Vec::new();
    let mut depth = 0;
    let mut in_quote: Option<char> = None;
    let mut current = String::new();
    let mut parts = Vec::new();
    for c in inner.chars() {
        match (in_quote, c) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => in_quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    for p in parts {
        let name = p.split('=').next().unwrap_or("").trim();
        if name.is_empty() || name.starts_with('*') || name == "/" || name == "self" {
            continue;
        }
        names.push(name.to_string());
    }
    names
}

/// The builtin or user function a callee expression names, as (name,
/// signature).
fn callee_signature(interp: &mut Interp, callee: &str) -> Option<(String, String)> {
    match resolve(interp, callee)? {
        Known::Value(Value::Builtin(b)) => Some(signature_of(b)),
        Known::Value(Value::Method(m)) => Some(signature_of(m.method)),
        Known::Value(Value::Function(f)) => {
            let params: Vec<String> = f.def.params.iter().map(|p| p.name.to_string()).collect();
            Some((f.def.name.to_string(), format!("({})", params.join(", "))))
        }
        _ => None,
    }
}

fn signature_of(b: &Builtin) -> (String, String) {
    let sig = b.display_signature();
    let params = sig.strip_prefix(b.name).unwrap_or(&sig).to_string();
    (b.name.to_string(), params)
}

fn word_start(line: &str, pos: usize) -> usize {
    let bytes = line.as_bytes();
    let mut i = pos;
    while i > 0 && is_name_byte(bytes[i - 1]) {
        i -= 1;
    }
    i
}

/// Completions for `line` with the cursor at byte `pos`: where the
/// replaced word starts, and the candidates.
pub fn complete(interp: &mut Interp, line: &str, pos: usize) -> (usize, Vec<Completion>) {
    let pos = pos.min(line.len());
    let before = &line[..pos];
    let state = scan(before);
    if let Some(start) = state.in_string {
        return complete_path(before, start);
    }
    let start = word_start(before, pos);
    let prefix = &before[start..];
    let mut out: Vec<Completion> = Vec::new();
    if start > 0 && before.as_bytes()[start - 1] == b'.' {
        let object_start = primary_start(before, start - 1);
        let object = &before[object_start..start - 1];
        if let Some(known) = resolve(interp, object) {
            let mut names = attribute_names(&known);
            names.retain(|n| n.starts_with(prefix) && (!n.starts_with('_') || prefix.starts_with('_')));
            names.sort();
            names.dedup();
            out.extend(names.into_iter().map(|n| Completion { display: n.clone(), replacement: n }));
        }
        return (start, out);
    }
    // Keyword arguments of the call the cursor is in.
    let after_separator = before[..start].trim_end().ends_with(['(', ',']);
    if let (Some(&paren), true) = (state.open_parens.last(), after_separator) {
        let callee = &before[primary_start(before, paren)..paren];
        if let Some((_, signature)) = callee_signature(interp, callee) {
            for name in parameter_names(&signature) {
                if name.starts_with(prefix) && !prefix.is_empty() {
                    out.push(Completion { display: format!("{name}="), replacement: format!("{name}=") });
                }
            }
        }
    }
    if prefix.is_empty() {
        return (start, out);
    }
    let mut names: Vec<String> = interp.globals.keys().map(|k| k.to_string()).collect();
    names.extend(interp.builtins.keys().map(|k| k.to_string()));
    names.extend(KEYWORDS.iter().map(|k| k.to_string()));
    names.retain(|n| n.starts_with(prefix) && (!n.starts_with('_') || prefix.starts_with('_')));
    names.sort();
    names.dedup();
    out.extend(names.into_iter().map(|n| Completion { display: n.clone(), replacement: n }));
    (start, out)
}

/// File names for the text of a string literal starting at byte `start`.
fn complete_path(before: &str, start: usize) -> (usize, Vec<Completion>) {
    let typed = &before[start..];
    let (dir, name_prefix, replace_from) = match typed.rfind('/') {
        Some(slash) => (&typed[..=slash], &typed[slash + 1..], start + slash + 1),
        None => ("", typed, start),
    };
    let expanded = match (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ if dir.is_empty() => std::path::PathBuf::from("."),
        _ => std::path::PathBuf::from(dir),
    };
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&expanded) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(name_prefix) || (name.starts_with('.') && !name_prefix.starts_with('.')) {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let shown = if is_dir { format!("{name}/") } else { name };
            out.push(Completion { display: shown.clone(), replacement: shown });
        }
    }
    out.sort_by(|a, b| a.display.cmp(&b.display));
    (replace_from, out)
}

/// The signature hint for the line when the cursor is at its end inside a
/// call: after `np.linspace(` the parameters and `)`, later in the call the
/// whole signature.
pub fn call_hint(interp: &mut Interp, line: &str, pos: usize) -> Option<String> {
    if pos != line.len() || line.trim().is_empty() {
        return None;
    }
    let state = scan(line);
    if state.in_string.is_some() {
        return None;
    }
    let paren = *state.open_parens.last()?;
    let callee = &line[primary_start(line, paren)..paren];
    let (name, signature) = callee_signature(interp, callee)?;
    let params = signature.trim_start_matches('(');
    if paren + 1 == line.len() {
        Some(params.to_string())
    } else {
        Some(format!("  # {name}{signature}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Interp {
        let mut interp = Interp::with_numpy(Box::new(std::io::sink()));
        interp
            .run("<t>", "X = np.ones((2, 3))\nwords = ['a']\ndef scale(v, factor=2):\n    return v * factor\n", false)
            .expect("setup");
        interp
    }

    fn names(interp: &mut Interp, line: &str) -> Vec<String> {
        complete(interp, line, line.len()).1.into_iter().map(|c| c.replacement).collect()
    }

    #[test]
    fn module_members_complete() {
        let mut s = session();
        assert_eq!(names(&mut s, "np.li"), vec!["linalg", "linspace"]);
        assert_eq!(names(&mut s, "np.linalg.ei"), vec!["eig", "eigh", "eigvals", "eigvalsh"]);
        assert_eq!(complete(&mut s, "np.linalg.ei", 12).0, 10);
    }

    #[test]
    fn methods_of_the_value_an_expression_names_complete() {
        let mut s = session();
        assert_eq!(
            names(&mut s, "X.res"),
            vec!["reshape", "resize"]
                .into_iter()
                .filter(|n| crate::builtins::find("ndarray", n).is_some())
                .collect::<Vec<_>>()
        );
        let t = names(&mut s, "X.T.s");
        assert!(
            t.contains(&"shape".to_string()) && t.contains(&"sum".to_string()) && t.contains(&"std".to_string()),
            "{t:?}"
        );
        assert!(names(&mut s, "np.ones(3).me").contains(&"mean".to_string()));
        assert!(names(&mut s, "X[0].ar").contains(&"argmax".to_string()));
        assert_eq!(names(&mut s, "words.app"), vec!["append"]);
    }

    #[test]
    fn names_keywords_and_keyword_arguments_complete() {
        let mut s = session();
        assert_eq!(names(&mut s, "np.mean(X, ax"), vec!["axis="]);
        assert!(names(&mut s, "scale(X, fa").contains(&"factor=".to_string()));
        assert!(names(&mut s, "whi").contains(&"while".to_string()));
        assert!(names(&mut s, "pri").contains(&"print".to_string()));
        assert!(names(&mut s, "sc").contains(&"scale".to_string()));
    }

    #[test]
    fn file_names_complete_inside_strings() {
        let dir = std::env::temp_dir().join(format!("npl_complete_{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).expect("dir");
        std::fs::write(dir.join("data.csv"), "1\n").expect("file");
        let mut s = session();
        let line = format!("np.loadtxt('{}/da", dir.display());
        let (start, found) = complete(&mut s, &line, line.len());
        assert_eq!(found.iter().map(|c| c.replacement.as_str()).collect::<Vec<_>>(), vec!["data.csv"]);
        assert_eq!(start, line.len() - 2);
        let line = format!("'{}/s", dir.display());
        assert_eq!(complete(&mut s, &line, line.len()).1[0].replacement, "sub/");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn signatures_are_hinted() {
        let mut s = session();
        let hint = call_hint(&mut s, "np.linspace(", 12).expect("a hint");
        assert!(hint.starts_with("start, stop, num=50"), "{hint}");
        assert!(call_hint(&mut s, "np.linspace(0, 1", 16).expect("hint").contains("linspace(start"));
        assert_eq!(call_hint(&mut s, "x = 1", 5), None);
        assert_eq!(parameter_names("(a, axis=None, *, out=(1, 2), sep=',', **kw)"), vec!["a", "axis", "out", "sep"]);
    }
}
