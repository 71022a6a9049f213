//! Python's values as NPL represents them, with `str`, `repr`, equality,
//! truth and type names. Arrays are [`crate::array::NdArray`] behind an `Rc`.

pub mod dict;
pub mod exception;
pub mod fxhash;
pub mod pyfmt;
pub mod pystr;

pub use dict::{Dict, HashKey};
pub use exception::{ExcKind, ExceptionValue};
pub use pystr::PyStr;

use crate::array::{DType, NdArray};
use crate::builtins::Builtin;
use crate::eval::function::Function;
use num_complex::Complex64;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// A Python value.
#[derive(Clone)]
pub enum Value {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// A 64-bit int (overflow raises `OverflowError`).
    Int(i64),
    /// A float.
    Float(f64),
    /// A complex number (boxed, so that a value is two words: complex
    /// numbers are rare, and every other value fits in one word).
    Complex(Box<Complex64>),
    /// A string.
    Str(PyStr),
    /// A list (shared and mutable).
    List(Rc<RefCell<Vec<Value>>>),
    /// A tuple.
    Tuple(Rc<Vec<Value>>),
    /// A named tuple (NumPy 2's `EighResult`, `SVDResult`, ...): a tuple
    /// whose items are also reachable by field name.
    NamedTuple(Rc<NamedTupleValue>),
    /// A dict (shared and mutable).
    Dict(Rc<RefCell<Dict>>),
    /// `range(start, stop, step)`.
    Range(Rc<RangeValue>),
    /// A slice object (`slice(1, None, 2)`).
    Slice(Rc<SliceValue>),
    /// `...`
    Ellipsis,
    /// An n-d array.
    Array(Rc<NdArray>),
    /// A user function (from `def` or `lambda`).
    Function(Rc<Function>),
    /// A builtin function.
    Builtin(&'static Builtin),
    /// A method bound to its receiver (`xs.append`).
    Method(Rc<BoundMethod>),
    /// A module (`np`, `np.linalg`, `math`).
    Module(Rc<Module>),
    /// A type object (`int`, `float`, `np.float64`, `ValueError`).
    Type(TypeObj),
    /// A NumPy dtype object (`a.dtype`).
    DType(DType),
    /// An exception object.
    Exception(Rc<ExceptionValue>),
    /// A native object provided by a builtin module (a random generator, an
    /// `.npz` file), behind a thin pointer (see [`ObjectRef`]).
    Object(ObjectRef),
}

/// A shared native object. The extra box keeps the pointer thin, so a
/// [`Value`] stays two words.
pub type ObjectRef = Rc<Box<dyn NativeObject>>;

/// An object implemented in Rust with its own attributes (e.g. NumPy's
/// `Generator`).
pub trait NativeObject {
    /// Its Python type name (behind a reference, as [`TypeObj::Native`] keeps it).
    fn type_name(&self) -> &'static &'static str;
    /// Its `repr`.
    fn repr(&self) -> String;
    /// The method or attribute `name`, if it has one.
    fn method(&self, name: &str) -> Option<&'static Builtin>;
    /// Names of its methods and attributes (for completion).
    fn method_names(&self) -> Vec<&'static str>;
    /// Itself as `Any`, so builtins can reach the concrete type.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A named tuple: its type name, field names and items.
#[derive(Debug)]
pub struct NamedTupleValue {
    /// The type's name (`EighResult`).
    pub name: &'static &'static str,
    /// The field names, one per item.
    pub fields: &'static [&'static str],
    /// The items.
    pub items: Vec<Value>,
}

impl NamedTupleValue {
    /// The item named `field`.
    pub fn get(&self, field: &str) -> Option<Value> {
        self.fields.iter().position(|f| *f == field).and_then(|i| self.items.get(i).cloned())
    }
}

/// `range(start, stop, step)`.
#[derive(Clone, Debug)]
pub struct RangeValue {
    /// First value.
    pub start: i64,
    /// Bound (exclusive).
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
}

impl RangeValue {
    /// Number of values.
    pub fn len(&self) -> i64 {
        self.exact_len().min(i64::MAX as i128) as i64
    }
    /// The number of values, which can exceed `i64::MAX` (`range(-2**62, 2**62)`).
    pub fn exact_len(&self) -> i128 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 { (stop - start + step - 1) / step } else { (start - stop - step - 1) / (-step) };
        n.max(0)
    }
    /// Whether it has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The `i`-th value (`0 <= i < len`).
    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

/// A slice object's three parts.
#[derive(Clone, Debug)]
pub struct SliceValue {
    /// Start (`None` when omitted).
    pub start: Value,
    /// Stop.
    pub stop: Value,
    /// Step.
    pub step: Value,
}

/// A method bound to its receiver.
pub struct BoundMethod {
    /// The object the method was looked up on.
    pub receiver: Value,
    /// The method, a builtin that takes the receiver first.
    pub method: &'static Builtin,
}

/// A module: a name and its attributes.
pub struct Module {
    /// The module's name (`numpy`, `numpy.linalg`).
    pub name: &'static str,
    /// Its attributes in definition order (change them only through
    /// [`Module::set`], which keeps the index in step).
    pub attrs: RefCell<Vec<(Rc<str>, Value)>>,
    /// Position of each attribute in `attrs`, so `np.array` is one hash
    /// lookup rather than a scan of several hundred names. A name keeps its
    /// position for the module's life (attributes are replaced in place and
    /// never removed), which is what [`Module::get_cached`] relies on.
    index: RefCell<fxhash::FxHashMap<Rc<str>, usize>>,
    /// A number no other module of this process has, for call-site caches.
    id: u32,
}

impl Module {
    /// An empty module named `name`.
    pub fn new(name: &'static str) -> Module {
        static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Module { name, attrs: RefCell::new(vec![]), index: RefCell::new(Default::default()), id }
    }
    /// The attribute `name`, remembering its position in `cache` (one per
    /// `module.name` in the source: the module's id in the high half, the
    /// position in the low half), so the next lookup from the same place in
    /// the same module skips the hash.
    #[inline]
    pub fn get_cached(&self, name: &str, cache: &std::cell::Cell<u64>) -> Option<Value> {
        let c = cache.get();
        if (c >> 32) as u32 == self.id {
            if let Some((_, v)) = self.attrs.borrow().get((c & 0xffff_ffff) as usize) {
                return Some(v.clone());
            }
        }
        self.get_and_remember(name, cache)
    }
    #[inline(never)]
    fn get_and_remember(&self, name: &str, cache: &std::cell::Cell<u64>) -> Option<Value> {
        let i = *self.index.borrow().get(name)?;
        if let Ok(low) = u32::try_from(i) {
            cache.set((u64::from(self.id) << 32) | u64::from(low));
        }
        self.attrs.borrow().get(i).map(|(_, v)| v.clone())
    }
    /// The attribute `name`.
    pub fn get(&self, name: &str) -> Option<Value> {
        let i = *self.index.borrow().get(name)?;
        self.attrs.borrow().get(i).map(|(_, v)| v.clone())
    }
    /// Sets the attribute `name`.
    pub fn set(&self, name: &str, value: Value) {
        let mut attrs = self.attrs.borrow_mut();
        let mut index = self.index.borrow_mut();
        match index.get(name).copied() {
            Some(i) if i < attrs.len() => attrs[i].1 = value,
            _ => {
                let key: Rc<str> = Rc::from(name);
                index.insert(key.clone(), attrs.len());
                attrs.push((key, value));
            }
        }
    }
}

/// Type objects that can be named in NPL code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeObj {
    /// `int`
    Int,
    /// `float`
    Float,
    /// `complex`
    Complex,
    /// `bool`
    Bool,
    /// `str`
    Str,
    /// `list`
    List,
    /// `tuple`
    Tuple,
    /// `dict`
    Dict,
    /// `range`
    Range,
    /// `slice`
    Slice,
    /// `NoneType`
    NoneType,
    /// `function`
    Function,
    /// `builtin_function_or_method`
    BuiltinFunction,
    /// `method`
    Method,
    /// `module`
    Module,
    /// `type`
    Type,
    /// `numpy.ndarray`
    NdArray,
    /// `numpy.dtype`
    DTypeClass,
    /// NumPy scalar types used as dtypes: `np.float64`, `np.int64`, `np.bool_`, `np.complex128`
    Scalar(DType),
    /// An exception class.
    Exception(ExcKind),
    /// `ellipsis`
    Ellipsis,
    /// A native object's or named tuple's type, by its name (a reference to
    /// a static name keeps the variant, and so a [`Value`], two words).
    Native(&'static &'static str),
}

impl TypeObj {
    /// The type's `__name__`.
    pub fn name(self) -> &'static str {
        match self {
            TypeObj::Int => "int",
            TypeObj::Float => "float",
            TypeObj::Complex => "complex",
            TypeObj::Bool => "bool",
            TypeObj::Str => "str",
            TypeObj::List => "list",
            TypeObj::Tuple => "tuple",
            TypeObj::Dict => "dict",
            TypeObj::Range => "range",
            TypeObj::Slice => "slice",
            TypeObj::NoneType => "NoneType",
            TypeObj::Function => "function",
            TypeObj::BuiltinFunction => "builtin_function_or_method",
            TypeObj::Method => "method",
            TypeObj::Module => "module",
            TypeObj::Type => "type",
            TypeObj::NdArray => "ndarray",
            TypeObj::DTypeClass => "dtype",
            TypeObj::Scalar(DType::Bool) => "bool",
            TypeObj::Scalar(DType::Int64) => "int64",
            TypeObj::Scalar(DType::Float64) => "float64",
            TypeObj::Scalar(DType::Complex128) => "complex128",
            TypeObj::Exception(k) => k.name(),
            TypeObj::Ellipsis => "ellipsis",
            TypeObj::Native(n) => n,
        }
    }

    /// `repr(type)`: `<class 'int'>`.
    pub fn repr(self) -> String {
        match self {
            TypeObj::NdArray => "<class 'numpy.ndarray'>".into(),
            TypeObj::Scalar(DType::Bool) => "<class 'numpy.bool'>".into(),
            TypeObj::Scalar(d) => format!("<class 'numpy.{}'>", d.name()),
            TypeObj::Exception(k) if k.qualified_name() != k.name() => format!("<class '{}'>", k.qualified_name()),
            other => format!("<class '{}'>", other.name()),
        }
    }
}

impl Value {
    /// A string value.
    pub fn str(s: &str) -> Value {
        Value::Str(PyStr::from(s))
    }
    /// A new list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }
    /// A new tuple value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }
    /// A named tuple value.
    pub fn named_tuple(name: &'static &'static str, fields: &'static [&'static str], items: Vec<Value>) -> Value {
        Value::NamedTuple(Rc::new(NamedTupleValue { name, fields, items }))
    }
    /// An array value.
    pub fn array(a: NdArray) -> Value {
        Value::Array(Rc::new(a))
    }

    /// A complex number.
    pub fn complex(c: Complex64) -> Value {
        Value::Complex(Box::new(c))
    }

    /// A native object.
    pub fn object(o: impl NativeObject + 'static) -> Value {
        Value::Object(Rc::new(Box::new(o)))
    }

    /// The value's type.
    pub fn type_of(&self) -> TypeObj {
        match self {
            Value::None => TypeObj::NoneType,
            Value::Bool(_) => TypeObj::Bool,
            Value::Int(_) => TypeObj::Int,
            Value::Float(_) => TypeObj::Float,
            Value::Complex(_) => TypeObj::Complex,
            Value::Str(_) => TypeObj::Str,
            Value::List(_) => TypeObj::List,
            Value::Tuple(_) => TypeObj::Tuple,
            Value::NamedTuple(t) => TypeObj::Native(t.name),
            Value::Dict(_) => TypeObj::Dict,
            Value::Range(_) => TypeObj::Range,
            Value::Slice(_) => TypeObj::Slice,
            Value::Ellipsis => TypeObj::Ellipsis,
            Value::Array(_) => TypeObj::NdArray,
            Value::Function(_) => TypeObj::Function,
            Value::Builtin(_) => TypeObj::BuiltinFunction,
            Value::Method(_) => TypeObj::Method,
            Value::Module(_) => TypeObj::Module,
            Value::Type(_) => TypeObj::Type,
            Value::DType(_) => TypeObj::DTypeClass,
            Value::Exception(e) => TypeObj::Exception(e.kind),
            Value::Object(o) => TypeObj::Native(o.type_name()),
        }
    }

    /// The type's name as error messages write it (`'int'`, `'numpy.ndarray'`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Array(_) => "numpy.ndarray",
            other => other.type_of().name(),
        }
    }

    /// An address-like identity for `is` and `id()` of reference values.
    pub fn identity(&self) -> usize {
        match self {
            Value::Str(s) => s.as_ptr(),
            Value::List(l) => Rc::as_ptr(l) as usize,
            Value::Tuple(t) => Rc::as_ptr(t) as usize,
            Value::NamedTuple(t) => Rc::as_ptr(t) as usize,
            Value::Dict(d) => Rc::as_ptr(d) as usize,
            Value::Range(r) => Rc::as_ptr(r) as usize,
            Value::Slice(s) => Rc::as_ptr(s) as usize,
            Value::Array(a) => Rc::as_ptr(a) as usize,
            Value::Function(f) => Rc::as_ptr(f) as usize,
            Value::Builtin(b) => *b as *const Builtin as usize,
            Value::Method(m) => Rc::as_ptr(m) as usize,
            Value::Module(m) => Rc::as_ptr(m) as usize,
            Value::Exception(e) => Rc::as_ptr(e) as usize,
            Value::Object(o) => Rc::as_ptr(o) as *const u8 as usize,
            Value::Type(t) => t.name().as_ptr() as usize,
            Value::None => 1,
            Value::Ellipsis => 2,
            Value::Bool(b) => 3 + *b as usize,
            Value::Int(i) => *i as usize,
            Value::Float(f) => f.to_bits() as usize,
            Value::Complex(c) => c.re.to_bits() as usize ^ c.im.to_bits() as usize,
            Value::DType(d) => *d as usize + 16,
        }
    }

    /// Python's `repr()`. Containers nested deeper than Python could print
    /// are cut with `...`; [`Value::checked_repr`] reports them instead.
    pub fn repr(&self) -> String {
        let mut state = ReprState::default();
        let mut out = String::new();
        write_repr(self, &mut out, &mut state);
        out
    }

    /// Python's `repr()`, or `None` where Python raises `RecursionError`
    /// (containers nested more than [`MAX_REPR_DEPTH`] deep). A list or
    /// dict that contains itself prints as `[...]` / `{...}`.
    pub fn checked_repr(&self) -> Option<String> {
        let mut state = ReprState::default();
        let mut out = String::new();
        write_repr(self, &mut out, &mut state);
        (!state.too_deep).then_some(out)
    }

    /// Python's `str()`.
    pub fn to_str(&self) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            Value::Array(a) => crate::builtins::array_glue::array_to_str(a),
            Value::Exception(e) => e.message(),
            Value::DType(d) => d.name().to_string(),
            other => other.repr(),
        }
    }

    /// Python's `str()`, or `None` where Python raises `RecursionError`
    /// (see [`Value::checked_repr`]).
    pub fn checked_str(&self) -> Option<String> {
        match self {
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::NamedTuple(_) => self.checked_repr(),
            other => Some(other.to_str()),
        }
    }
}

/// Quotes a string as Python's `repr` does (single quotes unless the text
/// has a single quote and no double quote).
pub fn quote_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Deepest container nesting `repr` prints; Python (recursion limit 1000)
/// raises `RecursionError` from 999 nested lists at module level.
pub const MAX_REPR_DEPTH: usize = 998;

/// What `repr` tracks while descending: the depth, the lists and dicts
/// being printed (to print a container inside itself as `[...]`), and
/// whether the depth limit was hit.
#[derive(Default)]
struct ReprState {
    depth: usize,
    active: Vec<usize>,
    too_deep: bool,
}

impl ReprState {
    /// Enters a container identified by `id`; false (and nothing entered)
    /// when it is already being printed.
    fn enter(&mut self, id: usize) -> bool {
        if self.active.contains(&id) {
            return false;
        }
        self.active.push(id);
        true
    }

    fn leave(&mut self) {
        self.active.pop();
    }
}

fn write_repr(v: &Value, out: &mut String, state: &mut ReprState) {
    if state.depth >= MAX_REPR_DEPTH {
        state.too_deep = true;
        out.push_str("...");
        return;
    }
    state.depth += 1;
    write_repr_inner(v, out, state);
    state.depth -= 1;
}

fn write_repr_inner(v: &Value, out: &mut String, state: &mut ReprState) {
    match v {
        Value::None => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&pyfmt::float_repr(*f)),
        Value::Complex(c) => out.push_str(&pyfmt::complex_repr(**c)),
        Value::Str(s) => out.push_str(&quote_str(s)),
        Value::List(cell) => {
            let Ok(items) = cell.try_borrow() else {
                out.push_str("[...]");
                return;
            };
            if !state.enter(Rc::as_ptr(cell) as *const u8 as usize) {
                out.push_str("[...]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out, state);
            }
            out.push(']');
            state.leave();
        }
        Value::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out, state);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::NamedTuple(t) => {
            out.push_str(t.name);
            out.push('(');
            for (i, (f, item)) in t.fields.iter().zip(&t.items).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(f);
                out.push('=');
                write_repr(item, out, state);
            }
            out.push(')');
        }
        Value::Dict(cell) => {
            let Ok(d) = cell.try_borrow() else {
                out.push_str("{...}");
                return;
            };
            if !state.enter(Rc::as_ptr(cell) as *const u8 as usize) {
                out.push_str("{...}");
                return;
            }
            out.push('{');
            for (i, (k, val)) in d.entries().iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(k, out, state);
                out.push_str(": ");
                write_repr(val, out, state);
            }
            out.push('}');
            state.leave();
        }
        Value::Range(r) => {
            if r.step == 1 {
                out.push_str(&format!("range({}, {})", r.start, r.stop));
            } else {
                out.push_str(&format!("range({}, {}, {})", r.start, r.stop, r.step));
            }
        }
        Value::Slice(s) => {
            out.push_str(&format!("slice({}, {}, {})", s.start.repr(), s.stop.repr(), s.step.repr()));
        }
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::Array(a) => out.push_str(&crate::builtins::array_glue::array_to_repr(a)),
        Value::Function(f) => out.push_str(&format!("<function {} at 0x{:x}>", f.def.name, v.identity())),
        Value::Builtin(b) => {
            if b.module == "builtins" {
                out.push_str(&format!("<built-in function {}>", b.name));
            } else if b.is_method() {
                out.push_str(&format!("<method '{}' of '{}' objects>", b.name, b.module));
            } else {
                out.push_str(&format!("<function {}>", b.qualified_name()));
            }
        }
        Value::Method(m) => {
            out.push_str(&format!("<built-in method {} of {} object>", m.method.name, m.receiver.type_name()));
        }
        Value::Module(m) => out.push_str(&format!("<module '{}'>", m.name)),
        Value::Type(t) => out.push_str(&t.repr()),
        Value::DType(d) => out.push_str(&format!("dtype('{}')", d.name())),
        Value::Exception(e) => {
            let args: Vec<String> = e.args.iter().map(|a| a.repr()).collect();
            out.push_str(&format!("{}({})", e.kind.name(), args.join(", ")));
        }
        Value::Object(o) => out.push_str(&o.repr()),
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}

#[cfg(test)]
mod size_tests {
    use super::Value;
    use crate::eval::error::{EvalResult, Unwind};
    use std::mem::size_of;

    /// A value is stored in two words (in locals, lists and dict entries);
    /// a larger variant would undo that. An evaluation result is three: its
    /// error side holds a returned value too, so it cannot share the tag.
    #[test]
    fn a_value_is_two_words() {
        assert_eq!(size_of::<Value>(), 16);
        assert_eq!(size_of::<Option<Value>>(), 16);
        assert_eq!(size_of::<Unwind>(), 16);
        assert_eq!(size_of::<EvalResult<Value>>(), 24);
    }
}
