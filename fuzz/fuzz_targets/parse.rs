//! Lexer + parser + scope resolution on arbitrary bytes: must return a value
//! or a syntax error, never panic or overflow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};

/// The `npl` binary runs programs on a thread with this stack; do the same so
/// that only what would crash the real binary is reported.
const STACK_SIZE: usize = 1 << 30;

/// A long-lived worker thread with the big stack (spawning one per input is
/// slow): inputs go in, a unit comes back when each is done. A panic on the
/// worker aborts the process through libfuzzer-sys's panic hook.
struct Worker {
    inputs: Sender<String>,
    done: Receiver<()>,
}

fn worker() -> &'static Mutex<Worker> {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    WORKER.get_or_init(|| {
        let (inputs, input_rx) = channel::<String>();
        let (done_tx, done) = channel();
        let spawned = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || {
            for text in input_rx {
                if let Ok(program) = npl::parser::parse_program(&text) {
                    let _ = npl::eval::scope::resolve_module(&program);
                }
                let _ = done_tx.send(());
            }
        });
        if spawned.is_err() {
            std::process::abort();
        }
        Mutex::new(Worker { inputs, done })
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let Ok(worker) = worker().lock() else { return };
    if worker.inputs.send(text).is_ok() {
        let _ = worker.done.recv();
    }
});
