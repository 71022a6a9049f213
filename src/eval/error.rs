//! Errors and non-local control flow as values.
//!
//! An [`NplError`] is a raised Python exception with where it happened and
//! the chain of calls that led there. [`Unwind`] is what statements and
//! expressions return instead of a value when they raise, `return`,
//! `break` or `continue`.

use crate::array::{ArrayError, ErrorKind};
use crate::ast::Span;
use crate::value::{ExcKind, ExceptionValue, Value};
use std::rc::Rc;

/// A source text and the name it is shown under (`script.npl`, `<stdin>`).
#[derive(Debug)]
pub struct Source {
    /// File name as shown in messages.
    pub name: String,
    /// The whole text.
    pub text: String,
}

impl Source {
    /// A named source text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Rc<Source> {
        Rc::new(Source { name: name.into(), text: text.into() })
    }

    /// 1-based line and column (in characters) of byte `pos`.
    pub fn line_col(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.text.len());
        let before = self.text.get(..pos).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// The text of the line containing byte `pos`, and the byte offset where it starts.
    pub fn line_at(&self, pos: usize) -> (&str, usize) {
        let pos = pos.min(self.text.len());
        let start = self.text.get(..pos).and_then(|b| b.rfind('\n')).map_or(0, |i| i + 1);
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        (&self.text[start..end], start)
    }
}

/// A place in a source: used for the error location and traceback entries.
#[derive(Clone, Debug)]
pub struct Location {
    /// The source.
    pub source: Rc<Source>,
    /// The span of the failing expression or the call.
    pub span: Span,
    /// The function that was running (`<module>` at top level).
    pub function: Rc<str>,
}

/// A raised Python exception with its location and traceback.
#[derive(Debug, Clone)]
pub struct NplError {
    /// The exception object.
    pub exc: Rc<ExceptionValue>,
    /// Call sites, outermost first, then the innermost location last.
    pub trace: Vec<Location>,
    /// Whether the innermost location has been attached.
    pub located: bool,
    /// Extra explanation printed under the message (shapes aligned, hints).
    pub note: Option<String>,
    /// Text Python's traceback adds after the message but `str(e)` omits
    /// (`. Did you mean: 'array'?`).
    pub suffix: Option<String>,
}

impl NplError {
    /// An exception of `kind` with `message`, not yet located.
    pub fn new(kind: ExcKind, message: impl Into<String>) -> Self {
        NplError { exc: ExceptionValue::new(kind, message), trace: vec![], located: false, note: None, suffix: None }
    }

    /// An error raising an existing exception object.
    pub fn from_exception(exc: Rc<ExceptionValue>) -> Self {
        NplError { exc, trace: vec![], located: false, note: None, suffix: None }
    }

    /// The exception's kind.
    pub fn kind(&self) -> ExcKind {
        self.exc.kind
    }

    /// The last line Python prints (`ValueError: ...`).
    pub fn last_line(&self) -> String {
        self.exc.last_line()
    }

    /// The full report: traceback with `FILE:LINE:COL`, source lines with
    /// carets, then the exception line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        if !self.trace.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
        }
        let mut repeated = 0usize;
        for (i, loc) in self.trace.iter().enumerate() {
            let same_as_previous = i > 0 && {
                let prev = &self.trace[i - 1];
                std::rc::Rc::ptr_eq(&prev.source, &loc.source) && prev.span == loc.span
            };
            if same_as_previous {
                repeated += 1;
                if repeated >= 3 {
                    let last_repeat = self
                        .trace
                        .get(i + 1)
                        .is_none_or(|next| !(std::rc::Rc::ptr_eq(&next.source, &loc.source) && next.span == loc.span));
                    if last_repeat {
                        out.push_str(&format!("  [Previous line repeated {} more times]\n", repeated - 2));
                    }
                    continue;
                }
            } else {
                repeated = 0;
            }
            let (line, col) = loc.source.line_col(loc.span.start);
            out.push_str(&format!("  {}:{}:{} in {}\n", loc.source.name, line, col, loc.function));
            let (text, start) = loc.source.line_at(loc.span.start);
            let trimmed = text.trim_start();
            let indent = text.len() - trimmed.len();
            out.push_str(&format!("    {}\n", trimmed.trim_end()));
            let from = loc.span.start.saturating_sub(start + indent);
            let to = loc.span.end.min(start + text.len()).saturating_sub(start + indent).max(from + 1);
            let pad: String = trimmed.get(..from).map_or(from, |s| s.chars().count()).to_string();
            let pad_n: usize = pad.parse().unwrap_or(0);
            let width = trimmed.get(from..to.min(trimmed.len())).map_or(1, |s| s.chars().count().max(1));
            out.push_str(&format!("    {}{}\n", " ".repeat(pad_n), "^".repeat(width)));
        }
        out.push_str(&self.last_line());
        if let Some(suffix) = &self.suffix {
            out.push_str(suffix);
        }
        out.push('\n');
        if let Some(note) = &self.note {
            out.push_str(note);
            if !note.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

/// Why evaluation stopped early.
#[derive(Debug)]
pub enum Unwind {
    /// An exception is propagating.
    Raise(Box<NplError>),
    /// `return value`
    Return(Value),
    /// `break`
    Break,
    /// `continue`
    Continue,
}

/// The result of evaluating something.
pub type EvalResult<T = Value> = Result<T, Unwind>;

/// An exception of `kind` with `message`, as an [`Unwind`].
pub fn raise(kind: ExcKind, message: impl Into<String>) -> Unwind {
    Unwind::Raise(Box::new(NplError::new(kind, message)))
}

/// A `TypeError`.
pub fn type_error(message: impl Into<String>) -> Unwind {
    raise(ExcKind::TypeError, message)
}

/// A `ValueError`.
pub fn value_error(message: impl Into<String>) -> Unwind {
    raise(ExcKind::ValueError, message)
}

/// The Python exception kind for an array-library error kind.
pub fn exc_kind_of(kind: ErrorKind) -> ExcKind {
    match kind {
        ErrorKind::Value => ExcKind::ValueError,
        ErrorKind::Type => ExcKind::TypeError,
        ErrorKind::Index => ExcKind::IndexError,
        ErrorKind::Memory => ExcKind::MemoryError,
        ErrorKind::Overflow => ExcKind::OverflowError,
        ErrorKind::ZeroDivision => ExcKind::ZeroDivisionError,
        ErrorKind::Axis => ExcKind::AxisError,
        ErrorKind::UFuncOutputCasting => ExcKind::UFuncOutputCastingError,
        ErrorKind::LinAlg => ExcKind::LinAlgError,
        ErrorKind::Interrupted => ExcKind::KeyboardInterrupt,
    }
}

impl From<ArrayError> for Unwind {
    fn from(e: ArrayError) -> Self {
        if e.kind == ErrorKind::Interrupted {
            // The interrupt is reported now; later statements must not see it again.
            crate::array::cancel::clear();
        }
        raise(exc_kind_of(e.kind), e.message)
    }
}
