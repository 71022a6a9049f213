//! `npl`: runs NPL scripts and the interactive prompt.

mod allocator;

#[global_allocator]
static ALLOCATOR: allocator::Mimalloc = allocator::Mimalloc;

fn main() {
    std::process::exit(npl::repl::cli::main());
}
