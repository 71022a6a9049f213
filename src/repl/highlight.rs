//! Syntax colors for the line being typed: keywords, numbers, strings,
//! comments, builtin names, and the bracket matching the one at the cursor.

/// Python keywords NPL knows (for colors and completion).
pub const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "break", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "True", "False", "None",
];

const KEYWORD: &str = "\x1b[1;35m";
const NUMBER: &str = "\x1b[36m";
const STRING: &str = "\x1b[32m";
const COMMENT: &str = "\x1b[90m";
const BUILTIN: &str = "\x1b[33m";
const BRACKET: &str = "\x1b[1;4;34m";
const RESET: &str = "\x1b[0m";
/// Grey, for hints.
pub const HINT: &str = "\x1b[90m";

/// What a stretch of the line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    /// A keyword or `True`/`False`/`None`.
    Keyword,
    /// A number literal.
    Number,
    /// A string literal (possibly unterminated).
    Str,
    /// A `#` comment.
    Comment,
    /// A name the session's builtins define.
    Builtin,
    /// A bracket.
    Bracket,
    /// Anything else.
    Plain,
}

/// Splits `line` into (start, end, class) byte ranges covering all of it.
pub fn classify(line: &str, is_builtin: &dyn Fn(&str) -> bool) -> Vec<(usize, usize, TokenClass)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let class = if c == b'#' {
            i = bytes.len();
            TokenClass::Comment
        } else if c == b'\'' || c == b'"' {
            i = string_end(bytes, i);
            TokenClass::Str
        } else if c.is_ascii_digit() || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || bytes[i] == b'.'
                    || bytes[i] == b'_'
                    || ((bytes[i] == b'+' || bytes[i] == b'-') && matches!(bytes[i - 1], b'e' | b'E')))
            {
                i += 1;
            }
            TokenClass::Number
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80) {
                i += 1;
            }
            // String prefixes: f'', r'', b'', rb'' ...
            if i < bytes.len() && (bytes[i] == b'\'' || bytes[i] == b'"') && i - start <= 2 {
                let prefix = line[start..i].to_ascii_lowercase();
                if prefix.chars().all(|ch| "frbu".contains(ch)) {
                    i = string_end(bytes, i);
                    out.push((start, i, TokenClass::Str));
                    continue;
                }
            }
            let word = &line[start..i];
            let preceded_by_dot = line[..start].trim_end().ends_with('.');
            if KEYWORDS.contains(&word) {
                TokenClass::Keyword
            } else if !preceded_by_dot && is_builtin(word) {
                TokenClass::Builtin
            } else {
                TokenClass::Plain
            }
        } else if b"()[]{}".contains(&c) {
            i += 1;
            TokenClass::Bracket
        } else {
            i += 1;
            while i < bytes.len() && !line.is_char_boundary(i) {
                i += 1;
            }
            TokenClass::Plain
        };
        out.push((start, i, class));
    }
    out
}

/// The end (exclusive) of the string literal starting at the quote `i`.
fn string_end(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let triple = bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote);
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < bytes.len() {
        if bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if bytes[j] == quote {
            if !triple {
                return j + 1;
            }
            if bytes.get(j + 1) == Some(&quote) && bytes.get(j + 2) == Some(&quote) {
                return j + 3;
            }
        }
        j += 1;
    }
    bytes.len()
}

/// The position of the bracket matching the one at `pos` (or just before
/// it), outside strings and comments.
pub fn matching_bracket(line: &str, pos: usize, tokens: &[(usize, usize, TokenClass)]) -> Option<(usize, usize)> {
    let brackets: Vec<(usize, u8)> =
        tokens.iter().filter(|t| t.2 == TokenClass::Bracket).map(|t| (t.0, line.as_bytes()[t.0])).collect();
    let at = brackets
        .iter()
        .position(|(p, _)| *p == pos)
        .or_else(|| pos.checked_sub(1).and_then(|before| brackets.iter().position(|(p, _)| *p == before)))?;
    let (here, c) = brackets[at];
    let (open, close, forward) = match c {
        b'(' => (b'(', b')', true),
        b'[' => (b'[', b']', true),
        b'{' => (b'{', b'}', true),
        b')' => (b'(', b')', false),
        b']' => (b'[', b']', false),
        _ => (b'{', b'}', false),
    };
    let mut depth = 0i32;
    let seq: Box<dyn Iterator<Item = &(usize, u8)>> =
        if forward { Box::new(brackets[at..].iter()) } else { Box::new(brackets[..=at].iter().rev()) };
    for (p, b) in seq {
        if *b == open {
            depth += if forward { 1 } else { -1 };
        } else if *b == close {
            depth += if forward { -1 } else { 1 };
        }
        if depth == 0 {
            return Some((here, *p));
        }
    }
    None
}

/// The line with ANSI colors; the bracket pair around the cursor is
/// underlined.
pub fn highlight_line(line: &str, pos: usize, is_builtin: &dyn Fn(&str) -> bool) -> String {
    let tokens = classify(line, is_builtin);
    let pair = matching_bracket(line, pos, &tokens);
    let mut out = String::with_capacity(line.len() * 2);
    for &(start, end, class) in &tokens {
        let text = &line[start..end];
        let color = match class {
            TokenClass::Keyword => Some(KEYWORD),
            TokenClass::Number => Some(NUMBER),
            TokenClass::Str => Some(STRING),
            TokenClass::Comment => Some(COMMENT),
            TokenClass::Builtin => Some(BUILTIN),
            TokenClass::Bracket if pair.is_some_and(|(a, b)| a == start || b == start) => Some(BRACKET),
            _ => None,
        };
        match color {
            Some(c) => {
                out.push_str(c);
                out.push_str(text);
                out.push_str(RESET);
            }
            None => out.push_str(text),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(name: &str) -> bool {
        name == "len"
    }

    #[test]
    fn tokens_are_classified() {
        let line = "for x in len('a#b', 1.5e-3) # note";
        let classes: Vec<(&str, TokenClass)> = classify(line, &builtin)
            .into_iter()
            .filter(|t| t.2 != TokenClass::Plain)
            .map(|(s, e, c)| (&line[s..e], c))
            .collect();
        assert_eq!(
            classes,
            vec![
                ("for", TokenClass::Keyword),
                ("in", TokenClass::Keyword),
                ("len", TokenClass::Builtin),
                ("(", TokenClass::Bracket),
                ("'a#b'", TokenClass::Str),
                ("1.5e-3", TokenClass::Number),
                (")", TokenClass::Bracket),
                ("# note", TokenClass::Comment),
            ]
        );
    }

    #[test]
    fn the_matching_bracket_is_found_both_ways() {
        let line = "f(a[1], (2))";
        let tokens = classify(line, &builtin);
        assert_eq!(matching_bracket(line, 1, &tokens), Some((1, 11)));
        assert_eq!(matching_bracket(line, 12, &tokens), Some((11, 1)));
        assert_eq!(matching_bracket(line, 3, &tokens), Some((3, 5)));
        assert!(highlight_line(line, 1, &builtin).contains(BRACKET));
        assert_eq!(matching_bracket("x = 1", 2, &classify("x = 1", &builtin)), None);
    }
}
