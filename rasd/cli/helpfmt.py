"""Readable ``--help``: plain value names instead of Typer's type tags, paragraphs that are not broken mid-line.

Typer prints a parameter's Python type (``<bool>``, ``<list[str]>``, ``<int range>``) in the help's type
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


def _install_labels() -> None:
    """Typer (0.26–0.28, with its own copy of click) takes an option's label from ``make_metavar`` and an
    argument's from its type's ``get_metavar`` (``<name>`` when that says nothing): both give plain labels."""
    from typer._click.types import ParamType

    if getattr(TyperOption.make_metavar, "_rasd", False):
        return
    option_metavar = TyperOption.make_metavar
    type_metavar = ParamType.get_metavar

    def make_metavar(self: TyperOption, ctx) -> str:
        if self.metavar is not None:
            return self.metavar
        if self.is_flag:
            return ""  # --once, --read-open: the name says it all
        raw = option_metavar(self, ctx)
        label = _plain(raw.removesuffix("..."))
        return f"{label}..." if raw.endswith("...") or self.multiple else label

    def get_metavar(self: ParamType, param, ctx) -> str | None:
        got = type_metavar(self, param, ctx)
        if got is None and isinstance(param, TyperArgument):
            return "" if param.metavar is not None else _plain(self.name)  # the name column shows PATH...
        return got

    make_metavar._rasd = True  # type: ignore[attr-defined]
    TyperOption.make_metavar = make_metavar  # type: ignore[method-assign]
    ParamType.get_metavar = get_metavar  # type: ignore[method-assign]


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
    _install_labels()
    stack = [app]
    while stack:
        a = stack.pop()
        for cmd in a.registered_commands:
            cmd.help = reflow(cmd.help or inspect.getdoc(cmd.callback))
        for group in a.registered_groups:
            if group.typer_instance is not None:
                stack.append(group.typer_instance)
