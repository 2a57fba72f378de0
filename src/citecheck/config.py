"""Configuration files: ``[tool.citecheck]`` in ``pyproject.toml``, or a ``citecheck.toml``.

Looked up in the current folder (``citecheck.toml`` first), or named with ``--config FILE``.
A ``pyproject.toml`` holds the settings in its ``[tool.citecheck]`` table; any other file
holds them at its top level. Keys are written with dashes (``per-host``); underscores are
accepted too. Every problem (unreadable file, bad TOML, unknown key, wrong type, value out
of range) is a :class:`ConfigError` with a one-line message; command-line flags given
explicitly win over the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .report import Status


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is one line for the user."""


# key → (type, minimum, maximum); bounds as the command line's.
KEYS: dict[str, tuple[type, float | None, float | None]] = {
    "cache-dir": (str, None, None),
    "concurrency": (int, 1, 512),
    "per-host": (int, 1, 16),
    "timeout": (float, 0.1, 600),
    "deadline": (float, 0.1, 3600),
    "retries": (int, 1, 10),
    "max-retry-wait": (float, 0, 600),
    "max-body-mb": (float, 0.01, 1024),
    "user-agent": (str, None, None),
    "tsa-url": (str, None, None),  # an RFC 3161 timestamping authority, for `citecheck fixity`
    "skip-hosts": (list, None, None),
    "fail-on": (list, None, None),
}

FILE_NAMES = ("citecheck.toml", "pyproject.toml")


def find(folder: Path) -> Path | None:
    """The configuration file of `folder`, if it has one that speaks to citecheck."""
    for name in FILE_NAMES:
        path = folder / name
        if path.is_file() and (name != "pyproject.toml" or "citecheck" in _tool_tables(path)):
            return path
    return None


def _tool_tables(path: Path) -> dict:
    try:
        tool = _parse(path).get("tool", {})
    except ConfigError:
        return {"citecheck": True}  # let load() report the problem
    return tool if isinstance(tool, dict) else {}


def _parse(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None


def load(path: Path) -> dict[str, Any]:
    """The validated settings of a configuration file, keyed with dashes."""
    data = _parse(path)
    where = path.name
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("citecheck", {})
        where = f"{path.name} [tool.citecheck]"
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.citecheck] must be a table")
    values: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("_", "-")
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {raw_key!r} (known: {', '.join(KEYS)})")
        values[key] = _check(where, key, value)
    return values


def _check(where: str, key: str, value: Any) -> Any:
    kind, low, high = KEYS[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        names = {str: "a string", int: "an integer", float: "a number", list: "a list"}
        raise ConfigError(f"{where}: {key} must be {names[kind]}, not {value!r}")
    if low is not None and value < low or high is not None and value > high:
        raise ConfigError(f"{where}: {key} must be between {low:g} and {high:g}, not {value!r}")
    if kind is list:
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{where}: {key} must be a list of strings, not {value!r}")
        if key == "fail-on":
            return parse_statuses(value, where=f"{where}: fail-on")
        return [host_name(v) for v in value]
    if kind is str and not value.strip():
        raise ConfigError(f"{where}: {key} must not be empty")
    return value


def parse_statuses(names: list[str], where: str = "--fail-on") -> frozenset[Status]:
    """Status names (``dead``, ``not-found`` or ``not_found``) as a set of statuses."""
    statuses = set()
    for name in names:
        try:
            statuses.add(Status(name.strip().lower().replace("-", "_")))
        except ValueError:
            known = ", ".join(s.value for s in Status)
            raise ConfigError(f"{where}: unknown status {name!r} (known: {known})") from None
    return frozenset(statuses)


def host_name(host: str) -> str:
    """A host to skip as written by a person: `Example.org`, `.example.org`, `*.example.org`."""
    return host.strip().lower().removeprefix("*.").strip(".")
