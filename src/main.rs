//! `npl`: runs NPL scripts and the interactive prompt.

/// mimalloc serves the many small, short-lived allocations of an
/// interpreter (values, tiny arrays, frames) faster than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(npl::repl::cli::main());
}
