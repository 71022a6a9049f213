//! Lexer + parser + scope resolution on arbitrary bytes: must return a value
//! or a syntax error, never panic or overflow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The `npl` binary runs programs on a thread with this stack; do the same so
/// that only what would crash the real binary is reported.
const STACK_SIZE: usize = 1 << 30;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let worker = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || {
        if let Ok(program) = npl::parser::parse_program(&text) {
            let _ = npl::eval::scope::resolve_module(&program);
        }
    });
    if let Ok(handle) = worker {
        if let Err(panic) = handle.join() {
            std::panic::resume_unwind(panic);
        }
    }
});
