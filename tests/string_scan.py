"""What the two string scans share (tests/ui/test_ui_strings_translated.py for ui/,
tests/core/i18n/test_core_strings_translated.py for core/): the name a call is made by and the
literal texts in an argument that no translation function wraps. Each scan says what counts as
words (markup, "error:" prefixes) and which string methods carry their text with them."""

from __future__ import annotations

import ast
from collections.abc import Callable


def call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def untranslated(node: ast.expr, has_words: Callable[[str], bool],
                 carried: tuple[str, ...] = ("join",)) -> list[str]:
    """The literal texts with words in ``node`` that no translation function wraps; ``carried``: the
    string methods whose receiver is shown too ("; ".join(...): the separator is a message)."""
    def walk(n: ast.expr) -> list[str]:
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            return [n.value] if has_words(n.value) else []
        if isinstance(n, ast.JoinedStr):
            text = "".join(v.value for v in n.values if isinstance(v, ast.Constant))
            return [text] if has_words(text) else []
        if isinstance(n, ast.BinOp):
            return walk(n.left) + walk(n.right)
        if isinstance(n, ast.IfExp):
            return walk(n.body) + walk(n.orelse)
        if isinstance(n, ast.BoolOp):
            return [t for v in n.values for t in walk(v)]
        if isinstance(n, (ast.List, ast.Tuple)):
            return [t for e in n.elts for t in walk(e)]
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in carried:
            return walk(n.func.value)
        return []
    return walk(node)
