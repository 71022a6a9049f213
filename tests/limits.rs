//! Resource limits and robustness: deep recursion and nesting give
//! `RecursionError`, huge allocations and sequences growing without bound
//! give `MemoryError`, integer overflow gives `OverflowError`, NaN input to
//! iterative decompositions returns promptly, and a failed save leaves no
//! file (Ctrl-C is tested in `script_interrupts.rs`). Never a crash, a hang
//! or an abort. Several cases are regressions found by the
//! fuzzers in `fuzz/`.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `npl -c CODE` (with a small memory limit so MemoryError tests stay
/// cheap) and returns (stdout, stderr, exit code, elapsed time).
fn run_code(code: &str) -> (String, String, Option<i32>, Duration) {
    run_with(&["-c", code], None)
}

fn run_with(args: &[&str], dir: Option<&PathBuf>) -> (String, String, Option<i32>, Duration) {
    let start = Instant::now();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_npl"));
    cmd.args(args).env("NPL_MEMORY_LIMIT_MB", "256").stdin(Stdio::null());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let out: Output = cmd.output().expect("npl runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
        start.elapsed(),
    )
}

/// The last line of stderr (Python's exception line).
fn last_line(err: &str) -> &str {
    err.trim_end().lines().last().unwrap_or("")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("npl_limits_{}_{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn unbounded_user_recursion_is_a_recursion_error() {
    let (_, err, code, _) = run_code("def f(n):\n    return f(n + 1)\nf(0)\n");
    assert_eq!(code, Some(1));
    assert_eq!(last_line(&err), "RecursionError: maximum recursion depth exceeded");
}

#[test]
fn mutual_recursion_through_builtins_is_a_recursion_error() {
    let (_, err, code, _) = run_code("def f(xs):\n    return list(map(f, [xs]))\nf(1)\n");
    assert_eq!(code, Some(1));
    assert!(last_line(&err).starts_with("RecursionError: maximum recursion depth exceeded"), "{err}");
}

#[test]
fn deeply_nested_source_is_an_error_not_a_stack_overflow() {
    for program in [
        format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000)),
        format!("x = 1{}\n", "+1".repeat(100_000)),
        format!("x = {}1\n", "-".repeat(100_000)),
        format!("x = {}1\n", "not ".repeat(100_000)),
        format!("x = 2{}\n", "**2".repeat(100_000)),
        format!("x = {}1{}\n", "{1: ".repeat(100_000), "}".repeat(100_000)),
        format!("a = [0]\nx = a{}\n", "[0]".repeat(100_000)),
    ] {
        // Too long for a command-line argument: run it from a file.
        let dir = temp_dir("nesting");
        std::fs::write(dir.join("deep.npl"), &program).expect("write");
        let (_, err, code, _) = run_with(&["deep.npl"], Some(&dir));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(code == Some(0) || code == Some(1), "exit {code:?} for {}...: {err}", &program[..20]);
        if code == Some(1) {
            assert!(last_line(&err).starts_with("RecursionError: maximum recursion depth exceeded"), "{err}");
        }
    }
}

#[test]
fn printing_a_list_that_contains_itself_shows_an_ellipsis() {
    let (out, err, code, _) =
        run_code("a = [1]\na.append(a)\nprint(a)\nd = {}\nd['k'] = d\nprint(d)\nprint(repr((a,)), f'{[[a]]}')\n");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "[1, [...]]\n{'k': {...}}\n([1, [...]],) [[[1, [...]]]]\n");
}

#[test]
fn printing_too_deeply_nested_lists_is_a_recursion_error() {
    let (out, err, code, _) = run_code(
        "x = []\nfor i in range(997):\n    x = [x]\nprint(len(repr(x)))\nfor i in range(100000):\n    x = [x]\nprint(x)\n",
    );
    assert_eq!(out, "1996\n");
    assert_eq!(code, Some(1));
    assert_eq!(last_line(&err), "RecursionError: maximum recursion depth exceeded while getting the repr of an object");
}

#[test]
fn huge_arrays_are_numpys_memory_error_before_allocating() {
    let (_, err, code, elapsed) = run_code("import numpy as np\nnp.zeros((10**6, 10**6))\n");
    assert_eq!(code, Some(1));
    assert_eq!(
        last_line(&err),
        "MemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000, 1000000) and data type float64"
    );
    assert!(elapsed < Duration::from_secs(5));
    let (_, err, _, _) = run_code("import numpy as np\nnp.ones(10**12)\n");
    assert_eq!(
        last_line(&err),
        "MemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type float64"
    );
}

#[test]
fn sequences_growing_without_bound_are_a_memory_error() {
    for program in [
        "s = 'a'\nwhile True:\n    s = s + s\n",
        "l = [0]\nwhile True:\n    l = l + l\n",
        "l = [0]\nwhile True:\n    l += l\n",
        "l = [0]\nwhile True:\n    l.extend(l)\n",
        "l = []\nwhile True:\n    l.append(1)\n",
        "x = [i for i in range(10**12)]\n",
        "x = list(range(10**12))\n",
        "x = 'a' * 10**12\n",
        "x = [0] * 10**12\n",
        "x = 'x'.ljust(10**12)\n",
        "x = '1'.zfill(10**12)\n",
    ] {
        let (_, err, code, _) = run_code(program);
        assert_eq!(code, Some(1), "{program}: {err}");
        assert_eq!(last_line(&err), "MemoryError", "{program}");
    }
}

#[test]
fn integer_overflow_is_an_overflow_error() {
    for program in [
        "x = 2**63\n",
        "x = 9223372036854775807 + 1\n",
        "x = (-9223372036854775807 - 1) * -1\n",
        "x = (-9223372036854775807 - 1) // -1\n",
        "x = divmod(-9223372036854775807 - 1, -1)\n",
        "x = abs(-9223372036854775807 - 1)\n",
        "x = 1 << 63\n",
        "x = int(1e300)\n",
        "x = sum([9223372036854775807, 1])\n",
    ] {
        let (_, err, code, _) = run_code(program);
        assert_eq!(code, Some(1), "{program}: {err}");
        assert!(last_line(&err).starts_with("OverflowError: "), "{program}: {err}");
    }
    let (_, err, _, _) = run_code("print(len(range(-2**62, 2**62)))\n");
    assert_eq!(last_line(&err), "OverflowError: Python int too large to convert to C ssize_t");
    let (out, _, code, _) = run_code("print((-9223372036854775807 - 1) % -1)\n");
    assert_eq!((out.as_str(), code), ("0\n", Some(0)));
}

#[test]
fn nan_and_inf_into_iterative_decompositions_return_within_a_second() {
    for func in [
        "svd(a)",
        "svd(a, compute_uv=False)",
        "eig(a)",
        "eigvals(a)",
        "eigh(a)",
        "eigvalsh(a)",
        "pinv(a)",
        "norm(a, 2)",
        "cond(a)",
        "matrix_rank(a)",
        "lstsq(a, a)",
    ] {
        for bad in ["np.nan", "np.inf"] {
            let code = format!(
                "import numpy as np\na = np.array([[1.0, 2.0, 0.5], [{bad}, 4.0, 1.0], [0.5, 1.0, 3.0]])\ntry:\n    np.linalg.{func}\nexcept np.linalg.LinAlgError as e:\n    print('LinAlgError')\nprint('done')\n"
            );
            let (out, err, code, elapsed) = run_code(&code);
            assert_eq!(code, Some(0), "{func} with {bad}: {err}");
            assert!(out.ends_with("done\n"), "{func} with {bad}: {out}");
            assert!(elapsed < Duration::from_secs(1), "{func} with {bad} took {elapsed:?}");
        }
    }
}

#[test]
fn a_failed_save_leaves_no_file() {
    let dir = temp_dir("save");
    std::fs::write(dir.join("afile"), "not a folder").expect("write");
    for call in [
        "np.save('afile/x.npy', a)",
        "np.savez('afile/x.npz', a=a)",
        "np.savetxt('afile/x.txt', a)",
        "np.save('missing/x.npy', a)",
    ] {
        let code = format!("import numpy as np\na = np.arange(6.0)\n{call}\n");
        let (_, err, code_, _) = run_with(&["-c", &code], Some(&dir));
        assert_eq!(code_, Some(1), "{call}: {err}");
        assert!(last_line(&err).contains("Error"), "{call}: {err}");
    }
    // A value that cannot be written fails before the file appears, and the old file survives.
    std::fs::write(dir.join("keep.txt"), "old contents\n").expect("write");
    let (_, err, code, _) =
        run_with(&["-c", "import numpy as np\nnp.savetxt('keep.txt', np.zeros((2, 2, 2)))\n"], Some(&dir));
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("keep.txt")).expect("read"), "old contents\n");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["afile", "keep.txt"], "leftover files");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Regression (fuzz/parse): an f-string field starting with `@` sliced the
/// empty field source at an offset into the enclosing file and panicked.
#[test]
fn fstring_field_with_a_stray_operator_is_a_syntax_error() {
    let (_, err, code, _) = run_code("x = 1\nprint(f\"{@x}\")\n");
    assert_eq!(code, Some(1));
    assert!(last_line(&err).starts_with("SyntaxError: "), "{err}");
}
