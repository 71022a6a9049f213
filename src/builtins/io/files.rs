//! Files: reading, atomic writing, OS errors, notes on exceptions.

use crate::eval::error::{raise, type_error, EvalResult, Unwind};
use crate::value::{ExcKind, Value};

/// An `OSError` (or `FileNotFoundError`) for `e` on `path`, worded as Python words it.
pub(super) fn os_error(e: &std::io::Error, path: &str) -> Unwind {
    let quoted = crate::value::quote_str(path);
    if e.kind() == std::io::ErrorKind::NotFound {
        return raise(ExcKind::FileNotFoundError, format!("[Errno 2] No such file or directory: {quoted}"));
    }
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or("").to_string();
    match e.raw_os_error() {
        Some(n) => raise(ExcKind::OSError, format!("[Errno {n}] {text}: {quoted}")),
        None => raise(ExcKind::OSError, format!("{text}: {quoted}")),
    }
}

/// A file path argument.
pub(super) fn path_arg(v: &Value) -> EvalResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", other.type_name()))),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed over the target once complete.
pub(super) fn write_atomic(path: &str, bytes: &[u8]) -> EvalResult<()> {
    let target = std::path::Path::new(path);
    let Some(name) = target.file_name() else {
        return Err(raise(ExcKind::OSError, format!("[Errno 21] Is a directory: {}", crate::value::quote_str(path))));
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let tmp = dir.join(format!(".{}.npl-tmp-{}", name.to_string_lossy(), std::process::id()));
    if let Err(e) = std::fs::write(&tmp, bytes) {
        let _ = std::fs::remove_file(&tmp);
        return Err(os_error(&e, path));
    }
    if let Err(e) = std::fs::rename(&tmp, target) {
        let _ = std::fs::remove_file(&tmp);
        return Err(os_error(&e, path));
    }
    Ok(())
}

/// Adds a note (the file and line) under an exception's message.
pub(super) fn with_note(e: Unwind, note: String) -> Unwind {
    match e {
        Unwind::Raise(mut err) => {
            err.note = Some(note);
            Unwind::Raise(err)
        }
        other => other,
    }
}
