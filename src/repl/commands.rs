//! The prompt's commands (`:vars`, `:time`, `:load`, `:save`, `:restore`,
//! `:clear`, `:history`, `:help`, `:quit`) and `name?` help.

use crate::eval::Interp;

/// What the prompt does after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Read the next entry.
    Continue,
    /// Leave the prompt.
    Quit,
}

/// The commands and what they do, as `:help` lists them.
pub const COMMANDS: &[(&str, &str)] = &[
    (":vars", "a table of your variables: name, type, shape, dtype, bytes, value (also whos())"),
    (":time EXPR", "run EXPR (or a statement) many times; print the median time per loop and the spread"),
    (":load FILE", "run the script FILE in this session (its variables stay)"),
    (
        ":save FILE",
        "write every array, number, string, list and dict to FILE (.npz: one member per array, \
         plus __npl_session__, the other values as Python assignments in UTF-8 bytes)",
    ),
    (":restore FILE", "read a file written by :save back into the session (arrays keep dtype and shape)"),
    (":clear", "delete all your variables"),
    (":history", "the entries typed so far"),
    (":help [NAME]", "this list and a tour of NPL; with NAME, the help of NAME (like help(NAME) or NAME?)"),
    (":quit", "leave (Ctrl-D does too)"),
];

/// The `:help` text: the commands, then the tour.
pub fn help_text() -> String {
    let mut text = String::from("Prompt commands:\n");
    let width = COMMANDS.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    for (command, what) in COMMANDS {
        text.push_str(&format!("  {command:width$}  {what}\n"));
    }
    text.push_str("Ctrl-C stops a running computation; your variables keep their last values.\n\n");
    text.push_str(crate::builtins::help::TOUR);
    text
}

/// Whether an entry is a prompt command (`:name ...`).
pub fn is_command(entry: &str) -> bool {
    let t = entry.trim_start();
    t.starts_with(':') && t[1..].starts_with(|c: char| c.is_ascii_alphabetic())
}

/// The expression of a `name?` help request (`np.linalg.eig?`).
pub fn help_request(entry: &str) -> Option<&str> {
    let expr = entry.trim().strip_suffix('?')?.trim_end();
    let valid = !expr.is_empty()
        && expr.split('.').all(|part| {
            part.starts_with(|c: char| c.is_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
    valid.then_some(expr)
}

/// Runs a command line; output goes to the session's output stream and
/// errors to stderr.
pub fn run_command(interp: &mut Interp, line: &str, history: &[String]) -> Outcome {
    let line = line.trim();
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (line, ""),
    };
    let text: Result<String, String> = match name {
        ":vars" | ":whos" => Ok(format!("{}\n", interp.vars_table())),
        ":time" | ":timeit" => time(interp, arg),
        ":load" | ":run" => load(interp, arg),
        ":save" => save(interp, arg),
        ":restore" => restore(interp, arg),
        ":clear" => {
            let n = interp.user_variables().len();
            interp.clear_user_variables();
            Ok(format!("Deleted {n} variable{}.\n", if n == 1 { "" } else { "s" }))
        }
        ":history" => Ok(history.iter().enumerate().map(|(i, h)| numbered(i + 1, h)).collect()),
        ":help" | ":h" | ":?" => Ok(if arg.is_empty() {
            help_text()
        } else {
            crate::builtins::help::lookup_help(interp, arg).unwrap_or_else(|| format!("No help found for '{arg}'.\n"))
        }),
        ":quit" | ":exit" | ":q" => return Outcome::Quit,
        other => Err(format!("Unknown command {other}. :help lists the commands.\n")),
    };
    match text {
        Ok(t) => interp.write_out(&t),
        Err(e) => {
            let _ = std::io::Write::flush(&mut interp.out);
            eprint!("{e}");
        }
    }
    let _ = std::io::Write::flush(&mut interp.out);
    Outcome::Continue
}

fn numbered(n: usize, entry: &str) -> String {
    let mut out = String::new();
    for (i, line) in entry.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("{n:4}  {line}\n"));
        } else {
            out.push_str(&format!("      {line}\n"));
        }
    }
    out
}

fn needs(arg: &str, what: &str, command: &str) -> Result<(), String> {
    if arg.is_empty() {
        Err(format!("{command} needs {what}: {command} {}\n", what.to_uppercase()))
    } else {
        Ok(())
    }
}

fn time(interp: &mut Interp, code: &str) -> Result<String, String> {
    needs(code, "an expression", ":time")?;
    match interp.time_code(&format!("{code}\n")) {
        Ok(t) => Ok(format!("{}\n", t.summary())),
        Err(e) => Err(e.report()),
    }
}

fn unquote(arg: &str) -> &str {
    let a = arg.trim();
    for q in ['\'', '"'] {
        if let Some(inner) = a.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    a
}

fn load(interp: &mut Interp, arg: &str) -> Result<String, String> {
    needs(arg, "a file", ":load")?;
    let path = unquote(arg);
    let text = std::fs::read_to_string(path).map_err(|e| format!("FileNotFoundError: cannot read {path}: {e}\n"))?;
    interp.run(path, &text, false).map_err(|e| e.report())?;
    Ok(String::new())
}

fn save(interp: &mut Interp, arg: &str) -> Result<String, String> {
    needs(arg, "a file", ":save")?;
    let mut path = unquote(arg).to_string();
    if !path.ends_with(".npz") {
        path.push_str(".npz");
    }
    let report = interp.save_session(&path).map_err(|e| e.report())?;
    let mut text =
        format!("Saved {} variable{} to {path}", report.saved.len(), if report.saved.len() == 1 { "" } else { "s" });
    if !report.skipped.is_empty() {
        text.push_str(&format!(" (not saved: {})", report.skipped.join(", ")));
    }
    text.push_str(".\n");
    Ok(text)
}

fn restore(interp: &mut Interp, arg: &str) -> Result<String, String> {
    needs(arg, "a file", ":restore")?;
    let mut path = unquote(arg).to_string();
    if !std::path::Path::new(&path).exists() && !path.ends_with(".npz") {
        path.push_str(".npz");
    }
    let report = interp.restore_session(&path).map_err(|e| e.report())?;
    Ok(format!(
        "Restored {} variable{} from {path}: {}\n",
        report.saved.len(),
        if report.saved.len() == 1 { "" } else { "s" },
        report.saved.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_help_requests_are_recognized() {
        assert!(is_command(":vars") && is_command("  :time x @ x") && !is_command("x = {1: 2}") && !is_command(":"));
        assert_eq!(help_request("np.linalg.eig?"), Some("np.linalg.eig"));
        assert_eq!(help_request("len ?"), Some("len"));
        assert_eq!(help_request("x = 'a?'"), None);
        assert_eq!(help_request("?"), None);
        assert!(help_text().contains(":save FILE") && help_text().contains("np.linspace"));
    }

    #[test]
    fn history_is_numbered() {
        assert_eq!(numbered(3, "def f():\n    pass"), "   3  def f():\n          pass\n");
    }
}
