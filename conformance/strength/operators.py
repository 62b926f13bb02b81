"""Where a module's source can be broken one small change at a time, and how.

Mutation sites are found with :mod:`ast`, but a mutant is made by replacing an
exact span of the original text (byte offsets from the nodes' line and column
positions), never by unparsing the tree: every other line stays as it was, so
line numbers in the mutant match the original and the coverage data taken on
it. A replacement that spans several lines keeps their count (it is padded
with newlines), for the same reason.

The operators, named in each mutant's id:

- ``compare``: ``==``/``!=``, ``<``/``<=``, ``>``/``>=``, ``is``/``is not``,
  ``in``/``not in`` swapped for their counterpart;
- ``boolean``: ``and``/``or`` swapped; ``not``: ``not x`` becomes ``x``;
- ``constant``: ``True``/``False`` swapped, a number plus one, a string or
  bytes wrapped in ``XX`` (an empty one becomes ``"XX"``);
- ``return``: ``return x`` becomes ``return None``;
- ``remove``: an expression, assignment, ``raise`` or ``del`` statement
  becomes ``pass``;
- ``if-false``: an ``if`` test becomes ``False`` (the branch never runs);
  ``drop-else``: the test of an ``if`` with an ``else`` becomes ``True``.

Not mutated: ``if TYPE_CHECKING`` blocks (either polarity), docstrings (and
strings standing alone as statements, documenting an attribute), ``__slots__``,
annotations, ``__repr__`` methods, ``typing.overload`` stubs, ``TypeVar``
declarations and ``cast`` type names, ``...`` and
``None`` constants, f-string pieces, and the ``typing`` module (aliases only).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

COMPARE_SWAPS = {
    "==": "!=",
    "!=": "==",
    "<": "<=",
    "<=": "<",
    ">": ">=",
    ">=": ">",
    "is": "is not",
    "is not": "is",
    "in": "not in",
    "not in": "in",
}
_COMPARE_TOKEN = re.compile(rb"==|!=|<=|>=|<|>|\bis\s+not\b|\bnot\s+in\b|\bis\b|\bin\b")
_BOOLEAN_TOKEN = re.compile(rb"\band\b|\bor\b")
#: Modules whose statements are type declarations only.
SKIPPED_MODULES = {"typing.py"}
#: Calls that only declare types: their arguments are names for type checkers.
TYPING_CALLS = {"TypeVar", "ParamSpec", "NewType", "cast"}
#: Statements whose removal is the ``remove`` operator.
REMOVABLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Raise, ast.Delete)


@dataclass(frozen=True)
class Mutant:
    """One change to one module: the bytes ``[start, end)`` replaced by ``replacement``."""

    module: str  # path inside the package, "app.py", "json/tag.py"
    line: int  # where the changed text starts
    column: int
    operator: str
    original: str
    replacement: str
    start: int
    end: int
    #: The first and last line of the statement holding the change: the lines
    #: whose coverage says which specs can notice it.
    statement_lines: tuple[int, int]
    #: The change sits in code that runs when the module is imported (a
    #: default value, a decorator, a class or module body).
    import_time: bool = False
    #: For an import-time change, the lines of the function, class or module
    #: it configures: the specs executing them are the ones that can notice it.
    scope_lines: tuple[int, int] = (0, 0)
    #: What that scope is: "module", "class", "function" (a default value) or
    #: "decorator" (a decorator of the function).
    scope_kind: str = ""
    #: For a change inside a function body, the lines of that (innermost)
    #: function: a statement only the first caller in a process runs (a
    #: cached value computed once) is noticed by the specs of the later callers.
    function_lines: tuple[int, int] = (0, 0)

    @property
    def id(self) -> str:
        return f"{self.module}:{self.line}:{self.column}:{self.operator}"

    def apply(self, source: bytes) -> bytes:
        """The module's source with this change made."""
        newlines = source[self.start : self.end].count(b"\n")
        replacement = self.replacement.encode()
        if newlines and self.operator != "remove":
            # An expression: parentheses let the padding newlines stand inside it.
            replacement = b"(" + replacement + b"\n" * newlines + b")"
        else:
            replacement += b"\n" * newlines
        return source[: self.start] + replacement + source[self.end :]


class _SiteFinder(ast.NodeVisitor):
    """Collects every mutation site of one module's tree."""

    def __init__(self, module: str, source: bytes) -> None:
        self.module = module
        self.source = source
        self.line_starts = [0]
        for index, byte in enumerate(source):
            if byte == 0x0A:
                self.line_starts.append(index + 1)
        self.mutants: list[Mutant] = []
        self.statement: ast.stmt | None = None
        self.scopes: list[str] = ["module"]  # module, class, function
        self.in_header = False  # decorators, defaults, base classes
        self.spans: list[tuple[int, int, str]] = [(1, source.count(b"\n") + 1, "module")]
        self.functions: list[tuple[int, int]] = []  # spans of the function bodies we are in

    # Positions -------------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line - 1] + column

    def start_of(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)

    def end_of(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = _bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1]

    def add(self, operator: str, start: int, end: int, replacement: str) -> None:
        line, column = self.position(start)
        statement = self.statement
        lines = (
            (statement.lineno, statement.end_lineno or statement.lineno)
            if statement
            else (line, line)
        )
        if isinstance(statement, (ast.If, ast.While, ast.For, ast.With, ast.Try)):
            lines = (statement.lineno, line)  # the header, not the whole block
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines = (min(line, statement.lineno), max(line, statement.lineno))
        import_time = self.in_header or self.scopes[-1] != "function"
        self.mutants.append(
            Mutant(
                module=self.module,
                line=line,
                column=column,
                operator=operator,
                original=self.source[start:end].decode(),
                replacement=replacement,
                start=start,
                end=end,
                statement_lines=lines,
                import_time=import_time,
                scope_lines=self.spans[-1][:2] if import_time else (0, 0),
                scope_kind=self.spans[-1][2] if import_time else "",
                function_lines=self.functions[-1] if self.functions and not import_time else (0, 0),
            )
        )

    # Skipped parts ---------------------------------------------------------

    def body_without_docstring(self, body: list[ast.stmt]) -> list[ast.stmt]:
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            return body[1:]
        return body

    def visit_statements(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.visit(statement)

    def visit_Module(self, node: ast.Module) -> None:
        self.visit_statements(self.body_without_docstring(node.body))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if node.name == "__repr__" or any(_is_overload(item) for item in node.decorator_list):
            return
        outer = self.statement
        self.statement = node
        self.in_header = True
        # A decorator's arguments build an object at import (a Click option, a
        # route) that code may read without calling the function.
        self.spans.append((node.lineno, node.end_lineno or node.lineno, "decorator"))
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.spans[-1] = (node.lineno, node.end_lineno or node.lineno, "function")
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self.spans.pop()
        self.in_header = False
        self.scopes.append("function")
        self.functions.append((node.lineno, node.end_lineno or node.lineno))
        self.visit_statements(self.body_without_docstring(node.body))
        self.functions.pop()
        self.scopes.pop()
        self.statement = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        outer = self.statement
        self.statement = node
        self.in_header = True
        for item in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(item)
        self.in_header = False
        self.scopes.append("class")
        self.spans.append((node.lineno, node.end_lineno or node.lineno, "class"))
        self.visit_statements(self.body_without_docstring(node.body))
        self.spans.pop()
        self.scopes.pop()
        self.statement = outer

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.scopes.append("function")
        self.visit(node.body)
        self.scopes.pop()

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.enter_statement(node)
        if node.value is not None:
            self.visit(node.value)
        self.leave_statement()

    def visit_arg(self, node: ast.arg) -> None:
        return  # annotations only

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)

    # Statements ------------------------------------------------------------

    def enter_statement(self, node: ast.stmt) -> None:
        self._outer = getattr(self, "_outer", [])
        self._outer.append(self.statement)
        self.statement = node
        # An annotation without a value (``x: int``) does nothing when run.
        bare_annotation = isinstance(node, ast.AnnAssign) and node.value is None
        if isinstance(node, REMOVABLE) and not bare_annotation:
            self.add("remove", self.start_of(node), self.end_of(node), "pass")

    def leave_statement(self) -> None:
        self.statement = self._outer.pop()

    def visit_Call(self, node: ast.Call) -> None:
        function = node.func
        name = (
            function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
        )
        if name in TYPING_CALLS:
            if name == "cast" and len(node.args) == 2:
                self.visit(node.args[1])  # the value cast; its type is only a name
            return
        self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and _declares_a_type(node.value):
            return
        if _is_attribute_docstring(node) or _assigns_slots(node):
            return
        if isinstance(node, ast.stmt):
            self.enter_statement(node)
            super().generic_visit(node)
            self.leave_statement()
        else:
            super().generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        if _mentions_type_checking(node.test):
            return
        self.enter_statement(node)
        test_start, test_end = self.start_of(node.test), self.end_of(node.test)
        self.add("if-false", test_start, test_end, "False")
        if node.orelse:
            self.add("drop-else", test_start, test_end, "True")
        self.visit(node.test)
        self.statement_scope_body(node.body)
        self.statement_scope_body(node.orelse)
        self.leave_statement()

    def statement_scope_body(self, body: list[ast.stmt]) -> None:
        saved = self.statement
        self.visit_statements(body)
        self.statement = saved

    def visit_Return(self, node: ast.Return) -> None:
        self.enter_statement(node)
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            self.add("return", self.start_of(value), self.end_of(value), "None")
        if value is not None:
            self.visit(value)
        self.leave_statement()

    # Expressions -----------------------------------------------------------

    def visit_Compare(self, node: ast.Compare) -> None:
        left = node.left
        for operator_node, right in zip(node.ops, node.comparators, strict=True):
            gap_start, gap_end = self.end_of(left), self.start_of(right)
            found = _COMPARE_TOKEN.search(self.source, gap_start, gap_end)
            if found is not None:
                text = re.sub(rb"\s+", b" ", found.group()).decode()
                if text in COMPARE_SWAPS and type(operator_node) is _COMPARE_NODES[text]:
                    self.add("compare", found.start(), found.end(), COMPARE_SWAPS[text])
            left = right
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        swap = "or" if isinstance(node.op, ast.And) else "and"
        for before, after in zip(node.values, node.values[1:], strict=False):
            found = _BOOLEAN_TOKEN.search(self.source, self.end_of(before), self.start_of(after))
            if found is not None:
                self.add("boolean", found.start(), found.end(), swap)
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            start = self.start_of(node)
            self.add("not", start, start + len(b"not"), "")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        replacement: str | None = None
        if isinstance(value, bool):
            replacement = repr(not value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            replacement = repr(value + 1)
        elif isinstance(value, str):
            replacement = repr(f"XX{value}XX")
        elif isinstance(value, bytes):
            replacement = repr(b"XX" + value + b"XX")
        if replacement is not None:
            self.add("constant", self.start_of(node), self.end_of(node), replacement)


_COMPARE_NODES = {
    "==": ast.Eq,
    "!=": ast.NotEq,
    "<": ast.Lt,
    "<=": ast.LtE,
    ">": ast.Gt,
    ">=": ast.GtE,
    "is": ast.Is,
    "is not": ast.IsNot,
    "in": ast.In,
    "not in": ast.NotIn,
}


def _bisect_right(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle + 1
        else:
            high = middle
    return low


def _mentions_type_checking(test: ast.expr) -> bool:
    return any(
        (isinstance(node, ast.Name) and node.id == "TYPE_CHECKING")
        or (isinstance(node, ast.Attribute) and node.attr == "TYPE_CHECKING")
        for node in ast.walk(test)
    )


def _declares_a_type(value: ast.expr | None) -> bool:
    """``T = t.TypeVar("T", ...)`` and its kin: statements only type checkers read."""
    if not isinstance(value, ast.Call):
        return False
    function = value.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    return name in TYPING_CALLS - {"cast"}


def _is_attribute_docstring(node: ast.AST) -> bool:
    """A string standing alone as a statement: documentation (of the attribute
    above it, for Sphinx), never run for an effect."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _assigns_slots(node: ast.AST) -> bool:
    """``__slots__ = (...)``: memory layout, not behaviour."""
    return isinstance(node, ast.Assign) and any(
        isinstance(name, ast.Name) and name.id == "__slots__" for name in node.targets
    )


def _is_overload(decorator: ast.expr) -> bool:
    return (isinstance(decorator, ast.Name) and decorator.id == "overload") or (
        isinstance(decorator, ast.Attribute) and decorator.attr == "overload"
    )


def find_mutants(source: bytes, module: str) -> list[Mutant]:
    """Every mutant of one module's source, in source order.

    :param source: the module's bytes as on disk (positions are byte offsets).
    :param module: the module's path inside its package, used in the ids.
    """
    finder = _SiteFinder(module, source)
    finder.visit(ast.parse(source))
    mutants = sorted(finder.mutants, key=lambda mutant: (mutant.start, mutant.operator))
    seen: set[str] = set()
    unique = []
    for mutant in mutants:
        if mutant.id not in seen:
            seen.add(mutant.id)
            unique.append(mutant)
    return unique


def package_mutants(package: Path) -> list[Mutant]:
    """Every mutant of every module of a package, ordered by module then position."""
    mutants: list[Mutant] = []
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        if module in SKIPPED_MODULES or "__pycache__" in path.parts:
            continue
        mutants.extend(find_mutants(path.read_bytes(), module))
    return mutants
