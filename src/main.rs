//! `npl`: runs NPL scripts and the interactive prompt.

mod array;
mod ast;
mod builtins;
mod eval;
mod lexer;
mod linalg;
mod parser;
mod random;
mod repl;
mod value;

fn main() {
    std::process::exit(repl::cli::main());
}
