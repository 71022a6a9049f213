//! The abstract syntax tree. Every expression and statement carries the
//! byte span of its source text, for error messages with a caret.

use std::cell::Cell;
use std::rc::Rc;

/// A byte range `[start, end)` in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// Where a name lives once scopes are resolved (see `eval::scope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSlot {
    /// Not yet resolved, or a module-level (global) name.
    Global,
    /// A local variable of the running frame.
    Local(u32),
    /// A cell of the running frame: a local captured by an inner function,
    /// or a variable captured from an enclosing function.
    Cell(u32),
}

/// A reference to a variable: its name and, after resolution, its slot.
#[derive(Debug)]
pub struct NameRef {
    /// The identifier.
    pub name: Rc<str>,
    /// The slot assigned by scope resolution.
    pub slot: Cell<NameSlot>,
    /// For a global: the variable's slot in the session's global table,
    /// tagged with the table's id (see `eval::globals`); 0 until first used.
    pub global_cache: Cell<u64>,
}

impl NameRef {
    /// A not-yet-resolved reference to `name`.
    pub fn new(name: Rc<str>) -> NameRef {
        NameRef { name, slot: Cell::new(NameSlot::Global), global_cache: Cell::new(0) }
    }
}

/// The name in `x.name`, with a cache of where it was last found when `x`
/// is a module (see `Module::get_cached`).
#[derive(Debug)]
pub struct AttrName {
    /// The attribute's name.
    pub name: Rc<str>,
    /// The module id and attribute position of the last lookup (0: none).
    pub module_cache: Cell<u64>,
}

impl AttrName {
    /// An attribute name with an empty cache.
    pub fn new(name: Rc<str>) -> AttrName {
        AttrName { name, module_cache: Cell::new(0) }
    }
}

/// An expression with its span.
#[derive(Debug)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Its source text.
    pub span: Span,
}

/// A part of an f-string.
#[derive(Debug)]
pub enum FStringPart {
    /// Literal text.
    Text(String),
    /// A replacement field `{expr!conv:spec}`.
    Field {
        /// The expression.
        expr: Box<Expr>,
        /// `Some('r')`, `Some('s')` or `Some('a')` for `!r` etc.
        conversion: Option<char>,
        /// The format spec, itself possibly containing fields.
        spec: Vec<FStringPart>,
        /// For `{x=}`: the text `x=` printed before the value.
        debug_text: Option<String>,
    },
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `~x`
    Invert,
    /// `not x`
    Not,
}

/// Binary operators (arithmetic and bitwise).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `@`
    MatMul,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
}

impl BinOp {
    /// The operator's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::MatMul => "@",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
        }
    }
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `is`
    Is,
    /// `is not`
    IsNot,
}

impl CmpOp {
    /// The operator's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

/// An argument in a call.
#[derive(Debug)]
pub enum Arg {
    /// `f(x)`
    Positional(Expr),
    /// `f(*xs)`
    Star(Expr),
    /// `f(name=x)`
    Keyword(Rc<str>, Expr),
    /// `f(**kw)`
    DoubleStar(Expr),
}

/// One `for ... in ... if ...` clause of a comprehension.
#[derive(Debug)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` filters.
    pub conditions: Vec<Expr>,
}

/// What a comprehension builds.
#[derive(Debug)]
pub enum CompKind {
    /// `[e for ...]` (also generator expressions, evaluated eagerly)
    List(Box<Expr>),
    /// `{k: v for ...}`
    Dict(Box<Expr>, Box<Expr>),
}

/// Expressions.
#[derive(Debug)]
pub enum ExprKind {
    /// An int literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// An imaginary literal such as `2j`.
    Imag(f64),
    /// A string literal (adjacent literals already joined).
    Str(crate::value::PyStr),
    /// An f-string.
    FString(Vec<FStringPart>),
    /// `True` / `False`.
    Bool(bool),
    /// `None`.
    NoneLit,
    /// `...`
    Ellipsis,
    /// A variable.
    Name(NameRef),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`
    Tuple(Vec<Expr>),
    /// `{k: v}`
    Dict(Vec<(Expr, Expr)>),
    /// `*x` inside a list, tuple or assignment target.
    Starred(Box<Expr>),
    /// `x.name`
    Attribute(Box<Expr>, AttrName),
    /// `f(args)`
    Call(Box<Expr>, Vec<Arg>),
    /// `x[i]`
    Subscript(Box<Expr>, Box<Expr>),
    /// `a:b:c` inside a subscript.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `-x`, `not x`, ...
    Unary(UnaryOp, Box<Expr>),
    /// `a + b`, ...
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a and b`
    And(Box<Expr>, Box<Expr>),
    /// `a or b`
    Or(Box<Expr>, Box<Expr>),
    /// `a < b <= c` (each operator with its right operand).
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `a if cond else b`: (cond, a, b)
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `lambda params: body`
    Lambda(Rc<FunctionDef>),
    /// A list or dict comprehension.
    Comprehension(CompKind, Vec<Comprehension>),
}

/// A function parameter.
#[derive(Debug)]
pub struct Param {
    /// The parameter's name.
    pub name: Rc<str>,
    /// Its default value, evaluated when the `def` runs.
    pub default: Option<Expr>,
    /// What kind of parameter it is.
    pub kind: ParamKind,
}

/// Kinds of parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// An ordinary (positional-or-keyword) parameter.
    Normal,
    /// A parameter after `*` or `*args`: keyword only.
    KeywordOnly,
    /// `*args`
    VarArgs,
    /// `**kwargs`
    VarKwargs,
}

/// A function (from `def` or `lambda`) with its resolved frame layout.
#[derive(Debug)]
pub struct FunctionDef {
    /// The function's name (`<lambda>` for lambdas).
    pub name: Rc<str>,
    /// Its parameters.
    pub params: Vec<Param>,
    /// Its body (a lambda's body is one `Return`).
    pub body: Vec<Stmt>,
    /// Where it is defined.
    pub span: Span,
    /// Frame layout, filled in by scope resolution.
    pub layout: std::cell::RefCell<FrameLayout>,
    /// The body compiled to closures by the evaluator, made on the first call.
    pub compiled: std::cell::OnceCell<crate::eval::compile::CompiledBody>,
}

/// How a frame's variables are laid out (set by scope resolution).
#[derive(Clone, Debug, Default)]
pub struct FrameLayout {
    /// Number of plain local slots.
    pub n_locals: u32,
    /// Names of the cells: own captured locals first, then free variables.
    pub cell_names: Vec<Rc<str>>,
    /// Number of own captured locals (the first cells).
    pub n_own_cells: u32,
    /// For each free variable (cells after the own ones): the slot in the
    /// defining frame it is captured from (a cell index of the enclosing frame).
    pub free_from: Vec<u32>,
    /// Where each parameter is stored.
    pub param_slots: Vec<NameSlot>,
    /// Whether every parameter is a plain positional-or-keyword one stored
    /// in local slot `i` for parameter `i` (calls can then bind by moving
    /// the arguments into place).
    pub plain_params: bool,
}

/// An `except` clause.
#[derive(Debug)]
pub struct ExceptHandler {
    /// The exception type(s) to catch; `None` catches everything.
    pub kind: Option<Expr>,
    /// `as name`
    pub name: Option<NameRef>,
    /// The handler's body.
    pub body: Vec<Stmt>,
    /// The `except ...:` line.
    pub span: Span,
}

/// A statement with its span.
#[derive(Debug)]
pub struct Stmt {
    /// What the statement is.
    pub kind: StmtKind,
    /// Its source text.
    pub span: Span,
}

/// Statements.
#[derive(Debug)]
pub enum StmtKind {
    /// An expression evaluated for its effect (echoed at the prompt).
    Expr(Expr),
    /// `t1 = t2 = value`
    Assign(Vec<Expr>, Expr),
    /// `t op= value`
    AugAssign(Expr, BinOp, Expr),
    /// `if cond: body else: orelse`
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `while cond: body else: orelse`
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for target in iter: body else: orelse`
    For(Expr, Expr, Vec<Stmt>, Vec<Stmt>),
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `pass`
    Pass,
    /// `def`
    Def(Rc<FunctionDef>, NameRef),
    /// `return [value]`
    Return(Option<Expr>),
    /// `global names`
    Global(Vec<Rc<str>>),
    /// `nonlocal names`
    Nonlocal(Vec<Rc<str>>),
    /// `assert test, msg`
    Assert(Expr, Option<Expr>),
    /// `del targets`
    Del(Vec<Expr>),
    /// `import a.b as c`: (module path, bound name)
    Import(Vec<Rc<str>>, NameRef),
    /// `from a.b import x as y, ...`: (module path, [(name, bound name)]); `*` has name "*".
    ImportFrom(Vec<Rc<str>>, Vec<(Rc<str>, NameRef)>),
    /// `try/except/else/finally`
    Try {
        /// The guarded body.
        body: Vec<Stmt>,
        /// The handlers in order.
        handlers: Vec<ExceptHandler>,
        /// Runs when the body raised nothing.
        orelse: Vec<Stmt>,
        /// Always runs.
        finally: Vec<Stmt>,
    },
    /// `raise [exc [from cause]]`
    Raise(Option<Expr>, Option<Expr>),
}
