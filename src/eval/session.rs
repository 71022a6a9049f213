//! What the prompt asks of a session: its user variables, the `:vars`
//! table, clearing, and `:save` / `:restore` to one `.npz` file.

use super::Interp;
use crate::array::{Array, NdArray};
use crate::value::Value;
use comfy_table::{presets, CellAlignment, Table};
use std::io::Write;
use std::rc::Rc;

/// The archive member that holds the non-array variables of a saved session.
pub const SESSION_MEMBER: &str = "__npl_session__";

/// What `:save` wrote or `:restore` read.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SessionReport {
    /// Variables written or read.
    pub saved: Vec<String>,
    /// Variables left out, with why (`f (function)`).
    pub skipped: Vec<String>,
}

impl Interp {
    /// The variables the user made, sorted by name: not modules, not names
    /// starting with `_`.
    pub fn user_variables(&self) -> Vec<(Rc<str>, Value)> {
        let mut vars: Vec<(Rc<str>, Value)> = self
            .globals
            .iter()
            .filter(|(name, v)| !name.starts_with('_') && !matches!(v, Value::Module(_)))
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect();
        vars.sort_by(|a, b| a.0.cmp(&b.0));
        vars
    }

    /// Removes every user variable (keeps `np` and imported modules).
    pub fn clear_user_variables(&mut self) {
        self.globals.retain(|name, v| matches!(v, Value::Module(_)) || name.as_ref() == "np");
    }

    /// The `:vars` / `whos()` table: name, type, shape, dtype, size in
    /// bytes and a short preview of every user variable.
    pub fn vars_table(&self) -> String {
        let vars = self.user_variables();
        if vars.is_empty() {
            return "No variables yet.".to_string();
        }
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
        table.set_header(vec!["name", "type", "shape", "dtype", "bytes", "value"]);
        for (name, v) in &vars {
            let (shape, dtype, bytes) = describe(v);
            let type_name = if matches!(v, Value::Array(_)) { "ndarray" } else { v.type_name() };
            table.add_row(vec![name.to_string(), type_name.to_string(), shape, dtype, bytes, preview(v, 40)]);
        }
        if let Some(col) = table.column_mut(4) {
            col.set_cell_alignment(CellAlignment::Right);
        }
        table.to_string()
    }

    /// Writes every array, number, string, list and dict of the session
    /// to the `.npz` archive `path`: each array as the member of its
    /// name, everything else as Python assignments in the int64 array
    /// [`SESSION_MEMBER`] (UTF-8 bytes, one per element).
    pub fn save_session(&mut self, path: &str) -> Result<SessionReport, super::error::NplError> {
        let mut report = SessionReport::default();
        let mut keywords: Vec<(Rc<str>, Value)> = Vec::new();
        let mut manifest = String::from("# NPL session: the variables that are not arrays\n");
        for (name, v) in self.user_variables() {
            match &v {
                Value::Array(_) => {
                    keywords.push((name.clone(), v.clone()));
                    report.saved.push(name.to_string());
                }
                other => match literal(other) {
                    Some(text) => {
                        manifest.push_str(&format!("{name} = {text}\n"));
                        report.saved.push(name.to_string());
                    }
                    None => report.skipped.push(format!("{name} ({})", other.type_name())),
                },
            }
        }
        let bytes: Vec<i64> = manifest.bytes().map(i64::from).collect();
        keywords.push((Rc::from(SESSION_MEMBER), Value::array(NdArray::Int(Array::from_slice(&bytes)))));
        let savez = crate::builtins::find("numpy", "savez")
            .map(Value::Builtin)
            .ok_or_else(|| super::error::NplError::new(crate::value::ExcKind::RuntimeError, "np.savez is missing"))?;
        let args = super::function::Args { positional: vec![Value::str(path)], keywords };
        self.call(&savez, args).map_err(unwind_error)?;
        Ok(report)
    }

    /// Reads a file written by [`Interp::save_session`] back into the
    /// session (variables of the same name are replaced).
    pub fn restore_session(&mut self, path: &str) -> Result<SessionReport, super::error::NplError> {
        let load = crate::builtins::find("numpy", "load")
            .map(Value::Builtin)
            .ok_or_else(|| super::error::NplError::new(crate::value::ExcKind::RuntimeError, "np.load is missing"))?;
        let archive =
            self.call(&load, super::function::Args::positional(vec![Value::str(path)])).map_err(unwind_error)?;
        let Value::Object(obj) = &archive else {
            return Err(super::error::NplError::new(
                crate::value::ExcKind::ValueError,
                format!("{path} is not a saved session (an .npz archive)"),
            ));
        };
        let names = crate::builtins::io::iterate_object(&***obj).unwrap_or_default();
        let mut report = SessionReport::default();
        let mut manifest = None;
        for key in names {
            let value = crate::builtins::io::object_get_item(&***obj, &key).map_err(unwind_error)?;
            let name = key.to_str();
            if name == SESSION_MEMBER {
                manifest = Some(value);
            } else {
                self.globals.insert(Rc::from(name.as_str()), value);
                report.saved.push(name);
            }
        }
        if let Some(Value::Array(a)) = manifest {
            if let NdArray::Int(codes) = a.as_ref() {
                let bytes: Vec<u8> = codes.to_vec().into_iter().filter_map(|c| u8::try_from(c).ok()).collect();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                self.run(path, &text, false)?;
                for line in text.lines().filter(|l| !l.starts_with('#')) {
                    if let Some((name, _)) = line.split_once(" = ") {
                        report.saved.push(name.to_string());
                    }
                }
            }
        }
        report.saved.sort();
        Ok(report)
    }
}

/// What `:time` measured: seconds per loop in each run.
#[derive(Debug, Clone)]
pub struct Timing {
    /// Loops in each run.
    pub loops: usize,
    /// Seconds per loop, one value per run.
    pub per_loop: Vec<f64>,
}

impl Timing {
    /// The median of the runs, in seconds per loop.
    pub fn median(&self) -> f64 {
        let mut v = self.per_loop.clone();
        v.sort_by(f64::total_cmp);
        match v.len() {
            0 => 0.0,
            n if n % 2 == 1 => v[n / 2],
            n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
        }
    }

    /// The report line: `1.23 ms per loop (median of 7 runs, 100 loops
    /// each; fastest 1.20 ms, slowest 1.31 ms)`.
    pub fn summary(&self) -> String {
        let fastest = self.per_loop.iter().copied().fold(f64::INFINITY, f64::min);
        let slowest = self.per_loop.iter().copied().fold(0.0, f64::max);
        let runs = self.per_loop.len();
        format!(
            "{} per loop (median of {runs} run{}, {} loop{} each; fastest {}, slowest {})",
            format_seconds(self.median()),
            if runs == 1 { "" } else { "s" },
            self.loops,
            if self.loops == 1 { "" } else { "s" },
            format_seconds(fastest),
            format_seconds(slowest)
        )
    }
}

/// A duration with three significant digits and a unit: `12.3 µs`.
pub fn format_seconds(s: f64) -> String {
    let (value, unit) = if s < 1e-6 {
        (s * 1e9, "ns")
    } else if s < 1e-3 {
        (s * 1e6, "µs")
    } else if s < 1.0 {
        (s * 1e3, "ms")
    } else {
        (s, "s")
    };
    if value >= 99.95 {
        format!("{value:.0} {unit}")
    } else if value >= 9.995 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.2} {unit}")
    }
}

impl Interp {
    /// Runs `text` repeatedly, like IPython's `%timeit`: loops per run
    /// grow 1, 2, 5, 10, 20, ... until a run takes 0.2 s, then up to 7 runs
    /// are timed (fewer when they would take more than about 3 s). The code
    /// is parsed once. Ctrl-C stops it with `KeyboardInterrupt`.
    pub fn time_code(&mut self, text: &str) -> Result<Timing, super::error::NplError> {
        use std::time::{Duration, Instant};
        let Ok(program) = crate::parser::parse_program(text) else {
            // Let `run` build the located SyntaxError (nothing executes).
            self.run("<stdin>", text, false)?;
            return Ok(Timing { loops: 0, per_loop: vec![] });
        };
        let Ok(layout) = super::scope::resolve_module(&program) else {
            self.run("<stdin>", text, false)?;
            return Ok(Timing { loops: 0, per_loop: vec![] });
        };
        let cells = (0..layout.cell_names.len()).map(|_| Rc::new(std::cell::RefCell::new(None))).collect();
        let mut frame = super::function::Frame::new(layout.n_locals as usize, cells);
        let saved_source = std::mem::replace(&mut self.source, super::error::Source::new("<stdin>", text));
        let saved_name = std::mem::replace(&mut self.function_name, Rc::from("<module>"));
        let saved_current = self.current.take();
        let mut run_loops = |this: &mut Interp, loops: usize| -> Result<f64, super::error::NplError> {
            let start = Instant::now();
            for _ in 0..loops {
                this.call_depth = 0;
                this.check_interrupt().map_err(unwind_error)?;
                this.exec_module(&program, &mut frame, false).map_err(unwind_error)?;
            }
            Ok(start.elapsed().as_secs_f64())
        };
        let result = (|| {
            let mut loops = 1usize;
            let mut first;
            loop {
                first = run_loops(self, loops)?;
                if first >= 0.2 || loops >= 100_000_000 {
                    break;
                }
                let m = magnitude(loops);
                loops = match loops / m {
                    1 => 2 * m,
                    2..=4 => 5 * m,
                    _ => 10 * m,
                };
            }
            let mut per_loop = vec![first / loops as f64];
            let budget = Duration::from_secs(3).as_secs_f64();
            let mut total = first;
            while per_loop.len() < 7 && total + first <= budget {
                let t = run_loops(self, loops)?;
                total += t;
                per_loop.push(t / loops as f64);
            }
            Ok(Timing { loops, per_loop })
        })();
        self.source = saved_source;
        self.function_name = saved_name;
        self.current = saved_current;
        let _ = self.out.flush();
        result
    }
}

/// The power of ten at or below `n` (1, 10, 100, ...).
fn magnitude(n: usize) -> usize {
    let mut m = 1;
    while m * 10 <= n {
        m *= 10;
    }
    m
}

fn unwind_error(u: super::error::Unwind) -> super::error::NplError {
    match u {
        super::error::Unwind::Raise(e) => *e,
        _ => super::error::NplError::new(crate::value::ExcKind::RuntimeError, "unexpected control flow"),
    }
}

/// Shape, dtype and size in bytes as the `:vars` table shows them.
fn describe(v: &Value) -> (String, String, String) {
    match v {
        Value::Array(a) => {
            let shape = crate::array::storage::shape_repr(a.shape());
            let bytes = a.size() * a.dtype().itemsize();
            (shape, a.dtype().name().to_string(), bytes.to_string())
        }
        Value::List(l) => (format!("len {}", l.borrow().len()), String::new(), String::new()),
        Value::Tuple(t) => (format!("len {}", t.len()), String::new(), String::new()),
        Value::Dict(d) => (format!("len {}", d.borrow().len()), String::new(), String::new()),
        Value::Str(s) => (format!("len {}", s.chars().count()), String::new(), String::new()),
        Value::Int(_) | Value::Float(_) => (String::new(), String::new(), "8".to_string()),
        Value::Complex(_) => (String::new(), String::new(), "16".to_string()),
        _ => (String::new(), String::new(), String::new()),
    }
}

/// The value on one line, cut to about `width` characters.
pub fn preview(v: &Value, width: usize) -> String {
    let text = match v {
        Value::Function(f) => {
            let params: Vec<String> = f.def.params.iter().map(|p| p.name.to_string()).collect();
            format!("def {}({})", f.def.name, params.join(", "))
        }
        Value::Array(_) => v.to_str(),
        other => other.repr(),
    };
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > width {
        let cut: String = one_line.chars().take(width.saturating_sub(3)).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// The value as Python source that evaluates back to it exactly, for the
/// types a session file keeps; `None` for anything else (functions,
/// objects, containers holding arrays).
pub fn literal(v: &Value) -> Option<String> {
    Some(match v {
        Value::None => "None".to_string(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_literal(*f),
        Value::Complex(c) => format!("complex({}, {})", float_literal(c.re), float_literal(c.im)),
        Value::Str(_) => v.repr(),
        Value::List(l) => {
            let items: Option<Vec<String>> = l.borrow().iter().map(literal).collect();
            format!("[{}]", items?.join(", "))
        }
        Value::Tuple(t) => {
            let items: Option<Vec<String>> = t.iter().map(literal).collect();
            let items = items?;
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Value::Dict(d) => {
            let items: Option<Vec<String>> =
                d.borrow().entries().iter().map(|(k, v)| Some(format!("{}: {}", literal(k)?, literal(v)?))).collect();
            format!("{{{}}}", items?.join(", "))
        }
        _ => return None,
    })
}

fn float_literal(f: f64) -> String {
    if f.is_nan() {
        "float('nan')".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { "float('inf')" } else { "-float('inf')" }.to_string()
    } else {
        Value::Float(f).repr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Interp {
        Interp::with_numpy(Box::new(std::io::sink()))
    }

    #[test]
    fn literals_evaluate_back_to_the_same_value() {
        let mut interp = session();
        interp
            .run(
                "<t>",
                "a = [1, 2.5, float('nan'), (3,), {'k': 'v', 2: None}, True, complex(1, -0.0), -float('inf')]",
                false,
            )
            .expect("runs");
        let a = interp.globals.get("a").cloned().expect("a");
        let text = literal(&a).expect("a literal");
        interp.run("<t>", &format!("b = {text}"), false).expect("literal runs");
        let b = interp.globals.get("b").cloned().expect("b");
        assert_eq!(b.repr(), a.repr());
        assert!(literal(&Value::Builtin(crate::builtins::find("builtins", "len").expect("len"))).is_none());
    }

    #[test]
    fn a_saved_session_comes_back_exactly() {
        let dir = std::env::temp_dir().join(format!("npl_session_test_{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("s.npz").to_string_lossy().into_owned();
        let mut interp = session();
        interp
            .run(
                "<t>",
                "x = np.arange(6).reshape(2, 3)\ny = np.array([[1.5, 0.1]], dtype=complex)\nb = np.zeros((0, 2), dtype=bool)\n\
                 n = 3\nf = 0.1\ns = 'hi'\nl = [1, 'a']\nd = {'k': [1.5]}\ndef g(x):\n    return x\n",
                false,
            )
            .expect("runs");
        let before: Vec<(String, String)> =
            interp.user_variables().iter().map(|(n, v)| (n.to_string(), v.repr())).collect();
        let saved = interp.save_session(&path).expect("saves");
        assert_eq!(saved.skipped, vec!["g (function)".to_string()]);
        interp.clear_user_variables();
        assert!(interp.user_variables().is_empty());
        let restored = interp.restore_session(&path).expect("restores");
        assert_eq!(restored.saved, vec!["b", "d", "f", "l", "n", "s", "x", "y"]);
        let after: Vec<(String, String)> =
            interp.user_variables().iter().map(|(n, v)| (n.to_string(), v.repr())).collect();
        let before: Vec<(String, String)> = before.into_iter().filter(|(n, _)| n != "g").collect();
        assert_eq!(after, before);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn code_is_timed_with_units() {
        let mut interp = session();
        interp.run("<t>", "n = 0", false).expect("runs");
        let t = interp.time_code("n += 1").expect("times");
        // How many runs fit in the 3 s budget depends on the machine's
        // speed, so only the bounds are checked; the wording is checked on
        // a fixed Timing below.
        let runs = t.per_loop.len();
        assert!(t.loops >= 10 && (1..=7).contains(&runs), "{t:?}");
        assert!(t.summary().contains(&format!(" per loop (median of {runs} run")), "{}", t.summary());
        let fixed = Timing { loops: 100, per_loop: vec![1.31e-3, 1.2e-3, 1.25e-3] };
        assert_eq!(
            fixed.summary(),
            "1.25 ms per loop (median of 3 runs, 100 loops each; fastest 1.20 ms, slowest 1.31 ms)"
        );
        assert_eq!(format_seconds(0.000_012_34), "12.3 µs");
        assert_eq!(format_seconds(2.5e-9), "2.50 ns");
        assert_eq!(format_seconds(1.5), "1.50 s");
        assert_eq!(format_seconds(0.1234), "123 ms");
        assert!(interp.time_code("undefined_name").is_err());
        assert!(interp.time_code("1 +").is_err());
    }

    #[test]
    fn the_vars_table_lists_shape_dtype_and_bytes() {
        let mut interp = session();
        interp.run("<t>", "X = np.ones((3, 4))\nname = 'abc'\n_hidden = 1\n", false).expect("runs");
        let table = interp.vars_table();
        assert!(table.contains("(3, 4)") && table.contains("float64") && table.contains("96"), "{table}");
        assert!(table.contains("'abc'") && !table.contains("_hidden") && !table.contains(" np "), "{table}");
    }
}
