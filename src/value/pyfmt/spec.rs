//! Parsing of Python's format-spec mini-language:
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.

/// A parsed format specification, with the caller's defaults applied.
#[derive(Debug, Clone)]
pub(super) struct FormatSpec {
    /// Padding character (default ' ').
    pub fill: char,
    /// One of '<', '>', '^', '='.
    pub align: char,
    /// '+', '-' or ' ' when given.
    pub sign: Option<char>,
    /// The 'z' flag: turn negative zero into positive zero after rounding.
    pub no_neg_zero: bool,
    /// The '#' flag.
    pub alternate: bool,
    /// Minimum total width in characters.
    pub width: Option<usize>,
    /// Thousands separator: ',' or '_'.
    pub grouping: Option<char>,
    /// Digits after the point (or significant digits, or max chars for str).
    pub precision: Option<usize>,
    /// Presentation type; `None` is Python's "no type given".
    pub kind: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Python shows a type code as `'x'` when printable ASCII, else as `'\x..'`.
pub(super) fn quote_code(c: char) -> String {
    let code = c as u32;
    if code > 32 && code < 128 {
        format!("'{}'", c)
    } else {
        format!("'\\x{:x}'", code)
    }
}

/// The ValueError message for a presentation type a value does not support.
pub(super) fn unknown_code(c: char, type_name: &str) -> String {
    format!("Unknown format code {} for object of type '{}'", quote_code(c), type_name)
}

/// Reads a run of ASCII digits at `*pos`; `Ok(None)` when there are none.
fn read_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
    let mut value: usize = 0;
    let mut count = 0usize;
    while let Some(digit) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        let digit = digit as usize;
        if value > (isize::MAX as usize - digit) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        value = value * 10 + digit;
        count += 1;
        *pos += 1;
    }
    Ok(if count == 0 { None } else { Some(value) })
}

/// Parses `spec` the way CPython's `parse_internal_render_format_spec` does.
/// `type_name` is used in error messages; `default_type` / `default_align`
/// are the object's defaults ('d'/'>' for int, None/'>' for float, 's'/'<' for str).
pub(super) fn parse_spec(
    spec: &str,
    type_name: &str,
    default_type: Option<char>,
    default_align: char,
) -> Result<FormatSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0usize;
    let mut parsed = FormatSpec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_neg_zero: false,
        alternate: false,
        width: None,
        grouping: None,
        precision: None,
        kind: default_type,
    };
    let mut fill_given = false;
    let mut align_given = false;

    if end >= 2 && is_align(chars[1]) {
        parsed.fill = chars[0];
        parsed.align = chars[1];
        fill_given = true;
        align_given = true;
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        parsed.align = chars[0];
        align_given = true;
        pos = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
        parsed.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        parsed.no_neg_zero = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        parsed.alternate = true;
        pos += 1;
    }
    if !fill_given && chars.get(pos) == Some(&'0') {
        parsed.fill = '0';
        if !align_given && default_align == '>' {
            parsed.align = '=';
        }
        pos += 1;
    }
    parsed.width = read_integer(&chars, &mut pos)?;

    let both_separators = || "Cannot specify both ',' and '_'.".to_string();
    if chars.get(pos) == Some(&',') {
        parsed.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if parsed.grouping.is_some() {
            return Err(both_separators());
        }
        parsed.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && parsed.grouping == Some('_') {
        return Err(both_separators());
    }

    if chars.get(pos) == Some(&'.') {
        pos += 1;
        match read_integer(&chars, &mut pos)? {
            Some(p) => parsed.precision = Some(p),
            None => return Err("Format specifier missing precision".to_string()),
        }
    }

    if end - pos > 1 {
        return Err(format!("Invalid format specifier '{}' for object of type '{}'", spec, type_name));
    }
    if end - pos == 1 {
        // A literal NUL is CPython's "no type" marker; floats and complex
        // treat it so, ints and strs then reject it as an unknown code.
        parsed.kind = Some(chars[pos]);
    }

    if let Some(sep) = parsed.grouping {
        match parsed.kind {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0') => {}
            Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
            Some(c) => return Err(format!("Cannot specify '{}' with {}.", sep, quote_code(c))),
        }
    }
    Ok(parsed)
}
