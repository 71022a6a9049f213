//! The errors corpus: every `tests/errors/KIND/NAME.npl` is a failing
//! script whose whole error report (traceback locations, source line,
//! caret, exception line) is compared with `NAME.stderr`, and whose exit
//! code must be 1. Each script runs with its folder as the working
//! directory. `NPL_BLESS=1 cargo test --release --test errors` rewrites the
//! snapshots (read every rewritten file before committing it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn scripts(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(kinds) = std::fs::read_dir(dir) else { return found };
    for kind in kinds.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        let Ok(files) = std::fs::read_dir(&kind) else { continue };
        found.extend(files.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "npl")));
    }
    found.sort();
    found
}

/// Runs one script; returns (stderr, exit code), or a description of why it could not run.
fn run(bin: &str, script: &Path) -> Result<(String, Option<i32>), String> {
    let name = script.file_name().ok_or("no file name")?;
    let dir = script.parent().ok_or("no folder")?;
    let mut child = Command::new(bin)
        .arg(name)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start npl: {e}"))?;
    // Read stderr while the script runs: a long traceback fills the pipe.
    let mut pipe = child.stderr.take().ok_or("no stderr")?;
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut pipe, &mut text);
        text
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > Duration::from_secs(30) => {
                let _ = child.kill();
                return Err("timed out after 30 s".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("wait failed: {e}")),
        }
    };
    let stderr = reader.join().map_err(|_| "stderr reader failed")?;
    Ok((String::from_utf8_lossy(&stderr).into_owned(), status.code()))
}

#[test]
fn error_reports_match_their_snapshots() {
    let bin = env!("CARGO_BIN_EXE_npl");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/errors");
    let bless = std::env::var_os("NPL_BLESS").is_some_and(|v| v == "1");
    let all = scripts(&root);
    assert!(all.len() >= 40, "the errors corpus has only {} scripts", all.len());
    let mut failures = Vec::new();
    for script in &all {
        let shown = script.strip_prefix(&root).unwrap_or(script).display().to_string();
        let snapshot = script.with_extension("stderr");
        let (stderr, code) = match run(bin, script) {
            Ok(r) => r,
            Err(why) => {
                failures.push(format!("{shown}: {why}"));
                continue;
            }
        };
        if code != Some(1) {
            failures.push(format!("{shown}: exit code {code:?}, want 1\n{stderr}"));
        }
        if bless {
            if let Err(e) = std::fs::write(&snapshot, &stderr) {
                failures.push(format!("{shown}: cannot write snapshot: {e}"));
            }
            continue;
        }
        match std::fs::read_to_string(&snapshot) {
            Ok(want) if want == stderr => {}
            Ok(want) => failures.push(format!("{shown}: stderr differs\n--- want\n{want}--- got\n{stderr}")),
            Err(_) => failures.push(format!("{shown}: no snapshot {} (run with NPL_BLESS=1)", snapshot.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} error reports differ:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}
