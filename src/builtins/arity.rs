//! How CPython 3.11 and NumPy word a call with the wrong arguments.
//!
//! Each builtin binds its arguments against its declared signature (see
//! [`super::args`]); when the call does not fit, the message depends on how
//! the real function is implemented: a Python-level function, an argument
//! clinic function, a `METH_O` C function, a NumPy ufunc, a Cython method...
//! [`arity_of`] gives each builtin its [`Style`] in one table; the message
//! functions here are only reached on the error path.

use super::args::{ParamSpec, ParamSpecKind};

/// A family of wrong-arity messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A Python-level function (most of NumPy):
    /// `f() missing 1 required positional argument: 'a'`,
    /// `f() takes from 1 to 2 positional arguments but 3 were given`,
    /// `f() got an unexpected keyword argument 'z'`.
    Python,
    /// An ndarray method that forwards to a Python-level function: as
    /// [`Style::Python`], with the array counted as the first argument.
    PythonMethod,
    /// NumPy's C argument parser: as [`Style::Python`], except a missing
    /// argument is `f() missing required argument 'a' (pos 0)` (from 0).
    NumpyC,
    /// CPython's argument clinic with keywords:
    /// `f() missing required argument 'a' (pos 1)`,
    /// `f() takes at most 2 arguments (3 given)`,
    /// `'z' is an invalid keyword argument for f()`.
    Clinic,
    /// A C function of one or no argument (`METH_O`, `METH_NOARGS`):
    /// `list.append() takes exactly one argument (0 given)`,
    /// `str.upper() takes no arguments (1 given)`; no keywords.
    Exact,
    /// Positional-only clinic: `insert expected 2 arguments, got 1`,
    /// `index expected at least 1 argument, got 0`; no keywords.
    Expected,
    /// `PyArg_ParseTuple`: `startswith() takes at least 1 argument (0 given)`,
    /// `fill() takes exactly 1 argument (2 given)`; no keywords.
    Tuple,
    /// Cython (NumPy's random module):
    /// `integers() takes at least 1 positional argument (0 given)`,
    /// `seed() takes at most 1 positional argument (2 given)`.
    Cython,
    /// A ufunc: `sin() takes from 1 to 2 positional arguments but 0 were
    /// given` for too few and too many alike (the extra one is `out`).
    Ufunc,
    /// `math.log requires 1 to 2 arguments`.
    Requires,
}

/// A builtin's message style and where its real signature differs from
/// what NPL declares.
#[derive(Clone, Copy, Debug)]
pub struct Arity {
    /// The message family.
    pub style: Style,
    /// The name the messages use when it is not the builtin's
    /// (`np.abs` reports as `absolute`).
    pub name: Option<&'static str>,
    /// How many positional arguments the real function takes when NPL
    /// declares fewer (parameters NPL does not support). Messages use it
    /// only for calls that exceed it.
    pub max: Option<usize>,
    /// The fewest positional arguments when the signature does not say it
    /// (`min(*args)` needs one).
    pub min: Option<usize>,
    /// The whole message for too few arguments, when it is fixed
    /// (`map() must have at least two arguments.`).
    pub too_few: Option<&'static str>,
}

const fn style(style: Style) -> Arity {
    Arity { style, name: None, max: None, min: None, too_few: None }
}

impl Arity {
    const fn named(self, name: &'static str) -> Arity {
        Arity { name: Some(name), ..self }
    }
    const fn max(self, max: usize) -> Arity {
        Arity { max: Some(max), ..self }
    }
    const fn min(self, min: usize) -> Arity {
        Arity { min: Some(min), ..self }
    }
    const fn too_few(self, text: &'static str) -> Arity {
        Arity { too_few: Some(text), ..self }
    }

    /// Whether an unexpected keyword is reported after a missing argument
    /// (argument clinic checks the required ones first).
    pub fn reports_missing_first(&self) -> bool {
        matches!(self.style, Style::Clinic | Style::Ufunc)
    }

    /// Whether too many arguments counts the keywords with the positional
    /// ones (argument clinic's `takes at most 2 arguments (3 given)`).
    pub fn counts_keywords(&self) -> bool {
        self.style == Style::Clinic
    }

    /// How many arguments an argument clinic function takes in all.
    pub fn clinic_total(&self, params: &[ParamSpec]) -> usize {
        let (_, max) = positional_count(params);
        let kw_only = params.iter().filter(|p| p.kind == ParamSpecKind::KeywordOnly).count();
        self.max.map_or(max, |m| m.max(max)) + kw_only
    }

    /// Whether the real function takes no argument by keyword, so that any
    /// keyword is refused with `f() takes no keyword arguments`.
    pub fn positional_only(&self) -> bool {
        matches!(self.style, Style::Exact | Style::Expected | Style::Tuple | Style::Requires | Style::Ufunc)
    }
}

/// The message style of the builtin `name` declared in `module`.
pub fn arity_of(module: &str, name: &str) -> Arity {
    use Style::*;
    match (module, name) {
        ("builtins", "len" | "abs" | "repr" | "all" | "any" | "id" | "hash" | "callable" | "ord" | "chr") => {
            style(Exact)
        }
        ("builtins", "min" | "max") => style(Expected).min(1),
        ("builtins", "reversed" | "filter" | "isinstance" | "divmod" | "format" | "getattr" | "hasattr" | "input") => {
            style(Expected)
        }
        ("builtins", "sorted") => style(Expected),
        ("builtins", "map") => style(Exact).too_few("map() must have at least two arguments."),
        ("builtins", "enumerate") => style(Clinic).too_few("enumerate() missing required argument 'iterable'"),
        ("builtins", "sum" | "round" | "pow" | "zip" | "print") => style(Clinic),
        ("str", "join" | "zfill") => style(Exact),
        ("str", "upper" | "lower" | "title" | "capitalize" | "isdigit" | "isalpha" | "isspace") => style(Exact),
        ("str", "split") => style(Clinic),
        ("str", "splitlines") => style(Clinic).max(1),
        ("str", "strip" | "lstrip" | "rstrip" | "replace" | "ljust" | "rjust" | "center") => style(Expected),
        ("str", "startswith" | "endswith" | "find" | "index" | "count") => style(Tuple).max(3),
        ("list", "pop" | "insert") => style(Expected),
        ("list", "index") => style(Expected).max(3),
        ("list", "sort") => style(Clinic),
        ("list", _) => style(Exact),
        ("dict", "get" | "pop" | "setdefault" | "update") => style(Expected),
        ("dict", _) => style(Exact),
        ("number", _) => style(Exact),
        ("math", "log") => style(Requires),
        ("math", "atan2" | "pow" | "comb" | "copysign") => style(Expected),
        ("math", "isclose") => style(Clinic),
        ("math" | "time", _) => style(Exact),
        ("ndarray", "ravel" | "flatten" | "copy" | "squeeze") => style(NumpyC).max(1),
        ("ndarray", "astype") => style(NumpyC).max(5),
        ("ndarray", "argmin" | "argmax" | "dot") => style(NumpyC).max(2),
        ("ndarray", "sort" | "argsort") => style(NumpyC).max(3),
        ("ndarray", "trace") => style(NumpyC).max(5),
        ("ndarray", "cumsum" | "cumprod") => style(Clinic).max(3),
        ("ndarray", "round" | "repeat" | "diagonal") => style(Clinic).max(2),
        ("ndarray", "conj") => style(Tuple).named("conjugate").max(1),
        ("ndarray", "sum") => style(PythonMethod).named("_sum").max(6),
        ("ndarray", "prod") => style(PythonMethod).named("_prod").max(6),
        ("ndarray", "mean") => style(PythonMethod).named("_mean").max(4),
        ("ndarray", "all") => style(PythonMethod).named("_all").max(4),
        ("ndarray", "any") => style(PythonMethod).named("_any").max(4),
        ("ndarray", "min") => style(PythonMethod).named("_amin").max(5),
        ("ndarray", "max") => style(PythonMethod).named("_amax").max(5),
        ("ndarray", "var") => style(PythonMethod).named("_var").max(5),
        ("ndarray", "std") => style(PythonMethod).named("_std").max(5),
        ("ndarray", "clip") => style(PythonMethod).named("_clip").max(3),
        ("ndarray", "fill" | "swapaxes") => style(Tuple),
        ("ndarray", "tolist" | "nonzero") => style(Tuple).named("function"),
        ("ndarray", "transpose" | "item") => style(Exact),
        ("ndarray", _) => style(NumpyC),
        ("Generator", "random" | "standard_normal") => style(Cython).max(3),
        ("numpy.random" | "Generator" | "RandomState", "ranf") => style(Cython).named("random_sample"),
        ("numpy.random", "RandomState") => style(Cython).named("__init__"),
        ("numpy.random" | "Generator" | "RandomState", _) => style(Cython),
        ("numpy", "array") => style(NumpyC),
        ("numpy", "asarray" | "zeros" | "empty") => style(NumpyC).max(3),
        ("numpy", "arange") => style(NumpyC).min(0).too_few("arange() requires stop to be specified."),
        ("numpy", name) => numpy_function(name),
        _ => style(Python),
    }
}

/// The style of a function of the `numpy` module: ufuncs and the real
/// positional counts of the functions NPL declares fewer parameters of.
fn numpy_function(name: &str) -> Arity {
    use Style::*;
    const UNARY_UFUNCS: &[&str] = &[
        "absolute",
        "sqrt",
        "square",
        "exp",
        "log",
        "log2",
        "log10",
        "log1p",
        "expm1",
        "sin",
        "cos",
        "tan",
        "arcsin",
        "arccos",
        "arctan",
        "sinh",
        "cosh",
        "tanh",
        "floor",
        "ceil",
        "rint",
        "trunc",
        "sign",
        "isnan",
        "isinf",
        "isfinite",
        "conjugate",
        "negative",
        "reciprocal",
        "logical_not",
        "deg2rad",
        "rad2deg",
        "radians",
        "degrees",
        "cbrt",
        "exp2",
        "arcsinh",
        "arccosh",
        "arctanh",
    ];
    const BINARY_UFUNCS: &[&str] = &[
        "maximum",
        "minimum",
        "fmax",
        "fmin",
        "power",
        "remainder",
        "hypot",
        "arctan2",
        "add",
        "subtract",
        "multiply",
        "divide",
        "floor_divide",
        "logical_and",
        "logical_or",
        "logical_xor",
        "equal",
        "not_equal",
        "less",
        "greater",
        "less_equal",
        "greater_equal",
        "bitwise_and",
        "bitwise_or",
        "bitwise_xor",
        "matmul",
    ];
    let alias = match name {
        "abs" => Some("absolute"),
        "conj" => Some("conjugate"),
        "mod" => Some("remainder"),
        "true_divide" => Some("divide"),
        _ => None,
    };
    if let Some(real) = alias {
        return style(Ufunc).named(real);
    }
    if UNARY_UFUNCS.contains(&name) || BINARY_UFUNCS.contains(&name) {
        return style(Ufunc);
    }
    let max = match name {
        "fix" | "angle" | "ravel" | "size" => 2,
        "ones" | "copy" | "indices" | "round" | "around" | "reshape" | "concatenate" | "stack" | "dot" | "outer" => 3,
        "full" | "clip" | "cumsum" | "cumprod" | "all" | "any" | "ptp" | "sort" | "argsort" | "searchsorted" => 4,
        "zeros_like" | "ones_like" | "empty_like" | "eye" | "load" | "mean" | "median" | "unique" => 5,
        "full_like" | "var" | "std" | "trace" | "min" | "max" | "amin" | "amax" | "cross" => 6,
        "linspace" | "logspace" | "percentile" | "quantile" | "cov" | "sum" | "prod" => 7,
        "savetxt" => 9,
        "loadtxt" => 11,
        "genfromtxt" => 23,
        _ => return style(Python),
    };
    style(Python).max(max)
}

/// What the messages need to know about one call.
pub struct CallInfo<'a> {
    /// The name messages use.
    pub name: &'a str,
    /// The qualified name for `takes no keyword arguments` and `takes
    /// exactly one argument` (`list.append`, `math.sqrt`, `len`).
    pub qualified: String,
    /// The declared parameters, without `self`.
    pub params: &'a [ParamSpec],
    /// How many positional arguments were given (without the receiver).
    pub given: usize,
    /// How many keyword arguments were given.
    pub keywords: usize,
    /// How many of them name keyword-only parameters (Python-level
    /// functions count them in a too-many message).
    pub keyword_only_given: usize,
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn was(n: usize) -> &'static str {
    if n == 1 {
        "was"
    } else {
        "were"
    }
}

fn positional_count(params: &[ParamSpec]) -> (usize, usize) {
    let normal = params.iter().filter(|p| p.kind == ParamSpecKind::Normal);
    let max = normal.clone().count();
    let min = normal.filter(|p| !p.optional).count();
    (min, max)
}

impl Arity {
    /// The least and most positional arguments the messages state; `given`
    /// decides whether the real maximum applies (a call within NPL's
    /// declared count is not reported with the real one).
    fn bounds(&self, params: &[ParamSpec], given: usize) -> (usize, usize) {
        let (min, max) = positional_count(params);
        let min = self.min.unwrap_or(min);
        // A ufunc also takes its output positionally.
        let real = if self.style == Style::Ufunc { Some(max + 1) } else { self.max };
        let max = match real {
            Some(real) if given > real || given < min => real.max(max),
            _ => max,
        };
        // With `*args` there is no most.
        let max = if params.iter().any(|p| p.kind == ParamSpecKind::VarArgs) { usize::MAX } else { max.max(min) };
        (min, max)
    }

    /// `f() takes from 1 to 2 positional arguments but 3 were given` in
    /// this style; `counted` includes the receiver for
    /// [`Style::PythonMethod`].
    pub fn too_many(&self, call: &CallInfo) -> String {
        let CallInfo { name, params, given, keywords, .. } = call;
        let (given, keywords) = (*given, *keywords);
        let (min, max) = self.bounds(params, given);
        match self.style {
            Style::Python | Style::NumpyC | Style::PythonMethod | Style::Ufunc => {
                let (min, max, given) =
                    if self.style == Style::PythonMethod { (min + 1, max + 1, given + 1) } else { (min, max, given) };
                let takes = if min == max { format!("{max}") } else { format!("from {min} to {max}") };
                let s = if min == max { plural(max) } else { "s" };
                let k = call.keyword_only_given;
                if k > 0 && matches!(self.style, Style::Python | Style::PythonMethod) {
                    format!(
                        "{name}() takes {takes} positional argument{s} but {given} positional argument{} \
                         (and {k} keyword-only argument{}) were given",
                        plural(given),
                        plural(k)
                    )
                } else {
                    format!("{name}() takes {takes} positional argument{s} but {given} {} given", was(given))
                }
            }
            Style::Clinic => {
                let total = self.clinic_total(params);
                if given + keywords > total {
                    let kw = if given == 0 { "keyword " } else { "" };
                    format!("{name}() takes at most {total} {kw}argument{} ({} given)", plural(total), given + keywords)
                } else if max == 0 {
                    format!("{name}() takes no positional arguments")
                } else {
                    let how = if min < max { "at most" } else { "exactly" };
                    format!("{name}() takes {how} {max} positional argument{} ({given} given)", plural(max))
                }
            }
            _ => self.count_message(call, min, max),
        }
    }

    /// The message for a call with fewer positional arguments than
    /// required, or (for the styles that name it) the missing parameter
    /// `missing` (an index into `call.params`).
    pub fn missing(&self, call: &CallInfo, missing: &[usize]) -> String {
        if let Some(text) = self.too_few {
            return text.to_string();
        }
        let CallInfo { name, params, given, .. } = call;
        let (min, max) = self.bounds(params, *given);
        let first = missing.first().and_then(|&i| params.get(i).map(|p| (i, p)));
        match self.style {
            Style::Python | Style::PythonMethod => {
                let kind = first.map_or(ParamSpecKind::Normal, |(_, p)| p.kind);
                let names: Vec<String> = missing
                    .iter()
                    .filter_map(|&i| params.get(i))
                    .filter(|p| p.kind == kind)
                    .map(|p| format!("'{}'", p.name))
                    .collect();
                let list = match names.as_slice() {
                    [] => String::new(),
                    [one] => one.clone(),
                    [a, b] => format!("{a} and {b}"),
                    [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
                };
                let what = if kind == ParamSpecKind::KeywordOnly { "keyword-only" } else { "positional" };
                format!("{name}() missing {} required {what} argument{}: {list}", names.len(), plural(names.len()))
            }
            Style::NumpyC => {
                let (i, p) = first.map_or((0, ""), |(i, p)| (i, p.name.as_str()));
                format!("{name}() missing required argument '{p}' (pos {i})")
            }
            Style::Clinic => {
                let (i, p) = first.map_or((0, None), |(i, p)| (i, Some(p)));
                match p {
                    Some(p) if p.positional_only => {
                        let posonly = params.iter().filter(|p| p.positional_only && !p.optional).count();
                        let how = if posonly < max { "at least" } else { "exactly" };
                        format!("{name}() takes {how} {posonly} positional argument{} ({given} given)", plural(posonly))
                    }
                    Some(p) => format!("{name}() missing required argument '{}' (pos {})", p.name, i + 1),
                    None => format!("{name}() missing a required argument"),
                }
            }
            Style::Ufunc => self.too_many(call),
            _ => self.count_message(call, min, max),
        }
    }

    /// The messages that state counts only (too few and too many alike).
    fn count_message(&self, call: &CallInfo, min: usize, max: usize) -> String {
        let CallInfo { name, qualified, given, .. } = call;
        let given = *given;
        let (how, n) = if min == max {
            ("", min)
        } else if given < min {
            ("at least ", min)
        } else {
            ("at most ", max)
        };
        match self.style {
            Style::Exact if max == 0 => format!("{qualified}() takes no arguments ({given} given)"),
            Style::Exact => format!("{qualified}() takes exactly one argument ({given} given)"),
            Style::Expected => format!("{name} expected {how}{n} argument{}, got {given}", plural(n)),
            Style::Tuple => {
                let how = if how.is_empty() { "exactly " } else { how };
                let call_name = if *name == "function" { name.to_string() } else { format!("{name}()") };
                format!("{call_name} takes {how}{n} argument{} ({given} given)", plural(n))
            }
            Style::Cython => {
                let how = if how.is_empty() { "exactly " } else { how };
                format!("{name}() takes {how}{n} positional argument{} ({given} given)", plural(n))
            }
            Style::Requires => format!("{qualified} requires {min} to {max} arguments"),
            _ => format!("{name}() takes {n} positional argument{} but {given} {} given", plural(n), was(given)),
        }
    }

    /// The message for an argument given both by position and by keyword
    /// (`index` counts the parameters without `self`).
    pub fn multiple_values(&self, call: &CallInfo, key: &str, index: usize) -> String {
        let name = call.name;
        match self.style {
            Style::NumpyC => format!("argument for {name}() given by name ('{key}') and position (position {index})"),
            Style::Clinic => format!("argument for {name}() given by name ('{key}') and position ({})", index + 1),
            Style::Cython => format!("{name}() got multiple values for keyword argument '{key}'"),
            _ => format!("{name}() got multiple values for argument '{key}'"),
        }
    }

    /// The message for a keyword naming a positional-only parameter.
    pub fn positional_by_keyword(&self, call: &CallInfo, key: &str) -> String {
        match self.style {
            Style::Python | Style::PythonMethod => {
                format!("{}() got some positional-only arguments passed as keyword arguments: '{key}'", call.name)
            }
            _ => self.unexpected_keyword(call, key),
        }
    }

    /// The message for a keyword argument that matches no parameter (or
    /// any keyword, for the functions that take none).
    pub fn unexpected_keyword(&self, call: &CallInfo, key: &str) -> String {
        let CallInfo { name, qualified, .. } = call;
        let takes_keywords = call.params.iter().any(|p| p.kind == ParamSpecKind::KeywordOnly);
        let refuses_keywords = matches!(self.style, Style::Exact | Style::Expected | Style::Tuple);
        match self.style {
            Style::Requires => format!("{name}() takes no keyword arguments"),
            // sorted() hands its keywords to list.sort().
            _ if refuses_keywords && takes_keywords => {
                let name = if *name == "sorted" { "sort" } else { name };
                format!("'{key}' is an invalid keyword argument for {name}()")
            }
            _ if refuses_keywords => format!("{qualified}() takes no keyword arguments"),
            Style::Clinic => format!("'{key}' is an invalid keyword argument for {name}()"),
            _ => format!("{name}() got an unexpected keyword argument '{key}'"),
        }
    }
}
