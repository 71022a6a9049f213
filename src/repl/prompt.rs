//! The interactive prompt (rustyline): `>>> ` and `... ` prompts,
//! multi-line blocks, history in the user's data directory, echo of
//! expression values, and errors that keep the session's variables.

use crate::eval::Interp;
use crate::parser::parse_program;
use rustyline::error::ReadlineError;
use std::io::{BufRead, Write};
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
    // SAFETY: installing a signal handler that only stores to an atomic.
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
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))?;
    let dir = base.join("npl");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

fn run_entry(interp: &mut Interp, text: &str) {
    if let Err(e) = interp.run("<stdin>", text, true) {
        let _ = interp.out.flush();
        eprint!("{}", e.report());
    }
    let _ = interp.out.flush();
}

/// The prompt on a terminal. Returns the exit code.
pub fn interactive() -> i32 {
    let mut interp = Interp::new(Box::new(std::io::stdout()));
    interp.bind_numpy();
    install_interrupt_handler(&interp);
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("npl: cannot start the prompt: {e}");
            return piped_with(interp);
        }
    };
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    println!(
        "NPL {} — Python syntax, NumPy arrays. np is ready; help(np.mean) for help, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    );
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
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
                interp.interrupt.store(false, Ordering::Relaxed);
                run_entry(&mut interp, &entry);
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
    let mut interp = Interp::new(Box::new(std::io::BufWriter::new(std::io::stdout())));
    interp.bind_numpy();
    install_interrupt_handler(&interp);
    piped_with(interp)
}

fn piped_with(mut interp: Interp) -> i32 {
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    let mut failed = false;
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        buffer.push_str(&line);
        buffer.push('\n');
        // A new unindented line after a block ends the block.
        if needs_more(&buffer) {
            let starts_new = !line.starts_with([' ', '\t']) && !line.trim().is_empty() && buffer.lines().count() > 1;
            if !starts_new || needs_more(&buffer[..buffer.len() - line.len() - 1]) {
                continue;
            }
            let head = buffer[..buffer.len() - line.len() - 1].to_string();
            if interp.run("<stdin>", &head, true).is_err() {
                failed = true;
            }
            buffer = format!("{line}\n");
            if needs_more(&buffer) {
                continue;
            }
        }
        let entry = std::mem::take(&mut buffer);
        if entry.trim().is_empty() {
            continue;
        }
        if let Err(e) = interp.run("<stdin>", &entry, true) {
            let _ = interp.out.flush();
            eprint!("{}", e.report());
            failed = true;
        }
    }
    if !buffer.trim().is_empty() {
        if let Err(e) = interp.run("<stdin>", &buffer, true) {
            let _ = interp.out.flush();
            eprint!("{}", e.report());
            failed = true;
        }
    }
    let _ = interp.out.flush();
    i32::from(failed)
}
