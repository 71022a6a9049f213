//! Drives the real `npl` prompt through a pseudo-terminal, as a user at a
//! terminal would: multi-line entry, Tab completion, help, prompt commands,
//! errors that keep variables, Ctrl-C, and `:save` / `:restore`.
//!
//! Timeouts are generous (a loaded CI machine), except the one this file
//! exists to check: Ctrl-C must stop a running loop within about a second.

#![cfg(unix)]

use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::pty::{openpty, Winsize};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(60);

/// A running `npl` on a pseudo-terminal, with a private HOME.
struct Session {
    master: File,
    child: Child,
    /// Output not yet consumed by `expect`, ANSI sequences removed.
    pending: String,
    /// Everything printed, escape sequences kept.
    raw: String,
    home: PathBuf,
}

fn temp_home(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("npl_pty_{tag}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp home");
    dir
}

/// Removes ANSI escape sequences (colors, cursor moves) from terminal output.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() || d == '~' {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else if c != '\r' {
            out.push(c);
        }
    }
    out
}

impl Session {
    fn start(tag: &str) -> Session {
        Session::start_with(tag, false)
    }

    /// Starts `npl`; with `color`, `NO_COLOR` is left unset.
    fn start_with(tag: &str, color: bool) -> Session {
        let home = temp_home(tag);
        let size = Winsize { ws_row: 40, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0 };
        let pty = openpty(Some(&size), None).expect("openpty");
        let slave: OwnedFd = pty.slave;
        let stdin = Stdio::from(slave.try_clone().expect("dup"));
        let stdout = Stdio::from(slave.try_clone().expect("dup"));
        let stderr = Stdio::from(slave);
        let mut command = Command::new(env!("CARGO_BIN_EXE_npl"));
        command
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .current_dir(&home)
            .stdin(stdin)
            .stdout(stdout)
            .stderr(stderr);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        if !color {
            command.env("NO_COLOR", "1");
        }
        let child = command.spawn().expect("npl starts");
        let mut s = Session { master: File::from(pty.master), child, pending: String::new(), raw: String::new(), home };
        s.expect(">>> ");
        s
    }

    fn send(&mut self, text: &str) {
        self.master.write_all(text.as_bytes()).expect("write to the pty");
        self.master.flush().expect("flush");
    }

    /// Reads what is available within `wait`; answers cursor-position
    /// queries as a terminal would.
    fn read_some(&mut self, wait: Duration) {
        let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLIN)];
        let ms = u16::try_from(wait.as_millis()).unwrap_or(u16::MAX);
        if poll(&mut fds, PollTimeout::from(ms)).unwrap_or(0) == 0 {
            return;
        }
        let mut buf = [0u8; 8192];
        if let Ok(n) = self.master.read(&mut buf) {
            let text = String::from_utf8_lossy(&buf[..n]).into_owned();
            for _ in 0..text.matches("\x1b[6n").count() {
                self.send("\x1b[1;1R");
            }
            self.pending.push_str(&strip_ansi(&text));
            self.raw.push_str(&text);
        }
    }

    /// Waits until `needle` has been printed; returns everything printed
    /// up to and including it (and forgets it).
    fn expect_within(&mut self, needle: &str, patience: Duration) -> String {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(i) = self.pending.find(needle) {
                let upto = i + needle.len();
                let seen = self.pending[..upto].to_string();
                self.pending.drain(..upto);
                return seen;
            }
            let now = Instant::now();
            assert!(now < deadline, "waited {patience:?} for {needle:?}; the prompt printed:\n{}", self.pending);
            self.read_some((deadline - now).min(Duration::from_millis(200)));
        }
    }

    fn expect(&mut self, needle: &str) -> String {
        self.expect_within(needle, PATIENCE)
    }

    /// Forgets what was printed so far (the redraws of the line being edited).
    fn drain(&mut self) {
        self.read_some(Duration::from_millis(100));
        self.pending.clear();
    }

    /// Types a line and returns what it printed before the next prompt.
    /// While a line is edited the prompt redraws it (prompt included) on
    /// every key, without a newline; the output starts after the newline
    /// that Enter prints.
    fn enter(&mut self, line: &str) -> String {
        self.drain();
        self.send(&format!("{line}\r"));
        self.expect("\n");
        // The prompt is the ">>> " at the start of a line (help examples
        // print indented ">>> " lines of their own).
        self.pending.insert(0, '\n');
        let seen = self.expect("\n>>> ");
        seen.strip_suffix(">>> ").unwrap_or(&seen).trim_start_matches('\n').to_string()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

#[test]
fn a_multi_line_def_is_entered_line_by_line() {
    let mut s = Session::start("def");
    for line in ["def twice(x):", "    y = x * 2", "    return y"] {
        s.drain();
        s.send(&format!("{line}\r"));
        s.expect("\n");
        s.expect("... ");
    }
    s.drain();
    s.send("\r");
    s.expect("\n");
    s.expect(">>> ");
    assert!(s.enter("twice(21)").contains("42"));
}

#[test]
fn tab_completes_module_members_and_methods_of_arrays() {
    let mut s = Session::start("tab");
    s.send("np.linalg.ei\t");
    s.expect("np.linalg.eig");
    s.send("\t");
    let listing = s.expect("eigvalsh");
    assert!(listing.contains("eigh") && listing.contains("eigvals"), "{listing}");
    s.send("\x15"); // Ctrl-U: clear the line
    s.enter("X = np.arange(6)");
    s.send("X.resh\t");
    s.expect("X.reshape");
    assert!(s.enter("(2, 3).shape").contains("(2, 3)"));
}

#[test]
fn help_prints_signature_text_and_example() {
    let mut s = Session::start("help");
    let text = s.enter("help(np.dot)");
    assert!(text.contains("np.dot(a, b"), "{text}");
    assert!(text.contains("Example:") && text.contains(">>> np.dot("), "{text}");
    let text = s.enter("np.linalg.eig?");
    assert!(text.contains("np.linalg.eig(a)") && text.contains("EigResult"), "{text}");
    let text = s.enter(":help eigh");
    assert!(text.contains("np.linalg.eigh("), "{text}");
    let text = s.enter(":help");
    assert!(text.contains(":vars") && text.contains(":save FILE"), "{text}");
}

#[test]
fn vars_lists_the_session_and_time_reports_a_median() {
    let mut s = Session::start("vars");
    s.enter("A = np.zeros((2, 3))");
    s.enter("name = 'abc'");
    let table = s.enter(":vars");
    for needle in ["name", "type", "shape", "dtype", "bytes", "A", "ndarray", "(2, 3)", "float64", "48", "'abc'"] {
        assert!(table.contains(needle), "{needle} missing from\n{table}");
    }
    let timing = s.enter(":time A.sum()");
    assert!(timing.contains(" per loop (median of "), "{timing}");
    assert!(timing.contains("loops each; fastest ") && timing.contains("slowest"), "{timing}");
    assert!(["ns", "µs", "ms"].iter().any(|u| timing.contains(u)), "{timing}");
}

#[test]
fn an_error_keeps_the_variables() {
    let mut s = Session::start("error");
    s.enter("x = np.arange(3)");
    let err = s.enter("y = x + np.ones(4)");
    assert!(err.contains("ValueError: operands could not be broadcast together"), "{err}");
    let err = s.enter("arrray");
    assert!(err.contains("Did you mean"), "{err}");
    assert!(s.enter("x").contains("array([0, 1, 2])"));
}

/// Starts `code`, lets it run half a second, sends Ctrl-C, and returns how
/// long after the signal `KeyboardInterrupt` was printed.
fn interrupt(s: &mut Session, code: &str) -> Duration {
    s.drain();
    s.send(&format!("{code}\r"));
    s.expect("\n");
    std::thread::sleep(Duration::from_millis(500));
    s.drain();
    let sent = Instant::now();
    s.send("\x03");
    s.expect_within("KeyboardInterrupt", Duration::from_secs(10));
    let took = sent.elapsed();
    s.expect(">>> ");
    took
}

#[test]
fn ctrl_c_stops_a_loop_within_a_second_and_keeps_variables() {
    let mut s = Session::start("interrupt");
    s.enter("kept = 7");
    s.enter("n = 0");
    for code in ["while True: pass", "while True: n += 1", "[i * i for i in range(10**12)]"] {
        let took = interrupt(&mut s, code);
        println!("Ctrl-C stopped `{code}` {took:?} after the signal");
        assert!(took < Duration::from_millis(1000), "Ctrl-C took {took:?} to stop `{code}`");
    }
    assert!(s.enter("kept").contains('7'));
    let n = s.enter("n > 0");
    assert!(n.contains("True"), "{n}");
    // The flag does not linger: the next entry runs normally.
    assert!(s.enter("sum(range(100000))").contains("4999950000"));
}

#[test]
fn ctrl_c_stops_linear_algebra_and_big_products_within_a_second() {
    let mut s = Session::start("interrupt_linalg");
    s.enter("kept = 7");
    // Each call takes several seconds here: eig of 1500 x 1500 about 15 s,
    // svd of 1500 x 1500 several, the product of two 4000 x 4000 about 3 s.
    s.enter("M = np.random.rand(1500, 1500)");
    s.enter("A = np.random.rand(4000, 4000)");
    for code in ["w = np.linalg.eig(M)", "u = np.linalg.svd(M)", "C = A @ A"] {
        let took = interrupt(&mut s, code);
        println!("Ctrl-C stopped `{code}` {took:?} after the signal");
        assert!(took < Duration::from_millis(1000), "Ctrl-C took {took:?} to stop `{code}`");
    }
    assert!(s.enter("kept").contains('7'));
    assert!(s.enter("M.shape").contains("(1500, 1500)"));
    // Nothing was assigned, and the next entry runs normally.
    assert!(s.enter("w").contains("NameError"));
    assert!(s.enter("np.linalg.det(np.eye(3))").contains("1.0"));
}

#[test]
fn save_and_restore_round_trip() {
    let mut s = Session::start("save");
    s.enter("A = np.arange(6.0).reshape(2, 3)");
    s.enter("B = np.array([1, 2], dtype=complex)");
    s.enter("d = {'k': [1, 2.5, 'x']}");
    let saved = s.enter(":save session.npz");
    assert!(saved.contains("Saved 3 variables"), "{saved}");
    s.enter(":clear");
    assert!(s.enter("A").contains("NameError"));
    let restored = s.enter(":restore session.npz");
    assert!(restored.contains("Restored 3 variables"), "{restored}");
    assert!(s.enter("A").contains("array([[0., 1., 2.],"));
    assert!(s.enter("B.dtype, B.shape").contains("(dtype('complex128'), (2,))"));
    assert!(s.enter("d").contains("{'k': [1, 2.5, 'x']}"));
}

#[test]
fn an_interrupted_script_exits_with_130() {
    let dir = temp_home("script");
    let script = dir.join("loop.npl");
    std::fs::write(&script, "while True:\n    pass\n").expect("script");
    let child = Command::new(env!("CARGO_BIN_EXE_npl"))
        .arg(&script)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("npl starts");
    std::thread::sleep(Duration::from_millis(1500));
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("signal");
    let out = child.wait_with_output().expect("npl stops");
    assert_eq!(out.status.code(), Some(130));
    assert!(String::from_utf8_lossy(&out.stderr).contains("KeyboardInterrupt"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn colors_only_when_no_color_is_unset() {
    let mut s = Session::start_with("color", true);
    s.send("while x # note");
    s.expect("note");
    s.read_some(Duration::from_millis(200));
    assert!(s.raw.contains("\x1b[1;35mwhile"), "keyword not colored: {:?}", s.raw);
    assert!(s.raw.contains("\x1b[90m# note"), "comment not colored: {:?}", s.raw);
    s.send("\x15");
    let err = s.enter("undefined_name");
    assert!(err.contains("NameError"));
    assert!(s.raw.contains("\x1b[1;31mNameError"), "error not colored: {:?}", s.raw);

    let mut plain = Session::start("nocolor");
    plain.send("while x # note");
    plain.expect("note");
    plain.send("\x15");
    plain.enter("undefined_name");
    assert!(!plain.raw.contains("\x1b[1;35m") && !plain.raw.contains("\x1b[1;31m"), "{:?}", plain.raw);
}

#[test]
fn the_signature_is_hinted_after_an_open_paren() {
    let mut s = Session::start("hint");
    s.send("np.linspace(");
    s.expect("start, stop, num=50");
    s.send("\x15");
    assert!(s.enter("1 + 1").contains('2'));
}
