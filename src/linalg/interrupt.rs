//! Ctrl-C inside linear algebra.
//!
//! The host's cancel flag ([`crate::array::cancel`]) is polled in two ways:
//! our own loops (Hessenberg reduction, the QR iteration, Jacobi sweeps,
//! Householder QR, Cholesky, eigenvector back substitution) call [`check`]
//! once per column or sweep; black-box library calls (nalgebra's SVD, Schur
//! form, symmetric eigensolver and LU, faer) on large inputs go through
//! [`run`], which runs them on a worker thread while the calling thread
//! waits in slices of [`POLL`] and gives up as soon as a stop is requested.
//! An abandoned worker finishes on its own; its result is dropped.

use super::{LinalgError, LinalgResult};
use crate::array::cancel;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Jobs estimated below this many floating-point operations stay on the
/// calling thread: they take a few milliseconds at most (a Ctrl-C waits
/// that long), while a thread costs tens of microseconds to start.
pub(crate) const SPAWN_FLOPS: f64 = 3e7;

/// Rough operation counts of the library calls, for [`run`]: `n^3` times a
/// factor per algorithm (LU 1, inverse 2, Cholesky 0.34, symmetric
/// eigen 10, SVD 20, Schur 25).
pub(crate) fn cube(n: usize, factor: f64) -> f64 {
    let n = n as f64;
    factor * n * n * n
}

/// How often a waiting caller looks at the cancel flag.
const POLL: Duration = Duration::from_millis(10);

/// `Err(Interrupted)` when a stop was requested (the flag stays set for the
/// host to report and clear).
#[inline]
pub(crate) fn check() -> LinalgResult<()> {
    if cancel::is_requested() {
        Err(LinalgError::interrupted())
    } else {
        Ok(())
    }
}

/// Runs `job` and returns its result, or `Err(Interrupted)` once a stop is
/// requested. `flops` estimates its cost (see [`cube`]): below
/// [`SPAWN_FLOPS`] the job runs here (it is short), else on a worker thread
/// that the caller abandons on a stop request. If no thread can be started,
/// the job runs here too.
pub(crate) fn run<R, F>(flops: f64, job: F) -> LinalgResult<R>
where
    R: Send + 'static,
    F: FnOnce() -> R + Send + 'static,
{
    check()?;
    if flops < SPAWN_FLOPS {
        return Ok(job());
    }
    // The job is shared so that it can still run here if the spawn fails.
    let slot = Arc::new(Mutex::new(Some(job)));
    let theirs = Arc::clone(&slot);
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new().name("npl-linalg".into()).spawn(move || {
        let job = theirs.lock().ok().and_then(|mut s| s.take());
        if let Some(job) = job {
            // The receiver is gone when the caller gave up: nothing to do.
            let _ = tx.send(job());
        }
    });
    if spawned.is_err() {
        let job = slot.lock().ok().and_then(|mut s| s.take());
        return job.map(|j| j()).ok_or_else(|| LinalgError::linalg("could not start a linear algebra worker"));
    }
    loop {
        match rx.recv_timeout(POLL) {
            Ok(r) => return Ok(r),
            Err(RecvTimeoutError::Timeout) => check()?,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(LinalgError::linalg("internal error: a linear algebra worker stopped"));
            }
        }
    }
}
