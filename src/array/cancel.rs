//! Cancellation of long array work (Ctrl-C).
//!
//! The array library knows nothing of terminals or signals: the host (the
//! interpreter's SIGINT handler) calls [`request`], and long-running kernels
//! (big elementwise loops, matrix products, iterative decompositions,
//! printing of huge arrays) call [`check`] every few thousand elements and
//! stop with an [`ErrorKind::Interrupted`] error. The host calls [`clear`]
//! once it has reported the interrupt.

use super::error::{ArrayError, ErrorKind};
use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Asks running and future array work to stop (safe to call from a signal handler).
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Forgets a pending request.
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}

/// Whether a stop was requested and not yet cleared.
#[inline]
pub fn is_requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// `Err(Interrupted)` when a stop was requested; kernels propagate it with `?`.
/// The flag stays set so that every layer above stops too; the host clears it.
#[inline]
pub fn check() -> Result<(), ArrayError> {
    if is_requested() {
        Err(ArrayError::new(ErrorKind::Interrupted, ""))
    } else {
        Ok(())
    }
}
