//! Glue to the LALRPOP-generated parser: entry points, the helpers the
//! grammar's actions call ([`build`]), f-string splitting, and turning
//! LALRPOP's errors into Python-style `SyntaxError`s.

use crate::ast::*;
use crate::lexer::{FStringRaw, LexError, Lexer, Tok};
use lalrpop_util::ParseError;
use std::rc::Rc;

lalrpop_util::lalrpop_mod!(
    // Generated code: its panics guard LALRPOP's own table invariants, not user input.
    #[allow(
        clippy::all,
        clippy::pedantic,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        unused_parens,
        dead_code
    )]
    grammar,
    "/npl.rs"
);

/// A syntax error: Python's exception name, message and byte span.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseFail {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub kind: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where it starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Whether more input could complete the program (for the prompt's
    /// multi-line entry).
    pub incomplete: bool,
}

impl ParseFail {
    fn syntax(message: impl Into<String>, span: Span) -> Self {
        ParseFail { kind: "SyntaxError", message: message.into(), start: span.start, end: span.end, incomplete: false }
    }
}

impl From<LexError> for ParseFail {
    fn from(e: LexError) -> Self {
        let incomplete = e.message.starts_with("unterminated triple-quoted");
        ParseFail { kind: e.kind, message: e.message, start: e.start, end: e.end, incomplete }
    }
}

/// An argument or a bare generator expression (`f(x for x in y)`).
pub enum ArgOrGen {
    /// An ordinary argument.
    Arg(Arg),
    /// A generator expression, evaluated eagerly as a list.
    Generator(Expr),
}

/// One adjacent string literal piece.
pub enum StrPiece {
    /// A plain string literal, decoded.
    Plain(String),
    /// An f-string literal, undecoded.
    Format(FStringRaw),
}

/// Parses a whole program (a script, or one prompt entry).
pub fn parse_program(src: &str) -> Result<Vec<Stmt>, ParseFail> {
    let lexer = Lexer::new(src).map(|r| r.map_err(ParseFail::from));
    grammar::ProgramParser::new().parse(lexer).map_err(|e| convert_error(e, src))
}

/// Parses one expression (the text of an f-string field), whose spans are
/// shifted by `offset` bytes to point into the enclosing source.
pub fn parse_expression_at(text: &str, offset: usize) -> Result<Expr, ParseFail> {
    let lexer = Lexer::new(text).filter(|r| !matches!(r, Ok((_, Tok::Newline, _)))).map(move |r| match r {
        Ok((l, t, r)) => Ok((l + offset, t, r + offset)),
        Err(mut e) => {
            e.start += offset;
            e.end += offset;
            Err(ParseFail::from(e))
        }
    });
    grammar::TestParser::new().parse(lexer).map_err(|e| convert_error(e, ""))
}

fn convert_error(e: ParseError<usize, Tok, ParseFail>, src: &str) -> ParseFail {
    match e {
        ParseError::User { error } => error,
        ParseError::InvalidToken { location } => ParseFail::syntax("invalid token", Span::new(location, location + 1)),
        ParseError::UnrecognizedEof { location, .. } => ParseFail {
            kind: "SyntaxError",
            message: "unexpected end of input".into(),
            start: location,
            end: location,
            incomplete: true,
        },
        ParseError::UnrecognizedToken { token: (l, tok, r), expected } => unexpected_token(l, tok, r, &expected, src),
        ParseError::ExtraToken { token: (l, _, r) } => ParseFail::syntax("invalid syntax", Span::new(l, r)),
    }
}

/// A friendly message for a token the grammar did not expect.
fn unexpected_token(l: usize, tok: Tok, r: usize, expected: &[String], src: &str) -> ParseFail {
    let span = Span::new(l, r);
    let wants = |s: &str| expected.iter().any(|e| e == s);
    let message = match &tok {
        Tok::Unsupported(kw) if kw.as_ref() == "class" => "NPL has no classes; use functions and dicts".to_string(),
        Tok::Unsupported(kw) if kw.as_ref() == "with" => {
            "NPL has no 'with' statement; open and close files with the file functions (loadtxt, savetxt, load, save)"
                .to_string()
        }
        Tok::Unsupported(kw) if kw.as_ref() == "yield" => {
            "NPL has no generators or 'yield'; build and return a list".to_string()
        }
        Tok::Unsupported(kw) => format!("NPL does not support '{kw}'"),
        // `src` is empty for f-string fields, whose token positions point into the enclosing source.
        Tok::At
            if src.get(..l).is_some_and(|before| {
                before.trim_end_matches([' ', '\t']).ends_with('\n') || before.trim().is_empty()
            }) =>
        {
            "NPL has no decorators".to_string()
        }
        Tok::Indent => {
            return ParseFail {
                kind: "IndentationError",
                message: "unexpected indent".into(),
                start: l,
                end: r,
                incomplete: false,
            }
        }
        Tok::Newline | Tok::Dedent if wants("INDENT") => {
            let line = line_of(src, l);
            let header = header_keyword(src, l);
            return ParseFail {
                kind: "IndentationError",
                message: format!("expected an indented block after {header} on line {line}"),
                start: r,
                end: r,
                incomplete: false,
            };
        }
        Tok::Newline if wants("\":\"") => "expected ':'".to_string(),
        Tok::Assign if wants("\"==\"") => "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".to_string(),
        Tok::RParen | Tok::RBracket | Tok::RBrace if !wants(&format!("{:?}", tok)) => {
            let c = &src.get(l..r).unwrap_or(")");
            format!("unmatched '{c}'")
        }
        _ => "invalid syntax".to_string(),
    };
    ParseFail::syntax(message, span)
}

/// The 1-based line number of byte `pos`.
pub fn line_of(src: &str, pos: usize) -> usize {
    src.get(..pos).map_or(1, |s| s.matches('\n').count() + 1)
}

/// Which block header ends just before `pos` (`'if' statement`,
/// `function definition`), for "expected an indented block" messages.
fn header_keyword(src: &str, pos: usize) -> String {
    let before = src.get(..pos).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before[line_start..].trim_start();
    let word = line.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
    match word {
        "def" => format!("function definition on line {}", line_of(src, line_start))
            .replace(&format!(" on line {}", line_of(src, line_start)), ""),
        "if" | "elif" | "else" | "while" | "for" | "try" | "except" | "finally" => format!("'{word}' statement"),
        _ => "a block header".to_string(),
    }
}

/// Builders used by the grammar's actions. Fallible ones return
/// LALRPOP's `ParseError` with a [`ParseFail`] inside.
pub mod build {
    use super::*;

    type Built<T> = Result<T, ParseError<usize, Tok, ParseFail>>;

    fn fail<T>(message: impl Into<String>, span: Span) -> Built<T> {
        Err(ParseError::User { error: ParseFail::syntax(message, span) })
    }

    fn expr(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// One expression, or a tuple when there are several or a trailing comma.
    pub fn tuple_or_single(mut items: Vec<Expr>, trailing_comma: bool, span: Span) -> Expr {
        if items.len() == 1 && !trailing_comma {
            return items.pop().unwrap_or_else(|| expr(ExprKind::Tuple(vec![]), span));
        }
        expr(ExprKind::Tuple(items), span)
    }

    /// A tuple from items each followed by a comma and an optional last item.
    pub fn tuple(mut items: Vec<Expr>, last: Option<Expr>, span: Span) -> Expr {
        items.extend(last);
        expr(ExprKind::Tuple(items), span)
    }

    /// A binary operation.
    pub fn binary(op: BinOp, a: Expr, b: Expr, span: Span) -> Expr {
        expr(ExprKind::Binary(op, Box::new(a), Box::new(b)), span)
    }

    /// A parenthesized expression; a bare starred expression is refused later.
    pub fn parenthesized(e: Expr, _span: Span) -> Expr {
        e
    }

    /// `-x`, folding negative number literals so `-9223372036854775808` and
    /// `-2**2` keep Python's meaning (the fold applies to literals only).
    pub fn negate(e: Expr, span: Span) -> Expr {
        match e.kind {
            ExprKind::Float(v) => expr(ExprKind::Float(-v), span),
            ExprKind::Int(v) if v != 0 => expr(ExprKind::Int(-v), span),
            kind => expr(ExprKind::Unary(UnaryOp::Neg, Box::new(Expr { kind, span: e.span })), span),
        }
    }

    /// Checks that an expression can be assigned to.
    fn check_target(t: &Expr, what: &str) -> Built<()> {
        match &t.kind {
            ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars = items.iter().filter(|i| matches!(i.kind, ExprKind::Starred(_))).count();
                if stars > 1 {
                    return fail(format!("multiple starred expressions in {what}"), t.span);
                }
                items.iter().try_for_each(|i| check_target(i, what))
            }
            ExprKind::Starred(inner) => check_target(inner, what),
            ExprKind::Call(..) => {
                fail(format!("cannot {what} function call here. Maybe you meant '==' instead of '='?"), t.span)
            }
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Imag(_)
            | ExprKind::Str(_)
            | ExprKind::Bool(_)
            | ExprKind::NoneLit => {
                fail(format!("cannot {what} literal here. Maybe you meant '==' instead of '='?"), t.span)
            }
            _ => fail(format!("cannot {what} expression here. Maybe you meant '==' instead of '='?"), t.span),
        }
    }

    /// `a = b = value`, or an expression statement when there is no `=`.
    pub fn assignment(first: Expr, rest: Vec<Expr>, span: Span) -> Built<Stmt> {
        if rest.is_empty() {
            if let ExprKind::Starred(_) = first.kind {
                return fail("can't use starred expression here", first.span);
            }
            return Ok(Stmt { kind: StmtKind::Expr(first), span });
        }
        let mut all = vec![first];
        all.extend(rest);
        let value = all.pop().unwrap_or_else(|| expr(ExprKind::NoneLit, span));
        for t in &all {
            check_target(t, "assign to")?;
            if let ExprKind::Starred(_) = t.kind {
                return fail("starred assignment target must be in a list or tuple", t.span);
            }
        }
        Ok(Stmt { kind: StmtKind::Assign(all, value), span })
    }

    /// `target op= value`.
    pub fn aug_assign(target: Expr, op: BinOp, value: Expr, span: Span) -> Built<Stmt> {
        match target.kind {
            ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => {
                Ok(Stmt { kind: StmtKind::AugAssign(target, op, value), span })
            }
            _ => fail("'tuple' is an illegal expression for augmented assignment", target.span),
        }
    }

    /// `del a, b[0]`.
    pub fn del(targets: Expr, span: Span) -> Built<Stmt> {
        let items = match targets.kind {
            ExprKind::Tuple(items) => items,
            kind => vec![Expr { kind, span: targets.span }],
        };
        for t in &items {
            match t.kind {
                ExprKind::Name(_) | ExprKind::Subscript(..) | ExprKind::Attribute(..) => {}
                _ => return fail("cannot delete expression", t.span),
            }
        }
        Ok(Stmt { kind: StmtKind::Del(items), span })
    }

    /// `for target in iter: ...`.
    pub fn for_loop(target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>, span: Span) -> Built<Stmt> {
        check_target(&target, "assign to")?;
        Ok(Stmt { kind: StmtKind::For(target, iter, body, orelse), span })
    }

    fn check_params(params: &[Param], span: Span) -> Built<()> {
        let mut seen_default = false;
        let mut after_star = false;
        let mut names = std::collections::HashSet::new();
        for p in params {
            if p.name.as_ref() != "*" && !names.insert(p.name.clone()) {
                return fail(format!("duplicate argument '{}' in function definition", p.name), span);
            }
            match p.kind {
                ParamKind::VarArgs => after_star = true,
                ParamKind::Normal if !after_star => {
                    if p.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return fail("non-default argument follows default argument", span);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn function(name: Rc<str>, mut params: Vec<Param>, body: Vec<Stmt>, span: Span) -> Built<Rc<FunctionDef>> {
        check_params(&params, span)?;
        let mut after_star = false;
        for p in &mut params {
            match p.kind {
                ParamKind::VarArgs => after_star = true,
                ParamKind::Normal if after_star => p.kind = ParamKind::KeywordOnly,
                _ => {}
            }
        }
        Ok(Rc::new(FunctionDef { name, params, body, span, layout: Default::default(), compiled: Default::default() }))
    }

    /// `def name(params): body`.
    pub fn def(name: Rc<str>, params: Vec<Param>, body: Vec<Stmt>, span: Span) -> Built<Stmt> {
        let f = function(name.clone(), params, body, span)?;
        Ok(Stmt { kind: StmtKind::Def(f, NameRef::new(name)), span })
    }

    /// `lambda params: body`.
    pub fn lambda(params: Vec<Param>, body: Expr, span: Span) -> Built<Expr> {
        let body_span = body.span;
        let ret = Stmt { kind: StmtKind::Return(Some(body)), span: body_span };
        let f = function(Rc::from("<lambda>"), params, vec![ret], span)?;
        Ok(expr(ExprKind::Lambda(f), span))
    }

    /// A call; a generator-expression argument must be the only argument.
    pub fn call(func: Expr, args: Vec<ArgOrGen>, span: Span) -> Built<Expr> {
        let n = args.len();
        let mut out = Vec::with_capacity(n);
        let mut seen_keyword = false;
        for a in args {
            match a {
                ArgOrGen::Generator(g) => {
                    if n != 1 {
                        return fail("Generator expression must be parenthesized", g.span);
                    }
                    out.push(Arg::Positional(g));
                }
                ArgOrGen::Arg(arg) => {
                    match &arg {
                        Arg::Keyword(..) | Arg::DoubleStar(_) => seen_keyword = true,
                        Arg::Positional(e) if seen_keyword => {
                            return fail("positional argument follows keyword argument", e.span)
                        }
                        _ => {}
                    }
                    out.push(arg);
                }
            }
        }
        Ok(expr(ExprKind::Call(Box::new(func), out), span))
    }

    /// A list or dict comprehension (also generator expressions).
    pub fn comprehension(kind: CompKind, clauses: Vec<Comprehension>, span: Span) -> Expr {
        expr(ExprKind::Comprehension(kind, clauses), span)
    }

    /// Set literals are not part of NPL.
    pub fn set_literal(span: Span) -> Built<Expr> {
        fail("NPL has no sets; use a list (and sorted(...) or np.unique to drop repeats)", span)
    }

    /// `import a.b [as c]`.
    pub fn import(module: Vec<Rc<str>>, alias: Option<Rc<str>>, span: Span) -> Stmt {
        let bound = alias.unwrap_or_else(|| module[0].clone());
        Stmt { kind: StmtKind::Import(module, NameRef::new(bound)), span }
    }

    /// `from a import x [as y], ...`.
    pub fn import_from(module: Vec<Rc<str>>, names: Vec<(Rc<str>, Option<Rc<str>>)>, span: Span) -> Stmt {
        let names = names.into_iter().map(|(n, a)| {
            let bound = a.unwrap_or_else(|| n.clone());
            (n, NameRef::new(bound))
        });
        Stmt { kind: StmtKind::ImportFrom(module, names.collect()), span }
    }

    /// Adjacent string literals joined into one string or f-string.
    pub fn strings(pieces: Vec<StrPiece>, span: Span) -> Built<Expr> {
        if pieces.iter().all(|p| matches!(p, StrPiece::Plain(_))) {
            let mut s = String::new();
            for p in pieces {
                if let StrPiece::Plain(t) = p {
                    s.push_str(&t);
                }
            }
            return Ok(expr(ExprKind::Str(s.into()), span));
        }
        let mut parts = Vec::new();
        for p in pieces {
            match p {
                StrPiece::Plain(t) => parts.push(FStringPart::Text(t)),
                StrPiece::Format(raw) => {
                    let mut split =
                        split_fstring(&raw.body, raw.offset, raw.raw, 0).map_err(|error| ParseError::User { error })?;
                    parts.append(&mut split);
                }
            }
        }
        Ok(expr(ExprKind::FString(parts), span))
    }
}

/// Splits an f-string body into literal text and replacement fields.
fn split_fstring(body: &str, offset: usize, raw: bool, depth: usize) -> Result<Vec<FStringPart>, ParseFail> {
    let err =
        |msg: &str, at: usize| ParseFail::syntax(format!("f-string: {msg}"), Span::new(offset + at, offset + at + 1));
    if depth > 2 {
        return Err(err("expressions nested too deeply", 0));
    }
    let bytes = body.as_bytes();
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let flush_text = |text: &mut String, parts: &mut Vec<FStringPart>| -> Result<(), ParseFail> {
        if !text.is_empty() {
            let decoded = if raw {
                std::mem::take(text)
            } else {
                crate::lexer::decode_escapes(text).map_err(|(m, _)| ParseFail::syntax(m, Span::new(offset, offset)))?
            };
            text.clear();
            parts.push(FStringPart::Text(decoded));
        }
        Ok(())
    };
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'{' {
            if bytes.get(i + 1) == Some(&b'{') {
                text.push('{');
                i += 2;
                continue;
            }
            flush_text(&mut text, &mut parts)?;
            // Find the end of the expression: a top-level '!', ':', '=' (debug) or '}'.
            let start = i + 1;
            let mut j = start;
            let mut nest = 0i32;
            let mut quote: Option<u8> = None;
            while j < bytes.len() {
                let b = bytes[j];
                if let Some(q) = quote {
                    if b == q {
                        quote = None;
                    }
                } else if b == b'\'' || b == b'"' {
                    quote = Some(b);
                } else if b == b'(' || b == b'[' || b == b'{' {
                    nest += 1;
                } else if (b == b')' || b == b']' || b == b'}') && nest > 0 {
                    nest -= 1;
                } else if nest == 0 && (b == b'}' || b == b':' || (b == b'!' && bytes.get(j + 1) != Some(&b'='))) {
                    break;
                }
                j += 1;
            }
            if j >= bytes.len() {
                return Err(err("expecting '}'", i));
            }
            let mut expr_text = &body[start..j];
            let mut debug_text = None;
            let trimmed = expr_text.trim_end();
            if trimmed.ends_with('=')
                && !trimmed.ends_with("==")
                && !trimmed.ends_with("!=")
                && !trimmed.ends_with("<=")
                && !trimmed.ends_with(">=")
            {
                debug_text = Some(expr_text.to_string());
                let eq = trimmed.len() - 1;
                expr_text = &body[start..start + eq];
            }
            if expr_text.trim().is_empty() {
                return Err(err("valid expression required before '}'", j));
            }
            let expr = parse_expression_at(expr_text, offset + start)?;
            let mut conversion = None;
            if bytes[j] == b'!' {
                let conv = bytes.get(j + 1).copied().unwrap_or(b'?') as char;
                if !matches!(conv, 'r' | 's' | 'a') {
                    return Err(err("invalid conversion character: expected 's', 'r', or 'a'", j + 1));
                }
                conversion = Some(conv);
                j += 2;
            }
            let mut spec = Vec::new();
            if bytes.get(j) == Some(&b':') {
                let spec_start = j + 1;
                let mut k = spec_start;
                let mut nest = 0;
                while k < bytes.len() {
                    match bytes[k] {
                        b'{' => nest += 1,
                        b'}' if nest == 0 => break,
                        b'}' => nest -= 1,
                        _ => {}
                    }
                    k += 1;
                }
                if k >= bytes.len() {
                    return Err(err("expecting '}'", j));
                }
                spec = split_fstring(&body[spec_start..k], offset + spec_start, raw, depth + 1)?;
                j = k;
            }
            if bytes.get(j) != Some(&b'}') {
                return Err(err("expecting '}'", j));
            }
            if debug_text.is_some() && conversion.is_none() && spec.is_empty() {
                conversion = Some('r');
            }
            parts.push(FStringPart::Field { expr: Box::new(expr), conversion, spec, debug_text });
            i = j + 1;
        } else if c == b'}' {
            if bytes.get(i + 1) == Some(&b'}') {
                text.push('}');
                i += 2;
                continue;
            }
            return Err(err("single '}' is not allowed", i));
        } else {
            let ch_len = body[i..].chars().next().map_or(1, |ch| ch.len_utf8());
            text.push_str(&body[i..i + ch_len]);
            i += ch_len;
        }
    }
    flush_text(&mut text, &mut parts)?;
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_precedence_and_blocks() {
        let prog = parse_program("x = -2**2\nif x < 0 and not x == 1:\n    print(x)\n").unwrap();
        assert_eq!(prog.len(), 2);
        match &prog[0].kind {
            StmtKind::Assign(_, e) => assert!(matches!(e.kind, ExprKind::Unary(UnaryOp::Neg, _))),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn parses_slices_and_fstrings() {
        parse_program("X[1:3, ::2]\nX[..., None]\nf'{x:.3f} {y!r} {z=}'\n").unwrap();
    }

    #[test]
    fn reports_unexpected_eof_as_incomplete() {
        let e = parse_program("x = (1,\n").unwrap_err();
        assert!(e.incomplete, "{e:?}");
    }

    #[test]
    fn class_gets_a_friendly_message() {
        let e = parse_program("class A:\n    pass\n").unwrap_err();
        assert!(e.message.contains("no classes"), "{e:?}");
    }
}
