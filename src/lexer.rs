//! The lexer: logos turns source text into raw tokens; [`Lexer`] adds
//! Python's NEWLINE / INDENT / DEDENT tokens, joins lines inside brackets,
//! and decodes string literals (f-strings stay raw for the parser).

use logos::Logos;
use std::rc::Rc;

/// A lexing failure: its message and byte span.
#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub kind: &'static str,
    /// What went wrong.
    pub message: String,
    /// Where.
    pub start: usize,
    /// End of the offending text.
    pub end: usize,
}

/// The raw body of an f-string literal, for the parser to split into parts.
#[derive(Clone, Debug, PartialEq)]
pub struct FStringRaw {
    /// The text between the quotes, undecoded.
    pub body: String,
    /// Byte offset of the body in the source.
    pub offset: usize,
    /// Whether it is a raw f-string (`rf"..."`).
    pub raw: bool,
}

/// Tokens seen by the parser.
#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip r"\\\r?\n")]
pub enum Tok {
    /// End of a logical line.
    #[regex(r"\r?\n")]
    Newline,
    /// A comment (dropped by [`Lexer`]).
    #[regex(r"#[^\r\n]*", allow_greedy = true)]
    Comment,
    /// Indentation increase (made by [`Lexer`]).
    Indent,
    /// Indentation decrease (made by [`Lexer`]).
    Dedent,
    /// An identifier.
    #[regex(r"[A-Za-z_\p{XID_Start}][A-Za-z0-9_\p{XID_Continue}]*", |lex| Rc::<str>::from(lex.slice()))]
    Name(Rc<str>),
    /// An int literal (decoded by [`Lexer`]).
    #[regex(r"[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+", |lex| lex.slice().to_string(), priority = 3)]
    IntText(String),
    /// A decoded int literal.
    Int(i64),
    /// A float literal.
    #[regex(r"([0-9][0-9_]*\.([0-9][0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9][0-9_]*)?|[0-9][0-9_]*[eE][+-]?[0-9][0-9_]*", |lex| lex.slice().to_string())]
    FloatText(String),
    /// A decoded float literal.
    Float(f64),
    /// An imaginary literal (`2j`).
    #[regex(r"(([0-9][0-9_]*\.([0-9][0-9_]*)?|\.[0-9][0-9_]*)([eE][+-]?[0-9][0-9_]*)?|[0-9][0-9_]*([eE][+-]?[0-9][0-9_]*)?)[jJ]", |lex| lex.slice().to_string())]
    ImagText(String),
    /// A decoded imaginary literal.
    Imag(f64),
    /// The opening of a string literal: optional prefix and the quote(s).
    #[regex(r#"([rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?('''|"""|'|")"#)]
    StrStart,
    /// A decoded string literal.
    Str(String),
    /// An f-string, undecoded.
    FStr(FStringRaw),
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    /// Python keywords NPL does not support (`class`, `with`, `yield`, ...).
    #[token("class", |lex| Rc::<str>::from(lex.slice()))]
    #[token("with", |lex| Rc::<str>::from(lex.slice()))]
    #[token("yield", |lex| Rc::<str>::from(lex.slice()))]
    #[token("async", |lex| Rc::<str>::from(lex.slice()))]
    #[token("await", |lex| Rc::<str>::from(lex.slice()))]
    Unsupported(Rc<str>),
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token("->")]
    Arrow,
    #[token("=")]
    Assign,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DoubleStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("@")]
    At,
    #[token("&")]
    Amp,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token("<<")]
    LShift,
    #[token(">>")]
    RShift,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    Le,
    #[token(">=")]
    Ge,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("+=")]
    PlusEq,
    #[token("-=")]
    MinusEq,
    #[token("*=")]
    StarEq,
    #[token("/=")]
    SlashEq,
    #[token("//=")]
    DoubleSlashEq,
    #[token("%=")]
    PercentEq,
    #[token("**=")]
    DoubleStarEq,
    #[token("@=")]
    AtEq,
    #[token("&=")]
    AmpEq,
    #[token("|=")]
    PipeEq,
    #[token("^=")]
    CaretEq,
    #[token("<<=")]
    LShiftEq,
    #[token(">>=")]
    RShiftEq,
    #[token(":=")]
    Walrus,
}

impl Tok {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Newline => "end of line".into(),
            Tok::Indent => "indent".into(),
            Tok::Dedent => "dedent".into(),
            Tok::Name(n) => format!("name '{n}'"),
            Tok::Int(_) | Tok::Float(_) | Tok::Imag(_) => "number".into(),
            Tok::Str(_) | Tok::FStr(_) => "string".into(),
            other => format!("{other:?}"),
        }
    }
}

/// One token with its byte span, as LALRPOP wants it.
pub type Spanned = (usize, Tok, usize);

/// The token stream of a source text, with Python's indentation tokens.
pub struct Lexer<'src> {
    src: &'src str,
    inner: logos::Lexer<'src, Tok>,
    pending: std::collections::VecDeque<Spanned>,
    indents: Vec<String>,
    depth: usize,
    at_line_start: bool,
    emitted_any: bool,
    finished: bool,
}

impl<'src> Lexer<'src> {
    /// A lexer over `src`.
    pub fn new(src: &'src str) -> Self {
        Lexer {
            src,
            inner: Tok::lexer(src),
            pending: Default::default(),
            indents: vec![String::new()],
            depth: 0,
            at_line_start: true,
            emitted_any: false,
            finished: false,
        }
    }

    fn error(kind: &'static str, message: impl Into<String>, start: usize, end: usize) -> LexError {
        LexError { kind, message: message.into(), start, end }
    }

    /// The indentation (spaces and tabs) before byte `pos` on its line.
    fn indentation_before(&self, pos: usize) -> &'src str {
        let line_start = self.src[..pos].rfind('\n').map_or(0, |i| i + 1);
        &self.src[line_start..pos]
    }

    /// Emits INDENT/DEDENT tokens for a logical line starting at `pos`.
    fn indent_to(&mut self, pos: usize) -> Result<(), LexError> {
        let ws = self.indentation_before(pos);
        if ws.chars().any(|c| c != ' ' && c != '\t') {
            // A continuation line or something odd before the token: treat as no change.
            return Ok(());
        }
        let top = self.indents.last().cloned().unwrap_or_default();
        if ws == top {
            return Ok(());
        }
        if ws.starts_with(top.as_str()) {
            self.indents.push(ws.to_string());
            self.pending.push_back((pos, Tok::Indent, pos));
            return Ok(());
        }
        if top.starts_with(ws) {
            while let Some(level) = self.indents.last() {
                if level.as_str() == ws {
                    return Ok(());
                }
                if level.len() < ws.len() || self.indents.len() == 1 {
                    break;
                }
                self.indents.pop();
                self.pending.push_back((pos, Tok::Dedent, pos));
            }
            return Err(Self::error(
                "IndentationError",
                "unindent does not match any outer indentation level",
                pos - ws.len(),
                pos,
            ));
        }
        let mixed = ws.contains('\t') || top.contains('\t');
        if mixed {
            Err(Self::error("TabError", "inconsistent use of tabs and spaces in indentation", pos - ws.len(), pos))
        } else {
            Err(Self::error(
                "IndentationError",
                "unindent does not match any outer indentation level",
                pos - ws.len(),
                pos,
            ))
        }
    }

    /// Reads a string literal whose opening (prefix and quotes) is `open` at `start`.
    fn string_literal(&mut self, start: usize, open: &str) -> Result<Spanned, LexError> {
        let quote_len = if open.ends_with("'''") || open.ends_with("\"\"\"") { 3 } else { 1 };
        let prefix = &open[..open.len() - quote_len];
        let quote = &open[open.len() - quote_len..];
        let lower = prefix.to_ascii_lowercase();
        let raw = lower.contains('r');
        let is_f = lower.contains('f');
        if lower.contains('b') {
            return Err(Self::error(
                "SyntaxError",
                "bytes literals are not supported in NPL",
                start,
                start + open.len(),
            ));
        }
        let rest = self.inner.remainder();
        let body_offset = start + open.len();
        let bytes = rest.as_bytes();
        let mut i = 0;
        let end_of_body;
        loop {
            if i >= bytes.len() {
                let msg = if quote_len == 3 {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                return Err(Self::error("SyntaxError", msg, start, start + open.len()));
            }
            let c = bytes[i];
            if c == b'\\' {
                i += 2;
                continue;
            }
            if quote_len == 1 && c == b'\n' {
                return Err(Self::error("SyntaxError", "unterminated string literal", start, body_offset + i));
            }
            if bytes[i..].starts_with(quote.as_bytes()) {
                end_of_body = i;
                break;
            }
            i += 1;
        }
        let body = &rest[..end_of_body];
        self.inner.bump(end_of_body + quote_len);
        let end = body_offset + end_of_body + quote_len;
        if is_f {
            return Ok((start, Tok::FStr(FStringRaw { body: body.to_string(), offset: body_offset, raw }), end));
        }
        let text = if raw {
            body.to_string()
        } else {
            decode_escapes(body)
                .map_err(|(msg, at)| Self::error("SyntaxError", msg, body_offset + at, body_offset + at + 1))?
        };
        Ok((start, Tok::Str(text), end))
    }

    /// The next raw token, with literals decoded; `None` at the end.
    fn next_raw(&mut self) -> Option<Result<Spanned, LexError>> {
        loop {
            let tok = self.inner.next()?;
            let span = self.inner.span();
            let tok = match tok {
                Ok(t) => t,
                Err(()) => {
                    let text = &self.src[span.clone()];
                    let c = text.chars().next().unwrap_or(' ');
                    let message = if c == '\\' {
                        "unexpected character after line continuation character".to_string()
                    } else if c == '$' || c == '?' || c == '!' || c == '`' {
                        format!("invalid syntax: '{c}'")
                    } else {
                        format!("invalid character '{c}' (U+{:04X})", c as u32)
                    };
                    return Some(Err(Self::error("SyntaxError", message, span.start, span.end)));
                }
            };
            let spanned = match tok {
                Tok::Comment => continue,
                Tok::StrStart => {
                    let open = self.src[span.clone()].to_string();
                    return Some(self.string_literal(span.start, &open));
                }
                Tok::IntText(text) => match parse_int_literal(&text) {
                    Some(v) => (span.start, Tok::Int(v), span.end),
                    None => {
                        return Some(Err(Self::error(
                            "SyntaxError",
                            if text.replace('_', "").trim_start_matches('0').len() > 18 {
                                "integer literal too large for NPL's 64-bit ints".to_string()
                            } else {
                                "invalid decimal literal".to_string()
                            },
                            span.start,
                            span.end,
                        )))
                    }
                },
                Tok::FloatText(text) => match text.replace('_', "").parse::<f64>() {
                    Ok(v) => (span.start, Tok::Float(v), span.end),
                    Err(_) => {
                        return Some(Err(Self::error("SyntaxError", "invalid float literal", span.start, span.end)))
                    }
                },
                Tok::ImagText(text) => {
                    let digits = text[..text.len() - 1].replace('_', "");
                    match digits.parse::<f64>() {
                        Ok(v) => (span.start, Tok::Imag(v), span.end),
                        Err(_) => {
                            return Some(Err(Self::error(
                                "SyntaxError",
                                "invalid imaginary literal",
                                span.start,
                                span.end,
                            )))
                        }
                    }
                }
                other => (span.start, other, span.end),
            };
            // A number running straight into a name (`1if`, `3x`) is invalid in Python.
            if matches!(spanned.1, Tok::Int(_) | Tok::Float(_) | Tok::Imag(_)) {
                let after = self.src[spanned.2..].chars().next();
                if after.is_some_and(|c| c.is_alphabetic() || c == '_') {
                    return Some(Err(Self::error("SyntaxError", "invalid decimal literal", spanned.0, spanned.2 + 1)));
                }
            }
            return Some(Ok(spanned));
        }
    }

    fn produce(&mut self) -> Result<(), LexError> {
        loop {
            let Some(next) = self.next_raw() else {
                // End of input: close the last line and every open block.
                let end = self.src.len();
                if self.emitted_any && !self.at_line_start && self.depth == 0 {
                    self.pending.push_back((end, Tok::Newline, end));
                }
                while self.indents.len() > 1 {
                    self.indents.pop();
                    self.pending.push_back((end, Tok::Dedent, end));
                }
                self.finished = true;
                return Ok(());
            };
            let (start, tok, end) = next?;
            match tok {
                Tok::Newline => {
                    if self.depth > 0 || self.at_line_start {
                        continue; // implicit joining, or a blank/comment-only line
                    }
                    self.at_line_start = true;
                    self.pending.push_back((start, Tok::Newline, end));
                    return Ok(());
                }
                _ => {
                    if self.at_line_start && self.depth == 0 {
                        self.indent_to(start)?;
                        self.at_line_start = false;
                    }
                    match tok {
                        Tok::LParen | Tok::LBracket | Tok::LBrace => self.depth += 1,
                        Tok::RParen | Tok::RBracket | Tok::RBrace => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    }
                    self.emitted_any = true;
                    self.pending.push_back((start, tok, end));
                    return Ok(());
                }
            }
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Result<Spanned, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(t) = self.pending.pop_front() {
                return Some(Ok(t));
            }
            if self.finished {
                return None;
            }
            if let Err(e) = self.produce() {
                self.finished = true;
                return Some(Err(e));
            }
        }
    }
}

/// Parses an int literal (`1_000`, `0x1f`, `0o17`, `0b101`); `None` if it
/// does not fit in 64 bits or is malformed (`012`).
pub fn parse_int_literal(text: &str) -> Option<i64> {
    let t = text.replace('_', "");
    if text.ends_with('_') || text.contains("__") {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let (digits, radix) = if let Some(h) = lower.strip_prefix("0x") {
        (h.to_string(), 16)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (o.to_string(), 8)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (b.to_string(), 2)
    } else {
        if lower.len() > 1 && lower.starts_with('0') && lower.chars().any(|c| c != '0') {
            return None;
        }
        (lower, 10)
    };
    i64::from_str_radix(&digits, radix).ok()
}

/// Decodes the backslash escapes of a (non-raw) string literal body.
/// On failure returns the message and the byte offset of the bad escape.
pub fn decode_escapes(body: &str) -> Result<String, (String, usize)> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_digit(8) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut hex = String::new();
                for _ in 0..n {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            hex.push(d);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                let code = if hex.len() == n { u32::from_str_radix(&hex, 16).ok() } else { None };
                match code.and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err((format!("(unicode error) truncated \\{e}XX escape"), i));
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        Lexer::new(src).map(|r| r.unwrap().1).collect()
    }

    #[test]
    fn indentation_produces_indent_and_dedent() {
        let toks = kinds("if x:\n    y = 1\nz\n");
        assert!(toks.contains(&Tok::Indent));
        assert!(toks.contains(&Tok::Dedent));
        assert_eq!(toks.last(), Some(&Tok::Newline));
    }

    #[test]
    fn brackets_join_lines() {
        let toks = kinds("a = [1,\n  2]\n");
        assert_eq!(toks.iter().filter(|t| **t == Tok::Newline).count(), 1);
        assert!(!toks.contains(&Tok::Indent));
    }

    #[test]
    fn numbers_decode() {
        assert_eq!(
            kinds("1_000 0x1f 1.5 1e-3 2j")[..5],
            [Tok::Int(1000), Tok::Int(31), Tok::Float(1.5), Tok::Float(1e-3), Tok::Imag(2.0)]
        );
    }

    #[test]
    fn strings_decode_escapes_and_triple_quotes() {
        assert_eq!(kinds(r#"'a\nb'"#)[0], Tok::Str("a\nb".into()));
        assert_eq!(kinds("'''x\n'y'''")[0], Tok::Str("x\n'y".into()));
        assert_eq!(kinds(r"r'\n'")[0], Tok::Str("\\n".into()));
    }

    #[test]
    fn bad_dedent_is_an_error() {
        let r: Result<Vec<_>, _> = Lexer::new("if x:\n    a\n  b\n").collect();
        assert_eq!(r.unwrap_err().kind, "IndentationError");
    }

    #[test]
    fn mixed_tabs_and_spaces_is_a_tab_error() {
        let r: Result<Vec<_>, _> = Lexer::new("if x:\n\ta\n        b\n").collect();
        assert_eq!(r.unwrap_err().kind, "TabError");
    }
}
