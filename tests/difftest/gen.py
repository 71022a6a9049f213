#!/usr/bin/env python3
"""Seeded generator of small random NPL programs (each also a valid Python + NumPy program).

`generate(seed)` returns a program as a list of statements (strings, possibly multi-line); joining them with
newlines gives the program text. The generator tracks the shape and dtype of every array it builds so that most
operations are meaningful (broadcast-compatible pairs, axes in range), and now and then makes a deliberate
mistake (a shape mismatch, an axis out of range, a bad index) that both interpreters must report alike.

Steered away from the allowed differences listed in README.md (repr of array scalars, arithmetic on extracted
scalars, integer overflow, bool-only inputs to `//`, `%`, `**` and float ufuncs, unstable argsort of ties).

usage: gen.py SEED [COUNT]   prints the programs (separated by a `# ---- seed N` line)
"""
import random
import re
import sys

DTYPES = ["bool", "int64", "float64", "complex128"]
RANK = {"bool": 0, "int64": 1, "float64": 2, "complex128": 3}

FLOAT_POOLS = [
    ["0.0", "1.0", "-2.0", "3.0", "0.5", "-1.5", "2.25"],
    ["0.1", "0.2", "0.3", "1.0 / 3.0", "2.0 / 3.0", "-0.7"],
    ["1e-05", "1.0", "100.0", "1e-3", "0.5"],
    ["1e8", "1.0", "123456789.0", "-5.0"],
    ["1e16", "1.0", "-3.5", "2.0"],
    ["np.nan", "np.inf", "-np.inf", "1.0", "-0.0", "2.5"],
    ["1e-300", "1e300", "1.0", "-1e-8"],
    ["12345.678", "0.001", "-99.5", "7.0"],
]
COMPLEX_POOL = ["1+2j", "-0.5j", "3+0j", "2-1j", "0j", "1.5+2.5j", "-1-1j", "1e-3+1e3j", "complex(np.nan, 1)"]


class Gen:
    """One program under construction: statements plus what is known of each variable."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.lines = []
        self.vars = {}  # name -> (shape, dtype); shape () is a 0-d array
        self.scalars = {}  # name -> dtype of a number pulled out of an array
        self.counter = 0
        # set once a transcendental function (or float power, complex division) ran: its last bit may differ
        # from NumPy's SIMD kernels, so from then on numbers print only with 8 digits (arrays) or a format spec
        self.fuzzy = False

    # ---- helpers --------------------------------------------------------------------------------------------
    def r(self, *items):
        return self.rng.choice(items)

    def chance(self, p):
        return self.rng.random() < p

    def fresh(self, prefix="a"):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def emit(self, stmt, guarded=False):
        """Append a statement; guarded statements catch and print the exception (so the program goes on)."""
        if guarded:
            body = "\n".join("    " + l for l in stmt.split("\n"))
            stmt = f"try:\n{body}\nexcept Exception as e:\n    print(type(e).__name__ + ':', e)"

        self.lines.append(stmt)

    def dim(self):
        return self.rng.choice([1, 2, 2, 3, 3, 4, 5])

    def shape(self):
        k = self.rng.random()
        if k < 0.06:
            return ()
        if k < 0.12:
            return (self.r(0, 1),)
        if k < 0.45:
            return (self.dim() + self.r(0, 0, 2, 5),)
        if k < 0.85:
            return (self.r(0, 1, 2, 3, 3, 4), self.dim()) if self.chance(0.9) else (self.dim(), self.r(0, 1))
        return (self.r(1, 2), self.dim(), self.dim())

    def pick(self, pred=lambda s, d: True):
        names = [n for n, (s, d) in self.vars.items() if pred(s, d)]
        return self.rng.choice(names) if names else None

    def size(self, shape):
        n = 1
        for s in shape:
            n *= s
        return n

    # ---- values ---------------------------------------------------------------------------------------------
    def literal(self, shape, dtype, pool):
        if not shape:
            return self.scalar_lit(dtype, pool)
        return "[" + ", ".join(self.literal(shape[1:], dtype, pool) for _ in range(shape[0])) + "]"

    def scalar_lit(self, dtype, pool):
        if dtype == "bool":
            return self.r("True", "False")
        if dtype == "int64":
            return str(self.rng.randint(-4, 9))
        if dtype == "float64":
            return self.rng.choice(pool)
        return self.rng.choice(COMPLEX_POOL + pool[:2])

    def py_scalar(self, dtype=None):
        dtype = dtype or self.r("bool", "int64", "int64", "float64", "float64", "complex128")
        if dtype == "bool":
            return self.r("True", "False"), "bool"
        if dtype == "int64":
            return self.r("0", "1", "2", "3", "-1", "-2", "7"), "int64"
        if dtype == "float64":
            return self.r("0.5", "1.5", "-2.0", "0.1", "3.0", "1e-3", "0.0"), "float64"
        return self.r("1j", "(1+2j)", "(2-0.5j)", "0j"), "complex128"

    # ---- creation -------------------------------------------------------------------------------------------
    def create(self, shape=None, dtype=None):
        name = self.fresh()
        shape = self.shape() if shape is None else shape
        dtype = dtype or self.r("bool", "int64", "int64", "float64", "float64", "float64", "complex128")
        n = self.size(shape)
        k = self.rng.random() if shape else 0.0  # random and arange would give scalars for shape ()
        shp = repr(shape)
        if k < 0.35 and n <= 30:
            lit = self.literal(shape, dtype, self.rng.choice(FLOAT_POOLS))
            spelled = {"bool": "bool", "int64": self.r("int", "np.int64", "'int64'"),
                       "float64": self.r("float", "np.float64", "'float64'"),
                       "complex128": self.r("complex", "np.complex128")}[dtype]
            if dtype == "complex128" or self.chance(0.3) or n == 0:
                expr = f"np.array({lit}, dtype={spelled})"
                if n == 0 and len(shape) > 1:
                    expr += f".reshape({shp})"  # [] alone has shape (0,)
            else:
                expr = f"np.array({lit})"
                if dtype == "float64" and all(not c.isalpha() for c in lit) and "." not in lit and "e" not in lit:
                    dtype = "int64"
        elif k < 0.55 and dtype in ("int64", "float64"):
            if dtype == "int64":
                expr = f"np.arange({n}).reshape({shp})" if shape else f"np.array({self.rng.randint(-3, 9)})"
                if shape and self.chance(0.3):
                    expr = f"(np.arange({n}) - {n // 2}).reshape({shp})"
            else:
                expr = f"np.arange({n}.0).reshape({shp}) / {self.r('2', '4', '3', '10', '7')}"
                if shape and self.chance(0.3):
                    expr = f"np.linspace({self.r('0', '-1', '2.5')}, {self.r('1', '10', '1e6')}, {n}).reshape({shp})"
        elif k < 0.7:
            f = self.r("zeros", "ones", "full")
            dt = {"bool": "bool", "int64": "int", "float64": "float", "complex128": "complex"}[dtype]
            if f == "full":
                v, _ = self.py_scalar(dtype)
                expr = f"np.full({shp}, {v}, dtype={dt})"
            else:
                expr = f"np.{f}({shp}, dtype={dt})" if self.chance(0.7) or dtype != "float64" else f"np.{f}({shp})"
        else:
            seed = self.rng.randint(0, 99)
            if dtype == "int64" or dtype == "bool":
                lo, hi = self.r((0, 10), (-5, 5), (0, 2), (1, 4))
                expr = f"np.random.randint({lo}, {hi}, size={shp})"
                if dtype == "bool":
                    expr = f"np.random.randint(0, 2, size={shp}) > 0"
                self.emit(f"np.random.seed({seed})")
            elif dtype == "complex128":
                self.emit(f"np.random.seed({seed})")
                expr = f"np.random.randn(*{shp}) + 1j * np.random.rand(*{shp})"
            elif self.chance(0.5):
                self.emit(f"np.random.seed({seed})")
                expr = self.r(f"np.random.rand(*{shp})", f"np.random.randn(*{shp})",
                              f"np.random.uniform(-10, 10, size={shp})", f"np.random.rand(*{shp}) * 1e{self.r(-6, 3, 9)}",
                              f"np.round(np.random.randn(*{shp}) * 4, {self.r(0, 1, 2)})")
            else:
                g = self.fresh("rng")
                self.emit(f"{g} = np.random.default_rng({seed})")
                expr = self.r(f"{g}.random({shp})", f"{g}.standard_normal({shp})", f"{g}.normal(2.0, 3.0, size={shp})")
        self.emit(f"{name} = {expr}")
        self.vars[name] = (tuple(shape), dtype)
        return name

    def ensure(self, pred=lambda s, d: True, shape=None, dtype=None):
        name = self.pick(pred)
        if name is None or self.chance(0.25):
            name = self.create(shape, dtype)
            if not pred(*self.vars[name]):
                name = self.pick(pred) or name
        return name

    # ---- shapes ---------------------------------------------------------------------------------------------
    def partner_shape(self, shape):
        """A shape that broadcasts with `shape` (or, rarely, one that does not)."""
        if self.chance(0.08) and shape:
            bad = list(shape)
            i = self.rng.randrange(len(bad))
            bad[i] = bad[i] + self.r(1, 2) if bad[i] != 0 else 2
            if bad[i] == 1:
                bad[i] = 3
            return tuple(bad)
        out = [d if self.chance(0.7) else 1 for d in shape]
        while out and self.chance(0.3):
            out.pop(0)
        if self.chance(0.15):
            out.insert(0, self.r(1, 2))
        return tuple(out)

    @staticmethod
    def broadcast(a, b):
        n = max(len(a), len(b))
        a = (1,) * (n - len(a)) + tuple(a)
        b = (1,) * (n - len(b)) + tuple(b)
        out = []
        for x, y in zip(a, b):
            if x == y or y == 1:
                out.append(x)
            elif x == 1:
                out.append(y)
            else:
                return None
        return tuple(out)

    # ---- statements -----------------------------------------------------------------------------------------
    def show(self, name):
        """Print a variable in one of several ways."""
        if name in self.scalars:
            self.show_scalar(name)
            return
        shape, dtype = self.vars[name]
        k = self.rng.random()
        if k < 0.4:
            self.emit(f"print({name})")
        elif k < 0.75:
            self.emit(f"print(repr({name}))")
        elif k < 0.82:
            self.emit(f"print(str({name}))")
        elif k < 0.88:
            self.emit(f"print({name}.shape, {name}.dtype, {name}.ndim, {name}.size)")
        elif k < 0.94 and not self.fuzzy:
            self.emit(f"print({name}.tolist())")
        else:
            self.emit(f"print(f'{{{name}}}')")

    def show_scalar(self, name):
        dtype = self.scalars[name]
        if dtype == "bool":
            spec = self.r("", "", "!s")
        elif dtype == "int64":
            spec = self.r("", ":>6", ":d", ":.2f", ":+d", ":5", ":x" if False else ":<4")
        elif dtype == "float64":
            spec = self.r("", ":.3f", ":.2e", ":g", ":10.4f", ":.0f", ":>12", ":.6g", ":%" if False else ":.1%")
        else:
            spec = self.r("", ":.2f", ":g")
        k = self.rng.random()
        if self.fuzzy and dtype in ("float64", "complex128"):
            spec = self.r(":.6f", ":.4e", ":.8g")
            k = 1.0
        if k < 0.4:
            self.emit(f"print({name})")
        elif k < 0.5:
            self.emit(f"print(str({name}))")
        else:
            self.emit(f"print(f'v={{{name}{spec}}}')")

    def st_create(self):
        self.show(self.create())

    def st_binop(self):
        a = self.ensure()
        sa, da = self.vars[a]
        ops = ["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "<", "<=", "==", "!=", ">", ">="]
        op = self.rng.choice(ops)
        pshape = self.partner_shape(sa)
        b = self.pick(lambda s, d: s == pshape) if self.chance(0.6) else None
        if b is None:
            dt = self.r("bool", "int64", "int64", "float64", "float64", "complex128")
            if op in ("&", "|", "^") and self.chance(0.8):
                dt = self.r("bool", "int64")
            b = self.create(pshape, dt)
        sb, db = self.vars[b]
        if op in ("&", "|", "^") and (RANK[da] > 1 or RANK[db] > 1) and self.chance(0.85):
            op = self.r("+", "*", "-")
        if op in ("//", "%", "**") and da == "bool" and db == "bool":
            op = "+"  # bool // bool gives int8 in NumPy (allowed difference)
        if op in ("//", "%") and "complex128" in (da, db):
            op = self.r("//", "-") if self.chance(0.2) else "-"
        if op == "**" and "int64" in (da, db) and RANK[da] <= 1 and RANK[db] <= 1 and not sb:
            op = "*"  # np.abs(0-d) % 3 would be a scalar (allowed difference)
        if op == "**" and "int64" in (da, db) and RANK[da] <= 1 and RANK[db] <= 1:
            b2 = self.fresh()
            self.emit(f"{b2} = np.abs({b}) % 3")  # small non-negative exponents keep int64 in range
            self.vars[b2] = (sb, "int64" if db == "int64" else "int64")
            b = b2
        name = self.fresh()
        if (op == "**" and "float64" in (da, db)) or "complex128" in (da, db):
            self.fuzzy = True
        if self.chance(0.5) and (da, db) != ("bool", "bool") and op not in ("/", "**"):
            lhs, rhs = (a, b) if self.chance(0.7) else (b, a)
        else:
            lhs, rhs = a, b
        self.emit(f"{name} = {lhs} {op} {rhs}", guarded=self.chance(0.5))
        out = self.broadcast(sa, sb)
        if out is None:
            return
        if op in ("<", "<=", "==", "!=", ">", ">="):
            dt = "bool"
        else:
            dt = max(da, db, key=lambda d: RANK[d])
            if op == "/" and RANK[dt] < 2:
                dt = "float64"
        self.record_result(name, out, dt)

    def record_result(self, name, shape, dtype):
        self.vars[name] = (shape, dtype)
        if shape == ():
            # NumPy gives an array scalar here, NPL a plain number: print it with str() only
            del self.vars[name]
            self.scalars[name] = dtype
        self.show(name)

    def st_scalar_op(self):
        a = self.ensure(lambda s, d: d != "complex128" or self.chance(0.5))
        sa, da = self.vars[a]
        v, dv = self.py_scalar()
        op = self.r("+", "-", "*", "/", "//", "%", "**", "<", "==", ">=", "&", "|")
        if op in ("//", "%") and "complex128" in (da, dv):
            op = "*"
        if op in ("&", "|") and (RANK[da] > 1 or RANK[dv] > 1):
            if self.chance(0.7):
                op = "+"
        if op in ("//", "%", "**") and da == "bool" and dv == "bool":
            op = "+"
        if op == "**" and da == "int64" and dv == "int64":
            v = self.r("0", "1", "2", "3", "-1")
        if op == "**" and da == "bool":
            op = "*"  # bool ** 2 is np.square(bool): int8 in NumPy (allowed difference)
        if op == "**" and dv == "bool" and da == "bool":
            op = "*"
        name = self.fresh()
        if op in ("/", "//", "%") and v in ("0", "0.0", "False", "0j") and RANK[da] <= 1 and RANK[dv] <= 1:
            v = "2"  # int // 0 warns in NumPy; fine, but keep messages on stdout simple
        if (op == "**" and "float64" in (da, dv)) or "complex128" in (da, dv):
            self.fuzzy = True
        if self.chance(0.6):
            self.emit(f"{name} = {a} {op} {v}", guarded=self.chance(0.3))
        else:
            self.emit(f"{name} = {v} {op} {a}", guarded=self.chance(0.3))
        if op in ("<", "==", ">="):
            dt = "bool"
        else:
            dt = da if RANK[da] >= RANK[dv] else (dv if dv != "bool" else da)
            if da == "bool" and dv == "int64":
                dt = "int64"
            if op == "/" and RANK[dt] < 2:
                dt = "float64"
        self.record_result(name, sa, dt)

    def st_ufunc(self):
        a = self.ensure()
        sa, da = self.vars[a]
        name = self.fresh()
        if da == "bool":
            f = self.r("np.logical_not", "~", "np.abs", "np.where")
        else:
            f = self.r("np.sqrt", "np.exp", "np.log", "np.sin", "np.cos", "np.tanh", "np.abs", "np.floor", "np.ceil",
                       "np.square", "np.sign", "np.negative", "-", "np.isnan", "np.isfinite", "np.round", "np.rint",
                       "np.trunc", "np.log10", "np.arctan", "np.expm1", "np.conj", "np.angle", "np.clip")
            if da == "complex128" and f in ("np.floor", "np.ceil", "np.rint", "np.trunc", "np.clip") and self.chance(0.8):
                f = "np.abs"
        if f == "~" or f == "-":
            expr = f"{f}{a}"
        elif f == "np.where":
            expr = f"np.where({a}, {self.r('1', '2.5', '-1')}, {self.r('0', '-3', '0.5')})"
        elif f == "np.round":
            expr = f"np.round({a}, {self.r(0, 1, 2, -1)})"
        elif f == "np.clip":
            expr = f"np.clip({a}, {self.r('0', '-1', '0.5', 'None')}, {self.r('2', '3.5', '4')})"
        else:
            expr = f"{f}({a})"
        self.emit(f"{name} = {expr}", guarded=self.chance(0.3))
        if f in ("np.exp", "np.log", "np.sin", "np.cos", "np.tanh", "np.log10", "np.arctan", "np.expm1", "np.angle"):
            self.fuzzy = True
        if f in ("np.isnan", "np.isfinite", "np.logical_not") or (f == "~" and da == "bool"):
            dt = "bool"
        elif f in ("np.abs", "np.angle") and da == "complex128":
            dt = "float64"
        elif f in ("np.sqrt", "np.exp", "np.log", "np.sin", "np.cos", "np.tanh", "np.log10", "np.arctan",
                   "np.expm1", "np.angle") and RANK[da] < 2:
            dt = "float64"
        else:
            dt = da
        self.record_result(name, sa, dt)

    def index_expr(self, shape):
        """A basic index (ints, slices with negative steps, ..., None) and the resulting shape (or None)."""
        parts = []
        out = []
        ndim = len(shape)
        use = self.rng.randint(1, max(1, ndim)) if ndim else 0
        for ax in range(use):
            n = shape[ax]
            k = self.rng.random()
            if k < 0.25 and n > 0:
                i = self.rng.randint(-n, n - 1)
                if self.chance(0.05):
                    i = n + self.r(0, 1)
                    out = None
                parts.append(str(i))
            elif k < 0.3:
                parts.append("None")
                if out is not None:
                    out.append(1)
                    out.append(None)  # placeholder, next loop iteration handles this axis again
                    out.pop()
                parts.append(self.slice_text(n, out))
            else:
                parts.append(self.slice_text(n, out))
        if self.chance(0.1) and ndim:
            parts.append("...")
        if out is not None:
            out.extend(shape[use:])
        if self.chance(0.05):
            parts = ["..."] + parts[1:] if parts else ["..."]
            out = None
        text = ", ".join(parts) if parts else "..."
        return text, (tuple(out) if out is not None else None)

    def slice_text(self, n, out):
        start = self.r(None, None, 0, 1, -1, -2, 2, n, n + 2, -n - 1)
        stop = self.r(None, None, 0, 1, -1, -3, 3, n, n + 5)
        step = self.r(None, None, 1, 2, -1, -1, -2, -3, 3)
        text = ("" if start is None else str(start)) + ":" + ("" if stop is None else str(stop))
        if step is not None:
            text += ":" + str(step)
        if out is not None:
            out.append(len(range(n)[slice(start, stop, step)]))
        return text

    def st_index(self):
        a = self.ensure(lambda s, d: len(s) > 0)
        sa, da = self.vars[a]
        if not sa:
            return
        idx, out = self.index_expr(sa)
        name = self.fresh()
        self.emit(f"{name} = {a}[{idx}]", guarded=self.chance(0.3))
        if out is None:
            return
        self.record_result(name, out, da)

    def st_mask(self):
        a = self.ensure(lambda s, d: len(s) > 0)
        sa, da = self.vars[a]
        name = self.fresh()
        k = self.rng.random()
        if k < 0.5 and da != "complex128":
            cond = f"{a} {self.r('>', '<', '>=', '==', '!=')} {self.r('0', '1', '2', '0.5', 'True')}"
            if da == "bool":
                cond = a if self.chance(0.5) else f"~{a}"
            self.emit(f"{name} = {a}[{cond}]", guarded=self.chance(0.2))
            self.vars[name] = ((None,), da)  # unknown length
            self.show(name)
            del self.vars[name]
        elif k < 0.75:
            n = sa[0]
            bools = ", ".join(self.r("True", "False") for _ in range(n if self.chance(0.9) else n + 1))
            self.emit(f"{name} = {a}[np.array([{bools}], dtype=bool)]", guarded=True)
            self.emit(f"print(repr({name}))", guarded=True)
        else:
            n = sa[0]
            if n == 0:
                idx = "[]"
            else:
                idx = "[" + ", ".join(str(self.rng.randint(-n, n - 1)) for _ in range(self.rng.randint(0, 4))) + "]"
            if self.chance(0.07):
                idx = f"[0, {n}]"
            if len(sa) >= 2 and self.chance(0.4) and sa[1] > 0 and idx not in ("[]",) and idx.count(",") >= 1:
                m = sa[1]
                cols = "[" + ", ".join(str(self.rng.randint(-m, m - 1)) for _ in range(idx.count(",") + 1)) + "]"
                expr = f"{a}[{idx}, {cols}]"
            elif len(sa) >= 2 and self.chance(0.3):
                expr = f"{a}[:, {idx}]" if sa[1] > 0 else f"{a}[{idx}]"
                if sa[1] > 0:
                    m = sa[1]
                    expr = f"{a}[:, [" + ", ".join(str(self.rng.randint(-m, m - 1)) for _ in range(2)) + "]]"
            else:
                expr = f"{a}[{idx}]" if self.chance(0.7) else f"{a}[np.array({idx}, dtype=int)]"
            self.emit(f"{name} = {expr}", guarded=True)
            self.emit(f"print(repr({name}))", guarded=True)

    def st_assign(self):
        a = self.ensure(lambda s, d: len(s) > 0 and self.size(s) > 0)
        sa, da = self.vars[a]
        if not sa or self.size(sa) == 0:
            return
        k = self.rng.random()
        if da == "bool":
            v = self.r("True", "False", "1", "0")
        elif da == "int64":
            v = self.r("0", "-1", "7", "2.9", "-2.5", "True")
        elif da == "float64":
            v = self.r("0", "-1.5", "np.nan", "1e10", "0.25", "True", "np.inf")
        else:
            v = self.r("0", "1j", "2-3j", "1.5")
        if self.chance(0.15):
            # an array on the right-hand side (broadcast), possibly of a wider dtype
            b = self.create(self.partner_shape(sa[1:] if len(sa) > 1 else sa), self.r("int64", "float64", da, "bool"))
            v = b
        if k < 0.4:
            idx, out = self.index_expr(sa)
            if out == ():
                idx = "..."  # a[i, j] is a number, not a view (and its type name differs)
            view = self.fresh("v")
            self.emit(f"{view} = {a}[{idx}]", guarded=True)
            self.emit(f"{view}[...] = {v}" if self.chance(0.5) else f"{view}[{self.r('::-1', ':', '1:', '::2')}] = {v}",
                      guarded=True)
        elif k < 0.65:
            idx, out = self.index_expr(sa)
            self.emit(f"{a}[{idx}] = {v}", guarded=self.chance(0.7))
        elif k < 0.8 and da != "complex128":
            self.emit(f"{a}[{a} {self.r('>', '<', '==')} {self.r('0', '1', '2')}] = {v}", guarded=self.chance(0.5))
        else:
            n = sa[0]
            idx = "[" + ", ".join(str(self.rng.randint(-n, n - 1)) for _ in range(self.rng.randint(1, 3))) + "]"
            self.emit(f"{a}[{idx}] = {v}", guarded=self.chance(0.6))
        self.show(a)

    def st_augassign(self):
        a = self.ensure(lambda s, d: d != "bool" or self.chance(0.3))
        sa, da = self.vars[a]
        op = self.r("+=", "-=", "*=", "/=", "//=", "**=", "%=")
        if da == "bool" or (da == "complex128" and op in ("//=", "%=")):
            op = self.r("+=", "*=", "|=" if da == "bool" else "-=")
        if op == "**=" and da == "int64":
            v, dv = self.r("2", "0", "1"), "int64"
        else:
            v, dv = self.py_scalar(self.r("int64", "float64", "bool", "complex128") if self.chance(0.4) else da)
        if op in ("/=", "//=", "%=") and v in ("0", "0.0", "False", "0j"):
            v = "2"
        if self.chance(0.3):
            b = self.create(self.partner_shape(sa), self.r("int64", "float64", "bool"))
            v = b
            if op == "**=" and da == "int64":
                # NumPy writes the elements before a negative exponent, then raises; NPL writes none
                v = f"np.abs({b}) % 3"
        if (op == "**=" and da != "int64") or da == "complex128":
            self.fuzzy = True
        self.emit(f"{a} {op} {v}", guarded=True)
        self.show(a)

    def axis_arg(self, shape):
        nd = len(shape)
        k = self.rng.random()
        if k < 0.3 or nd == 0:
            return None if self.chance(0.7) else "None"
        if k < 0.95:
            return str(self.rng.randint(-nd, nd - 1))
        if nd >= 2 and self.chance(0.5):
            return "(0, 1)" if self.chance(0.5) else "(-1, 0)"
        return str(nd)  # out of range

    def st_reduce(self):
        a = self.ensure()
        sa, da = self.vars[a]
        f = self.r("sum", "mean", "min", "max", "prod", "argmin", "argmax", "std", "var", "all", "any", "cumsum",
                   "cumprod", "ptp" if False else "sum", "median", "count_nonzero")
        if da == "complex128" and f in ("min", "max", "argmin", "argmax", "median") and self.chance(0.7):
            f = "sum"
        if f == "prod" and da == "int64" and self.size(sa) > 12:
            f = "sum"
        if f == "cumprod" and da == "int64" and self.size(sa) > 12:
            f = "cumsum"
        if f == "median" and self.size(sa) == 0:
            f = "mean"  # NumPy's median of an empty array fails inside its own reshape for tuple axes
        if da == "complex128" and f in ("prod", "cumprod", "mean", "std", "var"):
            self.fuzzy = True  # complex products and divisions may round differently from NumPy's loops
        axis = self.axis_arg(sa)
        args = []
        if axis is not None:
            args.append(f"axis={axis}" if self.chance(0.8) else axis)
        keep = f not in ("cumsum", "cumprod", "argmin", "argmax", "median", "count_nonzero") and self.chance(0.3)
        if keep:
            args.append("keepdims=True")
        if f in ("std", "var") and self.chance(0.3):
            args.append("ddof=1")
        name = self.fresh()
        if f in ("median", "count_nonzero") or self.chance(0.3):
            expr = f"np.{f}({', '.join([a] + args)})"
        else:
            expr = f"{a}.{f}({', '.join(args)})"
        self.emit(f"{name} = {expr}", guarded=self.chance(0.5))
        # result shape
        try:
            ax = eval(axis) if axis not in (None, "None") else None
        except Exception:
            return
        nd = len(sa)
        if f in ("cumsum", "cumprod"):
            out = (self.size(sa),) if ax is None else sa
        elif ax is None:
            out = tuple(1 for _ in sa) if keep else ()
        else:
            axes = ax if isinstance(ax, tuple) else (ax,)
            if any(not -nd <= x < nd for x in axes):
                return
            axes = {x % nd for x in axes}
            out = tuple((1 if i in axes else s) for i, s in enumerate(sa) if keep or i not in axes)
        if f in ("all", "any"):
            dt = "bool"
        elif f in ("argmin", "argmax", "count_nonzero"):
            dt = "int64"
        elif f in ("mean", "std", "var", "median"):
            dt = "float64" if (da != "complex128" or f in ("std", "var")) else "complex128"
        elif f in ("sum", "prod", "cumsum", "cumprod") and da == "bool":
            dt = "int64"
        else:
            dt = da
        self.record_result(name, out, dt)

    def st_sort(self):
        a = self.ensure(lambda s, d: len(s) > 0)
        sa, da = self.vars[a]
        if not sa:
            return
        name = self.fresh()
        axis = self.axis_arg(sa)
        ax = "" if axis is None else f", axis={axis}"
        if da in ("float64", "complex128"):
            # -0.0 and 0.0 tie, and NumPy's SIMD sort and hashed unique order them unpredictably
            z = self.fresh("z")
            self.emit(f"{z} = {a} + 0.0")
            a = z
        f = self.r("sort", "argsort", "msort", "unique", "flip")
        if f == "argsort":
            ax += ", kind='stable'"  # NumPy's default argsort (SIMD on x86) does not keep ties in order
        if f == "msort":
            self.emit(f"{name} = {a}.copy()")
            self.emit(f"{name}.sort({ax[2:]})", guarded=True)
            dt, out = da, sa
        elif f == "unique":
            self.emit(f"{name} = np.unique({a})")
            self.emit(f"print(repr({name}))")
            return
        else:
            self.emit(f"{name} = np.{f}({a}{ax})", guarded=True)
            dt = "int64" if f == "argsort" else da
            out = (self.size(sa),) if axis == "None" else sa
        self.vars[name] = (out, dt)
        self.show(name)

    def st_where(self):
        a = self.ensure(lambda s, d: len(s) > 0)
        sa, da = self.vars[a]
        name = self.fresh()
        if self.chance(0.25):
            self.emit(f"{name} = np.where({a} {self.r('>', '==')} {self.r('0', '1')})", guarded=True)
            self.emit(f"print({name})")
            return
        b = self.ensure(lambda s, d: self.broadcast(s, sa) is not None)
        v, dv = self.py_scalar()
        cond = f"{a} > {self.r('0', '1', '0.5')}" if da != "complex128" else f"{a} != 0"
        self.emit(f"{name} = np.where({cond}, {b}, {v})", guarded=True)
        sb, db = self.vars[b]
        out = self.broadcast(sa, sb)
        if out is not None:
            dt = max(db, dv, key=lambda d: RANK[d]) if RANK[dv] > RANK[db] else db
            if db == "bool" and dv != "bool":
                dt = dv
            self.vars[name] = (out, dt)
            self.show(name)

    def st_join(self):
        a = self.ensure(lambda s, d: len(s) > 0)
        sa, da = self.vars[a]
        f = self.r("concatenate", "stack", "vstack", "hstack")
        k = self.rng.random()
        if k < 0.7:
            b = self.pick(lambda s, d: s == sa and self.vars.get(a) != (s, d)) or self.create(sa)
        else:
            b = self.ensure(lambda s, d: len(s) == len(sa))
        sb, db = self.vars[b]
        name = self.fresh()
        axis = ""
        if f in ("concatenate", "stack") and self.chance(0.5):
            axis = f", axis={self.r(0, 1, -1, 'None' if f == 'concatenate' else 0)}"
        self.emit(f"{name} = np.{f}([{a}, {b}]{axis})" if self.chance(0.7) else f"{name} = np.{f}(({a}, {b}, {a}){axis})",
                  guarded=True)
        self.emit(f"print(repr({name}))", guarded=True)

    def st_reshape(self):
        a = self.ensure()
        sa, da = self.vars[a]
        n = self.size(sa)
        name = self.fresh()
        k = self.rng.random()
        if k < 0.4:
            opts = [(n,), (-1,), (1, n), (n, 1), (-1, 1)]
            for d in (2, 3, 4):
                if n % d == 0 and n:
                    opts.append((d, -1))
                    opts.append((n // d, d))
            target = self.rng.choice(opts + [(n + 1,)] if self.chance(0.1) else opts)
            self.emit(f"{name} = {a}.reshape{target}" if len(target) > 1 else f"{name} = {a}.reshape({target[0]})",
                      guarded=True)
            real = tuple(n // max(1, -self.size(target)) if d == -1 else d for d in target) if -1 in target else target
            if self.size(real) != n:
                return
            shape = real
        elif k < 0.65:
            self.emit(f"{name} = {a}.T" if self.chance(0.5) else f"{name} = np.transpose({a})")
            shape = tuple(reversed(sa))
        elif k < 0.8:
            self.emit(f"{name} = {a}.{self.r('ravel', 'flatten')}()")
            shape = (n,)
        else:
            dt = self.r("bool", "int64", "float64", "complex128")
            spelled = {"bool": self.r("bool", "np.bool_"), "int64": self.r("int", "np.int64", "'int64'"),
                       "float64": self.r("float", "'float64'"), "complex128": "complex"}[dt]
            if RANK[da] == 3 and RANK[dt] < 3:
                dt, spelled = "complex128", "complex"  # complex -> real warns and drops the imaginary part
            if da == "float64" and dt == "int64" and sa:
                b = self.fresh()
                self.emit(f"{b} = np.where(np.isfinite({a}), {a}, 0.0) % 1000")
                a = b
            self.emit(f"{name} = {a}.astype({spelled})")
            da = dt
            shape = sa
        self.vars[name] = (shape, da)
        self.show(name)

    def st_compare(self):
        a = self.ensure()
        sa, da = self.vars[a]
        b = self.ensure(lambda s, d: self.broadcast(s, sa) is not None)
        k = self.rng.random()
        if k < 0.3:
            self.emit(f"print(np.array_equal({a}, {b}))")
        elif k < 0.5:
            self.emit(f"print(np.allclose({a}, {b}))", guarded=True)
        elif k < 0.7:
            self.emit(f"print(np.all({a} == {b}), np.any({a} != {b}))", guarded=True)
        elif k < 0.85:
            self.emit(f"print(np.isclose({a}, {b}))", guarded=True)
        else:
            self.emit(f"print(np.maximum({a}, {b}))" if da != "complex128" else f"print({a} == {b})", guarded=True)

    def st_fstring(self):
        a = self.ensure(lambda s, d: d in ("int64", "float64") and self.size(s) > 0)
        sa, da = self.vars[a]
        if self.size(sa) == 0:
            return
        name = self.fresh("s")
        f = self.r("sum", "max", "mean", "min")
        self.emit(f"{name} = {a}.{f}()")
        self.scalars[name] = "float64" if f == "mean" else da
        self.show_scalar(name)
        if self.chance(0.3):
            idx = ", ".join("0" for _ in sa) if sa else "..."
            e = self.fresh("s")
            self.emit(f"{e} = {a}[{idx}]" if sa else f"{e} = {a}.item()")
            self.scalars[e] = da
            self.show_scalar(e)
        if self.chance(0.3):
            self.emit(f"print(f'{{{a}.shape}} {{{a}.dtype}} {{len({a}) if {a}.ndim else 0}}')")

    def st_printopts(self):
        k = self.rng.random()
        if k < 0.5:
            self.emit(f"np.set_printoptions(precision={self.r(2, 3, 4, 10)})")
        elif k < 0.8:
            self.emit(f"np.set_printoptions(suppress={self.r('True', 'False')})")
        else:
            self.emit(f"np.set_printoptions(linewidth={self.r(40, 60, 120)})")
        self.show(self.ensure(lambda s, d: d in ("float64", "complex128")))

    def st_big(self):
        name = self.fresh()
        n = self.r(30, 100, 1001, 1200)
        dt = self.r("int64", "float64")
        if dt == "int64":
            self.emit(f"{name} = np.arange({n}) * {self.r(1, 7, 1000, -3)}")
        else:
            self.emit(f"np.random.seed({self.rng.randint(0, 99)})")
            self.emit(f"{name} = np.random.rand({n}) * {self.r('1', '100', '1e-4', '1e6')}")
        if self.chance(0.4):
            self.emit(f"{name} = {name}.reshape({self.r(2, 5, 10)}, -1)", guarded=True)
        self.emit(f"print({name})" if self.chance(0.5) else f"print(repr({name}))")

    def st_views(self):
        """A view of a view written through, then the base printed."""
        a = self.ensure(lambda s, d: len(s) >= 1 and self.size(s) > 0)
        sa, da = self.vars[a]
        if not sa:
            return
        v1, v2 = self.fresh("v"), self.fresh("v")
        idx1, out1 = self.index_expr(sa)
        if out1 == ():
            idx1 = "::-1"
            out1 = sa
        self.emit(f"{v1} = {a}[{idx1}]")
        if out1 is None or not out1:
            self.emit(f"print({a})")
            return
        idx2, out2 = self.index_expr(out1)
        if out2 == ():
            idx2 = "..."
        self.emit(f"{v2} = {v1}[{idx2}]", guarded=True)
        val = self.r("0", "1", "-1", "True") if da in ("bool", "int64") else self.r("0", "-0.5", "np.nan", "2")
        k = self.rng.random()
        if k < 0.4:
            self.emit(f"{v2}[...] = {val}", guarded=True)
        elif k < 0.7:
            self.emit(f"{v2} += {self.r('1', 'True')}" if da != "bool" else f"{v2} |= True", guarded=True)
        else:
            self.emit(f"{v1}.T[...] = {val}", guarded=True) if len(out1) > 1 else self.emit(f"{v1}[::-1] = {val}", guarded=True)
        self.emit(self.r(f"print({a})", f"print(repr({a}))", f"print({a}, {v1}, sep='|')"))

    def st_fancy2(self):
        """Integer-array indexing combined with slices, negative indices and index arrays of two dimensions."""
        a = self.ensure(lambda s, d: len(s) >= 2 and self.size(s) > 0)
        sa, da = self.vars[a]
        if len(sa) < 2 or self.size(sa) == 0:
            return
        n, m = sa[0], sa[1]
        rows = [self.rng.randint(-n, n - 1) for _ in range(self.r(1, 2, 3))]
        cols = [self.rng.randint(-m, m - 1) for _ in range(len(rows))]
        name = self.fresh()
        k = self.rng.random()
        if k < 0.25:
            expr = f"{a}[{rows}, {self.r('1:', '::-1', ':', '-1:0:-1')}]"
        elif k < 0.5:
            expr = f"{a}[{self.r(':', '::-1', '1:')}, {cols}]"
        elif k < 0.7:
            expr = f"{a}[np.array([{rows}, {rows}])]"
        elif k < 0.85:
            expr = f"{a}[np.array({rows})[:, None], np.array({cols})]"
        else:
            expr = f"{a}[{rows}][:, {cols}]" if self.chance(0.5) else f"{a}[{a} {self.r('>', '<')} {self.r('0', '1')}][::-1]"
        if self.chance(0.3):
            val = self.r("0", "7", "-1") if da != "bool" else "False"
            self.emit(f"{expr} = {val}", guarded=True)
            self.emit(f"print({a})")
        else:
            self.emit(f"{name} = {expr}", guarded=True)
            self.emit(self.r(f"print({name})", f"print(repr({name}))", f"print({name}.shape)"), guarded=True)

    def st_mixed(self):
        """Arrays from mixed Python numbers, and promotion in concatenation and stacking."""
        name = self.fresh()
        items = [self.r("1", "-2", "True", "False", "2.5", "0.0", "1j", "3", "1e-3", "-0.5") for _ in range(self.r(1, 2, 3, 4))]
        if self.chance(0.5):
            expr = f"np.array([{', '.join(items)}])"
        else:
            b = self.ensure(lambda s, d: len(s) == 1)
            sb, db = self.vars[b]
            if len(sb) != 1:
                return
            expr = f"np.{self.r('concatenate', 'hstack')}([{b}, np.array([{', '.join(items)}])])"
        self.emit(f"{name} = {expr}", guarded=True)
        self.emit(f"print(repr({name}), {name}.dtype)", guarded=True)

    def st_multi_print(self):
        """Several values in one print(), sep= and end=, and numbers in f-strings."""
        a = self.ensure(lambda s, d: d in ("int64", "float64", "bool") and self.size(s) > 0)
        sa, da = self.vars[a]
        if self.size(sa) == 0:
            return
        k = self.rng.random()
        if k < 0.3:
            sep, end = self.r("', '", "' | '"), self.r("'!\\n'", "'\\n'")
            if self.fuzzy and da == "float64":
                self.emit(f"print(f'{{{a}.sum():.6g}}', f'{{{a}.max():.6g}}', {a}.shape, sep={sep}, end={end})")
            else:
                self.emit(f"print({a}.sum(), {a}.max(), {a}.shape, sep={sep}, end={end})")
        elif k < 0.6 and da != "bool":
            v = self.r("1/3", "2.5", "1e-7", "123456.789", "-0.0", "10**6", "7")
            self.emit(f"x = {v}")
            self.emit(f"print(f'{{x:.3f}} {{x:e}} {{x!r}} {{x:>10.2f}} {{x:g}} {{x=}}')")
        elif k < 0.8:
            self.emit(f"print(len({a}), {a}.ndim, {a}.size, {a}.dtype, {a}.T.shape)" if sa else f"print({a}.ndim)")
        else:
            self.emit(f"print(str({a}.astype(float)), repr({a}.astype(int)))", guarded=True)

    def st_python_numbers(self):
        """Format specs and str/repr of Python numbers taken out of arrays (item(), tolist(), int(), float())."""
        a = self.ensure(lambda s, d: self.size(s) > 0 and d != "complex128")
        sa, da = self.vars[a]
        if self.size(sa) == 0 or da == "complex128":
            return
        idx = ", ".join("-1" for _ in sa)
        x = self.fresh("x")
        conv = self.r("float", "int", "") if da != "bool" else self.r("int", "bool", "")
        if conv == "int" and da == "float64":
            conv = "round"
        if da == "float64" and conv in ("round",):
            self.emit(f"{x} = {a}.ravel()[0] if {a}.size else 0.0")
            # round() of a float beyond 64 bits is a big int in Python (NPL has no big ints)
            self.emit(f"print({x} == {x} and abs({x}) < 1e15 and round({x}))")
            return
        self.emit(f"{x} = {conv}({a}[{idx}])" if sa else f"{x} = {conv}({a}.item())")
        if conv in ("int", "round") or (conv == "" and da == "int64"):
            spec = self.r(":,", ":#x", ":b", ":08d", ":+d", ":^9", ":_", ":o", ":e", ":.3%")
        elif conv == "bool" or (conv == "" and da == "bool"):
            spec = self.r("", ":>6", ":d" if False else "!r")
        else:
            spec = self.r(":,.2f", ":+.3e", ":08.3f", ":^12", ":.2%", ":_.1f", ":G", ":.12g", ":.0e", ":<10.1f", "!r")
        if conv == "" and spec == "!r":
            spec = ""  # repr of an array scalar differs (allowed difference)
        if self.fuzzy and da == "float64" and conv != "int" and not re.search(r"\.[0-9]", spec):
            spec = ":.6g"  # without a precision the last digit would show
        if da == "float64" and conv in ("round",):
            self.emit(f"{x} = {a}.ravel()[0] if {a}.size else 0.0")
            self.emit(f"print({x} == {x} and abs({x}) < 1e15 and round({x}))")
            return
        if self.fuzzy and da == "float64" and conv != "int":
            self.emit(f"print(f'[{{{x}{spec}}}]')", guarded=True)  # str() would show the last digit
        else:
            self.emit(f"print(f'[{{{x}{spec}}}]', str({x}), len(str({x})))", guarded=True)

    def st_truth(self):
        """bool() of arrays, iteration over the first axis, len()."""
        a = self.ensure()
        sa, da = self.vars[a]
        k = self.rng.random()
        if k < 0.4:
            self.emit(f"print(bool({a}))" if self.chance(0.5) else f"print('yes' if {a} else 'no')", guarded=True)
        elif k < 0.7 and sa:
            r = self.fresh("r")
            item = f"f'{{{r}:.6g}}'" if self.fuzzy and da in ("float64", "complex128") else r  # elements print in full
            self.emit(f"for {r} in {a}:\n    print({r})" if len(sa) > 1 else f"for {r} in {a}[:4]:\n    print({item}, end=' ')\nprint()")
        else:
            self.emit(f"print(len({a}))", guarded=True)

    def st_creation2(self):
        """More creation functions: linspace, arange with float and negative steps, eye, *_like, tile, repeat."""
        name = self.fresh()
        k = self.rng.random()
        if k < 0.2:
            start, stop = self.r(0, -1, 2.5, 1), self.r(1, 5, -3, 10)
            num = self.r(0, 1, 2, 5, 7)
            extra = self.r("", ", endpoint=False", ", dtype=int")
            expr = f"np.linspace({start}, {stop}, {num}{extra})"
        elif k < 0.4:
            args = self.r("0, 1, 0.1", "5, 0, -1", "1.5, 4", "10, 2, -3", "0, 2, 0.25", "-1, 1, 0.5", "3", "0.5, 3.5, 0.5", "2, 2")
            expr = f"np.arange({args})"
        elif k < 0.55:
            expr = self.r(f"np.eye({self.r(1, 2, 3)})", f"np.eye(2, 3, k={self.r(0, 1, -1)})", f"np.identity({self.r(1, 3)}, dtype=int)",
                          "np.diag([1, 2, 3])", "np.diag(np.arange(6).reshape(2, 3))", "np.diag(np.arange(9).reshape(3, 3), k=1)")
        elif k < 0.75:
            a = self.ensure()
            expr = self.r(f"np.zeros_like({a})", f"np.ones_like({a}, dtype=float)", f"np.full_like({a}, 7)",
                          f"np.empty_like({a}).shape", f"np.copy({a})")
        else:
            a = self.ensure(lambda s, d: len(s) >= 1)
            if not self.vars[a][0]:
                return  # np.flip of a 0-d array is an array scalar in NumPy (allowed difference)
            expr = self.r(f"np.tile({a}, 2)", f"np.tile({a}, (2, 1))", f"np.repeat({a}, 2)", f"np.repeat({a}, 2, axis=0)",
                          f"np.flip({a})", f"np.column_stack([{a}, {a}])", f"np.vstack([{a}, {a}])",
                          f"np.split({a}, {self.r(1, 2, 3)})", f"np.split({a}, [1, 2])", f"np.atleast_2d({a}).shape" if False else f"np.flip({a}, 0)")
        self.emit(f"{name} = {expr}", guarded=True)
        self.emit(self.r(f"print({name})", f"print(repr({name}))"), guarded=True)

    def st_numeric_edges(self):
        """Integer division and modulo by zero and by negatives, float modulo signs, rounding halves, NaN in
        maximum/minimum, ordering of complex numbers, clip with arrays."""
        k = self.rng.random()
        name = self.fresh()
        if k < 0.2:
            expr = self.r("np.array([7, -7, 0, 5]) // np.array([2, 2, 0, -3])", "np.array([7, -7, 0, 5]) % np.array([-2, 2, 0, 3])",
                          "np.array([7.5, -7.5, 0.0, -0.0]) % 2", "np.array([7.5, -7.5, 1.0]) // np.array([2.0, 0.0, -0.0])",
                          "np.array([5, -5]) // 0", "np.array([5, -5]) % 0", "np.divmod(np.array([7, -7]), 3)" if False else "np.array([-7, 7]) % -3")
        elif k < 0.4:
            expr = self.r("np.round(np.array([0.5, 1.5, 2.5, -0.5, -1.5, 2.675]), 0)", "np.round(np.array([1.25, 1.35, -2.5]), 1)",
                          "np.round(np.array([1234, -5678, 15, 25]), -1)", "np.round(np.array([1234.5, -5678.5]), -2)",
                          "np.rint(np.array([0.5, 1.5, -2.5]))", "np.floor(np.array([-0.5, 0.5, -0.0]))", "np.ceil(np.array([-0.5, 0.5]))",
                          "np.array([2.5, 3.5]).round()", "np.trunc(np.array([-1.7, 1.7]))")
        elif k < 0.6:
            expr = self.r("np.maximum(np.array([1.0, np.nan, 3.0]), np.array([np.nan, 2.0, 1.0]))",
                          "np.minimum(np.array([1.0, np.nan]), 0.5)", "np.fmax(np.array([1.0, np.nan]), np.array([np.nan, np.nan]))",
                          "np.array([np.nan, 1.0, -np.inf]).max()", "np.array([np.nan, 1.0]).argmax()", "np.sort(np.array([np.nan, 1.0, -np.inf, 0.0]))",
                          "np.argsort(np.array([np.nan, 1.0, np.nan, -1.0]), kind='stable')", "np.array([np.nan, 2.0]) == np.nan",
                          "np.isnan(np.array([np.nan, 1.0])).sum()", "np.median(np.array([1.0, np.nan, 3.0]))")
        elif k < 0.8:
            expr = self.r("np.array([1+2j, 1+1j, 0+3j]) < np.array([1+3j, 2j, 0+3j])", "np.sort(np.array([2+1j, 1+5j, 1-1j, 2+0j]))",
                          "np.array([1+2j, 3-1j]).max()", "np.abs(np.array([3+4j, -5j]))", "np.array([1+2j, 3]).conj()",
                          "np.array([1+2j, 3]).real", "np.array([1+2j, 3]).imag", "np.angle(np.array([1j, -1, 1]))",
                          "np.sign(np.array([-2.5, 0.0, 3.0, -0.0]))", "np.sign(np.array([-3, 0, 2]))")
        else:
            expr = self.r("np.clip(np.arange(6), np.array([1, 2, 3, 4, 5, 6]) // 2, 4)", "np.clip(np.arange(5.0), 3, 1)",
                          "np.clip(np.array([-1.5, 0.5, 9.0]), -1, None)", "np.arange(6).clip(2, 4)",
                          "np.where(np.arange(4) > 1, np.arange(4), -np.arange(4))", "np.where([True, False], 1, 2.5)",
                          "np.cumsum(np.array([[1, 2], [3, 4]]), axis=0)", "np.cumprod(np.array([1.5, 2.0, -1.0]))",
                          "np.cumsum(np.array([True, True, False]))", "np.array([[1, 2], [3, 4]]).cumsum()")
        self.emit(f"{name} = {expr}", guarded=True)
        scalar = expr.endswith(("max()", "argmax()", "sum()", "3.0]))"))
        self.emit(self.r(f"print({name})", f"print(repr({name}))") if not scalar else f"print({name})", guarded=True)

    def st_print_forms(self):
        """Printing of awkward float/complex/int mixes and print options."""
        name = self.fresh()
        vals = self.r("[1e-5, 1.0, 100.0]", "[1e-4, 1.0]", "[0.1, 1e8]", "[1e16, 1.0]", "[123456789.123, 0.5]", "[1e-10, 1.0, np.nan]",
                      "[0.0, -0.0, 1.5]", "[1.0, 2.0, np.inf]", "[-1e-300, 1e300]", "[3.14159265358979, 2.0]", "[1/3, 2/3, 1.0]",
                      "[1e15, 1.0]", "[99999999.0, 0.1]", "[100000000.0, 0.1]", "[0.001, 0.0001]", "[5e-324, 1.0]",
                      "[1+1e-9j, 100j]", "[1e10+1j, 1j]", "[np.nan+1j, np.inf-1j]", "[10**15, -10**15]", "[-9223372036854775807, 1]")
        shape = self.r("", ".reshape(-1, 1)", "[::-1]", "[None]")
        self.emit(f"{name} = np.array({vals}){shape}")
        if self.chance(0.3):
            opt = self.r("precision=3", "suppress=True", "precision=2, suppress=True", "linewidth=20", "threshold=3", "precision=12")
            self.emit(f"np.set_printoptions({opt})")
        self.emit(self.r(f"print({name})", f"print(repr({name}))", f"print({name}, {name}.dtype)", f"print([{name}.min(), {name}.max()] if False else str({name}))"))

    def random_float_text(self):
        k = self.rng.random()
        if k < 0.05:
            return self.r("np.nan", "np.inf", "-np.inf", "-0.0", "0.0")
        sign = self.r("", "", "-")
        if k < 0.25:
            return sign + str(self.rng.randint(0, 10 ** self.rng.randint(1, 17))) + ".0"
        mag = 10 ** self.rng.uniform(self.r(-320, -20, -9, -5, -2, 0), self.r(0, 2, 5, 9, 17, 300))
        digits = self.r(1, 2, 3, 5, 8, 17)
        return sign + repr(float(f"{mag:.{digits}g}"))

    def st_print_random(self):
        """Printing of random floats of mixed magnitudes (fixed or scientific, padding, wrapping), complex, big ints."""
        name = self.fresh()
        shape = self.r((self.rng.randint(1, 8),), (self.rng.randint(1, 4), self.rng.randint(1, 5)), (2, 2, self.rng.randint(1, 3)), ())
        n = self.size(shape)
        kind = self.r("float", "float", "float", "complex", "int")
        if kind == "float":
            items = [self.random_float_text() for _ in range(n)]
        elif kind == "complex":
            items = [f"complex({self.random_float_text()}, {self.random_float_text()})" for _ in range(n)]
        else:
            items = [str(self.rng.choice([-1, 1]) * self.rng.randint(0, 10 ** self.rng.randint(1, 18))) for _ in range(n)]
        self.emit(f"{name} = np.array([{', '.join(items)}]).reshape({shape})")
        if self.chance(0.4):
            opt = self.r(f"precision={self.rng.randint(0, 12)}", "suppress=True", f"precision={self.rng.randint(1, 5)}, suppress=True",
                         f"linewidth={self.rng.randint(10, 120)}", f"threshold={self.rng.randint(1, 10)}")
            self.emit(f"np.set_printoptions({opt})")
        self.emit(self.r(f"print({name})", f"print(repr({name}))", f"print(repr({name}), str({name}))"))

    def st_products(self):
        """`@`, dot, inner, outer, trace over int/float/bool/complex operands of matching and mismatching shapes."""
        a = self.ensure(lambda s, d: 1 <= len(s) <= 2)
        sa, da = self.vars[a]
        if not 1 <= len(sa) <= 2:
            return
        k_dim = sa[-1]
        oshape = self.r((k_dim,), (k_dim, self.r(1, 2, 3)), (self.r(1, 2), k_dim, 2)) if self.chance(0.9) else (k_dim + 1,)
        if da == "complex128":
            return  # complex products with inf/nan parts differ from NumPy's BLAS (allowed difference)
        b = self.pick(lambda s, d: s == oshape and d != "complex128") or self.create(oshape, self.r("int64", "float64", "bool"))
        name = self.fresh()
        f = self.r("{a} @ {b}", "np.dot({a}, {b})", "np.matmul({a}, {b})", "{a}.dot({b})", "np.outer({a}, {b})",
                   "np.inner({a}, {a})", "np.trace({a})" if len(sa) == 2 else "np.vdot({a}, {a})")
        self.emit(f"{name} = " + f.format(a=a, b=b), guarded=True)
        # float products may differ from BLAS in the last bit (summation order, FMA): print them rounded
        self.emit(f"print(np.round({name}, 6) + 0.0)", guarded=True)  # + 0.0: BLAS may give -0.0 for a sum of one term

    def st_stats(self):
        """percentile, average (weighted), and ptp-like combinations of reductions."""
        a = self.ensure(lambda s, d: d in ("int64", "float64", "bool") and self.size(s) > 0)
        sa, da = self.vars[a]
        if 0 in sa or da == "complex128":
            return  # NumPy's error for an empty percentile depends on its partition internals (allowed difference)
        name = self.fresh()
        axis = self.axis_arg(sa)
        ax = "" if axis is None else f", axis={axis}"
        f = self.r(f"np.percentile({a}, {self.r(0, 25, 50, 90, 100, 33.3)}{ax})", f"np.average({a}{ax})",
                   f"np.percentile({a}, [10, 50]{ax})", f"np.mean({a}{ax}) - np.median({a}{ax})" if axis != "None" else f"np.average({a})",
                   f"{a}.max({ax[2:]}) - {a}.min({ax[2:]})" if da != "bool" else f"np.average({a})")
        self.emit(f"{name} = {f}", guarded=True)
        # after an inexact function the statistic's last digit may differ (allowed difference 5): 8 digits only
        self.emit(f"print(np.round({name}, 8))" if self.fuzzy else f"print({name})", guarded=True)

    def st_random2(self):
        """More of np.random after a seed: choice, permutation, shuffle, integers, random, normal."""
        seed = self.rng.randint(0, 999)
        name = self.fresh()
        if self.chance(0.5):
            self.emit(f"np.random.seed({seed})")
            expr = self.r("np.random.choice(10, 4)", "np.random.choice([1.5, 2.5, 3.5], size=(2, 2))", "np.random.permutation(6)",
                          "np.random.choice(5, 3, replace=False)", "np.random.normal(1.0, 2.0, size=3)", "np.random.random((2, 2))",
                          "np.random.randint(5)", "np.random.uniform(size=2)", "np.random.permutation(np.arange(4) * 1.5)")
            self.emit(f"{name} = {expr}", guarded=True)
            if self.chance(0.3) and expr != "np.random.randint(5)":
                self.emit(f"np.random.shuffle({name})", guarded=True)
        else:
            g = self.fresh("rng")
            self.emit(f"{g} = np.random.default_rng({seed})")
            expr = self.r(f"{g}.integers(0, 10, size=5)", f"{g}.integers(3)", f"{g}.choice(7, 3)", f"{g}.permutation(5)",
                          f"{g}.random(3)", f"{g}.normal(size=(2, 2))", f"{g}.choice([1.0, 2.0, 3.0], size=2, replace=False)")
            self.emit(f"{name} = {expr}", guarded=True)
            if self.chance(0.3) and not expr.endswith("integers(3)"):
                self.emit(f"{g}.shuffle({name})", guarded=True)
        self.emit(f"print({name})", guarded=True)

    def program(self, n_statements):
        kinds = [
            (self.st_create, 3), (self.st_binop, 6), (self.st_scalar_op, 5), (self.st_ufunc, 4), (self.st_index, 5),
            (self.st_mask, 4), (self.st_assign, 4), (self.st_augassign, 2), (self.st_reduce, 6), (self.st_sort, 2),
            (self.st_where, 2), (self.st_join, 2), (self.st_reshape, 3), (self.st_compare, 2), (self.st_fstring, 2),
            (self.st_printopts, 0.5), (self.st_big, 0.5), (self.st_views, 2), (self.st_fancy2, 2), (self.st_mixed, 1),
            (self.st_multi_print, 1), (self.st_python_numbers, 1.5), (self.st_truth, 1), (self.st_creation2, 2),
            (self.st_numeric_edges, 2), (self.st_print_forms, 2), (self.st_print_random, 3),
            (self.st_products, 1.5), (self.st_stats, 1.5), (self.st_random2, 1),
        ]
        funcs = [f for f, w in kinds]
        weights = [w for f, w in kinds]
        self.emit("import numpy as np")
        for _ in range(n_statements):
            try:
                self.rng.choices(funcs, weights)[0]()
            except (IndexError, KeyError, ValueError, ZeroDivisionError, TypeError):
                pass  # the generator's own bookkeeping did not fit (e.g. no variable of a needed rank): skip
        return self.lines


def generate(seed):
    """The program of `seed` as a list of statements."""
    g = Gen(seed)
    return g.program(g.rng.randint(3, 12))


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for s in range(seed, seed + count):
        print(f"# ---- seed {s}")
        print("\n".join(generate(s)))


if __name__ == "__main__":
    main()
