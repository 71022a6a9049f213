//! Runs every teaching script in `examples/` and compares its output with
//! the `.out` file next to it (made by running the script with CPython + NumPy).

use std::path::Path;
use std::process::Command;

#[test]
fn examples_print_what_numpy_prints() {
    let bin = env!("CARGO_BIN_EXE_npl");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "npl"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 5, "expected at least five examples");
    let mut failures = Vec::new();
    for script in &scripts {
        let expected = std::fs::read_to_string(script.with_extension("out")).unwrap_or_default();
        let output = Command::new(bin).arg(script).output().expect("npl runs");
        let got = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() || got != expected {
            failures.push(format!(
                "{}: exit {:?}\n--- expected\n{}--- got\n{}{}",
                script.display(),
                output.status.code(),
                expected,
                got,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
