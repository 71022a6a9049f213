//! Builtins: every function, method and attribute NPL provides natively.
//!
//! Each builtin is declared once, as a [`Builtin`]: its module, name,
//! signature and help text stand beside the Rust function that implements
//! it. The evaluator calls it, and `help()` and completion read the same
//! declaration. One file per area:
//! - [`python`]: Python's builtin functions; [`types`]: calling type objects;
//! - [`methods`]: methods of str, list and dict;
//! - [`array_glue`]: conversions between values and arrays, array printing;
//! - the `numpy` module's areas: [`creation`], [`math`], [`reductions`],
//!   [`shape`], [`ndarray`] (attributes and methods), [`linalg`], [`random`], [`io`];
//! - [`modules`]: builds the `numpy`, `math` and `time` module objects.
//!
//! [`args`] binds a call's arguments to a declaration; [`arity`] words the
//! errors of calls that do not fit as CPython or NumPy word them for the
//! real function.

pub mod args;
pub mod arity;
pub mod array_glue;
pub mod convert;
pub mod creation;
pub mod doc_examples;
pub mod help;
mod hypot;
pub mod io;
pub mod linalg;
pub mod math;
pub mod methods;
pub mod modules;
pub mod ndarray;
pub mod python;
pub mod python_more;
pub mod random;
pub mod reductions;
pub mod shape;
pub mod types;

use crate::eval::error::EvalResult;
use crate::eval::function::Args;
use crate::eval::Interp;
use crate::value::Value;

/// The Rust function behind a builtin.
pub type BuiltinFn = fn(&mut Interp, Args) -> EvalResult<Value>;

/// What a builtin is when reached through an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinKind {
    /// A function (module-level or Python builtin).
    Function,
    /// A method: the receiver is passed as the first positional argument.
    Method,
    /// An attribute computed from the receiver (`a.shape`, `a.T`).
    Property,
}

/// One builtin's declaration: the single source for calling it, `help()`,
/// and completion.
pub struct Builtin {
    /// Where it lives: `builtins`, `numpy`, `numpy.linalg`, `numpy.random`,
    /// `math`, `time`; for methods the receiver type: `str`, `list`, `dict`,
    /// `ndarray`, `Generator`.
    pub module: &'static str,
    /// Its name.
    pub name: &'static str,
    /// Function, method or property.
    pub kind: BuiltinKind,
    /// The parameter list, `"(a, axis=None, keepdims=False)"`; methods
    /// include `self` first.
    pub signature: &'static str,
    /// Help text: what it does, what it raises, and an example
    /// (`>>> ` lines followed by their output).
    pub doc: &'static str,
    /// The implementation.
    pub func: BuiltinFn,
    /// What positional binding needs from the signature, computed from it
    /// at compile time.
    pub shape: args::SignatureShape,
}

impl Builtin {
    /// Whether it is a method or property of a type.
    pub fn is_method(&self) -> bool {
        self.kind != BuiltinKind::Function
    }

    /// `numpy.linalg.inv`, `print`, `list.append`.
    pub fn qualified_name(&self) -> String {
        if self.module == "builtins" {
            self.name.to_string()
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }

    /// The signature as help shows it: `mean(a, axis=None)`, without `self`.
    pub fn display_signature(&self) -> String {
        let sig = self.signature.trim();
        let inner = sig.trim_start_matches('(').trim_end_matches(')');
        let inner = inner.strip_prefix("self, ").or_else(|| inner.strip_prefix("self")).unwrap_or(inner);
        format!("{}({})", self.name, inner)
    }
}

/// Declares a builtin: `builtin!(module, name, kind, "(sig)", "doc", func)`.
#[macro_export]
macro_rules! builtin {
    ($module:expr, $name:expr, $kind:ident, $sig:expr, $doc:expr, $func:expr) => {
        $crate::builtins::Builtin {
            module: $module,
            name: $name,
            kind: $crate::builtins::BuiltinKind::$kind,
            signature: $sig,
            doc: $doc,
            func: $func,
            shape: $crate::builtins::args::SignatureShape::of($sig),
        }
    };
}

/// Every declared builtin, for help, completion and the tests that check
/// each one has documentation.
pub fn all_builtins() -> impl Iterator<Item = &'static Builtin> {
    [
        python::BUILTINS,
        python_more::BUILTINS,
        methods::STR_METHODS,
        methods::LIST_METHODS,
        methods::DICT_METHODS,
        methods::NUMBER_METHODS,
        ndarray::DTYPE_PROPERTIES,
        creation::BUILTINS,
        math::BUILTINS,
        reductions::BUILTINS,
        shape::BUILTINS,
        ndarray::BUILTINS,
        linalg::BUILTINS,
        random::BUILTINS,
        random::GENERATOR_METHODS,
        io::BUILTINS,
        modules::MATH_BUILTINS,
        modules::TIME_BUILTINS,
    ]
    .into_iter()
    .flatten()
}

/// The builtin declared in `module` under `name`.
pub fn find(module: &str, name: &str) -> Option<&'static Builtin> {
    all_builtins().find(|b| b.module == module && b.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_help_with_an_example() {
        let mut missing = Vec::new();
        for b in all_builtins() {
            if b.doc.trim().is_empty() || !b.doc.contains(">>> ") {
                missing.push(b.qualified_name());
            }
        }
        assert!(missing.is_empty(), "builtins without help and example: {missing:?}");
    }

    #[test]
    fn numpy_functions_say_what_they_raise() {
        let mut silent = Vec::new();
        for b in all_builtins() {
            if b.kind != BuiltinKind::Function || !matches!(b.module, "numpy" | "numpy.linalg" | "numpy.random") {
                continue;
            }
            let text = b.doc.split(">>> ").next().unwrap_or("");
            if !text.contains("Raises") && !text.contains("Never raises") {
                silent.push(b.qualified_name());
            }
        }
        assert!(silent.is_empty(), "numpy functions whose help says neither 'Raises' nor 'Never raises': {silent:?}");
    }

    #[test]
    fn signatures_name_their_parameters() {
        for b in all_builtins() {
            assert!(b.signature.starts_with('(') && b.signature.ends_with(')'), "{}: {}", b.name, b.signature);
        }
    }
}
