//! Runs every conformance case in `tests/conformance/` (copied from
//! `../shared/conformance/`) and in `tests/cases/` (NPL's own cases) through
//! the `npl` binary and compares with what CPython + NumPy printed. Cases
//! listed in `tests/expected_failures.txt` may fail (and must: a listed case
//! that passes is reported so the list gets emptied).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().is_some_and(|e| e == "npl") {
            out.push(p);
        }
    }
}

/// Runs one case; `None` when it passes, else what differed.
fn run_case(bin: &str, case: &Path) -> Option<String> {
    let base = case.with_extension("");
    let want_out = std::fs::read_to_string(base.with_extension("out")).unwrap_or_default();
    let want_err = std::fs::read_to_string(base.with_extension("err")).ok().map(|s| s.trim().to_string());
    let mut child = Command::new(bin)
        .arg(case.file_name()?)
        .current_dir(case.parent()?)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    // Drain both pipes on their own threads while the child runs, so a case
    // that prints more than a pipe buffer cannot block on a full pipe.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let out_reader = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let err_reader = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > Duration::from_secs(30) => {
                let _ = child.kill();
                let _ = child.wait();
                return Some("timed out after 30 s".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Some(format!("wait failed: {e}")),
        }
    };
    let output = std::process::Output {
        status,
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
    };
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    let mut problems = Vec::new();
    if out != want_out {
        let first_diff = want_out
            .lines()
            .zip(out.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| want_out.lines().count().min(out.lines().count()));
        problems.push(format!(
            "stdout differs at line {}:\n  numpy: {:?}\n  npl:   {:?}",
            first_diff + 1,
            want_out.lines().nth(first_diff).unwrap_or("<end>"),
            out.lines().nth(first_diff).unwrap_or("<end>")
        ));
    }
    match (&want_err, output.status.success()) {
        (None, false) => problems.push(format!("failed: {}", err.lines().last().unwrap_or(""))),
        (Some(w), true) => problems.push(format!("expected failure with: {w}")),
        (Some(w), false) if !err.contains(w.as_str()) => {
            problems.push(format!("stderr lacks {w:?}; got {:?}", err.lines().last().unwrap_or("")))
        }
        _ => {}
    }
    if problems.is_empty() {
        None
    } else {
        Some(problems.join("\n"))
    }
}

#[test]
fn conformance_cases_match_numpy() {
    let bin = env!("CARGO_BIN_EXE_npl");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let expected_failures: Vec<String> = std::fs::read_to_string(root.join("expected_failures.txt"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut all = Vec::new();
    cases(&root.join("conformance"), &mut all);
    cases(&root.join("cases"), &mut all);
    assert!(!all.is_empty(), "no conformance cases found in {}", root.display());
    let (mut passed, mut failed, mut expected) = (0, Vec::new(), 0);
    let mut unexpectedly_passing = Vec::new();
    for case in &all {
        let name = case.strip_prefix(&root).unwrap_or(case).to_string_lossy().to_string();
        let listed = expected_failures.contains(&name);
        match run_case(bin, case) {
            None if listed => unexpectedly_passing.push(name),
            None => passed += 1,
            Some(_) if listed => expected += 1,
            Some(why) => failed.push(format!("{name}: {why}")),
        }
    }
    println!("conformance: {passed} passed, {} failed, {expected} expected failures", failed.len());
    for f in &failed {
        println!("FAIL {f}");
    }
    for p in &unexpectedly_passing {
        println!("NOW PASSING (remove from expected_failures.txt): {p}");
    }
    assert!(failed.is_empty() && unexpectedly_passing.is_empty(), "{} conformance cases failed", failed.len());
}
