//! A persistent pool of worker threads for the big kernels of
//! [`super::parallel`].
//!
//! Spawning scoped threads for every kernel call costs 30–50 µs and, on a
//! loaded machine, the caller then waits for threads that start late. The
//! pool keeps `threads() - 1` workers parked on a condition variable; a
//! kernel call ([`broadcast`]) publishes one job, wakes the workers, runs
//! its own share on the calling thread, then withdraws the job from the
//! workers that have not picked it up yet (the work itself is handed out by
//! the job from a shared counter, so a late worker finds nothing left) and
//! waits only for those that did.
//!
//! Safety of borrowed jobs: the job is a borrowed closure whose lifetime is
//! erased while it is published. [`broadcast`] does not return (nor unwind)
//! before every worker that took the job has finished running it: worker
//! panics are caught, the caller's own panic is caught and resumed after
//! the wait, and the job is unpublished before the wait ends.
//!
//! One job runs at a time: a call made while the pool is busy (from another
//! thread, or nested inside a job) runs its share on the calling thread
//! alone, so the pool can never deadlock on itself. Ctrl-C needs nothing
//! here: jobs check [`super::cancel::check`] per chunk and stop early.

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};

/// A published job: `job(worker_index)`, lifetime erased (see the module
/// documentation for why this is sound).
#[derive(Clone, Copy)]
struct JobPtr(*const (dyn Fn(usize) + Sync + 'static));

// SAFETY: the pointee is `Sync` (shared calls from several threads are
// allowed) and outlives every use (the publisher waits for all users).
unsafe impl Send for JobPtr {}

/// The state shared by the publisher and the workers.
struct State {
    /// The job on offer, if any.
    job: Option<JobPtr>,
    /// Bumped at every publication, so a worker takes each job at most once.
    generation: u64,
    /// How many more workers may take the current job.
    open_slots: usize,
    /// Workers currently running the current job.
    running: usize,
    /// Whether a worker's run of the current job panicked.
    panicked: bool,
}

/// The pool: its state, the workers' wake-up signal and the publisher's
/// completion signal.
struct Pool {
    state: Mutex<State>,
    wake: Condvar,
    done: Condvar,
    /// Held by the one publisher at a time.
    busy: Mutex<()>,
    workers: usize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Pool {
    fn worker_loop(&self, index: usize) {
        let mut seen = 0u64;
        loop {
            let job = {
                let mut st = lock(&self.state);
                loop {
                    if st.generation != seen && st.open_slots > 0 {
                        if let Some(job) = st.job {
                            seen = st.generation;
                            st.open_slots -= 1;
                            st.running += 1;
                            break job;
                        }
                    }
                    st = self.wake.wait(st).unwrap_or_else(|e| e.into_inner());
                }
            };
            // SAFETY: the publisher keeps the closure alive until `running`
            // drops back to zero, which happens only below, after the call.
            let f = unsafe { &*job.0 };
            let ok = catch_unwind(AssertUnwindSafe(|| f(index))).is_ok();
            let mut st = lock(&self.state);
            st.running -= 1;
            st.panicked |= !ok;
            let last = st.running == 0;
            drop(st);
            if last {
                self.done.notify_all();
            }
        }
    }
}

/// The pool, started on first use with `threads() - 1` workers (`None`
/// when there is a single thread or no worker could be started).
fn pool() -> Option<&'static Pool> {
    static POOL: OnceLock<Option<&'static Pool>> = OnceLock::new();
    *POOL.get_or_init(|| {
        let workers = super::parallel::threads().saturating_sub(1);
        if workers == 0 {
            return None;
        }
        let p: &'static Pool = Box::leak(Box::new(Pool {
            state: Mutex::new(State { job: None, generation: 0, open_slots: 0, running: 0, panicked: false }),
            wake: Condvar::new(),
            done: Condvar::new(),
            busy: Mutex::new(()),
            workers,
        }));
        let mut started = 0;
        for i in 0..workers {
            let spawned =
                std::thread::Builder::new().name(format!("npl-worker-{i}")).spawn(move || p.worker_loop(i + 1));
            if spawned.is_ok() {
                started += 1;
            }
        }
        (started > 0).then_some(p)
    })
}

/// Runs `job(i)` on the calling thread (`i = 0`) and on up to `extra` pool
/// workers (`i >= 1`), and returns when every run that started has
/// finished. Workers that wake after the calling thread's run are not
/// waited for (they never run the job), so `job` must hand out its work
/// from shared state (a counter) rather than by index. Panics in any run
/// are propagated to the caller after the wait.
pub fn broadcast(extra: usize, job: &(dyn Fn(usize) + Sync)) {
    let p = match pool() {
        Some(p) if extra > 0 => p,
        _ => return job(0),
    };
    let Ok(_busy) = p.busy.try_lock() else {
        // Another publisher (or a nested call from inside a job): run alone.
        return job(0);
    };
    // SAFETY: erases the closure's lifetime; see the module documentation:
    // the pointer is withdrawn and every run that took it has finished
    // before this function returns or unwinds.
    let erased: &'static (dyn Fn(usize) + Sync + 'static) =
        unsafe { std::mem::transmute::<&(dyn Fn(usize) + Sync), &'static (dyn Fn(usize) + Sync)>(job) };
    {
        let mut st = lock(&p.state);
        st.job = Some(JobPtr(erased));
        st.generation = st.generation.wrapping_add(1);
        st.open_slots = extra.min(p.workers);
        st.running = 0;
        st.panicked = false;
    }
    // Woken after the lock is released, so a worker does not wake only to
    // block on it.
    p.wake.notify_all();
    let own = catch_unwind(AssertUnwindSafe(|| job(0)));
    let worker_panicked = {
        let mut st = lock(&p.state);
        st.job = None;
        st.open_slots = 0;
        while st.running > 0 {
            st = p.done.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        st.panicked
    };
    if let Err(e) = own {
        resume_unwind(e);
    }
    if worker_panicked {
        // A worker's panic is a bug in a kernel; surface it like a panic
        // on the calling thread would be.
        resume_unwind(Box::new("a worker thread panicked"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn every_unit_runs_once_across_many_calls() {
        for round in 0..200 {
            let n = 1000 + round;
            let next = AtomicUsize::new(0);
            let sum = AtomicUsize::new(0);
            broadcast(3, &|_| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                sum.fetch_add(i, Ordering::Relaxed);
            });
            assert_eq!(sum.load(Ordering::Relaxed), n * (n - 1) / 2);
        }
    }

    #[test]
    fn nested_calls_run_inline() {
        let count = AtomicUsize::new(0);
        broadcast(1, &|_| {
            broadcast(1, &|_| {
                count.fetch_add(1, Ordering::Relaxed);
            });
        });
        assert!(count.load(Ordering::Relaxed) >= 1);
    }

    #[test]
    fn a_worker_panic_reaches_the_caller_and_the_pool_survives() {
        let r = catch_unwind(|| {
            broadcast(3, &|i| {
                if i > 0 {
                    panic!("boom");
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            })
        });
        // Whether a worker picked the job up in time is up to the scheduler.
        let _ = r;
        let count = AtomicUsize::new(0);
        broadcast(3, &|_| {
            count.fetch_add(1, Ordering::Relaxed);
        });
        assert!(count.load(Ordering::Relaxed) >= 1);
    }
}
