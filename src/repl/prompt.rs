//! The interactive prompt (rustyline): `>>> ` and `... ` prompts,
//! multi-line blocks, history in the user's data directory, echo of
//! expression values, completion, colors and hints, prompt commands, and
//! errors (and Ctrl-C) that keep the session's variables.

use super::commands::{help_request, is_command, run_command, Outcome};
use super::guard::{guarded, internal_error};
use super::helper::NplHelper;
use crate::eval::Interp;
use crate::parser::parse_program;
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{ColorMode, CompletionType, Config, Editor};
use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Write};
use std::rc::Rc;
use std::sync::atomic::Ordering;

/// Routes Ctrl-C to the interpreter's interrupt flag (where supported).
pub fn install_interrupt_handler(interp: &Interp) {
    let flag = interp.interrupt.clone();
    let _ = ctrlc_flag(flag);
}

fn ctrlc_flag(flag: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Result<(), ()> {
    use std::sync::OnceLock;
    static FLAG: OnceLock<std::sync::Arc<std::sync::atomic::AtomicBool>> = OnceLock::new();
    if FLAG.set(flag).is_err() {
        return Err(());
    }
    extern "C" fn on_sigint(_: i32) {
        if let Some(f) = FLAG.get() {
            f.store(true, Ordering::Relaxed);
        }
        crate::array::cancel::request();
    }
    // SAFETY: installing a signal handler that only stores to atomics.
    unsafe {
        libc_signal(2, on_sigint as *const () as usize);
    }
    Ok(())
}

extern "C" {
    #[link_name = "signal"]
    fn libc_signal(signum: i32, handler: usize) -> usize;
}

/// Whether `text` is a complete entry or needs more lines.
pub fn needs_more(text: &str) -> bool {
    let trimmed = text.trim_end_matches([' ', '\t']);
    let last_line = trimmed.lines().last().unwrap_or("");
    // A block stays open until a blank line.
    let opened_block = text.lines().any(|l| l.trim_end().ends_with(':') && !l.trim_start().starts_with('#'));
    if opened_block && !text.ends_with("\n\n") && !text.trim().is_empty() {
        return true;
    }
    if last_line.ends_with('\\') {
        return true;
    }
    match parse_program(text) {
        Ok(_) => false,
        Err(e) => e.incomplete,
    }
}

fn history_path() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))?;
    let dir = base.join("npl");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// Whether colors are wanted: on a terminal, unless `NO_COLOR` is set.
pub fn colors_wanted(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// An error report with its exception line in red and carets in red.
pub fn colored_report(report: &str) -> String {
    let lines: Vec<&str> = report.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let is_caret = !line.trim().is_empty() && line.trim().chars().all(|c| c == '^' || c == '~');
        let is_last = i + 1 == lines.len() || (!line.starts_with(' ') && i > 0 && !line.starts_with("Traceback"));
        if is_caret || is_last {
            out.push_str(&format!("\x1b[1;31m{line}\x1b[0m\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Runs one entry with the interrupt flags cleared first and any panic
/// caught; errors are reported on stderr. Returns whether it failed.
pub fn run_entry(interp: &mut Interp, text: &str, color: bool) -> bool {
    interp.interrupt.store(false, Ordering::Relaxed);
    crate::array::cancel::clear();
    let result = guarded(|| interp.run("<stdin>", text, true));
    let _ = interp.out.flush();
    let failed = match result {
        Ok(Ok(())) => false,
        Ok(Err(e)) => {
            let report = e.report();
            eprint!("{}", if color { colored_report(&report) } else { report });
            true
        }
        Err(message) => {
            eprint!("{}", internal_error(&message));
            true
        }
    };
    interp.interrupt.store(false, Ordering::Relaxed);
    crate::array::cancel::clear();
    failed
}

/// Runs a prompt command or a `name?` help request; `None` when the entry
/// is ordinary code.
fn special_entry(interp: &mut Interp, entry: &str, history: &[String], color: bool) -> Option<Outcome> {
    if is_command(entry) {
        interp.interrupt.store(false, Ordering::Relaxed);
        crate::array::cancel::clear();
        return Some(match guarded(|| run_command(interp, entry, history)) {
            Ok(outcome) => outcome,
            Err(message) => {
                eprint!("{}", internal_error(&message));
                Outcome::Continue
            }
        });
    }
    let expr = help_request(entry)?;
    run_entry(interp, &format!("help({expr})\n"), color);
    Some(Outcome::Continue)
}

/// The prompt on a terminal. Returns the exit code.
pub fn interactive() -> i32 {
    let interp = Interp::with_numpy(Box::new(std::io::stdout()));
    install_interrupt_handler(&interp);
    let color = colors_wanted(std::io::stdout().is_terminal());
    let error_color = colors_wanted(std::io::stderr().is_terminal());
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .color_mode(if color { ColorMode::Enabled } else { ColorMode::Disabled })
        .auto_add_history(false)
        .max_history_size(10_000)
        .map(|b| b.build())
        .unwrap_or_default();
    let interp = Rc::new(RefCell::new(interp));
    let mut editor: Editor<NplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("npl: cannot start the prompt: {e}");
            let Ok(cell) = Rc::try_unwrap(interp) else { return 1 };
            return piped_with(cell.into_inner());
        }
    };
    editor.set_helper(Some(NplHelper { interp: interp.clone(), color }));
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let session_start = editor.history().len();
    println!(
        "NPL {} — Python syntax, NumPy arrays. np is ready; :help for commands and a tour, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    );
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                if buffer.is_empty() && (is_command(&line) || help_request(&line).is_some()) {
                    let _ = editor.add_history_entry(line.trim_end());
                    let entries: Vec<String> = editor.history().iter().skip(session_start).cloned().collect();
                    let outcome = special_entry(&mut interp.borrow_mut(), &line, &entries, error_color);
                    if outcome == Some(Outcome::Quit) {
                        break;
                    }
                    continue;
                }
                buffer.push_str(&line);
                buffer.push('\n');
                if needs_more(&buffer) {
                    continue;
                }
                let entry = std::mem::take(&mut buffer);
                if entry.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(entry.trim_end());
                run_entry(&mut interp.borrow_mut(), &entry, error_color);
            }
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                println!("KeyboardInterrupt");
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("npl: {e}");
                break;
            }
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    0
}

/// The prompt reading statements from a pipe, without prompts.
pub fn piped() -> i32 {
    let interp = Interp::with_numpy(Box::new(std::io::BufWriter::new(std::io::stdout())));
    install_interrupt_handler(&interp);
    piped_with(interp)
}

fn piped_with(mut interp: Interp) -> i32 {
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    let mut failed = false;
    let mut history: Vec<String> = Vec::new();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if buffer.is_empty() && (is_command(&line) || help_request(&line).is_some()) {
            history.push(line.clone());
            if special_entry(&mut interp, &line, &history, false) == Some(Outcome::Quit) {
                break;
            }
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        // A new unindented line after a block ends the block.
        if needs_more(&buffer) {
            let starts_new = !line.starts_with([' ', '\t']) && !line.trim().is_empty() && buffer.lines().count() > 1;
            if !starts_new || needs_more(&buffer[..buffer.len() - line.len() - 1]) {
                continue;
            }
            let head = buffer[..buffer.len() - line.len() - 1].to_string();
            history.push(head.trim_end().to_string());
            failed |= run_entry(&mut interp, &head, false);
            buffer = format!("{line}\n");
            if needs_more(&buffer) {
                continue;
            }
        }
        let entry = std::mem::take(&mut buffer);
        if entry.trim().is_empty() {
            continue;
        }
        history.push(entry.trim_end().to_string());
        failed |= run_entry(&mut interp, &entry, false);
    }
    if !buffer.trim().is_empty() {
        failed |= run_entry(&mut interp, &buffer, false);
    }
    let _ = interp.out.flush();
    i32::from(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_reports_are_colored_on_the_exception_line_and_carets() {
        let report = "Traceback (most recent call last):\n  <stdin>:1:1 in <module>\n    x + y\n    ^^^^^\nNameError: name 'y' is not defined\n";
        let colored = colored_report(report);
        assert!(colored.contains("\x1b[1;31mNameError"));
        assert!(colored.contains("\x1b[1;31m    ^^^^^"));
        assert!(colored.starts_with("Traceback"));
    }
}
