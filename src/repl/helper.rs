//! The rustyline helper: completion, signature hints and syntax colors,
//! all reading the live session.

use super::completion::{call_hint, complete};
use super::highlight::{highlight_line, HINT};
use crate::eval::Interp;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

/// Completion, hints and colors for the prompt.
pub struct NplHelper {
    /// The session (borrowed only while the user is typing).
    pub interp: Rc<RefCell<Interp>>,
    /// Whether to emit ANSI colors.
    pub color: bool,
}

/// A hint shown greyed after the cursor; never inserted.
pub struct SignatureHint(String);

impl rustyline::hint::Hint for SignatureHint {
    fn display(&self) -> &str {
        &self.0
    }
    fn completion(&self) -> Option<&str> {
        None
    }
}

impl Completer for NplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let Ok(mut interp) = self.interp.try_borrow_mut() else { return Ok((pos, Vec::new())) };
        let (start, found) = complete(&mut interp, line, pos);
        Ok((start, found.into_iter().map(|c| Pair { display: c.display, replacement: c.replacement }).collect()))
    }
}

impl Hinter for NplHelper {
    type Hint = SignatureHint;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<SignatureHint> {
        let mut interp = self.interp.try_borrow_mut().ok()?;
        call_hint(&mut interp, line, pos).map(SignatureHint)
    }
}

impl Highlighter for NplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        let Ok(interp) = self.interp.try_borrow() else { return Cow::Borrowed(line) };
        let is_builtin = |name: &str| interp.builtins.contains_key(name);
        Cow::Owned(highlight_line(line, pos, &is_builtin))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("{HINT}{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

impl Validator for NplHelper {}

impl Helper for NplHelper {}
