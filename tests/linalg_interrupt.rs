//! Ctrl-C inside `numpy.linalg`: every decomposition stops with
//! `LinalgErrorKind::Interrupted` soon after the host's cancel flag is set,
//! both when the flag is already set and when it is set mid-run.
//!
//! The flag is process-wide, so everything that touches it lives in this
//! one test binary, in one test function (tests run in parallel threads).

use nalgebra::DMatrix;
use npl::array::cancel;
use npl::linalg::{self, LinalgErrorKind};
use std::time::{Duration, Instant};

/// A well-conditioned, non-symmetric test matrix.
fn matrix(n: usize) -> DMatrix<f64> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    DMatrix::from_fn(n, n, |i, j| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 + if i == j { 1.0 } else { 0.0 }
    })
}

/// The functions under test on `a`, each giving its error kind (None for success).
#[allow(clippy::type_complexity)]
fn calls(a: &DMatrix<f64>) -> Vec<(&'static str, Box<dyn Fn() -> Option<LinalgErrorKind> + '_>)> {
    let s = a + a.transpose();
    let spd = a * a.transpose();
    vec![
        ("eig", Box::new(move || linalg::eig(a).err().map(|e| e.kind))),
        ("eigvals", Box::new(move || linalg::eigvals(a).err().map(|e| e.kind))),
        ("eigh", Box::new(move || linalg::eigh(&s).err().map(|e| e.kind))),
        ("svd", Box::new(move || linalg::svd(a, true).err().map(|e| e.kind))),
        ("svd_values", Box::new(move || linalg::svd_values(a).err().map(|e| e.kind))),
        ("inv", Box::new(move || linalg::inv(a).err().map(|e| e.kind))),
        ("det", Box::new(move || linalg::det(a).err().map(|e| e.kind))),
        ("solve", Box::new(move || linalg::solve(a, a).err().map(|e| e.kind))),
        ("lstsq", Box::new(move || linalg::lstsq(a, a, None).err().map(|e| e.kind))),
        ("pinv", Box::new(move || linalg::pinv(a, None).err().map(|e| e.kind))),
        ("qr", Box::new(move || linalg::qr(a, linalg::QrMode::Reduced).err().map(|e| e.kind))),
        ("cholesky", Box::new(move || linalg::cholesky(&spd).err().map(|e| e.kind))),
    ]
}

#[test]
fn a_stop_request_interrupts_linear_algebra_quickly() {
    // Flag already set: every function returns Interrupted at once.
    let a = matrix(300);
    cancel::request();
    for (name, f) in calls(&a) {
        let t = Instant::now();
        let kind = f();
        let took = t.elapsed();
        assert_eq!(kind, Some(LinalgErrorKind::Interrupted), "{name}");
        assert!(took < Duration::from_millis(100), "{name} took {took:?}");
    }
    cancel::clear();
    for (name, f) in calls(&a) {
        assert_eq!(f(), None, "{name} after the flag was cleared");
    }

    // Flag set while the work runs: it stops within a fraction of a second.
    let big = matrix(1000);
    for (name, f) in calls(&big) {
        if matches!(name, "cholesky" | "qr" | "det" | "solve" | "inv") {
            continue; // too quick at this size to be caught mid-run
        }
        let setter = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(50));
            cancel::request();
            Instant::now()
        });
        let kind = f();
        let done = Instant::now();
        let sent = setter.join().expect("setter thread");
        cancel::clear();
        if kind == Some(LinalgErrorKind::Interrupted) {
            let took = done.saturating_duration_since(sent);
            println!("{name}: stopped {took:?} after the request");
            assert!(took < Duration::from_millis(500), "{name} took {took:?} to stop");
        } else {
            // Finished before the request: then it must have succeeded.
            assert_eq!(kind, None, "{name}");
        }
    }
}
