//! Runs arbitrary programs with a small time and memory budget: every
//! program must finish with a result or a Python exception, never panic,
//! abort or overflow the stack. A watchdog sets the interpreter's interrupt
//! flag (as Ctrl-C would) after `TIME_BUDGET`, so endless loops end with
//! `KeyboardInterrupt` instead of being reported as hangs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// Stack of the interpreter thread, as in the `npl` binary.
const STACK_SIZE: usize = 1 << 30;
/// Wall-clock budget of one program before the watchdog interrupts it.
const TIME_BUDGET: Duration = Duration::from_millis(1500);
/// Largest single allocation programs may make (NumPy's MemoryError above).
const ALLOCATION_LIMIT: u64 = 256 << 20;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if catches_interrupts(text) {
        return;
    }
    let text = text.to_owned();
    npl::array::storage::set_allocation_limit(ALLOCATION_LIMIT);
    npl::array::cancel::clear();
    let (flag_tx, flag_rx) = mpsc::channel::<Arc<AtomicBool>>();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let worker = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || {
        let mut interp = npl::eval::Interp::new(Box::new(std::io::sink()));
        interp.bind_numpy();
        let _ = flag_tx.send(interp.interrupt.clone());
        let result = interp.run("<fuzz>", &text, false);
        if let Err(e) = result {
            // Building the report exercises tracebacks, carets and spans.
            let _ = e.report();
        }
        let _ = done_tx.send(());
    });
    let Ok(handle) = worker else { return };
    if let Ok(flag) = flag_rx.recv() {
        if done_rx.recv_timeout(TIME_BUDGET).is_err() {
            // Keep interrupting: a program may catch the first KeyboardInterrupt.
            while done_rx.recv_timeout(Duration::from_millis(50)).is_err() {
                flag.store(true, Ordering::Relaxed);
                npl::array::cancel::request();
                if handle.is_finished() {
                    break;
                }
            }
        }
    }
    npl::array::cancel::clear();
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
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
