//! NPL: an array language whose syntax is a subset of Python and whose
//! arrays behave like NumPy 2.
//!
//! The pipeline, one module each: [`lexer`] (tokens with INDENT/DEDENT) →
//! [`parser`] (the LALRPOP grammar in `grammar/`) → [`ast`] (spans on every
//! node) → [`eval`] (scope resolution and a tree-walking evaluator over
//! [`value`]s). The array library ([`array`], [`linalg`], [`random`]) knows
//! nothing of the interpreter; [`builtins`] joins the two, and [`repl`] is
//! the only part that knows about terminals.
//!
//! The program must never panic on user input: outside tests, `unwrap`,
//! `expect`, `panic!` and `unreachable!` are refused by clippy (CI runs it
//! with `-D warnings`); errors are values (`NplError`, `ArrayError`).

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable))]

pub mod array;
pub mod ast;
pub mod builtins;
pub mod eval;
pub mod lexer;
pub mod linalg;
pub mod parser;
pub mod random;
pub mod repl;
pub mod value;
