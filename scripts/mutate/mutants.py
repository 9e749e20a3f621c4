"""Enumerate and apply AST mutants of functions in a module (no file is written).

A mutant is (module, qualname, k): the k-th mutation of that function's body,
in a deterministic walk order. Applying it compiles the mutated function and
swaps the live function's ``__code__``, so every module that imported the
function sees the mutant.
"""

from __future__ import annotations

import __future__
import ast
import copy
import gc
import importlib
import types
from dataclasses import dataclass
from pathlib import Path

SWAP_BIN = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
}
SWAP_CMP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
SWAP_NAME = {"min": "max", "max": "min", "any": "all", "all": "any"}


@dataclass(frozen=True)
class Mutant:
    module: str  # e.g. imgcost_gui.core.billing
    qualname: str
    k: int
    line: int
    end_line: int
    desc: str

    @property
    def id(self) -> str:
        return f"{self.module.rsplit('.', 1)[-1]}:{self.qualname}:{self.k}"


def _functions(tree: ast.Module):
    """(qualname, FunctionDef) for top-level functions and class methods."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield f"{node.name}.{sub.name}", sub


def _skip_nodes(fn: ast.AST) -> set[int]:
    """Nodes never mutated: docstrings, f-strings, annotations."""
    skip: set[int] = set()
    for node in ast.walk(fn):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            skip.update(id(n) for n in ast.walk(body[0]))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.AnnAssign):
            skip.update(id(n) for n in ast.walk(node.annotation))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs:
                if a.annotation is not None:
                    skip.update(id(n) for n in ast.walk(a.annotation))
            if node.returns is not None:
                skip.update(id(n) for n in ast.walk(node.returns))
            # Defaults live in __defaults__, not in the code swapped in: never mutated.
            for d in [*node.args.defaults, *node.args.kw_defaults]:
                if d is not None:
                    skip.update(id(n) for n in ast.walk(d))
        if isinstance(node, ast.Assert):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Raise):  # the error's text is not a figure
            skip.update(id(n) for n in ast.walk(node))
    return skip


def _parents(fn: ast.AST) -> dict[int, ast.AST]:
    out = {}
    for node in ast.walk(fn):
        for child in ast.iter_child_nodes(node):
            out[id(child)] = node
    return out


def _stmt_of(node: ast.AST, parents: dict[int, ast.AST]) -> ast.AST:
    while not isinstance(node, ast.stmt) and id(node) in parents:
        node = parents[id(node)]
    return node


def _edits(fn: ast.AST):
    """Yield (node, desc, apply) where apply(node_copy, parent_copy_lookup) mutates."""
    skip = _skip_nodes(fn)
    parents = _parents(fn)
    for node in ast.walk(fn):
        if id(node) in skip or node is fn:
            continue
        if isinstance(node, ast.BinOp) and type(node.op) in SWAP_BIN:
            new = SWAP_BIN[type(node.op)]
            yield node, f"{type(node.op).__name__}->{new.__name__}", ("binop", new)
        elif isinstance(node, ast.AugAssign) and type(node.op) in SWAP_BIN:
            new = SWAP_BIN[type(node.op)]
            yield node, f"aug {type(node.op).__name__}->{new.__name__}", ("augop", new)
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in SWAP_CMP:
                    new = SWAP_CMP[type(op)]
                    yield node, f"{type(op).__name__}->{new.__name__}", ("cmp", i, new)
        elif isinstance(node, ast.BoolOp):
            new = ast.Or if isinstance(node.op, ast.And) else ast.And
            yield node, f"{type(node.op).__name__}->{new.__name__}", ("boolop", new)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
            yield node, f"drop {type(node.op).__name__}", ("unary",)
        elif isinstance(node, ast.Constant):
            v = node.value
            parent = parents.get(id(node))
            if isinstance(v, bool):
                yield node, f"{v}->{not v}", ("const", not v)
            elif isinstance(v, int):
                yield node, f"{v}->{v + 1}", ("const", v + 1)
            elif isinstance(v, float):
                new = v * 2 if v else 1.0
                yield node, f"{v}->{new}", ("const", new)
            elif isinstance(v, str):
                grand = parents.get(id(parent)) if parent is not None else None
                in_cmp = isinstance(parent, ast.Compare) or (
                    isinstance(parent, (ast.Tuple, ast.List, ast.Set))
                    and isinstance(grand, ast.Compare)
                )
                if in_cmp:
                    yield node, f"{v!r}->'XX{v}XX'", ("const", f"XX{v}XX")
        elif isinstance(node, ast.Name) and node.id in SWAP_NAME:
            yield node, f"{node.id}->{SWAP_NAME[node.id]}", ("name", SWAP_NAME[node.id])
        # conditions that are not comparisons: negate them
        if isinstance(node, (ast.If, ast.IfExp, ast.While)) and not isinstance(
            node.test, (ast.Compare, ast.BoolOp)
        ):
            yield node, "negate condition", ("negate",)
        if isinstance(node, ast.comprehension):
            for i, cond in enumerate(node.ifs):
                if not isinstance(cond, (ast.Compare, ast.BoolOp)):
                    yield node, f"negate comprehension if {i}", ("negate_if", i)
        # statements removed
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield node, "drop call statement", ("pass",)
        if isinstance(node, ast.AugAssign):
            yield node, "drop augmented assignment", ("pass",)
        if isinstance(node, ast.Continue):
            yield node, "continue->pass", ("pass",)
    _ = _stmt_of


def _apply(target: ast.AST, parent: ast.AST | None, how: tuple) -> None:
    kind = how[0]
    if kind == "binop" or kind == "augop":
        target.op = how[1]()
    elif kind == "cmp":
        target.ops[how[1]] = how[2]()
    elif kind == "boolop":
        target.op = how[1]()
    elif kind == "unary":
        _replace(parent, target, target.operand)
    elif kind == "const":
        target.value = how[1]
    elif kind == "name":
        target.id = how[1]
    elif kind == "negate":
        target.test = ast.UnaryOp(ast.Not(), target.test)
    elif kind == "negate_if":
        target.ifs[how[1]] = ast.UnaryOp(ast.Not(), target.ifs[how[1]])
    elif kind == "pass":
        _replace(parent, target, ast.Pass())
    else:
        raise ValueError(kind)


def _replace(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new
                    return
    raise ValueError("child not found")


def module_path(module: str, root: Path) -> Path:
    return root / (module.replace(".", "/") + ".py")


def enumerate_mutants(module: str, root: Path) -> list[Mutant]:
    tree = ast.parse(module_path(module, root).read_text())
    out = []
    for qualname, fn in _functions(tree):
        parents = _parents(fn)
        for k, (node, desc, _how) in enumerate(_edits(fn)):
            if isinstance(node, (ast.If, ast.While)):
                line, end = node.test.lineno, node.test.end_lineno
            elif isinstance(node, ast.comprehension):
                line, end = node.target.lineno, max(c.end_lineno for c in [node.iter, *node.ifs])
            else:
                stmt = _stmt_of(node, parents)
                compound = (ast.If, ast.While, ast.For, ast.With, ast.Try, ast.Match,
                            ast.FunctionDef)
                if isinstance(stmt, compound) or stmt is node:
                    line, end = node.lineno, node.end_lineno
                else:
                    line, end = stmt.lineno, stmt.end_lineno
            out.append(Mutant(module, qualname, k, line, end, desc))
    return out + manual_mutants(module, root)


#: Hand-written mutants for the weak spots named in issue 10, which the generic
#: operators cannot express: (module, qualname, old text, new text, description).
MANUAL = [
    ("imgcost_gui.core.results", "ModelEstimate._bound",
     "total += v if v is not None else (s.total_usd or 0.0)",
     "total += v if v is not None else 0.0",
     "auto-quality range drops non-auto stages"),
    ("imgcost_gui.core.schemes.per_megapixel", "per_megapixel_plan",
     "in_mp = ref_mp[0] * attempts",
     "in_mp = ref_mp[0]",
     "FLUX.2 reference megapixels ignore retries"),
    ("imgcost_gui.core.schemes.per_megapixel", "per_megapixel_plan",
     "        meters += responses_at(overhead, attempts)\n        return StageEstimate(stage.name, stage.images, billed, True, tuple(meters), notices=why)",
     "        return StageEstimate(stage.name, stage.images, billed, True, tuple(meters), notices=why)",
     "Responses meters dropped for megapixel pricing"),
    ("imgcost_gui.core.schemes.fixed_token", "fixed_token_plan",
     "thinking_rate = rate(r.text_out, factor)",
     "thinking_rate = rate(r.text_out, 1.0)",
     "batch does not discount thinking tokens"),
    ("imgcost_gui.core.schemes.fixed_token", "fixed_token_plan",
     "out_rate = rate(r.image_out, factor)",
     "out_rate = rate(r.image_out, 1.0)",
     "batch does not discount Gemini output tokens"),
    ("imgcost_gui.core.compare", "rank",
     "diff = None if base is None else total - base",
     "diff = None if base is None else base - total",
     "vs_baseline sign flipped"),
    ("imgcost_gui.core.compare", "rank",
     "None if cheapest is None else total - cheapest",
     "None if cheapest is None else cheapest - total",
     "vs_cheapest sign flipped"),
    ("imgcost_gui.core.compare", "cheapest_plan",
     "saving = best.total_usd - total",
     "saving = total - best.total_usd",
     "plan saving sign flipped"),
    ("imgcost_gui.core.billing", "responses_at",
     "token_meter(\"responses_in\", o.input_tokens * attempts, float(o.input_usd_per_m))",
     "token_meter(\"responses_in\", o.input_tokens, float(o.input_usd_per_m))",
     "Responses input ignores retries"),
    ("imgcost_gui.core.schemes.token", "token_plan",
     "meters += responses_at(overhead, attempts)",
     "meters += responses_at(overhead, stage.requests_per_period)",
     "Responses overhead ignores retries (token models)"),
]


def _segment(text: str, qualname: str) -> tuple[int, int]:
    """Character span of a function's source in its module."""
    fn = dict(_functions(ast.parse(text)))[qualname]
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: fn.lineno - 1])
    end = sum(len(x) for x in lines[: fn.end_lineno])
    return start, end


def _manual_tree(m: Mutant, root: Path) -> ast.Module:
    module, qualname, old, new, _ = MANUAL[-1 - m.k]
    text = module_path(m.module, root).read_text()
    a, b = _segment(text, qualname)
    seg = text[a:b]
    assert seg.count(old) == 1, (m.id, old)
    return ast.parse(text[:a] + seg.replace(old, new) + text[b:])


def manual_mutants(module: str, root: Path) -> list[Mutant]:
    out = []
    text = module_path(module, root).read_text()
    for i, (mod, qualname, old, _new, desc) in enumerate(MANUAL):
        if mod != module:
            continue
        a, b = _segment(text, qualname)
        assert text[a:b].count(old) == 1, (mod, old)
        start = text.index(old, a)
        line = text.count("\n", 0, start) + 1
        out.append(Mutant(module, qualname, -1 - i, line, line + old.count("\n"), desc))
    return out


def mutated_source(m: Mutant, root: Path) -> tuple[ast.AST, ast.AST]:
    """(original function AST, mutated function AST)."""
    tree = ast.parse(module_path(m.module, root).read_text())
    if m.k < 0:
        fn = dict(_functions(tree))[m.qualname]
        clone = dict(_functions(_manual_tree(m, root)))[m.qualname]
        return fn, clone
    fn = dict(_functions(tree))[m.qualname]
    clone = copy.deepcopy(fn)
    orig_edits = list(_edits(fn))
    clone_edits = list(_edits(clone))
    assert len(orig_edits) == len(clone_edits)
    node, _desc, how = clone_edits[m.k]
    parent = _parents(clone).get(id(node))
    _apply(node, parent, how)
    ast.fix_missing_locations(clone)
    return fn, clone


def live_function(m: Mutant):
    mod = importlib.import_module(m.module)
    parts = m.qualname.split(".")
    if len(parts) == 1:
        obj = mod.__dict__[parts[0]]
    else:
        cls = mod.__dict__[parts[0]]
        obj = cls.__dict__.get(parts[1])
        decos = getattr(cls, "__pydantic_decorators__", None)
        if decos is not None:
            for group in ("model_validators", "field_validators"):
                d = getattr(decos, group).get(parts[1])
                if d is not None:
                    obj = d.func
    for _ in range(5):
        for attr in ("fget", "func", "__func__", "wrapped"):
            inner = getattr(obj, attr, None)
            if inner is not None and not isinstance(obj, type(lambda: 0)):
                obj = inner
                break
        else:
            break
    return obj


def apply_mutant(m: Mutant, root: Path) -> str:
    """Swap the live function's code for the mutant's; return the mutated line(s)."""
    _orig, clone = mutated_source(m, root)
    flags = __future__.annotations.compiler_flag
    code = compile(ast.Module([clone], []), str(module_path(m.module, root)), "exec", flags=flags, dont_inherit=True)
    new = next(c for c in code.co_consts if hasattr(c, "co_name") and c.co_name == clone.name)
    fn = live_function(m)
    if len(fn.__code__.co_freevars) != len(new.co_freevars):
        raise RuntimeError(f"free variables differ for {m.id}")
    old = fn.__code__
    fn.__code__ = new
    _swap_closures(old, new)
    return ast.unparse(clone)


def _nested(old: types.CodeType, new: types.CodeType, out: dict[int, types.CodeType]) -> None:
    """Pair each function nested in ``old`` with its mutated twin in ``new`` (same order)."""
    olds = [c for c in old.co_consts if isinstance(c, types.CodeType)]
    news = [c for c in new.co_consts if isinstance(c, types.CodeType)]
    for o, n in zip(olds, news, strict=False):
        if o.co_name == n.co_name and o.co_freevars == n.co_freevars:
            out[id(o)] = n
            _nested(o, n, out)


def _swap_closures(old: types.CodeType, new: types.CodeType) -> None:
    """Closures the function made before the swap (``TOTAL_LOW = _range_end("low")`` at
    import) run the mutated code too."""
    pairs: dict[int, types.CodeType] = {}
    _nested(old, new, pairs)
    if not pairs:
        return
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType) and id(obj.__code__) in pairs:
            obj.__code__ = pairs[id(obj.__code__)]
