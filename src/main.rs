//! `npl`: runs NPL scripts and the interactive prompt.

fn main() {
    std::process::exit(npl::repl::cli::main());
}
