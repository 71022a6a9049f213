//! Runs arbitrary programs with a small time and memory budget: every
//! program must finish with a result or a Python exception, never panic,
//! abort or overflow the stack. A watchdog sets the interpreter's interrupt
//! flag (as Ctrl-C would) after `TIME_BUDGET`, so endless loops end with
//! `KeyboardInterrupt` instead of being reported as hangs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Stack of the interpreter thread, as in the `npl` binary.
const STACK_SIZE: usize = 1 << 30;
/// Wall-clock budget of one program before the watchdog interrupts it.
const TIME_BUDGET: Duration = Duration::from_millis(1500);
/// Largest single allocation programs may make (NumPy's MemoryError above).
const ALLOCATION_LIMIT: u64 = 256 << 20;

/// A long-lived interpreter thread with the big stack: programs go in, and
/// for each the worker first hands back the new session's interrupt flag,
/// then reports completion. A panic on the worker aborts the process
/// through libfuzzer-sys's panic hook.
struct Worker {
    programs: Sender<String>,
    flags: Receiver<Arc<AtomicBool>>,
    done: Receiver<()>,
}

fn worker() -> &'static Mutex<Worker> {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    WORKER.get_or_init(|| {
        let (programs, program_rx) = channel::<String>();
        let (flag_tx, flags) = channel();
        let (done_tx, done) = channel();
        let spawned = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || {
            for text in program_rx {
                let mut interp = npl::eval::Interp::with_numpy(Box::new(std::io::sink()));
                let _ = flag_tx.send(interp.interrupt.clone());
                if let Err(e) = interp.run("<fuzz>", &text, false) {
                    // Building the report exercises tracebacks, carets and spans.
                    let _ = e.report();
                }
                drop(interp);
                let _ = done_tx.send(());
            }
        });
        if spawned.is_err() {
            std::process::abort();
        }
        Mutex::new(Worker { programs, flags, done })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if catches_interrupts(text) {
        return;
    }
    npl::array::storage::set_allocation_limit(ALLOCATION_LIMIT);
    npl::array::cancel::clear();
    let Ok(worker) = worker().lock() else { return };
    if worker.programs.send(text.to_owned()).is_err() {
        return;
    }
    let Ok(flag) = worker.flags.recv() else { return };
    if worker.done.recv_timeout(TIME_BUDGET).is_err() {
        // Keep interrupting: a program may catch the first KeyboardInterrupt
        // (e.g. in a `finally` that loops again).
        loop {
            flag.store(true, Ordering::Relaxed);
            npl::array::cancel::request();
            if worker.done.recv_timeout(Duration::from_millis(50)).is_ok() {
                break;
            }
        }
    }
    npl::array::cancel::clear();
});

/// Programs that may catch `KeyboardInterrupt` (bare `except:`, `except
/// BaseException`) can loop forever despite the watchdog, as they would in
/// Python; they are skipped so that they are not reported as hangs.
fn catches_interrupts(text: &str) -> bool {
    if text.contains("BaseException") || text.contains("KeyboardInterrupt") {
        return true;
    }
    text.match_indices("except").any(|(at, word)| text[at + word.len()..].trim_start().starts_with(':'))
}
