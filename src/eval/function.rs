//! User functions: closures over cells, frames, and binding arguments to
//! parameters with Python's rules.

use super::error::{type_error, EvalResult, Source};
use crate::ast::{FunctionDef, NameSlot, ParamKind};
use crate::value::{Dict, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// A variable cell shared between a frame and the closures made in it.
pub type CellRef = Rc<RefCell<Option<Value>>>;

/// A function value: its definition, evaluated defaults and captured cells.
pub struct Function {
    /// The `def` or `lambda`.
    pub def: Rc<FunctionDef>,
    /// Default values, one per parameter (`None` where it has none).
    pub defaults: Vec<Option<Value>>,
    /// The cells of the free variables, in layout order.
    pub closure: Vec<CellRef>,
    /// The source the function was defined in (for error locations).
    pub source: Rc<Source>,
    /// The frame's shape, copied from the layout when the function is made
    /// so that a call reads it without borrowing the layout.
    pub shape: CallShape,
}

/// What a call needs to know to build a frame without binding by name.
#[derive(Clone, Copy, Debug)]
pub struct CallShape {
    /// Number of plain local slots.
    pub n_locals: u32,
    /// Number of cells for the function's own captured locals.
    pub n_own_cells: u32,
    /// Number of parameters.
    pub n_params: u32,
    /// Whether parameter `i` is a plain positional one stored in local slot `i`.
    pub plain_params: bool,
}

impl CallShape {
    /// Whether a call with `n_args` positional arguments (and nothing else)
    /// binds them to the first `n_args` local slots.
    #[inline(always)]
    pub fn takes_plain(&self, n_args: usize) -> bool {
        self.plain_params && n_args == self.n_params as usize
    }
    /// The shape of a resolved function definition.
    pub fn of(def: &crate::ast::FunctionDef) -> CallShape {
        let layout = def.layout.borrow();
        CallShape {
            n_locals: layout.n_locals,
            n_own_cells: layout.n_own_cells,
            n_params: def.params.len() as u32,
            plain_params: layout.plain_params,
        }
    }
}

/// The variables of one running function (or module entry).
pub struct Frame {
    /// Plain locals (`None` = not yet assigned).
    pub locals: Vec<Option<Value>>,
    /// Cells: captured own locals, then free variables.
    pub cells: Vec<CellRef>,
}

impl Frame {
    /// A frame with `n_locals` empty slots and the given cells.
    pub fn new(n_locals: usize, cells: Vec<CellRef>) -> Frame {
        Frame { locals: vec![None; n_locals], cells }
    }
}

/// Positional and keyword arguments of a call.
#[derive(Default)]
pub struct Args {
    /// Positional arguments in order.
    pub positional: Vec<Value>,
    /// Keyword arguments in order.
    pub keywords: Vec<(Rc<str>, Value)>,
}

impl Args {
    /// Only positional arguments.
    pub fn positional(values: Vec<Value>) -> Args {
        Args { positional: values, keywords: vec![] }
    }
}

impl Function {
    /// Builds the frame for a call: binds `args` to the parameters with
    /// Python's rules and messages (`f() missing 1 required positional argument: 'x'`).
    pub fn bind(&self, mut args: Args) -> EvalResult<Frame> {
        let def = &self.def;
        let layout = def.layout.borrow();
        let mut cells: Vec<super::function::CellRef> = Vec::with_capacity(layout.cell_names.len());
        for _ in 0..layout.n_own_cells {
            cells.push(Rc::new(RefCell::new(None)));
        }
        cells.extend(self.closure.iter().cloned());
        if layout.plain_params && args.keywords.is_empty() && args.positional.len() == def.params.len() {
            // Every argument goes to its own slot: the argument vector
            // becomes the frame's locals (collected in place, no allocation
            // when the caller reserved room).
            let mut locals: Vec<Option<Value>> = args.positional.into_iter().map(Some).collect();
            locals.resize(layout.n_locals as usize, None);
            return Ok(Frame { locals, cells });
        }
        let mut frame = Frame::new(layout.n_locals as usize, cells);
        let name = &def.name;
        let params = &def.params;
        let mut values: Vec<Option<Value>> = vec![None; params.len()];
        let n_positional_params = params.iter().filter(|p| p.kind == ParamKind::Normal).count();
        let var_args = params.iter().position(|p| p.kind == ParamKind::VarArgs && p.name.as_ref() != "*");
        let var_kwargs = params.iter().position(|p| p.kind == ParamKind::VarKwargs);

        // Positional arguments fill the normal parameters in order.
        let given = args.positional.len();
        if given > n_positional_params && var_args.is_none() {
            let required = params.iter().filter(|p| p.kind == ParamKind::Normal && p.default.is_none()).count();
            let takes = if required == n_positional_params {
                format!("{n_positional_params}")
            } else {
                format!("from {required} to {n_positional_params}")
            };
            let was = if given == 1 { "was" } else { "were" };
            let plural = if n_positional_params == 1 && required == n_positional_params { "" } else { "s" };
            return Err(type_error(format!(
                "{name}() takes {takes} positional argument{plural} but {given} {was} given"
            )));
        }
        let extra: Vec<Value> =
            if given > n_positional_params { args.positional.split_off(n_positional_params) } else { vec![] };
        let mut normal_index = params.iter().enumerate().filter(|(_, p)| p.kind == ParamKind::Normal).map(|(i, _)| i);
        for v in args.positional {
            if let Some(i) = normal_index.next() {
                values[i] = Some(v);
            }
        }
        if let Some(i) = var_args {
            values[i] = Some(Value::tuple(extra));
        }
        // Keyword arguments by name.
        let mut kwargs = Dict::new();
        for (key, v) in args.keywords {
            match params
                .iter()
                .position(|p| p.name == key && matches!(p.kind, ParamKind::Normal | ParamKind::KeywordOnly))
            {
                Some(i) => {
                    if values[i].is_some() {
                        return Err(type_error(format!("{name}() got multiple values for argument '{key}'")));
                    }
                    values[i] = Some(v);
                }
                None if var_kwargs.is_some() => {
                    let _ = kwargs.insert(Value::Str(key.into()), v);
                }
                None => {
                    return Err(type_error(format!("{name}() got an unexpected keyword argument '{key}'")));
                }
            }
        }
        if let Some(i) = var_kwargs {
            values[i] = Some(Value::Dict(Rc::new(RefCell::new(kwargs))));
        }
        // Defaults, then report what is still missing.
        let mut missing_pos = vec![];
        let mut missing_kw = vec![];
        for (i, p) in params.iter().enumerate() {
            if values[i].is_none() {
                match &self.defaults[i] {
                    Some(d) => values[i] = Some(d.clone()),
                    None => match p.kind {
                        ParamKind::Normal => missing_pos.push(format!("'{}'", p.name)),
                        ParamKind::KeywordOnly => missing_kw.push(format!("'{}'", p.name)),
                        _ => {}
                    },
                }
            }
        }
        for (missing, what) in [(missing_pos, "positional"), (missing_kw, "keyword-only")] {
            if !missing.is_empty() {
                let n = missing.len();
                let list = match n {
                    1 => missing[0].clone(),
                    2 => format!("{} and {}", missing[0], missing[1]),
                    _ => format!("{}, and {}", missing[..n - 1].join(", "), missing[n - 1]),
                };
                let s = if n == 1 { "" } else { "s" };
                return Err(type_error(format!("{name}() missing {n} required {what} argument{s}: {list}")));
            }
        }
        for (slot, v) in layout.param_slots.iter().zip(values) {
            match slot {
                NameSlot::Local(i) => frame.locals[*i as usize] = v,
                NameSlot::Cell(i) => {
                    if let Some(c) = frame.cells.get(*i as usize) {
                        *c.borrow_mut() = v;
                    }
                }
                NameSlot::Global => {}
            }
        }
        Ok(frame)
    }
}
