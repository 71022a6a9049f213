//! The last line of defence: a panic anywhere in evaluation is caught at
//! the top of each prompt entry and script run and reported as an
//! `InternalError` instead of killing the session.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Replaces the default panic hook (which prints a message and a backtrace
/// hint to stderr) with a silent one: the guard reports panics itself.
pub fn silence_panic_messages() {
    std::panic::set_hook(Box::new(|_| {}));
}

/// Runs `f`, turning a panic into `Err(message)`.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        if let Some(s) = payload.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        }
    })
}

/// The report printed for a caught panic.
pub fn internal_error(message: &str) -> String {
    format!("InternalError: {message} — this is a bug in NPL, please report it\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let caught = guarded(|| -> i32 { panic!("index out of bounds: the len is 1 but the index is 3") });
        let message = caught.expect_err("the panic is caught");
        assert_eq!(
            internal_error(&message),
            "InternalError: index out of bounds: the len is 1 but the index is 3 — this is a bug in NPL, please report it\n"
        );
        assert_eq!(guarded(|| 7), Ok(7));
        let static_message = guarded(|| -> () { panic!("plain") }).expect_err("caught");
        assert_eq!(static_message, "plain");
    }

    #[test]
    fn the_session_survives_a_panic() {
        let mut interp = crate::eval::Interp::new(Box::new(std::io::sink()));
        interp.run("<t>", "kept = 41", false).expect("runs");
        let result = guarded(|| {
            interp.run("<t>", "kept = kept + 1", false).expect("runs");
            panic!("boom");
        });
        assert!(result.is_err());
        interp.run("<t>", "kept = kept + 1", false).expect("still runs");
        assert_eq!(interp.globals.get("kept").map(|v| v.repr()), Some("43".to_string()));
    }
}
