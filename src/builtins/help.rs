//! Help texts as `help()`, `name?` and the prompt's `:help NAME` print
//! them: the signature, what the function does and raises, and its example
//! (indented, so it reads apart from the description). Builtins carry their
//! help in their declaration; type objects have theirs here.

use super::doc_examples::doc_examples;
use super::Builtin;
use crate::array::DType;
use crate::eval::Interp;
use crate::value::{TypeObj, Value};

/// How a builtin is named in help: `np.linalg.eig`, `ndarray.reshape`, `len`.
pub fn display_name(b: &Builtin) -> String {
    let module = b.module.strip_prefix("numpy").map_or(b.module.to_string(), |rest| format!("np{rest}"));
    if module == "builtins" {
        b.name.to_string()
    } else {
        format!("{module}.{}", b.name)
    }
}

/// The signature line: `np.mean(a, axis=None, ...)` (without `self`).
pub fn signature_line(b: &Builtin) -> String {
    let sig = b.display_signature();
    let params = sig.strip_prefix(b.name).unwrap_or(&sig);
    if b.kind == super::BuiltinKind::Property {
        format!("{} (attribute)", display_name(b))
    } else {
        format!("{}{params}", display_name(b))
    }
}

/// A help text laid out: `title`, then the description, then the examples
/// indented under "Example:".
pub fn format_help(title: &str, doc: &str) -> String {
    let description: Vec<&str> = doc.lines().take_while(|l| !l.starts_with(">>>")).collect();
    let mut text = format!("{title}\n\n{}\n", description.join("\n").trim_end());
    let examples = doc_examples(doc);
    if !examples.is_empty() {
        text.push_str("\nExample:\n");
        for ex in examples {
            for (i, line) in ex.code.lines().enumerate() {
                text.push_str(if i == 0 { "    >>> " } else { "    ... " });
                text.push_str(line);
                text.push('\n');
            }
            for line in ex.output.lines() {
                text.push_str(format!("    {line}").trim_end());
                text.push('\n');
            }
        }
    }
    text
}

/// The help of a builtin.
pub fn builtin_help(b: &Builtin) -> String {
    format_help(&signature_line(b), b.doc)
}

/// Help of the type objects: (name as help shows it, signature, doc with an example).
static TYPE_HELP: &[(TypeObj, &str, &str)] = &[
    (TypeObj::Int, "int(x=0)", "A whole number (64-bit in NPL: overflow raises OverflowError). int(x) converts a number (truncating toward zero) or a string.\nRaises ValueError for a string that is not an integer.\n>>> int('42') + 1\n43\n>>> int(-2.9)\n-2"),
    (TypeObj::Float, "float(x=0.0)", "A double-precision floating-point number. float(x) converts a number or a string ('inf' and 'nan' too).\nRaises ValueError for a string that is not a number.\n>>> float('1.5') * 2\n3.0"),
    (TypeObj::Complex, "complex(real=0, imag=0)", "A complex number with float parts; write 2j for an imaginary literal.\n>>> complex(1, 2) * 1j\n(-2+1j)"),
    (TypeObj::Bool, "bool(x=False)", "True or False; bool(x) is the truth value of x (empty containers, 0 and None are false).\nRaises ValueError for an array of more than one element.\n>>> bool([]), bool('a')\n(False, True)"),
    (TypeObj::Str, "str(object='')", "Text. str(x) is what print(x) shows. Strings have methods: try help(str.split).\n>>> str(3.0) + '!'\n'3.0!'"),
    (TypeObj::List, "list(iterable=())", "A mutable sequence. list(x) collects the items of any iterable (an array gives its rows).\n>>> list(range(3))\n[0, 1, 2]"),
    (TypeObj::Tuple, "tuple(iterable=())", "An immutable sequence; shapes are tuples.\n>>> tuple([1, 2]) + (3,)\n(1, 2, 3)"),
    (TypeObj::Dict, "dict(**kwargs)", "A mapping from keys to values, in insertion order.\n>>> d = dict(a=1, b=2)\n>>> d['c'] = 3\n>>> d\n{'a': 1, 'b': 2, 'c': 3}"),
    (TypeObj::Range, "range(start, stop, step=1)", "The integers from start up to (not including) stop, by step.\nRaises ValueError when step is 0.\n>>> list(range(1, 10, 3))\n[1, 4, 7]"),
    (TypeObj::Slice, "slice(start, stop, step=None)", "What a:b:c means inside brackets, as an object.\n>>> np.arange(10)[slice(2, 8, 3)]\narray([2, 5])"),
    (TypeObj::Type, "type(obj)", "The type of a value; its __name__ is the type's name.\n>>> type(1.5).__name__\n'float'"),
    (TypeObj::NdArray, "np.ndarray", "NumPy's n-dimensional array: a shape, a dtype, and elements. Make one with np.array, np.zeros, np.arange, ...; its attributes and methods are listed by help(np.ndarray.sum) and friends.\n>>> a = np.array([[1, 2], [3, 4]])\n>>> a.shape, a.dtype, a.sum()\n((2, 2), dtype('int64'), 10)"),
    (TypeObj::DTypeClass, "np.dtype(obj)", "An array's element type: bool, int64, float64 or complex128.\nRaises TypeError for a type NPL does not have.\n>>> np.dtype('float64').itemsize\n8"),
    (TypeObj::Scalar(DType::Float64), "np.float64(x=0.0)", "The 64-bit float dtype (np.double, np.float_); called, it converts like float().\n>>> np.zeros(2, dtype=np.float64)\narray([0., 0.])"),
    (TypeObj::Scalar(DType::Int64), "np.int64(x=0)", "The 64-bit integer dtype (np.int_); called, it converts like int().\n>>> np.array([1.7, -2.7]).astype(np.int64)\narray([ 1, -2])"),
    (TypeObj::Scalar(DType::Bool), "np.bool_(x=False)", "The boolean dtype (np.bool).\n>>> np.array([0, 2]).astype(np.bool_)\narray([False,  True])"),
    (TypeObj::Scalar(DType::Complex128), "np.complex128(x=0)", "The complex dtype: two 64-bit floats.\n>>> np.ones(2, dtype=np.complex128)\narray([1.+0.j, 1.+0.j])"),
];

/// The help document of an exception class: how to raise and catch it.
fn exception_doc(kind: crate::value::ExcKind) -> String {
    use crate::value::ExcKind;
    let example = match kind {
        ExcKind::AxisError => ">>> try:\n...     np.zeros(2).sum(axis=1)\n... except Exception as e:\n...     print(e)\naxis 1 is out of bounds for array of dimension 1".to_string(),
        ExcKind::UFuncOutputCastingError => ">>> a = np.zeros(2, dtype=int)\n>>> try:\n...     a += 0.5\n... except Exception as e:\n...     print(e)\nCannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'".to_string(),
        _ => {
            let name = if kind == ExcKind::LinAlgError { "np.linalg.LinAlgError" } else { kind.name() };
            // str() of a KeyError is the repr of its key.
            let shown = if kind == ExcKind::KeyError { "'something went wrong'" } else { "something went wrong" };
            format!(">>> try:\n...     raise {name}('something went wrong')\n... except {name} as e:\n...     print('caught:', e)\ncaught: {shown}")
        }
    };
    format!(
        "An exception class. `raise {0}('message')` raises it and `try: ... except {0}:` catches it; an exception nobody catches prints as `{0}: message` under the traceback.\n{example}",
        kind.name()
    )
}

/// The help of a type object (every exception class shares one text).
pub fn type_help(t: TypeObj) -> Option<String> {
    if let TypeObj::Exception(kind) = t {
        return Some(format_help(&format!("{}(message)", kind.name()), &exception_doc(kind)));
    }
    TYPE_HELP.iter().find(|(ty, _, _)| *ty == t).map(|(_, sig, doc)| format_help(sig, doc))
}

/// The raw help documents of the type objects, named (for the example test).
pub fn type_docs() -> impl Iterator<Item = (String, String)> {
    let types = TYPE_HELP.iter().map(|(t, sig, doc)| (format!("{sig} [{}]", t.name()), doc.to_string()));
    let exceptions = crate::value::ExcKind::ALL.into_iter().map(|k| (k.name().to_string(), exception_doc(k)));
    types.chain(exceptions)
}

/// The help for a value: signature, description and example.
pub fn help_text(interp: &Interp, v: &Value) -> String {
    match v {
        Value::Builtin(b) => builtin_help(b),
        Value::Method(m) => builtin_help(m.method),
        Value::Function(f) => {
            let params: Vec<String> = f.def.params.iter().map(|p| p.name.to_string()).collect();
            format!("{}({})\n\nA function defined in {}.\n", f.def.name, params.join(", "), f.source.name)
        }
        Value::Module(m) => {
            let names: Vec<String> = m.attrs.borrow().iter().map(|(k, _)| k.to_string()).collect();
            let title = if m.name == "numpy" { "module numpy (np)".to_string() } else { format!("module {}", m.name) };
            format!("{title}\n\n{}\n", wrap_words(&names, 76))
        }
        Value::Type(t) => type_help(*t).unwrap_or_else(|| format!("{}\n", t.repr())),
        Value::Str(s) => match lookup_help(interp, s) {
            Some(text) => text,
            None => format!("No help found for '{s}'.\n"),
        },
        other => format!("{}: {}\n", other.type_name(), other.repr()),
    }
}

/// Help by name: `"eig"`, `"np.linalg.eig"`, `"ndarray.sum"`, `"len"`.
pub fn lookup_help(interp: &Interp, name: &str) -> Option<String> {
    let name = name.trim();
    let qualified = name.strip_prefix("np.").map(|rest| format!("numpy.{rest}"));
    let target = qualified.as_deref().unwrap_or(name);
    if let Some((module, short)) = target.rsplit_once('.') {
        if let Some(b) = super::all_builtins().find(|b| b.module == module && b.name == short) {
            return Some(builtin_help(b));
        }
    }
    if let Some(v) = interp.builtins.get(name) {
        return Some(help_text(interp, v));
    }
    // A bare name: a function first (numpy, then its submodules), then a method.
    let order = |b: &&Builtin| match b.module {
        "numpy" => 0,
        "numpy.linalg" => 1,
        "numpy.random" => 2,
        _ if !b.is_method() => 3,
        "ndarray" => 4,
        _ => 5,
    };
    let mut found: Vec<&Builtin> = super::all_builtins().filter(|b| b.name == target).collect();
    found.sort_by_key(order);
    if let Some(b) = found.first() {
        return Some(builtin_help(b));
    }
    match interp.numpy.get(target) {
        Some(v) if !matches!(v, Value::Str(_)) => Some(help_text(interp, &v)),
        _ => None,
    }
}

fn wrap_words(words: &[String], width: usize) -> String {
    let mut lines = vec![String::new()];
    for w in words {
        let line = lines.last_mut().map(|l| l.len() + w.len() + 1 > width && !l.is_empty());
        if line == Some(true) {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(w);
        }
    }
    lines.join("\n")
}

/// The tour printed by `help()` and the prompt's `:help`.
pub const TOUR: &str = "\
NPL is Python's syntax with NumPy's arrays; `np` is already imported.

  x = np.linspace(0, 1, 5)          make arrays: np.array, np.zeros, np.arange, np.eye
  x.shape, x.dtype, x.T             ask an array about itself
  A = np.random.default_rng(0).normal(size=(3, 3))
  A @ np.linalg.inv(A)              matrix product and linear algebra (np.linalg)
  A[0, :], A[:, 1:], A[A > 0]       index, slice and mask
  A.mean(axis=0)                    reductions along an axis
  def f(x):                         functions, loops, if, lists and dicts as in Python
      return x ** 2

Help on anything: help(np.linalg.eig), help(\"eig\"), np.mean? or :help mean.
Tab completes names, module members (np.li<Tab>), methods (x.res<Tab>) and
keyword arguments (np.mean(x, ax<Tab>).
";
