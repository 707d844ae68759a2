"""Readable ``--help``: plain value names instead of Typer's type tags, paragraphs that are not broken mid-line.

Typer 0.2x prints a parameter's Python type (``<bool>``, ``<list[str]>``, ``<int range>``) in the help's type
column, and keeps a docstring's line breaks, so a sentence wrapped at 110 columns in the source breaks in the
middle of a terminal line. Analysts read help, not annotations: flags show no type, values show ``TEXT``,
``INTEGER``, ``PATH``…, and each paragraph is reflowed.
"""

from __future__ import annotations

import inspect
import re

import typer
from typer.core import TyperArgument, TyperOption

_LABELS = {
    "str": "TEXT",
    "int": "INTEGER",
    "float": "NUMBER",
    "path": "PATH",
    "Path": "PATH",
    "file": "FILE",
    "directory": "DIR",
    "int range": "INTEGER",
    "float range": "NUMBER",
    "datetime": "DATETIME",
}


def _plain(label: str) -> str:
    inner = label.strip("<>")
    m = re.fullmatch(r"list\[(.+)\]", inner)
    if m:
        inner = m.group(1)
    return _LABELS.get(inner, inner)


def _option_type(self: TyperOption, ctx) -> str | None:
    if self.metavar is not None:
        return self.metavar
    if self.is_flag:
        return None  # --once, --read-open: the name says it all
    label = _plain(self.display_type(ctx))
    return f"{label}..." if self.multiple or self.nargs != 1 else label


def _argument_type(self: TyperArgument, ctx) -> str | None:
    if self.metavar is not None:
        return None  # the name column shows it already (PATH...)
    return _plain(self.display_type(ctx))


def reflow(doc: str | None) -> str | None:
    """A docstring with each paragraph on one line (paragraphs and ``- `` list items kept apart)."""
    if not doc:
        return doc
    out = []
    for para in inspect.cleandoc(doc).split("\n\n"):
        lines = para.split("\n")
        items: list[str] = []
        for line in lines:
            if items and not line.lstrip().startswith("- "):
                items[-1] += " " + line.strip()
            else:
                items.append(line.strip())
        out.append("\n".join(items))
    return "\n\n".join(out)


def readable_help(app: typer.Typer) -> None:
    """Install the plain type labels and reflow every command's help in ``app`` (and its groups)."""
    TyperOption.display_type_rich = _option_type  # type: ignore[method-assign]
    TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]
    stack = [app]
    while stack:
        a = stack.pop()
        for cmd in a.registered_commands:
            cmd.help = reflow(cmd.help or inspect.getdoc(cmd.callback))
        for group in a.registered_groups:
            if group.typer_instance is not None:
                stack.append(group.typer_instance)
