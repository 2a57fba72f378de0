"""Configuration files: ``[tool.citecheck]`` in ``pyproject.toml``, or a ``citecheck.toml``.

Looked up in the current folder (``citecheck.toml`` first), or named with ``--config FILE``.
A ``pyproject.toml`` holds the settings in its ``[tool.citecheck]`` table; any other file
holds them at its top level. Keys are written with dashes (``per-host``); underscores are
accepted too. Every problem (unreadable file, bad TOML, unknown key, wrong type, value out
of range) is a :class:`ConfigError` with a one-line message; command-line flags given
explicitly win over the file.
"""

from __future__ import annotations

import re
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
    "run-deadline": (float, 1, 7 * 24 * 3600),
    "retries": (int, 1, 10),
    "max-retry-wait": (float, 0, 600),
    "max-body-mb": (float, 0.01, 1024),
    "user-agent": (str, None, None),
    "tsa-url": (str, None, None),  # an RFC 3161 timestamping authority, for `citecheck fixity`
    "skip-hosts": (list, None, None),
    "fail-on": (list, None, None),
    # lychee.toml's names, where the meaning is the same (underscores as lychee writes them
    # work too: max_redirects, max_cache_age, cookie_jar).
    "header": (dict, None, None),
    "hosts": (dict, None, None),
    "cookie-jar": (str, None, None),
    "exclude": (list, None, None),
    "remap": (list, None, None),
    "accept": (object, None, None),
    "max-redirects": (int, 0, 50),
    "max-cache-age": (object, None, None),
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
    special = {"header": lambda w, v: parse_headers(v, w), "hosts": parse_hosts,
               "exclude": lambda w, v: parse_patterns(v, w),
               "remap": lambda w, v: parse_remap(v, w), "accept": lambda w, v: parse_accept(v, w),
               "max-cache-age": lambda w, v: parse_duration(v, w)}
    if key in special:
        return special[key](f"{where}: {key}", value)
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


# --- lychee's options -----------------------------------------------------------------


def parse_headers(value: Any, where: str = "--header") -> tuple[tuple[str, str], ...]:
    """Headers as lychee takes them: a table {"Name" = "value"} (lychee.toml's `header`), or
    a list of "Name: Value" lines (its --header, the form curl and wget use)."""
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        pairs = []
        for line in value:
            name, colon, text = line.partition(":")
            if not colon:
                raise ConfigError(f"{where}: {line!r} is not 'Name: value'")
            pairs.append((name, text))
    else:
        raise ConfigError(f"{where} must be a table of header names and values, not {value!r}")
    headers = []
    for name, text in pairs:
        if not isinstance(text, str) or not _HEADER_NAME_RE.fullmatch(str(name).strip()) \
                or any(c in text for c in "\r\n\0"):
            raise ConfigError(f"{where}: {name!r}: {text!r} is not a valid header")
        headers.append((str(name).strip(), text.strip()))
    return tuple(headers)


def parse_hosts(where: str, value: Any) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """lychee.toml's `[hosts."example.org"]` tables; of their keys, `headers` (sent to that
    host only, not to its subdomains nor to where it redirects)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of hosts")
    hosts = []
    for host, table in value.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}.{host!r} must be a table")
        unknown = set(table) - {"headers"}
        if unknown:
            raise ConfigError(f"{where}.{host!r}: unknown key {sorted(unknown)[0]!r} (known: "
                              "headers)")
        hosts.append((host_name(host), parse_headers(table.get("headers", {}),
                                                     f"{where}.{host!r}.headers")))
    return tuple(hosts)


def parse_patterns(value: Any, where: str = "--exclude") -> tuple[str, ...]:
    """Regular expressions (lychee's `exclude`), each checked now."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where} must be a list of regular expressions, not {value!r}")
    for pattern in value:
        _compile(pattern, where)
    return tuple(value)


def parse_remap(value: Any, where: str = "--remap") -> tuple[tuple[str, str], ...]:
    """lychee's `remap`: "PATTERN REPLACEMENT" lines, PATTERN a regular expression and
    REPLACEMENT a URL that may use its groups as `$1` or `${name}` (Rust's syntax, as lychee
    writes it); returned with the replacement in Python's form."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of 'PATTERN URL' strings, not {value!r}")
    rules = []
    for line in value:
        parts = line.split()
        if len(parts) != 2:
            raise ConfigError(f"{where}: {line!r} is not 'PATTERN URL' (two words)")
        pattern, replacement = parts
        _compile(pattern, where)
        python = re.sub(r"\$(?:\{(\w+)\}|(\d+|[A-Za-z_]\w*))|\$\$|\\",
                        lambda m: "$" if m.group(0) == "$$" else "\\\\" if m.group(0) == "\\"
                        else f"\\g<{m.group(1) or m.group(2)}>", replacement)
        try:
            re.compile(pattern).sub(python, "")
        except (re.error, IndexError) as e:
            raise ConfigError(f"{where}: {line!r}: {e}") from None
        rules.append((pattern, python))
    return tuple(rules)


def parse_accept(value: Any, where: str = "--accept") -> frozenset[int]:
    """lychee's accepted status codes: "200..=204, 429", ["200", "429"], "..300", "200..205"."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise ConfigError(f"{where} must be status codes such as \"200..=204, 429\", not {value!r}")
    codes: set[int] = set()
    for item in items:
        text = str(item).strip()
        m = re.fullmatch(r"(\d{3})?\.\.(=?)(\d{3})|(\d{3})", text)
        if m is None:
            raise ConfigError(f"{where}: {text!r} is not a status code or range (200..=204)")
        if m.group(4):
            codes.add(int(m.group(4)))
        else:
            start, end = int(m.group(1) or 100), int(m.group(3)) + (1 if m.group(2) else 0)
            codes.update(range(start, end))
    if not all(100 <= c <= 599 for c in codes):
        raise ConfigError(f"{where}: status codes are between 100 and 599")
    return frozenset(codes)


_DURATION_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(w|d|h|m|min|s|sec)?\s*")
_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "min": 60, "s": 1, "sec": 1, None: 1}
_HEADER_NAME_RE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def parse_duration(value: Any, where: str = "--max-cache-age") -> float:
    """A duration as lychee writes it ("1d", "2h 30m", "90s"), or a number of seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str) and value.strip():
        parts = [(m.group(1), m.group(2)) for m in _DURATION_RE.finditer(value) if m.group(0)]
        if "".join(m.group(0) for m in _DURATION_RE.finditer(value)) == value and parts:
            return float(sum(float(n) * _UNITS[u] for n, u in parts))
    raise ConfigError(f"{where}: {value!r} is not a duration (such as 1d, 12h, 30m, 90s)")


def _compile(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as e:
        raise ConfigError(f"{where}: {pattern!r} is not a regular expression: {e}") from None
