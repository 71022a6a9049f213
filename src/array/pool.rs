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
//! Between jobs a worker first spins for [`SPIN`] on an atomic copy of the
//! job counter before it parks, and the publisher spins briefly
//! ([`PUBLISHER_SPIN`]) for the workers to finish: a loop of small products (100 x 100, ~40 µs on one
//! core) then finds its worker awake, where a futex wake-up costs 15-20 µs
//! on this kind of guest. Condition-variable signals are sent only when a
//! thread is actually parked (each is a system call).
//!
//! One job runs at a time: a call made while the pool is busy (from another
//! thread, or nested inside a job) runs its share on the calling thread
//! alone, so the pool can never deadlock on itself. Ctrl-C needs nothing
//! here: jobs check [`super::cancel::check`] per chunk and stop early.

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// How long an idle worker spins before it parks. OpenBLAS's threads, which NumPy's `@` wakes, spin far
/// longer (~0.1 s).
const SPIN: Duration = Duration::from_micros(100);

/// How long a publisher spins for its workers to finish before it parks:
/// short, since on a loaded machine a worker that is late may be waiting
/// for the very core the publisher spins on.
const PUBLISHER_SPIN: Duration = Duration::from_micros(20);

/// Spins until `ready()` or `limit` has passed (the caller checks its
/// condition again under the lock either way).
fn spin_until(limit: Duration, ready: impl Fn() -> bool) {
    let start = Instant::now();
    loop {
        for _ in 0..64 {
            if ready() {
                return;
            }
            std::hint::spin_loop();
        }
        if start.elapsed() >= limit {
            return;
        }
    }
}

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
    /// Workers parked on `wake`.
    parked: usize,
    /// Whether the publisher is parked on `done`.
    publisher_parked: bool,
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
    /// `State::generation` while a job is open for workers, read without
    /// the lock by spinning workers.
    offered: AtomicU64,
    /// `State::running`, read without the lock by the spinning publisher.
    running: AtomicUsize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Pool {
    fn worker_loop(&self, index: usize) {
        // The last generation this worker took or passed over.
        let mut seen = 0u64;
        loop {
            spin_until(SPIN, || self.offered.load(Ordering::Acquire) != seen);
            let job = {
                let mut st = lock(&self.state);
                loop {
                    if st.generation != seen {
                        seen = st.generation;
                        match st.job {
                            Some(job) if st.open_slots > 0 => {
                                st.open_slots -= 1;
                                st.running += 1;
                                self.running.store(st.running, Ordering::Release);
                                break Some(job);
                            }
                            // Withdrawn or taken by others: spin for the next.
                            _ => break None,
                        }
                    }
                    // Nothing new during a whole spin: park.
                    st.parked += 1;
                    st = self.wake.wait(st).unwrap_or_else(|e| e.into_inner());
                    st.parked -= 1;
                }
            };
            let Some(job) = job else { continue };
            // SAFETY: the publisher keeps the closure alive until `running`
            // drops back to zero, which happens only below, after the call.
            let f = unsafe { &*job.0 };
            let ok = catch_unwind(AssertUnwindSafe(|| f(index))).is_ok();
            let mut st = lock(&self.state);
            st.running -= 1;
            self.running.store(st.running, Ordering::Release);
            st.panicked |= !ok;
            let signal = st.running == 0 && st.publisher_parked;
            drop(st);
            if signal {
                self.done.notify_all();
            }
        }
    }

    /// [`broadcast`] on this pool.
    fn broadcast(&self, extra: usize, job: &(dyn Fn(usize) + Sync)) {
        let Ok(_busy) = self.busy.try_lock() else {
            // Another publisher (or a nested call from inside a job): run alone.
            return job(0);
        };
        // SAFETY: erases the closure's lifetime; see the module documentation:
        // the pointer is withdrawn and every run that took it has finished
        // before this function returns or unwinds.
        let erased: &'static (dyn Fn(usize) + Sync + 'static) =
            unsafe { std::mem::transmute::<&(dyn Fn(usize) + Sync), &'static (dyn Fn(usize) + Sync)>(job) };
        let parked = {
            let mut st = lock(&self.state);
            st.job = Some(JobPtr(erased));
            st.generation = st.generation.wrapping_add(1);
            st.open_slots = extra.min(self.workers);
            st.running = 0;
            st.panicked = false;
            self.offered.store(st.generation, Ordering::Release);
            st.parked
        };
        // Woken after the lock is released, so a worker does not wake only to
        // block on it; spinning workers see `offered` change instead.
        if parked > 0 {
            self.wake.notify_all();
        }
        let own = catch_unwind(AssertUnwindSafe(|| job(0)));
        let (still_running, panicked) = {
            let mut st = lock(&self.state);
            st.job = None;
            st.open_slots = 0;
            (st.running, st.panicked)
        };
        // Usually the workers are done by now: one lock, no wait.
        let worker_panicked = if still_running == 0 {
            panicked
        } else {
            spin_until(PUBLISHER_SPIN, || self.running.load(Ordering::Acquire) == 0);
            let mut st = lock(&self.state);
            while st.running > 0 {
                st.publisher_parked = true;
                st = self.done.wait(st).unwrap_or_else(|e| e.into_inner());
            }
            st.publisher_parked = false;
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
}

/// The pool, started on first use with `threads() - 1` workers (`None`
/// when there is a single thread or no worker could be started).
fn pool() -> Option<&'static Pool> {
    static POOL: OnceLock<Option<&'static Pool>> = OnceLock::new();
    *POOL.get_or_init(|| start(super::parallel::threads().saturating_sub(1)))
}

/// A new pool of `workers` threads (leaked: pools live as long as the
/// process); `None` when none could be started.
fn start(workers: usize) -> Option<&'static Pool> {
    if workers == 0 {
        return None;
    }
    let p: &'static Pool = Box::leak(Box::new(Pool {
        state: Mutex::new(State {
            job: None,
            generation: 0,
            open_slots: 0,
            running: 0,
            panicked: false,
            parked: 0,
            publisher_parked: false,
        }),
        wake: Condvar::new(),
        done: Condvar::new(),
        busy: Mutex::new(()),
        workers,
        offered: AtomicU64::new(0),
        running: AtomicUsize::new(0),
    }));
    let mut started = 0;
    for i in 0..workers {
        let spawned = std::thread::Builder::new().name(format!("npl-worker-{i}")).spawn(move || p.worker_loop(i + 1));
        if spawned.is_ok() {
            started += 1;
        }
    }
    (started > 0).then_some(p)
}

/// Runs `job(i)` on the calling thread (`i = 0`) and on up to `extra` pool
/// workers (`i >= 1`), and returns when every run that started has
/// finished. Workers that wake after the calling thread's run are not
/// waited for (they never run the job), so `job` must hand out its work
/// from shared state (a counter) rather than by index. Panics in any run
/// are propagated to the caller after the wait.
pub fn broadcast(extra: usize, job: &(dyn Fn(usize) + Sync)) {
    match pool() {
        Some(p) if extra > 0 => p.broadcast(extra, job),
        _ => job(0),
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

    /// A worker joins a job whether it was spinning (jobs back to back) or
    /// parked (a pause longer than [`SPIN`] before the job): the caller's
    /// run waits until some worker has started the same job.
    #[test]
    fn workers_join_from_spinning_and_from_parked() {
        // A pool of its own: the other tests' jobs on the shared pool
        // would make this one run alone.
        let Some(p) = start(1) else {
            panic!("no worker thread could be started");
        };
        for round in 0..40 {
            if round % 10 == 9 {
                std::thread::sleep(SPIN * 5);
            }
            let joined = AtomicUsize::new(0);
            p.broadcast(1, &|i| {
                if i > 0 {
                    joined.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                let start = Instant::now();
                while joined.load(Ordering::SeqCst) == 0 && start.elapsed() < Duration::from_secs(5) {
                    std::hint::spin_loop();
                }
            });
            assert_eq!(joined.load(Ordering::SeqCst), 1, "round {round}: no worker joined");
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
