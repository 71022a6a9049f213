//! Binding call arguments to a builtin's declared signature.
//!
//! A builtin declares its signature as text, `"(a, axis=None, *, keepdims=False)"`;
//! the parameter list is parsed once and cached, and every call binds its
//! arguments by position and name with Python's error messages.

use super::Builtin;
use crate::eval::error::{type_error, EvalResult};
use crate::eval::function::Args;
use crate::value::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How a declared parameter receives arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamSpecKind {
    /// Positional or keyword.
    Normal,
    /// Only by keyword (after `*`).
    KeywordOnly,
    /// `*args`
    VarArgs,
    /// `**kwargs`
    VarKwargs,
}

/// One declared parameter.
#[derive(Clone, Debug)]
pub struct ParamSpec {
    /// Its name.
    pub name: String,
    /// Whether it has a default (and so may be omitted).
    pub optional: bool,
    /// How it binds.
    pub kind: ParamSpecKind,
}

/// Parses `"(a, b=1, *args, c=None, **kw)"` into parameters.
pub fn parse_signature(sig: &str) -> Vec<ParamSpec> {
    let inner = sig.trim().trim_start_matches('(').trim_end_matches(')');
    let mut out = Vec::new();
    let mut keyword_only = false;
    let mut depth = 0;
    let mut current = String::new();
    let mut pieces = Vec::new();
    for c in inner.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                pieces.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    pieces.push(current);
    for piece in pieces {
        let p = piece.trim();
        if p.is_empty() || p == "/" {
            continue;
        }
        if p == "*" {
            keyword_only = true;
            continue;
        }
        if let Some(name) = p.strip_prefix("**") {
            out.push(ParamSpec { name: name.to_string(), optional: true, kind: ParamSpecKind::VarKwargs });
        } else if let Some(name) = p.strip_prefix('*') {
            keyword_only = true;
            out.push(ParamSpec { name: name.to_string(), optional: true, kind: ParamSpecKind::VarArgs });
        } else {
            let (name, optional) = match p.split_once('=') {
                Some((n, _)) => (n.trim(), true),
                None => (p, false),
            };
            let kind = if keyword_only { ParamSpecKind::KeywordOnly } else { ParamSpecKind::Normal };
            out.push(ParamSpec { name: name.to_string(), optional, kind });
        }
    }
    out
}

thread_local! {
    static PARAM_CACHE: RefCell<HashMap<usize, Rc<[ParamSpec]>>> = RefCell::new(HashMap::new());
}

impl Builtin {
    /// The parsed parameters of this builtin's signature (cached).
    pub fn params(&'static self) -> Rc<[ParamSpec]> {
        let key = self as *const Builtin as usize;
        PARAM_CACHE.with(|cache| {
            if let Some(p) = cache.borrow().get(&key) {
                return p.clone();
            }
            let parsed: Rc<[ParamSpec]> = parse_signature(self.signature).into();
            cache.borrow_mut().insert(key, parsed.clone());
            parsed
        })
    }
}

/// Arguments bound to a builtin's parameters.
pub struct Bound {
    /// One slot per declared parameter (`*args`/`**kw` slots stay `None`).
    pub values: Vec<Option<Value>>,
    /// What `*args` collected.
    pub rest: Vec<Value>,
    /// What `**kwargs` collected.
    pub rest_keywords: Vec<(Rc<str>, Value)>,
    name: &'static str,
}

impl Bound {
    /// The argument for parameter `i`, if given.
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.values.get(i).and_then(|v| v.as_ref()).filter(|v| !matches!(v, Value::None))
    }
    /// The argument for parameter `i`, including an explicit `None`.
    pub fn get_raw(&self, i: usize) -> Option<&Value> {
        self.values.get(i).and_then(|v| v.as_ref())
    }
    /// Takes the argument for parameter `i` (`None` if omitted or `None`).
    pub fn take(&mut self, i: usize) -> Option<Value> {
        self.values.get_mut(i).and_then(|v| v.take()).filter(|v| !matches!(v, Value::None))
    }
    /// The argument for a required parameter `i`.
    pub fn required(&mut self, i: usize) -> EvalResult<Value> {
        self.values
            .get_mut(i)
            .and_then(|v| v.take())
            .ok_or_else(|| type_error(format!("{}() missing a required argument", self.name)))
    }
}

/// Binds `args` to `builtin`'s declared parameters.
pub fn bind(builtin: &'static Builtin, args: Args) -> EvalResult<Bound> {
    let params = builtin.params();
    let name = builtin.name;
    let mut values: Vec<Option<Value>> = vec![None; params.len()];
    let mut rest = Vec::new();
    let mut rest_keywords = Vec::new();
    let positional_slots: Vec<usize> =
        params.iter().enumerate().filter(|(_, p)| p.kind == ParamSpecKind::Normal).map(|(i, _)| i).collect();
    let has_var = params.iter().any(|p| p.kind == ParamSpecKind::VarArgs);
    let has_var_kw = params.iter().any(|p| p.kind == ParamSpecKind::VarKwargs);
    let given = args.positional.len();
    for (k, v) in args.positional.into_iter().enumerate() {
        match positional_slots.get(k) {
            Some(&i) => values[i] = Some(v),
            None if has_var => rest.push(v),
            None => {
                let max = positional_slots.len();
                let min = positional_slots.iter().filter(|&&i| !params[i].optional).count();
                let takes = if min == max { format!("{max}") } else { format!("from {min} to {max}") };
                let s = if max == 1 && min == max { "" } else { "s" };
                let was = if given == 1 { "was" } else { "were" };
                return Err(type_error(format!(
                    "{name}() takes {takes} positional argument{s} but {given} {was} given"
                )));
            }
        }
    }
    for (key, v) in args.keywords {
        match params.iter().position(|p| {
            p.name == key.as_ref() && matches!(p.kind, ParamSpecKind::Normal | ParamSpecKind::KeywordOnly)
        }) {
            Some(i) => {
                if values[i].is_some() {
                    return Err(type_error(format!("{name}() got multiple values for argument '{key}'")));
                }
                values[i] = Some(v);
            }
            None if has_var_kw => rest_keywords.push((key, v)),
            None => return Err(type_error(format!("{name}() got an unexpected keyword argument '{key}'"))),
        }
    }
    for (i, p) in params.iter().enumerate() {
        if values[i].is_none() && !p.optional && matches!(p.kind, ParamSpecKind::Normal | ParamSpecKind::KeywordOnly) {
            return Err(type_error(format!("{name}() missing required argument '{}' (pos {})", p.name, i + 1)));
        }
    }
    Ok(Bound { values, rest, rest_keywords, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_parse() {
        let p = parse_signature("(a, axis=None, *, keepdims=False)");
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].kind, ParamSpecKind::KeywordOnly);
        assert!(!p[0].optional && p[1].optional);
        let p = parse_signature("(*values, sep=' ', end='\\n')");
        assert_eq!(p[0].kind, ParamSpecKind::VarArgs);
        assert_eq!(p[1].kind, ParamSpecKind::KeywordOnly);
        let p = parse_signature("(a, q=(1, 2), **kw)");
        assert_eq!(p.len(), 3);
    }
}
