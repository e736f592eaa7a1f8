"""Babel extraction method for CCS Desktop's Python sources (translation tooling only: it is
not part of the installed package).

Babel's own Python extractor does not know the context Qt gives `self.tr(...)`: the class
whose method calls it. This one reads the syntax tree and yields
- `self.tr("Text")` / `self.tr("%n page(s)", "", n)` with the enclosing class as context
  (singular, or plural when a count is given);
- `translate("Context", "Text")`, `QCoreApplication.translate(...)`,
  `QT_TRANSLATE_NOOP("Context", "Text")` with their explicit context;
- the gettext calls of the core: `_`, `N_`, `gettext`, `ngettext`, `pgettext`, `npgettext`;
  an `N_("Label")` written directly in a class body (the enum labels of domain/enums.py) is
  extracted in the context of that class, as `Labelled.label` translates it.
Only literal strings are extracted.

Used through po/babel.cfg:  PYTHONPATH=po pybabel extract -F po/babel.cfg ...
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

QT_CONTEXT_CALLS = {"translate", "QT_TRANSLATE_NOOP"}
GETTEXT = {"_", "N_", "gettext"}


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _comments(node: ast.AST, lines: list[str]) -> list[str]:
    """A `# Translators:` comment on the line just above the call."""
    line = node.lineno - 2
    if 0 <= line < len(lines):
        text = lines[line].strip()
        if text.startswith("# Translators:"):
            return [text[2:].strip()]
    return []


class _Visitor(ast.NodeVisitor):
    def __init__(self, lines: list[str]) -> None:
        self.classes: list[str] = []
        self.in_function = False
        self.found: list[tuple[int, str, Any, list[str]]] = []
        self.lines = lines

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802
        self.classes.append(node.name)
        saved, self.in_function = self.in_function, False
        self.generic_visit(node)
        self.in_function = saved
        self.classes.pop()

    def _function(self, node: ast.AST) -> None:
        saved, self.in_function = self.in_function, True
        self.generic_visit(node)
        self.in_function = saved

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function  # noqa: N815

    def _add(self, node: ast.Call, funcname: str, messages: Any) -> None:
        self.found.append((node.lineno, funcname, messages, _comments(node, self.lines)))

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        name = _name(node.func)
        args = node.args
        text = [_literal(a) for a in args]
        if name == "tr" and isinstance(node.func, ast.Attribute) and self.classes and text \
                and text[0] is not None:
            context = self.classes[-1]
            if len(args) >= 3:  # tr(text, disambiguation, n): Qt's plural
                self._add(node, "npgettext", (context, text[0], text[0]))
            else:
                self._add(node, "pgettext", (context, text[0]))
        elif name in QT_CONTEXT_CALLS and len(args) >= 2 and None not in text[:2]:
            self._add(node, "pgettext", (text[0], text[1]))
        elif name == "N_" and self.classes and not self.in_function and len(args) == 1 \
                and text[0] is not None:
            self._add(node, "pgettext", (self.classes[-1], text[0]))
        elif name in GETTEXT and len(args) == 1 and text[0] is not None:
            self._add(node, "gettext", text[0])
        elif name == "ngettext" and len(args) >= 2 and None not in text[:2]:
            self._add(node, "ngettext", (text[0], text[1]))
        elif name == "pgettext" and len(args) >= 2 and None not in text[:2]:
            self._add(node, "pgettext", (text[0], text[1]))
        elif name == "npgettext" and len(args) >= 3 and None not in text[:3]:
            self._add(node, "npgettext", (text[0], text[1], text[2]))
        self.generic_visit(node)


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:  # noqa: ANN001
    """Babel extraction method: (lineno, funcname, messages, comments) for each message."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    visitor = _Visitor(source.splitlines())
    visitor.visit(ast.parse(source))
    yield from visitor.found
