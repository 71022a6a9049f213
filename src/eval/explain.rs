//! Errors that teach: under NumPy's message for a broadcasting or `@`
//! shape error, the expression with a caret under the operator and the
//! operands' shapes aligned axis by axis, the disagreeing axis marked.

use super::error::Source;
use crate::ast::Span;

/// The note for a shape error of the binary operator between `left` and
/// `right` (spans in `source`), whose operands have shapes `a` and `b`.
pub fn explain_operator_shapes(
    source: &Source,
    left: Span,
    right: Span,
    a: &[usize],
    b: &[usize],
    matmul: bool,
) -> String {
    let mut note = operator_caret(source, left, right).unwrap_or_default();
    note.push_str(&if matmul { matmul_shapes(a, b) } else { broadcast_shapes(a, b) });
    note
}

/// The line of the operator with a caret under it (indented as the
/// traceback's source lines are).
fn operator_caret(source: &Source, left: Span, right: Span) -> Option<String> {
    let text = source.text.as_str();
    let between = text.get(left.end..right.start)?;
    let offset = between.find(|c: char| !c.is_whitespace() && c != ')')?;
    let op_pos = left.end + offset;
    let op_len = between[offset..].find(|c: char| c.is_whitespace() || c == '(').unwrap_or(1).max(1);
    let (line, line_start) = source.line_at(op_pos);
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let column = text.get(line_start + indent..op_pos)?.chars().count();
    Some(format!("    {}\n    {}{}\n", trimmed.trim_end(), " ".repeat(column), "^".repeat(op_len)))
}

/// A shape as cells aligned to `nd` axes from the right (blank where the
/// array has fewer axes).
fn cells(shape: &[usize], nd: usize) -> Vec<String> {
    let pad = nd - shape.len();
    (0..nd).map(|i| if i < pad { String::new() } else { shape[i - pad].to_string() }).collect()
}

fn table(rows: &[(&str, Vec<String>)], width: usize) -> String {
    let label = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (name, cells) in rows {
        let line: Vec<String> = cells.iter().map(|c| format!("{c:>width$}")).collect();
        out.push_str(format!("  {name:<label$}  {}", line.join("  ")).trim_end());
        out.push('\n');
    }
    out
}

/// Broadcasting: axes compared from the right; sizes must match or be 1.
fn broadcast_shapes(a: &[usize], b: &[usize]) -> String {
    let nd = a.len().max(b.len());
    let (ca, cb) = (cells(a, nd), cells(b, nd));
    let bad: Vec<bool> = (0..nd)
        .map(|i| !ca[i].is_empty() && !cb[i].is_empty() && ca[i] != cb[i] && ca[i] != "1" && cb[i] != "1")
        .collect();
    let axes: Vec<String> = (0..nd).map(|i| format!("{}", i as i64 - nd as i64)).collect();
    let width = ca.iter().chain(&cb).chain(&axes).map(|c| c.len()).max().unwrap_or(1);
    let marks: Vec<String> = bad.iter().map(|&m| if m { "^".to_string() } else { String::new() }).collect();
    let mut out = table(&[("axis", axes), ("left", ca.clone()), ("right", cb.clone()), ("", marks)], width);
    if let Some(i) = bad.iter().position(|&m| m) {
        out.push_str(&format!(
            "  axis {} disagrees: sizes {} and {} (broadcasting needs equal sizes, or 1)\n",
            i as i64 - nd as i64,
            ca[i],
            cb[i]
        ));
    }
    out
}

/// `@`: the left's last axis must equal the right's second-to-last (its
/// only axis for a vector).
fn matmul_shapes(a: &[usize], b: &[usize]) -> String {
    let nd = a.len().max(b.len());
    let (ca, cb) = (cells(a, nd), cells(b, nd));
    let width = ca.iter().chain(&cb).map(|c| c.len()).max().unwrap_or(1);
    let mark = |at: Option<usize>| -> Vec<String> {
        (0..nd).map(|i| if Some(i) == at { "^".to_string() } else { String::new() }).collect()
    };
    let left_axis = nd.checked_sub(1);
    let right_axis = if b.len() >= 2 { nd.checked_sub(2) } else { nd.checked_sub(1) };
    let mut out = table(&[("left", ca), ("", mark(left_axis)), ("right", cb), ("", mark(right_axis))], width);
    let k_left = a.last().map_or("?".to_string(), |k| k.to_string());
    let k_right =
        (if b.len() >= 2 { b.get(b.len() - 2) } else { b.first() }).map_or("?".to_string(), |k| k.to_string());
    out.push_str(&format!(
        "  @ needs the last axis of the left ({k_left}) to equal the {} axis of the right ({k_right})\n",
        if b.len() >= 2 { "second-to-last" } else { "only" }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broadcast_error_marks_the_operator_and_the_axis() {
        let source = Source::new("<stdin>", "y = X + np.ones(3)\n");
        let note = explain_operator_shapes(&source, Span::new(4, 5), Span::new(8, 18), &[2, 2], &[3], false);
        assert_eq!(
            note,
            "    y = X + np.ones(3)\n          ^\n  axis   -2  -1\n  left    2   2\n  right       3\n              ^\n  axis -1 disagrees: sizes 2 and 3 (broadcasting needs equal sizes, or 1)\n"
        );
    }

    #[test]
    fn a_matmul_error_marks_the_contracted_axes() {
        let source = Source::new("<stdin>", "A @ B\n");
        let note = explain_operator_shapes(&source, Span::new(0, 1), Span::new(4, 5), &[2, 3], &[4, 5], true);
        assert_eq!(
            note,
            "    A @ B\n      ^\n  left   2  3\n            ^\n  right  4  5\n         ^\n  @ needs the last axis of the left (3) to equal the second-to-last axis of the right (4)\n"
        );
        let vector = explain_operator_shapes(&source, Span::new(0, 1), Span::new(4, 5), &[2, 3], &[4], true);
        assert!(vector.contains("the only axis of the right (4)"), "{vector}");
    }
}
