//! Binding call arguments to a builtin's declared signature.
//!
//! A builtin declares its signature as text, `"(a, axis=None, *, keepdims=False)"`;
//! the parameter list is parsed once and cached, and every call binds its
//! arguments by position and name with Python's error messages.

use super::arity::{arity_of, Arity, CallInfo};
use super::Builtin;
use crate::eval::error::{type_error, EvalResult};
use crate::eval::function::Args;
use crate::value::fxhash::FxHashMap;
use crate::value::Value;
use std::cell::RefCell;
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
    /// Whether it comes before `/` (and so cannot be passed by keyword).
    pub positional_only: bool,
}

/// Parses `"(a, b=1, *args, c=None, **kw)"` into parameters.
pub fn parse_signature(sig: &str) -> Vec<ParamSpec> {
    let inner = sig.trim().trim_start_matches('(').trim_end_matches(')');
    let mut out: Vec<ParamSpec> = Vec::new();
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
        if p.is_empty() {
            continue;
        }
        if p == "/" {
            for q in out.iter_mut() {
                q.positional_only = true;
            }
            continue;
        }
        if p == "*" {
            keyword_only = true;
            continue;
        }
        if let Some(name) = p.strip_prefix("**") {
            out.push(ParamSpec {
                name: name.to_string(),
                optional: true,
                kind: ParamSpecKind::VarKwargs,
                positional_only: false,
            });
        } else if let Some(name) = p.strip_prefix('*') {
            keyword_only = true;
            out.push(ParamSpec {
                name: name.to_string(),
                optional: true,
                kind: ParamSpecKind::VarArgs,
                positional_only: false,
            });
        } else {
            let (name, optional) = match p.split_once('=') {
                Some((n, _)) => (n.trim(), true),
                None => (p, false),
            };
            let kind = if keyword_only { ParamSpecKind::KeywordOnly } else { ParamSpecKind::Normal };
            out.push(ParamSpec { name: name.to_string(), optional, kind, positional_only: false });
        }
    }
    out
}

/// What binding positional arguments needs from a signature, computed from
/// the declared text at compile time (see [`SignatureShape::of`]), so that a
/// call with only positional arguments binds without parsing or looking up
/// the parameter names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignatureShape {
    /// Parameter slots (`*args` and `**kw` count one each; `*` and `/` none).
    pub n_params: u8,
    /// How many parameters at the start are positional-or-keyword.
    pub leading_normal: u8,
    /// Fewest positional arguments that fill every required
    /// positional-or-keyword parameter (one past the last of them).
    pub min_positional: u8,
    /// Whether some parameter must be given and can only be given by keyword
    /// (then the names are needed to bind or to explain the error).
    pub needs_names: bool,
}

impl SignatureShape {
    /// The shape of `"(a, b=1, *args, c=None, **kw)"`: the same reading as
    /// [`parse_signature`], as a constant function. Signatures past 255
    /// parameters are refused at compile time.
    pub const fn of(sig: &str) -> SignatureShape {
        let b = sig.as_bytes();
        let (mut i, mut end) = (0, b.len());
        while i < end && (b[i] == b' ' || b[i] == b'(') {
            i += 1;
        }
        while end > i && (b[end - 1] == b' ' || b[end - 1] == b')') {
            end -= 1;
        }
        let mut shape = SignatureShape { n_params: 0, leading_normal: 0, min_positional: 0, needs_names: false };
        let (mut keyword_only, mut depth, mut start) = (false, 0i32, i);
        while i <= end {
            let at_end = i == end;
            let c = if at_end { b',' } else { b[i] };
            if c == b'(' || c == b'[' || c == b'{' {
                depth += 1;
            } else if c == b')' || c == b']' || c == b'}' {
                depth -= 1;
            } else if c == b',' && (depth == 0 || at_end) {
                // the piece b[start..i], trimmed
                let (mut lo, mut hi) = (start, i);
                while lo < hi && b[lo] == b' ' {
                    lo += 1;
                }
                while hi > lo && b[hi - 1] == b' ' {
                    hi -= 1;
                }
                let len = hi - lo;
                if len == 0 || (len == 1 && b[lo] == b'/') {
                    // nothing, or the positional-only marker
                } else if len == 1 && b[lo] == b'*' {
                    keyword_only = true;
                } else {
                    let star = b[lo] == b'*';
                    if star && len > 1 && b[lo + 1] != b'*' {
                        keyword_only = true;
                    }
                    let mut optional = star;
                    let mut k = lo;
                    while k < hi {
                        if b[k] == b'=' {
                            optional = true;
                        }
                        k += 1;
                    }
                    assert!(shape.n_params < u8::MAX, "signature too long");
                    if !star && !keyword_only {
                        if shape.leading_normal == shape.n_params {
                            shape.leading_normal += 1;
                        }
                        if !optional {
                            shape.min_positional = shape.n_params + 1;
                            if shape.leading_normal != shape.n_params + 1 {
                                shape.needs_names = true;
                            }
                        }
                    } else if !star && !optional {
                        shape.needs_names = true;
                    }
                    shape.n_params += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        shape
    }
}

/// A parsed signature with what binding needs precomputed.
struct Signature {
    params: Rc<[ParamSpec]>,
    /// Indices of the positional-or-keyword parameters, in order.
    positional_slots: Vec<usize>,
    /// How many parameters at the start are positional-or-keyword (so
    /// positional argument `k` below this goes to slot `k`).
    leading_normal: usize,
    has_var: bool,
    has_var_kw: bool,
    /// How many parameters at the start are the receiver (`self`): 0 or 1.
    receiver: usize,
    /// How the real function words wrong-arity errors.
    arity: Arity,
    /// Whether the parameters by position can also be passed by keyword.
    by_keyword: bool,
}

thread_local! {
    static SIGNATURE_CACHE: RefCell<FxHashMap<usize, Rc<Signature>>> = RefCell::new(FxHashMap::default());
}

impl Builtin {
    fn signature_info(&'static self) -> Rc<Signature> {
        let key = self as *const Builtin as usize;
        SIGNATURE_CACHE.with(|cache| {
            if let Some(p) = cache.borrow().get(&key) {
                return p.clone();
            }
            let sig = self.parse_signature_info();
            cache.borrow_mut().insert(key, sig.clone());
            sig
        })
    }

    /// Parses the signature once (kept out of line so that the cache hit
    /// of every call stays small).
    #[cold]
    #[inline(never)]
    fn parse_signature_info(&'static self) -> Rc<Signature> {
        let params: Rc<[ParamSpec]> = parse_signature(self.signature).into();
        let positional_slots =
            params.iter().enumerate().filter(|(_, p)| p.kind == ParamSpecKind::Normal).map(|(i, _)| i).collect();
        let leading_normal = params.iter().take_while(|p| p.kind == ParamSpecKind::Normal).count();
        let has_var = params.iter().any(|p| p.kind == ParamSpecKind::VarArgs);
        let has_var_kw = params.iter().any(|p| p.kind == ParamSpecKind::VarKwargs);
        let receiver = usize::from(self.is_method() && params.first().is_some_and(|p| p.name == "self"));
        let arity = arity_of(self.module, self.name);
        let by_keyword = !arity.positional_only();
        Rc::new(Signature {
            params,
            positional_slots,
            leading_normal,
            has_var,
            has_var_kw,
            receiver,
            arity,
            by_keyword,
        })
    }

    /// The parsed parameters of this builtin's signature (cached).
    pub fn params(&'static self) -> Rc<[ParamSpec]> {
        self.signature_info().params.clone()
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
    let name = builtin.name;
    let given = args.positional.len();
    let shape = &builtin.shape;
    if args.keywords.is_empty()
        && given <= usize::from(shape.leading_normal)
        && given >= usize::from(shape.min_positional)
        && !shape.needs_names
    {
        // Positional argument `k` goes to parameter `k` and every required
        // parameter is given: reuse the vector, no names needed.
        let mut values: Vec<Option<Value>> = args.positional.into_iter().map(Some).collect();
        values.resize(usize::from(shape.n_params), None);
        return Ok(Bound { values, rest: Vec::new(), rest_keywords: Vec::new(), name });
    }
    bind_by_name(builtin, args)
}

/// [`bind`] for calls with keywords, extra positional arguments or missing
/// ones: binds through the parsed parameter names.
#[inline(never)]
fn bind_by_name(builtin: &'static Builtin, args: Args) -> EvalResult<Bound> {
    let sig = builtin.signature_info();
    let params = &sig.params;
    let name = builtin.name;
    let given = args.positional.len();
    let mut rest = Vec::new();
    let mut rest_keywords = Vec::new();
    if args.keywords.is_empty() && given <= sig.leading_normal {
        // Positional argument `k` goes to parameter `k`: reuse the vector.
        let mut values: Vec<Option<Value>> = args.positional.into_iter().map(Some).collect();
        values.resize(params.len(), None);
        check_required(builtin, &sig, &values, given, 0)?;
        return Ok(Bound { values, rest, rest_keywords, name });
    }
    let n_keywords = args.keywords.len();
    let mut values: Vec<Option<Value>> = vec![None; params.len()];
    let positional_slots = &sig.positional_slots;
    let (has_var, has_var_kw) = (sig.has_var, sig.has_var_kw);
    for (k, v) in args.positional.into_iter().enumerate() {
        match positional_slots.get(k) {
            Some(&i) => values[i] = Some(v),
            None if has_var => rest.push(v),
            None => {
                let mut call = call_info(builtin, &sig, &values, given, n_keywords);
                call.keyword_only_given = args
                    .keywords
                    .iter()
                    .filter(|(key, _)| {
                        params.iter().any(|p| p.kind == ParamSpecKind::KeywordOnly && p.name == key.as_ref())
                    })
                    .count();
                return Err(type_error(sig.arity.too_many(&call)));
            }
        }
    }
    // Argument clinic counts keywords too before it matches them.
    if sig.arity.counts_keywords() && !has_var && !has_var_kw {
        let total = sig.arity.clinic_total(params.get(sig.receiver..).unwrap_or(&[]));
        if given.saturating_sub(sig.receiver) + n_keywords > total {
            let call = call_info(builtin, &sig, &values, given, n_keywords);
            return Err(type_error(sig.arity.too_many(&call)));
        }
    }
    // `min(*args)` needs one argument, and says so before looking at keywords.
    if let Some(min) = sig.arity.min {
        if given.saturating_sub(sig.receiver) < min {
            return Err(missing_error(builtin, &sig, &values, given, n_keywords));
        }
    }
    // Argument clinic and ufuncs report a missing argument before a bad keyword.
    let mut deferred: Option<String> = None;
    for (key, v) in args.keywords {
        let found = params.iter().position(|p| {
            p.name == key.as_ref() && matches!(p.kind, ParamSpecKind::Normal | ParamSpecKind::KeywordOnly)
        });
        let message = match found {
            Some(i)
                if params[i].kind == ParamSpecKind::KeywordOnly || (sig.by_keyword && !params[i].positional_only) =>
            {
                if values[i].is_none() {
                    values[i] = Some(v);
                    continue;
                }
                let call = call_info(builtin, &sig, &values, given, n_keywords);
                sig.arity.multiple_values(&call, &key, i - sig.receiver)
            }
            _ if has_var_kw => {
                rest_keywords.push((key, v));
                continue;
            }
            Some(_) => {
                let call = call_info(builtin, &sig, &values, given, n_keywords);
                sig.arity.positional_by_keyword(&call, &key)
            }
            None => {
                let call = call_info(builtin, &sig, &values, given, n_keywords);
                sig.arity.unexpected_keyword(&call, &key)
            }
        };
        if !sig.arity.reports_missing_first() {
            return Err(type_error(message));
        }
        deferred.get_or_insert(message);
    }
    check_required(builtin, &sig, &values, given, n_keywords)?;
    if let Some(message) = deferred {
        return Err(type_error(message));
    }
    Ok(Bound { values, rest, rest_keywords, name })
}

fn check_required(
    builtin: &'static Builtin,
    sig: &Signature,
    values: &[Option<Value>],
    given: usize,
    keywords: usize,
) -> EvalResult<()> {
    for (p, v) in sig.params.iter().zip(values) {
        if v.is_none() && !p.optional && matches!(p.kind, ParamSpecKind::Normal | ParamSpecKind::KeywordOnly) {
            return Err(missing_error(builtin, sig, values, given, keywords));
        }
    }
    Ok(())
}

/// The error for required parameters left without an argument.
#[cold]
fn missing_error(
    builtin: &'static Builtin,
    sig: &Signature,
    values: &[Option<Value>],
    given: usize,
    keywords: usize,
) -> crate::eval::error::Unwind {
    let missing: Vec<usize> = sig
        .params
        .iter()
        .zip(values)
        .enumerate()
        .skip(sig.receiver)
        .filter(|(_, (p, v))| {
            v.is_none() && !p.optional && matches!(p.kind, ParamSpecKind::Normal | ParamSpecKind::KeywordOnly)
        })
        .map(|(i, _)| i - sig.receiver)
        .collect();
    let call = call_info(builtin, sig, values, given, keywords);
    type_error(sig.arity.missing(&call, &missing))
}

/// What the messages need about a call that does not bind.
#[cold]
fn call_info<'a>(
    builtin: &'static Builtin,
    sig: &'a Signature,
    values: &[Option<Value>],
    given: usize,
    keywords: usize,
) -> CallInfo<'a> {
    let qualified = match builtin.module {
        "builtins" => builtin.name.to_string(),
        // int and float share their declarations: name the receiver's type.
        "number" => {
            let ty = values.first().and_then(|v| v.as_ref()).map_or("number", |v| v.type_name());
            format!("{ty}.{}", builtin.name)
        }
        module => format!("{module}.{}", builtin.name),
    };
    CallInfo {
        name: sig.arity.name.unwrap_or(builtin.name),
        qualified,
        params: sig.params.get(sig.receiver..).unwrap_or(&[]),
        given: given.saturating_sub(sig.receiver),
        keywords,
        keyword_only_given: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_shapes_agree_with_the_parsed_signatures_of_every_builtin() {
        for b in crate::builtins::all_builtins() {
            let params = parse_signature(b.signature);
            let leading = params.iter().take_while(|p| p.kind == ParamSpecKind::Normal).count();
            let required_normal: Vec<usize> = params
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == ParamSpecKind::Normal && !p.optional)
                .map(|(i, _)| i)
                .collect();
            let min_positional = required_normal.last().map_or(0, |i| i + 1);
            let needs_names = required_normal.iter().any(|&i| i >= leading)
                || params.iter().any(|p| p.kind == ParamSpecKind::KeywordOnly && !p.optional);
            let expected = SignatureShape {
                n_params: params.len() as u8,
                leading_normal: leading as u8,
                min_positional: min_positional as u8,
                needs_names,
            };
            assert_eq!(b.shape, expected, "{} {}", b.name, b.signature);
            assert_eq!(SignatureShape::of(b.signature), expected, "{}", b.signature);
        }
        let s = SignatureShape::of("(a, /, b, *, c, d=(1, 2), **kw)");
        assert_eq!(s, SignatureShape { n_params: 5, leading_normal: 2, min_positional: 2, needs_names: true });
        let s = SignatureShape::of("()");
        assert_eq!(s, SignatureShape { n_params: 0, leading_normal: 0, min_positional: 0, needs_names: false });
        let s = SignatureShape::of("(*values, sep=' ', end='\\n')");
        assert_eq!(s, SignatureShape { n_params: 3, leading_normal: 0, min_positional: 0, needs_names: false });
    }

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
        let p = parse_signature("(iterable, /, start=0)");
        assert_eq!(p.len(), 2);
        assert!(p[0].positional_only && !p[1].positional_only);
    }
}
