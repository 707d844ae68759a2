"""Reading a YAML file so that every value still knows its line: the sources file's errors name the line.

PyYAML's ``safe_load`` forgets where values came from, so the file is composed into nodes
and built into ``LDict``/``LList`` (a dict/list with the line of each entry) by the safe
constructor. Validators collect ``(line, message)`` pairs and report them all at once.

Example: ``load_lines("a: 1\\nb: [x]\\n", "f.yaml").lines["b"] == 2``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from rasd.errors import RasdError


class ConfigError(RasdError):
    """A sources/alerts file that is not valid YAML or breaks its schema; names the file and each line."""

    code = "watch-config"

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.problems = sorted(problems)
        lines = "; ".join(f"line {line}: {msg}" for line, msg in self.problems)
        super().__init__(lines, source=source)


class LDict(dict):
    """A mapping from YAML that remembers its own line and the line of each key."""

    line: int = 0
    lines: dict[str, int]


class LList(list):
    """A sequence from YAML that remembers its own line and the line of each item."""

    line: int = 0
    lines: list[int]


def _build(node: yaml.Node, ctor: yaml.constructor.SafeConstructor, problems: list[tuple[int, str]]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line, out.lines = line, {}
        for key_node, value_node in node.value:
            key = _build(key_node, ctor, problems)
            if not isinstance(key, str):
                problems.append((key_node.start_mark.line + 1, f"key {key!r} is not a string"))
                continue
            if key in out:
                problems.append((key_node.start_mark.line + 1, f"duplicate key {key!r}"))
                continue
            out[key] = _build(value_node, ctor, problems)
            out.lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LList()
        seq.line, seq.lines = line, []
        for item in node.value:
            seq.append(_build(item, ctor, problems))
            seq.lines.append(item.start_mark.line + 1)
        return seq
    return ctor.construct_object(node, deep=True)


def load_lines(text: str, source: str) -> Any:
    """Parse ``text`` into LDict/LList/scalars; a syntax error becomes a ConfigError with its line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark else 0
        message = f"not valid YAML: {getattr(e, 'problem', None) or e}"
        context = getattr(e, "context_mark", None)
        if context is not None and context.line + 1 != line:
            message += f" ({e.context} on line {context.line + 1})"
        raise ConfigError(source, [(line, message)]) from e
    if node is None:
        return LDict()
    problems: list[tuple[int, str]] = []
    ctor = yaml.constructor.SafeConstructor()
    try:
        value = _build(node, ctor, problems)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise ConfigError(source, [(mark.line + 1 if mark else 0, str(e))]) from e
    if problems:
        raise ConfigError(source, problems)
    return value


_DURATION = re.compile(
    r"^\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s)?\s*$"
)


def parse_duration(value: Any) -> float:
    """Seconds in ``value``: a number of seconds or a string such as ``90s``, ``5m``, ``1h30m``.

    Raises ValueError for anything else (``5 minutes``, ``-1``, ``""``).
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"{value!r} is negative")
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m and any(m.groups()):
            h, mi, s = (float(g) if g else 0.0 for g in m.groups())
            return h * 3600 + mi * 60 + s
    raise ValueError(f"{value!r} is not a duration (use seconds or e.g. 30s, 5m, 1h)")


class Checker:
    """Collects schema problems with their lines while a mapping's values are read one by one.

    Each ``get_*`` returns the value (or the default) and records a problem instead of raising,
    so one run of the validator reports every bad line of the file.
    """

    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def mapping(self, value: Any, where: str, line: int) -> LDict | None:
        if not isinstance(value, LDict):
            self.add(getattr(value, "line", line), f"{where}: expected a mapping, got {_kind(value)}")
            return None
        return value

    def keys(self, d: LDict, where: str, allowed: Iterable[str], required: Iterable[str] = ()) -> None:
        allowed = set(allowed)
        for key in d:
            if key not in allowed:
                self.add(
                    d.lines[key], f"{where}: unknown key {key!r} (allowed: {', '.join(sorted(allowed))})"
                )
        for key in required:
            if key not in d:
                self.add(d.line, f"{where}: missing required key {key!r}")

    def line_of(self, d: LDict, key: str) -> int:
        return d.lines.get(key, d.line)

    def get_str(self, d: LDict, key: str, where: str, default: str | None = None) -> str | None:
        if key not in d or d[key] is None:
            return default
        v = d[key]
        if isinstance(v, bool) or not isinstance(v, str | int | float):
            self.add(self.line_of(d, key), f"{where}.{key}: expected text, got {_kind(v)}")
            return default
        v = str(v).strip()
        if not v:
            self.add(self.line_of(d, key), f"{where}.{key}: must not be empty")
            return default
        return v

    def get_bool(self, d: LDict, key: str, where: str, default: bool | None = None) -> bool | None:
        if key not in d or d[key] is None:
            return default
        if not isinstance(d[key], bool):
            self.add(self.line_of(d, key), f"{where}.{key}: expected true or false, got {d[key]!r}")
            return default
        return d[key]

    def get_number(
        self,
        d: LDict,
        key: str,
        where: str,
        default: float | None = None,
        *,
        lo: float | None = None,
        hi: float | None = None,
        integer: bool = False,
    ) -> float | None:
        if key not in d or d[key] is None:
            return default
        v = d[key]
        ok = isinstance(v, int) if integer else isinstance(v, int | float)
        if isinstance(v, bool) or not ok:
            kind = "a whole number" if integer else "a number"
            self.add(self.line_of(d, key), f"{where}.{key}: expected {kind}, got {v!r}")
            return default
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            self.add(self.line_of(d, key), f"{where}.{key}: {v!r} is out of range [{lo}, {hi}]")
            return default
        return v

    def get_duration(
        self, d: LDict, key: str, where: str, default: float | None = None, *, minimum: float = 0.0
    ) -> float | None:
        if key not in d or d[key] is None:
            return default
        try:
            seconds = parse_duration(d[key])
        except ValueError as e:
            self.add(self.line_of(d, key), f"{where}.{key}: {e}")
            return default
        if seconds < minimum:
            self.add(self.line_of(d, key), f"{where}.{key}: {d[key]!r} is shorter than {minimum:g}s")
            return default
        return seconds

    def get_str_list(self, d: LDict, key: str, where: str) -> tuple[str, ...]:
        """A list of strings; a single string is a list of one."""
        if key not in d or d[key] is None:
            return ()
        v = d[key]
        if isinstance(v, str):
            return (v.strip(),) if v.strip() else ()
        if not isinstance(v, LList):
            self.add(self.line_of(d, key), f"{where}.{key}: expected a list, got {_kind(v)}")
            return ()
        out = []
        for item, line in zip(v, v.lines, strict=True):
            if isinstance(item, bool) or not isinstance(item, str | int) or not str(item).strip():
                self.add(line, f"{where}.{key}: expected text, got {item!r}")
            else:
                out.append(str(item).strip())
        return tuple(out)

    def choice(self, d: LDict, key: str, where: str, options: Iterable[str], default: str) -> str:
        v = self.get_str(d, key, where)
        if v is None:
            return default
        options = tuple(options)
        if v not in options:
            self.add(self.line_of(d, key), f"{where}.{key}: {v!r} is not one of {', '.join(options)}")
            return default
        return v


def _kind(value: Any) -> str:
    if isinstance(value, LDict | dict):
        return "a mapping"
    if isinstance(value, LList | list):
        return "a list"
    return repr(value)
