//! Ctrl-C (SIGINT) stops long work of every kind in a script — array
//! kernels, printing of a huge array, random sampling — within a fraction of
//! a second, and the script exits with status 130 after printing
//! `KeyboardInterrupt`. (The prompt's own interrupt tests are in `pty.rs`.)

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long after the signal the script may take to stop. The issue asks
/// for "a fraction of a second"; the margin covers a loaded CI machine.
const STOP_WITHIN: Duration = Duration::from_millis(1500);

/// Runs `program`, sends SIGINT after `delay`, and returns the exit code,
/// stderr and how long the process took to stop after the signal.
fn interrupt_after(name: &str, program: &str, delay: Duration) -> (Option<i32>, String, Duration) {
    let dir = std::env::temp_dir().join(format!("npl-interrupts-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("script.npl");
    std::fs::write(&script, program).expect("write script");
    let mut child = Command::new(env!("CARGO_BIN_EXE_npl"))
        .arg(&script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("npl starts");
    std::thread::sleep(delay);
    assert!(child.try_wait().expect("wait").is_none(), "{name}: finished before the signal; make it longer");
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("signal");
    let sent = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if sent.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("{name}: npl did not stop within 30 s of SIGINT");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = sent.elapsed();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    let _ = std::fs::remove_dir_all(&dir);
    (code, err, took)
}

fn assert_interrupted(name: &str, program: &str, delay_ms: u64) {
    let (code, err, took) = interrupt_after(name, program, Duration::from_millis(delay_ms));
    assert_eq!(code, Some(130), "{name}: stderr was {err}");
    assert_eq!(err.trim_end().lines().last(), Some("KeyboardInterrupt"), "{name}: stderr was {err}");
    assert!(took < STOP_WITHIN, "{name}: took {took:?} to stop after SIGINT");
}

#[test]
fn python_loops_stop() {
    assert_interrupted("loop", "i = 0\nwhile True:\n    i += 1\n", 700);
}

#[test]
fn int_function_loops_stop() {
    // bodies of ints run on machine integers; they must still see Ctrl-C,
    // in a loop and in deep recursion
    let spin = "def spin(n):\n    i = 0\n    while True:\n        i += n\n    return i\nspin(0)\n";
    assert_interrupted("int_loop", spin, 700);
    let fib = "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nprint(fib(60))\n";
    assert_interrupted("int_recursion", fib, 700);
}

#[test]
fn printing_a_huge_array_stops() {
    // Formatting 10^7 floats in full takes many seconds.
    assert_interrupted(
        "print",
        "import numpy as np\nnp.set_printoptions(threshold=10**9)\na = np.random.rand(10**7)\nprint(a)\n",
        1000,
    );
}

#[test]
fn str_of_a_huge_array_stops() {
    assert_interrupted(
        "str",
        "import numpy as np\nnp.set_printoptions(threshold=10**9)\ns = str(np.arange(10**7) * 1.5)\n",
        1000,
    );
}

#[test]
fn random_sampling_stops() {
    // BTPE binomial draws cost tens of nanoseconds each.
    assert_interrupted("binomial", "import numpy as np\nb = np.random.binomial(100, 0.5, size=10**8)\n", 800);
    assert_interrupted(
        "rng_normal",
        "import numpy as np\nrng = np.random.default_rng(1)\nfor i in range(1000):\n    x = rng.normal(0, 1, size=10**7)\n",
        800,
    );
}

#[test]
fn elementwise_loops_stop() {
    assert_interrupted(
        "elementwise",
        "import numpy as np\na = np.ones(10**7)\nwhile True:\n    a = np.sqrt(a * 1.0000001 + 0.5)\n",
        800,
    );
}
