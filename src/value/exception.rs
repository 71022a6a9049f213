//! Python's exception kinds and exception values.

use super::Value;
use std::rc::Rc;

/// The exception classes NPL knows, with Python's hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    /// `BaseException`
    BaseException,
    /// `Exception`
    Exception,
    /// `ArithmeticError`
    ArithmeticError,
    /// `ZeroDivisionError`
    ZeroDivisionError,
    /// `OverflowError`
    OverflowError,
    /// `LookupError`
    LookupError,
    /// `IndexError`
    IndexError,
    /// `KeyError`
    KeyError,
    /// `ValueError`
    ValueError,
    /// `TypeError`
    TypeError,
    /// `NameError`
    NameError,
    /// `UnboundLocalError`
    UnboundLocalError,
    /// `AttributeError`
    AttributeError,
    /// `AssertionError`
    AssertionError,
    /// `RuntimeError`
    RuntimeError,
    /// `RecursionError`
    RecursionError,
    /// `NotImplementedError`
    NotImplementedError,
    /// `MemoryError`
    MemoryError,
    /// `KeyboardInterrupt`
    KeyboardInterrupt,
    /// `StopIteration`
    StopIteration,
    /// `ImportError`
    ImportError,
    /// `ModuleNotFoundError`
    ModuleNotFoundError,
    /// `OSError`
    OSError,
    /// `FileNotFoundError`
    FileNotFoundError,
    /// `SyntaxError`
    SyntaxError,
    /// `IndentationError`
    IndentationError,
    /// `TabError`
    TabError,
    /// `numpy.linalg.LinAlgError` (a `ValueError`)
    LinAlgError,
    /// `numpy.exceptions.AxisError` (a `ValueError` and `IndexError`)
    AxisError,
    /// NumPy's `_UFuncOutputCastingError` (a `TypeError`)
    UFuncOutputCastingError,
    /// `UnicodeError`
    UnicodeError,
    /// `EOFError`
    EOFError,
}

impl ExcKind {
    /// Every kind, for lookups by name.
    pub const ALL: [ExcKind; 32] = [
        ExcKind::BaseException,
        ExcKind::Exception,
        ExcKind::ArithmeticError,
        ExcKind::ZeroDivisionError,
        ExcKind::OverflowError,
        ExcKind::LookupError,
        ExcKind::IndexError,
        ExcKind::KeyError,
        ExcKind::ValueError,
        ExcKind::TypeError,
        ExcKind::NameError,
        ExcKind::UnboundLocalError,
        ExcKind::AttributeError,
        ExcKind::AssertionError,
        ExcKind::RuntimeError,
        ExcKind::RecursionError,
        ExcKind::NotImplementedError,
        ExcKind::MemoryError,
        ExcKind::KeyboardInterrupt,
        ExcKind::StopIteration,
        ExcKind::ImportError,
        ExcKind::ModuleNotFoundError,
        ExcKind::OSError,
        ExcKind::FileNotFoundError,
        ExcKind::SyntaxError,
        ExcKind::IndentationError,
        ExcKind::TabError,
        ExcKind::LinAlgError,
        ExcKind::AxisError,
        ExcKind::UFuncOutputCastingError,
        ExcKind::UnicodeError,
        ExcKind::EOFError,
    ];

    /// The class name (`ValueError`, `LinAlgError`).
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::BaseException => "BaseException",
            ExcKind::Exception => "Exception",
            ExcKind::ArithmeticError => "ArithmeticError",
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::LookupError => "LookupError",
            ExcKind::IndexError => "IndexError",
            ExcKind::KeyError => "KeyError",
            ExcKind::ValueError => "ValueError",
            ExcKind::TypeError => "TypeError",
            ExcKind::NameError => "NameError",
            ExcKind::UnboundLocalError => "UnboundLocalError",
            ExcKind::AttributeError => "AttributeError",
            ExcKind::AssertionError => "AssertionError",
            ExcKind::RuntimeError => "RuntimeError",
            ExcKind::RecursionError => "RecursionError",
            ExcKind::NotImplementedError => "NotImplementedError",
            ExcKind::MemoryError => "MemoryError",
            ExcKind::KeyboardInterrupt => "KeyboardInterrupt",
            ExcKind::StopIteration => "StopIteration",
            ExcKind::ImportError => "ImportError",
            ExcKind::ModuleNotFoundError => "ModuleNotFoundError",
            ExcKind::OSError => "OSError",
            ExcKind::FileNotFoundError => "FileNotFoundError",
            ExcKind::SyntaxError => "SyntaxError",
            ExcKind::IndentationError => "IndentationError",
            ExcKind::TabError => "TabError",
            ExcKind::LinAlgError => "LinAlgError",
            ExcKind::AxisError => "AxisError",
            ExcKind::UFuncOutputCastingError => "UFuncTypeError",
            ExcKind::UnicodeError => "UnicodeError",
            ExcKind::EOFError => "EOFError",
        }
    }

    /// The name Python prints in a traceback's last line
    /// (`numpy.linalg.LinAlgError`).
    pub fn qualified_name(self) -> &'static str {
        match self {
            ExcKind::LinAlgError => "numpy.linalg.LinAlgError",
            ExcKind::AxisError => "numpy.exceptions.AxisError",
            ExcKind::UFuncOutputCastingError => "numpy._core._exceptions._UFuncOutputCastingError",
            other => other.name(),
        }
    }

    /// The kind named `name`, if it is a builtin exception name.
    pub fn from_name(name: &str) -> Option<ExcKind> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| {
                k.name() == name
                    && *k != ExcKind::UFuncOutputCastingError
                    && *k != ExcKind::AxisError
                    && *k != ExcKind::LinAlgError
            })
            .or(match name {
                "IOError" | "EnvironmentError" => Some(ExcKind::OSError),
                _ => None,
            })
    }

    /// The base classes (Python's MRO after the class itself).
    pub fn parents(self) -> &'static [ExcKind] {
        use ExcKind::*;
        match self {
            BaseException => &[],
            Exception | KeyboardInterrupt => &[BaseException],
            ArithmeticError | LookupError | ValueError | TypeError | NameError | AttributeError | AssertionError
            | RuntimeError | MemoryError | StopIteration | ImportError | OSError | SyntaxError | EOFError => {
                &[Exception]
            }
            ZeroDivisionError | OverflowError => &[ArithmeticError],
            IndexError | KeyError => &[LookupError],
            UnboundLocalError => &[NameError],
            RecursionError | NotImplementedError => &[RuntimeError],
            ModuleNotFoundError => &[ImportError],
            FileNotFoundError => &[OSError],
            IndentationError => &[SyntaxError],
            TabError => &[IndentationError],
            LinAlgError | UnicodeError => &[ValueError],
            AxisError => &[ValueError, IndexError],
            UFuncOutputCastingError => &[TypeError],
        }
    }

    /// Whether an exception of this kind is caught by `except other`.
    pub fn is_subclass_of(self, other: ExcKind) -> bool {
        self == other || self.parents().iter().any(|p| p.is_subclass_of(other))
    }
}

/// An exception object: its class and arguments.
#[derive(Debug)]
pub struct ExceptionValue {
    /// Its class.
    pub kind: ExcKind,
    /// The arguments it was raised with (usually one message).
    pub args: Vec<Value>,
}

impl ExceptionValue {
    /// An exception of `kind` with a message.
    pub fn new(kind: ExcKind, message: impl Into<String>) -> Rc<Self> {
        let message: String = message.into();
        let args = if message.is_empty() { vec![] } else { vec![Value::Str(crate::value::PyStr::from(message))] };
        Rc::new(ExceptionValue { kind, args })
    }

    /// `str(exc)`: the message (a `KeyError` shows the key's repr).
    pub fn message(&self) -> String {
        match self.args.as_slice() {
            [] => String::new(),
            [one] if self.kind == ExcKind::KeyError => one.repr(),
            [one] => one.to_str(),
            many => Value::Tuple(Rc::new(many.to_vec())).repr(),
        }
    }

    /// The last line of a traceback: `ValueError: message` or `ValueError`.
    pub fn last_line(&self) -> String {
        let msg = self.message();
        if msg.is_empty() {
            self.kind.qualified_name().to_string()
        } else {
            format!("{}: {}", self.kind.qualified_name(), msg)
        }
    }
}
