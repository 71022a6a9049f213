//! Placing sign, prefix, grouped digits and padding, as CPython's
//! `calc_number_widths` / `fill_number` / `calc_padding` do.

use super::spec::FormatSpec;
use super::{MAX_FORMAT_LENGTH, TOO_LARGE_MESSAGE};

/// Rejects widths we refuse to allocate (CPython would try, then MemoryError).
pub(super) fn check_width(spec: &FormatSpec) -> Result<(), String> {
    match spec.width {
        Some(w) if w > MAX_FORMAT_LENGTH => Err(TOO_LARGE_MESSAGE.to_string()),
        _ => Ok(()),
    }
}

/// An unsigned number's text split like CPython's `parse_number`:
/// leading digits, whether a '.' follows, and everything after it.
pub(super) struct NumberBody<'a> {
    pub digits: &'a str,
    pub has_decimal: bool,
    pub remainder: &'a str,
}

impl<'a> NumberBody<'a> {
    /// Splits text such as `1234.5e+03%`, `ff` or `inf`.
    pub fn split(text: &'a str) -> Self {
        let digit_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let digits = &text[..digit_end];
        let rest = &text[digit_end..];
        match rest.strip_prefix('.') {
            Some(after_point) => NumberBody { digits, has_decimal: true, remainder: after_point },
            None => NumberBody { digits, has_decimal: false, remainder: rest },
        }
    }

    /// An integer's digits in any base (all of them are grouped).
    pub fn integer(digits: &'a str) -> Self {
        NumberBody { digits, has_decimal: false, remainder: "" }
    }

    /// A body that is all "remainder" (used for the 'c' type).
    pub fn opaque(text: &'a str) -> Self {
        NumberBody { digits: "", has_decimal: false, remainder: text }
    }
}

/// Thousands grouping: separator character and group size.
#[derive(Clone, Copy)]
pub(super) struct Grouping {
    pub separator: char,
    pub size: usize,
}

/// Inserts separators into `digits` (ASCII), left-padding with '0' (and
/// separators) until at least `min_width` characters, the way CPython's
/// `_PyUnicode_InsertThousandsGrouping` does.
fn group_digits(digits: &str, min_width: isize, grouping: Option<Grouping>) -> String {
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width.max(0);
    // Pieces are collected right to left and reversed at the end.
    let mut pieces: Vec<String> = Vec::new();
    let mut take_piece = |len: isize, remaining: &mut isize| {
        let zeros = (len - *remaining).max(0) as usize;
        let take = (*remaining).min(len).max(0);
        let start = (*remaining - take) as usize;
        let end = *remaining as usize;
        let mut piece = "0".repeat(zeros);
        piece.push_str(digits.get(start..end).unwrap_or(""));
        *remaining -= take;
        pieces.push(piece);
    };
    match grouping {
        None => {
            let len = remaining.max(min_width).max(1);
            take_piece(len, &mut remaining);
        }
        Some(group) => {
            let size = group.size as isize;
            loop {
                let len = size.min(remaining.max(min_width).max(1));
                take_piece(len, &mut remaining);
                min_width -= len;
                if remaining <= 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1;
            }
        }
    }
    let separator = grouping.map(|g| g.separator.to_string()).unwrap_or_default();
    pieces.reverse();
    pieces.join(&separator)
}

/// Lays out a number: `<lpad><sign><prefix><spad><digits><.><remainder><rpad>`.
pub(super) fn layout_number(
    negative: bool,
    prefix: &str,
    body: &NumberBody,
    spec: &FormatSpec,
    grouping: Option<Grouping>,
) -> Result<String, String> {
    check_width(spec)?;
    let sign = match (negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Some('+')) => Some('+'),
        (false, Some(' ')) => Some(' '),
        _ => None,
    };
    let non_digit_len =
        sign.map_or(0, |_| 1) + prefix.chars().count() + usize::from(body.has_decimal) + body.remainder.chars().count();
    let width = spec.width.unwrap_or(0) as isize;
    let min_width = if spec.fill == '0' && spec.align == '=' { width - non_digit_len as isize } else { 0 };
    let grouped = if body.digits.is_empty() { String::new() } else { group_digits(body.digits, min_width, grouping) };
    let padding = (width - (non_digit_len + grouped.len()) as isize).max(0) as usize;
    let (left, middle, right) = match spec.align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let fill = |n: usize| std::iter::repeat_n(spec.fill, n);
    let mut out = String::with_capacity(non_digit_len + grouped.len() + padding);
    out.extend(fill(left));
    out.extend(sign);
    out.push_str(prefix);
    out.extend(fill(middle));
    out.push_str(&grouped);
    if body.has_decimal {
        out.push('.');
    }
    out.push_str(body.remainder);
    out.extend(fill(right));
    Ok(out)
}

/// Pads already-built text to the spec's width (CPython's `calc_padding`);
/// '=' behaves like '<' here.
pub(super) fn pad_text(text: &str, spec: &FormatSpec) -> Result<String, String> {
    check_width(spec)?;
    let len = text.chars().count();
    let total = spec.width.unwrap_or(0).max(len);
    let padding = total - len;
    let left = match spec.align {
        '>' => padding,
        '^' => padding / 2,
        _ => 0,
    };
    let mut out = String::with_capacity(text.len() + padding);
    out.extend(std::iter::repeat_n(spec.fill, left));
    out.push_str(text);
    out.extend(std::iter::repeat_n(spec.fill, padding - left));
    Ok(out)
}
