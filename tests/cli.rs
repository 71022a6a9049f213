//! The command line and the piped prompt: echo, errors with locations,
//! variables kept after an error, exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

fn npl_with_stdin(args: &[&str], input: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_npl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("npl starts");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("npl finishes");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn piped_prompt_echoes_expression_values() {
    let (out, _, code) = npl_with_stdin(&[], "x = 2\ndef f(n):\n    return n * x\n\nf(21)\n");
    assert_eq!(out, "42\n");
    assert_eq!(code, 0);
}

#[test]
fn prompt_keeps_variables_after_an_error() {
    let (out, err, _) = npl_with_stdin(&[], "a = np.arange(3)\nb = a + np.ones(4)\nprint(a.sum())\n");
    assert!(err.contains("ValueError: operands could not be broadcast together with shapes (3,) (4,)"), "{err}");
    assert_eq!(out, "3\n");
}

#[test]
fn script_error_deep_in_a_function_has_file_line_column_and_caret() {
    let dir = std::env::temp_dir().join(format!("npl_cli_test_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("deep.npl");
    std::fs::write(
        &script,
        "def inner(x):\n    return x / 0\n\ndef outer(y):\n    return inner(y) + 1\n\nprint('start')\nouter(3)\n",
    )
    .expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_npl")).arg(&script).output().expect("npl runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "start\n");
    assert!(err.contains("deep.npl:8:1 in <module>"), "{err}");
    assert!(err.contains("deep.npl:5:12 in outer"), "{err}");
    assert!(err.contains("deep.npl:2:12 in inner"), "{err}");
    assert!(err.contains("           ^^^^^"), "{err}");
    assert!(err.trim_end().ends_with("ZeroDivisionError: division by zero"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dash_c_runs_code_and_version_prints() {
    let (out, _, code) = npl_with_stdin(&["-c", "print(1 + 1)"], "");
    assert_eq!((out.as_str(), code), ("2\n", 0));
    let (out, _, _) = npl_with_stdin(&["--version"], "");
    assert!(out.starts_with("npl "));
}

#[test]
fn deep_recursion_is_a_recursion_error() {
    let (_, err, code) = npl_with_stdin(&["-c", "def f(n):\n    return f(n + 1)\nf(0)\n"], "");
    assert_eq!(code, 1);
    assert!(err.contains("RecursionError: maximum recursion depth exceeded"), "{err}");
}

#[test]
fn huge_arrays_are_a_memory_error() {
    let (_, err, code) = npl_with_stdin(&["-c", "import numpy as np\nnp.zeros((10**6, 10**6))\n"], "");
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "MemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000, 1000000) and data type float64"
        ),
        "{err}"
    );
}
