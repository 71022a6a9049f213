//! The examples in the builtins' help texts: split into entries, and (in
//! tests) run through the interpreter to check the output each shows.

/// One `>>> ` entry of a help text (with its `... ` continuation lines,
/// prompts removed) and the output the help says it prints.
#[derive(Debug, Clone, PartialEq)]
pub struct DocExample {
    /// The code, one or more lines, each ending in a newline.
    pub code: String,
    /// The lines printed after it, each ending in a newline.
    pub output: String,
}

/// The examples of a help text: everything from its first `>>> ` line.
pub fn doc_examples(doc: &str) -> Vec<DocExample> {
    let mut examples: Vec<DocExample> = Vec::new();
    for line in doc.lines() {
        if let Some(code) = line.strip_prefix(">>> ").or_else(|| (line == ">>>").then_some("")) {
            examples.push(DocExample { code: format!("{code}\n"), output: String::new() });
        } else if let Some(last) = examples.last_mut() {
            match line.strip_prefix("... ").or_else(|| (line == "...").then_some("")) {
                Some(more) if last.output.is_empty() => {
                    last.code.push_str(more);
                    last.code.push('\n');
                }
                _ => {
                    last.output.push_str(line);
                    last.output.push('\n');
                }
            }
        }
    }
    examples
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Interp;
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Captured(Rc<RefCell<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Captured {
        fn take(&self) -> String {
            String::from_utf8_lossy(&std::mem::take(&mut *self.0.borrow_mut())).into_owned()
        }
    }

    fn normalized(text: &str) -> String {
        text.lines().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n").trim_end().to_string()
    }

    /// Runs one builtin's examples in a fresh session (np, math and time
    /// bound); returns the mismatches as (code, expected, got).
    fn run_examples(doc: &str) -> Vec<(String, String, String)> {
        let out = Captured::default();
        let mut interp = Interp::with_numpy(Box::new(out.clone()));
        let _ = interp.run("<setup>", "import math\nimport time\n", false);
        let mut wrong = Vec::new();
        for ex in doc_examples(doc) {
            let result = interp.run("<doc>", &ex.code, true);
            let mut got = out.take();
            if let Err(e) = result {
                got.push_str(&e.last_line());
                got.push('\n');
            }
            if normalized(&got) != normalized(&ex.output) {
                wrong.push((ex.code, ex.output, got));
            }
        }
        wrong
    }

    #[test]
    fn every_help_example_prints_what_the_help_says() {
        let mut failures = Vec::new();
        let mut count = 0;
        for b in crate::builtins::all_builtins() {
            count += 1;
            for (code, expected, got) in run_examples(b.doc) {
                failures.push(format!(
                    "{}:\n>>> {}--- help says:\n{}--- NPL prints:\n{}",
                    b.qualified_name(),
                    code,
                    expected,
                    got
                ));
            }
        }
        for (name, doc) in crate::builtins::help::type_docs() {
            for (code, expected, got) in run_examples(&doc) {
                failures.push(format!("{name}:\n>>> {code}--- help says:\n{expected}--- NPL prints:\n{got}"));
            }
        }
        assert!(count > 300, "only {count} builtins");
        assert!(failures.is_empty(), "{} wrong examples:\n\n{}", failures.len(), failures.join("\n"));
    }

    /// Every name reachable from Python's builtins, `np`, `np.linalg` and
    /// `np.random` that is a function or a type has help with an example.
    #[test]
    fn everything_reachable_has_help_with_an_example() {
        use crate::value::Value;
        let interp = Interp::new(Box::new(std::io::sink()));
        let mut values: Vec<(String, Value)> =
            interp.builtins.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        let mut modules = vec![("np".to_string(), interp.numpy.clone())];
        while let Some((prefix, module)) = modules.pop() {
            for (name, v) in module.attrs.borrow().iter() {
                if let Value::Module(m) = v {
                    modules.push((format!("{prefix}.{name}"), m.clone()));
                }
                values.push((format!("{prefix}.{name}"), v.clone()));
            }
        }
        let mut missing = Vec::new();
        for (name, v) in &values {
            let needs_help = matches!(v, Value::Builtin(_) | Value::Type(_) | Value::Module(_));
            let text = crate::builtins::help::help_text(&interp, v);
            let has_example = text.contains("    >>> ") || matches!(v, Value::Module(_));
            if needs_help && !has_example {
                missing.push(name.clone());
            }
        }
        missing.sort();
        assert!(values.len() > 300, "only {} names", values.len());
        assert!(missing.is_empty(), "no help with an example: {missing:?}");
    }

    /// `NPL_DUMP_EXAMPLES=FILE cargo test dump_examples -- --ignored`
    /// writes every example as JSON lines (name, code, output) so a script
    /// can run them in CPython + NumPy.
    #[test]
    #[ignore]
    fn dump_examples() {
        let Some(path) = std::env::var_os("NPL_DUMP_EXAMPLES") else { return };
        let mut text = String::new();
        for b in crate::builtins::all_builtins() {
            let examples = doc_examples(b.doc);
            let code: String = examples.iter().map(|e| e.code.clone()).collect::<Vec<_>>().join("\u{1}");
            let output: String = examples.iter().map(|e| e.output.clone()).collect::<Vec<_>>().join("\u{1}");
            text.push_str(&format!("{}\u{2}{}\u{2}{}\u{3}", b.qualified_name(), code, output));
        }
        for (name, doc) in crate::builtins::help::type_docs() {
            let examples = doc_examples(&doc);
            let code: String = examples.iter().map(|e| e.code.clone()).collect::<Vec<_>>().join("\u{1}");
            let output: String = examples.iter().map(|e| e.output.clone()).collect::<Vec<_>>().join("\u{1}");
            text.push_str(&format!("{name}\u{2}{code}\u{2}{output}\u{3}"));
        }
        std::fs::write(path, text).expect("write the dump");
    }

    #[test]
    fn examples_are_split_into_entries() {
        let doc = "Says hi.\n>>> for i in range(2):\n...     print(i)\n0\n1\n>>> 1 + 1\n2";
        let ex = doc_examples(doc);
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].code, "for i in range(2):\n    print(i)\n");
        assert_eq!(ex[0].output, "0\n1\n");
        assert_eq!(ex[1].output, "2\n");
    }
}
