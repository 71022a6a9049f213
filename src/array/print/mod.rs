//! Array printing exactly as NumPy 2.x prints (`str` and `repr` of arrays,
//! legacy=False rules), independent of the interpreter: it sees only the
//! element data, the shape and the print options.
//!
//! Pipeline: decide which elements are shown (summarization), choose one
//! format from the values that decide it, format each shown element once,
//! then lay the words out with brackets and line wrapping.

mod digits;
#[cfg(test)]
mod edge_tests;
mod float_format;
mod layout;
#[cfg(test)]
mod layout_tests;
#[cfg(test)]
mod special_tests;
#[cfg(test)]
mod tests;

use super::cancel;
use num_complex::Complex64;

pub use digits::{python_complex_repr, python_float_repr};
use float_format::FloatFormat;
use layout::{lay_out, ShownPlan};

/// Element data of an array in C (row-major) order, borrowed.
#[derive(Clone, Copy, Debug)]
pub enum Elems<'a> {
    /// dtype `bool`.
    Bool(&'a [bool]),
    /// dtype `int64`.
    Int(&'a [i64]),
    /// dtype `float64`.
    Float(&'a [f64]),
    /// dtype `complex128`.
    Complex(&'a [Complex64]),
}

impl Elems<'_> {
    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Elems::Bool(data) => data.len(),
            Elems::Int(data) => data.len(),
            Elems::Float(data) => data.len(),
            Elems::Complex(data) => data.len(),
        }
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// NumPy's name of the dtype (`bool`, `int64`, `float64`, `complex128`).
    pub fn dtype_name(&self) -> &'static str {
        match self {
            Elems::Bool(_) => "bool",
            Elems::Int(_) => "int64",
            Elems::Float(_) => "float64",
            Elems::Complex(_) => "complex128",
        }
    }
}

/// How many fraction digits floats show (NumPy's `floatmode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatMode {
    /// `'maxprec'` (default): shortest digits, at most `precision`, each
    /// element its own count.
    MaxPrec,
    /// `'fixed'`: always exactly `precision` digits.
    Fixed,
    /// `'unique'`: shortest round-trip digits, `precision` ignored.
    Unique,
    /// `'maxprec_equal'`: at most `precision`, the same count for all.
    MaxPrecEqual,
}

impl FloatMode {
    /// Parses NumPy's option string (`"maxprec"`, `"fixed"`, `"unique"`,
    /// `"maxprec_equal"`).
    pub fn from_name(name: &str) -> Option<FloatMode> {
        match name {
            "maxprec" => Some(FloatMode::MaxPrec),
            "fixed" => Some(FloatMode::Fixed),
            "unique" => Some(FloatMode::Unique),
            "maxprec_equal" => Some(FloatMode::MaxPrecEqual),
            _ => None,
        }
    }

    /// NumPy's option string for this mode.
    pub fn name(self) -> &'static str {
        match self {
            FloatMode::MaxPrec => "maxprec",
            FloatMode::Fixed => "fixed",
            FloatMode::Unique => "unique",
            FloatMode::MaxPrecEqual => "maxprec_equal",
        }
    }
}

/// Sign of positive numbers (NumPy's `sign` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignMode {
    /// `'-'` (default): only negative numbers get a sign.
    Minus,
    /// `'+'`: positive numbers get `+`.
    Plus,
    /// `' '`: positive numbers get a space.
    Space,
}

impl SignMode {
    /// Parses NumPy's option string (`"-"`, `"+"`, `" "`).
    pub fn from_name(name: &str) -> Option<SignMode> {
        match name {
            "-" => Some(SignMode::Minus),
            "+" => Some(SignMode::Plus),
            " " => Some(SignMode::Space),
            _ => None,
        }
    }

    /// NumPy's option string for this mode.
    pub fn name(self) -> &'static str {
        match self {
            SignMode::Minus => "-",
            SignMode::Plus => "+",
            SignMode::Space => " ",
        }
    }
}

/// NumPy's print options (np.set_printoptions / get_printoptions).
#[derive(Clone, Debug, PartialEq)]
pub struct PrintOptions {
    /// Maximum fraction digits of floats (default 8).
    pub precision: usize,
    /// Arrays with more elements than this are summarized (default 1000).
    pub threshold: usize,
    /// Items shown at each end of a summarized axis (default 3).
    pub edgeitems: usize,
    /// Characters per line before wrapping (default 75).
    pub linewidth: usize,
    /// Never use scientific notation for small values (default false).
    pub suppress: bool,
    /// Float digit mode (default `MaxPrec`).
    pub floatmode: FloatMode,
    /// Sign of positive numbers (default `Minus`).
    pub sign: SignMode,
}

impl Default for PrintOptions {
    fn default() -> PrintOptions {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            floatmode: FloatMode::MaxPrec,
            sign: SignMode::Minus,
        }
    }
}

/// Number of elements of `shape` (saturating on absurd shapes).
fn element_count(shape: &[usize]) -> usize {
    shape.iter().fold(1usize, |size, &len| size.saturating_mul(len))
}

/// `shape`, or — when it does not hold exactly the elements given (a
/// caller bug) — the 1-D shape of the elements, so that printing stays
/// well defined and bounded by the data.
fn checked_shape<'s>(elems: &Elems, shape: &'s [usize], fallback: &'s mut [usize; 1]) -> &'s [usize] {
    let count = shape.iter().try_fold(1usize, |size, &len| size.checked_mul(len));
    if count == Some(elems.len()) {
        shape
    } else {
        fallback[0] = elems.len();
        &fallback[..]
    }
}

/// The line width as a signed number (widths shrink below zero when deeply
/// nested under a tiny `linewidth`).
fn signed_width(linewidth: usize) -> isize {
    isize::try_from(linewidth).unwrap_or(isize::MAX)
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [only] => format!("({only},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// What `str(a)` / `print(a)` shows. `elems` must hold the product of
/// `shape` elements (otherwise they are printed as a 1-D array).
pub fn array_str(elems: Elems, shape: &[usize], opts: &PrintOptions) -> String {
    let mut fallback = [0];
    let shape = checked_shape(&elems, shape, &mut fallback);
    if shape.is_empty() {
        return scalar_str(elems);
    }
    if element_count(shape) == 0 {
        return "[]".to_string();
    }
    format_array(elems, shape, opts, " ", 0, signed_width(opts.linewidth))
}

/// What `repr(a)` shows: `array([...])`, with `dtype=...` and `shape=...`
/// exactly where NumPy shows them (e.g. empty arrays
/// `array([], dtype=float64)`, `array([], shape=(0, 3), dtype=int64)`,
/// summarized arrays `array([ 0,  1, ..., 999], shape=(1000,))`).
/// `elems` must hold the product of `shape` elements (otherwise they are
/// printed as a 1-D array).
pub fn array_repr(elems: Elems, shape: &[usize], opts: &PrintOptions) -> String {
    let mut fallback = [0];
    let shape = checked_shape(&elems, shape, &mut fallback);
    const PREFIX: &str = "array(";
    let size = element_count(shape);
    let body = if size == 0 {
        "[]".to_string()
    } else {
        // The closing ")" counts against the line width.
        let width = signed_width(opts.linewidth) - 1;
        format_array(elems, shape, opts, ", ", PREFIX.len(), width)
    };

    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || size > opts.threshold {
        extras.push(format!("shape={}", shape_tuple(shape)));
    }
    if size == 0 {
        extras.push(format!("dtype={}", elems.dtype_name()));
    }
    if extras.is_empty() {
        return format!("{PREFIX}{body})");
    }
    let mut out = format!("{PREFIX}{body},");
    let extra_text = extras.join(", ");
    let last_line_len = out.len() - out.rfind('\n').map_or(0, |newline| newline + 1);
    if last_line_len + extra_text.len() + 2 > opts.linewidth {
        out.push('\n');
        out.push_str(&" ".repeat(PREFIX.len()));
    } else {
        out.push(' ');
    }
    out.push_str(&extra_text);
    out.push(')');
    out
}

/// `str` of a 0-d array: the str of its scalar, as Python prints it
/// (print options do not apply).
fn scalar_str(elems: Elems) -> String {
    match elems {
        Elems::Bool(data) => if data.first().copied().unwrap_or_default() { "True" } else { "False" }.to_string(),
        Elems::Int(data) => data.first().copied().unwrap_or_default().to_string(),
        Elems::Float(data) => python_float_repr(data.first().copied().unwrap_or_default()),
        Elems::Complex(data) => {
            let value = data.first().copied().unwrap_or_default();
            python_complex_repr(value.re, value.im)
        }
    }
}

/// Formats a non-empty array (or a 0-d one, for repr): summarization plan,
/// one format from the deciding values, each shown element formatted once,
/// then the layout.
fn format_array(
    elems: Elems,
    shape: &[usize],
    opts: &PrintOptions,
    separator: &str,
    prefix_len: usize,
    line_width: isize,
) -> String {
    let summarize = element_count(shape) > opts.threshold;
    let plan = ShownPlan::new(shape, summarize, opts.edgeitems);
    let positions = plan.shown_format_positions();
    // Ctrl-C is checked before every word: once a stop is requested no
    // further word is made and no text is laid out; the host, which checks
    // `cancel` after printing, drops the empty text.
    let words: Option<Vec<String>> = match elems {
        Elems::Bool(data) => {
            let values = plan.format_values(data);
            let true_word = if shape.is_empty() { "True" } else { " True" };
            collect_words(&positions, |i| {
                let value = values.get(i).copied().unwrap_or_default();
                if value { true_word } else { "False" }.to_string()
            })
        }
        Elems::Int(data) => {
            let values = plan.format_values(data);
            let format = IntFormat::new(&values, opts.sign);
            collect_words(&positions, |i| format.format(values.get(i).copied().unwrap_or_default()))
        }
        Elems::Float(data) => {
            let values = plan.format_values(data);
            let format = FloatFormat::new(&values, opts, opts.sign);
            collect_words(&positions, |i| {
                let mut word = String::new();
                format.write(i, values.get(i).copied().unwrap_or_default(), &mut word);
                word
            })
        }
        Elems::Complex(data) => {
            let values = plan.format_values(data);
            let reals: Vec<f64> = values.iter().map(|z| z.re).collect();
            let imags: Vec<f64> = values.iter().map(|z| z.im).collect();
            let real_format = FloatFormat::new(&reals, opts, opts.sign);
            let imag_format = FloatFormat::new(&imags, opts, SignMode::Plus);
            collect_words(&positions, |i| {
                let value = values.get(i).copied().unwrap_or_default();
                let mut word = String::new();
                real_format.write(i, value.re, &mut word);
                let imag_start = word.len();
                imag_format.write(i, value.im, &mut word);
                // The `j` goes before the imaginary part's right padding.
                let padded_end = word.trim_end_matches(' ').len().max(imag_start);
                word.insert(padded_end, 'j');
                word
            })
        }
    };
    let Some(words) = words else { return String::new() };
    lay_out(&plan, &words, separator, line_width, 1 + prefix_len)
}

/// The word of each shown position, or `None` as soon as Ctrl-C is
/// requested (a stop in a 10^7-element print then takes one word, not the
/// rest of the pass and the layout).
fn collect_words(positions: &[usize], mut word: impl FnMut(usize) -> String) -> Option<Vec<String>> {
    let mut words = Vec::with_capacity(positions.len());
    for &i in positions {
        if cancel::is_requested() {
            return None;
        }
        words.push(word(i));
    }
    Some(words)
}

/// NumPy's `IntegerFormat`: right-aligned to the widest of the deciding
/// values, with the sign option applied.
struct IntFormat {
    width: usize,
    sign: SignMode,
}

impl IntFormat {
    fn new(values: &[i64], sign: SignMode) -> IntFormat {
        let (Some(&max), Some(&min)) = (values.iter().max(), values.iter().min()) else {
            return IntFormat { width: 0, sign };
        };
        let mut sign = sign;
        if sign == SignMode::Space && min < 0 {
            sign = SignMode::Minus;
        }
        let mut max_len = max.to_string().len();
        if max >= 0 && sign != SignMode::Minus {
            max_len += 1;
        }
        IntFormat { width: max_len.max(min.to_string().len()), sign }
    }

    fn format(&self, value: i64) -> String {
        let text = match self.sign {
            SignMode::Plus if value >= 0 => format!("+{value}"),
            SignMode::Space if value >= 0 => format!(" {value}"),
            _ => value.to_string(),
        };
        format!("{text:>width$}", width = self.width)
    }
}
