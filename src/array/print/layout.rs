//! Which elements are shown (summarization with `...`) and how the shown
//! words are laid out: nested brackets, separators, blank lines between
//! blocks, and wrapping at the line width (NumPy's `_formatArray`,
//! legacy=False).

use std::borrow::Cow;

/// What is shown of one axis.
#[derive(Clone, Debug)]
struct AxisPlan {
    /// Length of the axis in the array.
    len: usize,
    /// Indices along the axis of the values that decide the number format
    /// (NumPy's `_leading_trailing`), ascending.
    format_indices: Vec<usize>,
    /// Shown items, as positions into `format_indices`, in order.
    shown: Vec<usize>,
    /// `Some(k)`: a `...` goes before shown item `k`.
    summary_before: Option<usize>,
}

/// The shown part of an array: per axis, which items are printed and where
/// the `...` goes.
#[derive(Clone, Debug)]
pub(super) struct ShownPlan {
    axes: Vec<AxisPlan>,
    /// Whether any axis drops items (the format set is not the whole array).
    any_summarized: bool,
}

impl ShownPlan {
    /// Plans an array of `shape`; `summarize` is NumPy's `size > threshold`.
    /// Every axis longer than `2 * edgeitems` then shows only its edges.
    pub(super) fn new(shape: &[usize], summarize: bool, edgeitems: usize) -> ShownPlan {
        let mut any_summarized = false;
        let axes = shape
            .iter()
            .map(|&len| {
                let cut = summarize && edgeitems.saturating_mul(2) < len;
                if !cut {
                    return AxisPlan {
                        len,
                        format_indices: (0..len).collect(),
                        shown: (0..len).collect(),
                        summary_before: None,
                    };
                }
                any_summarized = true;
                if edgeitems == 0 {
                    // NumPy keeps `a[:0]` and `a[-0:]` (the whole axis) for
                    // the format, and shows `...` then the last item.
                    AxisPlan { len, format_indices: (0..len).collect(), shown: vec![len - 1], summary_before: Some(0) }
                } else {
                    let format_indices: Vec<usize> = (0..edgeitems).chain(len - edgeitems..len).collect();
                    AxisPlan {
                        len,
                        format_indices,
                        shown: (0..2 * edgeitems).collect(),
                        summary_before: Some(edgeitems),
                    }
                }
            })
            .collect();
        ShownPlan { axes, any_summarized }
    }

    /// The values that decide the number format, in C order of the format
    /// set. Borrows `data` when nothing is summarized; a `data` shorter
    /// than the shape is completed with default values.
    pub(super) fn format_values<'a, T: Copy + Default>(&self, data: &'a [T]) -> Cow<'a, [T]> {
        let full_size = self.axes.iter().fold(1usize, |size, axis| size.saturating_mul(axis.format_indices.len()));
        if !self.any_summarized && data.len() == full_size {
            return Cow::Borrowed(data);
        }
        // Strides of the full array, in elements.
        let mut strides = vec![0usize; self.axes.len()];
        let mut stride = 1usize;
        for (axis, plan) in self.axes.iter().enumerate().rev() {
            strides[axis] = stride;
            stride = stride.saturating_mul(plan.len);
        }
        let lists: Vec<&[usize]> = self.axes.iter().map(|a| a.format_indices.as_slice()).collect();
        let mut values = Vec::with_capacity(full_size.min(data.len().max(1)));
        for_each_offset(&lists, &strides, |offset| {
            values.push(data.get(offset).copied().unwrap_or_default());
        });
        Cow::Owned(values)
    }

    /// For each shown element in C order, its index into the format set
    /// (as returned by `format_values`).
    pub(super) fn shown_format_positions(&self) -> Vec<usize> {
        let mut strides = vec![0usize; self.axes.len()];
        let mut stride = 1usize;
        for (axis, plan) in self.axes.iter().enumerate().rev() {
            strides[axis] = stride;
            stride = stride.saturating_mul(plan.format_indices.len());
        }
        let lists: Vec<&[usize]> = self.axes.iter().map(|a| a.shown.as_slice()).collect();
        let mut positions = Vec::new();
        for_each_offset(&lists, &strides, |offset| positions.push(offset));
        positions
    }
}

/// Calls `visit` with `Σ lists[k][i_k] * strides[k]` for every combination
/// of items, in C order. With no axes it visits offset 0 once.
fn for_each_offset(lists: &[&[usize]], strides: &[usize], mut visit: impl FnMut(usize)) {
    if lists.iter().any(|list| list.is_empty()) {
        return;
    }
    let ndim = lists.len();
    let mut counters = vec![0usize; ndim];
    loop {
        let offset = counters
            .iter()
            .zip(lists)
            .zip(strides)
            .fold(0usize, |acc, ((&i, list), &stride)| acc.saturating_add(list[i].saturating_mul(stride)));
        visit(offset);
        // Advance the odometer.
        let mut axis = ndim;
        loop {
            if axis == 0 {
                return;
            }
            axis -= 1;
            counters[axis] += 1;
            if counters[axis] < lists[axis].len() {
                break;
            }
            counters[axis] = 0;
        }
    }
}

/// Lays out the formatted shown elements `words` (C order over the shown
/// items of `plan`) with `separator` between items, wrapping lines longer
/// than `line_width`. `hanging_indent` is the column where the first item
/// starts (1 for `str`, 7 for `repr`'s `array(`). A 0-d array is its only
/// word.
pub(super) fn lay_out(
    plan: &ShownPlan,
    words: &[String],
    separator: &str,
    line_width: isize,
    hanging_indent: usize,
) -> String {
    let ndim = plan.axes.len();
    let mut word_strides = vec![0usize; ndim];
    let mut stride = 1usize;
    for axis in (0..ndim).rev() {
        word_strides[axis] = stride;
        stride = stride.saturating_mul(plan.axes[axis].shown.len());
    }
    let layout = Layout { plan, words, word_strides, separator, separator_trimmed: separator.trim_end_matches(' ') };
    let mut out = String::new();
    layout.write_block(0, 0, hanging_indent, line_width, &mut out);
    out
}

struct Layout<'a> {
    plan: &'a ShownPlan,
    words: &'a [String],
    word_strides: Vec<usize>,
    separator: &'a str,
    separator_trimmed: &'a str,
}

/// The line being filled while laying out one row: its text starts with
/// the hanging indent, which the first line of a block does not print (the
/// brackets and prefix stand in its place).
struct Row<'o> {
    out: &'o mut String,
    line: String,
    hanging_indent: usize,
    first_line: bool,
}

impl Row<'_> {
    /// Appends `word`, first breaking the line if it would pass `width`
    /// (never on a line holding nothing but the indent).
    fn extend(&mut self, word: &str, width: isize) {
        let too_long = (self.line.len() + word.len()) as isize > width;
        if too_long && self.line.len() > self.hanging_indent {
            self.flush();
            self.out.push('\n');
            self.line.clear();
            for _ in 0..self.hanging_indent {
                self.line.push(' ');
            }
        }
        self.line.push_str(word);
    }

    /// Moves the current line (trailing spaces dropped) into the output.
    fn flush(&mut self) {
        let text = self.line.trim_end_matches(' ');
        self.push_line(text.len());
    }

    /// Moves the first `len` bytes of the line into the output.
    fn push_line(&mut self, len: usize) {
        let text = self.line.get(..len).unwrap_or("");
        let text = if self.first_line { text.get(self.hanging_indent..).unwrap_or("") } else { text };
        self.out.push_str(text);
        self.first_line = false;
    }
}

impl Layout<'_> {
    fn word(&self, index: usize) -> &str {
        self.words.get(index).map_or("", String::as_str)
    }

    fn write_block(&self, axis: usize, offset: usize, hanging_indent: usize, width: isize, out: &mut String) {
        let Some(axis_plan) = self.plan.axes.get(axis) else {
            out.push_str(self.word(offset));
            return;
        };
        let axes_left = self.plan.axes.len() - axis;
        let stride = self.word_strides[axis];
        let count = axis_plan.shown.len();
        out.push('[');
        if axes_left == 1 {
            let elem_width = width - self.separator_trimmed.len().max(1) as isize;
            let mut row = Row { out, line: " ".repeat(hanging_indent), hanging_indent, first_line: true };
            for item in 0..count {
                if axis_plan.summary_before == Some(item) {
                    row.extend("...", elem_width);
                    row.line.push_str(self.separator);
                }
                row.extend(self.word(offset + item * stride), elem_width);
                if item + 1 < count {
                    row.line.push_str(self.separator);
                }
            }
            let len = row.line.len();
            row.push_line(len);
        } else {
            let mut line_separator = self.separator_trimmed.to_string();
            for _ in 1..axes_left {
                line_separator.push('\n');
            }
            let mut first = true;
            let mut start_item = |out: &mut String| {
                if !first {
                    out.push_str(&line_separator);
                    for _ in 0..hanging_indent {
                        out.push(' ');
                    }
                }
                first = false;
            };
            for item in 0..count {
                if axis_plan.summary_before == Some(item) {
                    start_item(out);
                    out.push_str("...");
                }
                start_item(out);
                self.write_block(axis + 1, offset + item * stride, hanging_indent + 1, width - 1, out);
            }
        }
        out.push(']');
    }
}
