"""JSON: the machine contract, ``Report.to_dict()`` encoded (schema/report-1.schema.json).

Written a citation at a time (:func:`write`): the text is that of ``json_text(to_dict())``,
byte for byte, but neither the report as plain data nor its whole text is ever held: at
10,000 citations those were about 100 MB and 150 MB at the end of a run.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO

from ..report import Report, field_names
from ._text import json_text


def render(report: Report) -> str:
    out = io.BytesIO()
    write(report, out)
    return out.getvalue().decode("utf-8")


def write(report: Report, out: BinaryIO) -> None:
    """The report's JSON text (UTF-8) into `out`, piece by piece: the report and each
    document opened here, each citation and everything else encoded whole."""

    def citations(key: str | None, value: object, indent: int) -> None:
        _open(value, indent, out, None) if key == "citations" else _value(value, indent, out)

    def documents(key: str | None, value: object, indent: int) -> None:
        _open(value, indent, out, citations) if key is None else _value(value, indent, out)

    def top(key: str | None, value: object, indent: int) -> None:
        _open(value, indent, out, documents) if key == "documents" else _value(value, indent, out)

    _open(report.head(), 0, out, top)
    out.write(b"\n")


Each = Callable[[str | None, object, int], None]


def _open(value: object, indent: int, out: BinaryIO, each: Each | None) -> None:
    """A dict, list or report dataclass at `indent` levels, as orjson's OPT_INDENT_2 writes
    it, its items written by `each` (key None for a list's); encoded whole when empty."""
    names = field_names(value)
    if names is not None:
        items: list[tuple[str | None, object]] = [(k, getattr(value, n)) for n, k in names]
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        items = [(None, v) for v in value]  # type: ignore[attr-defined]
    if not items or each is None and not isinstance(value, list):
        _value(value, indent, out)
        return
    inner = b"  " * (indent + 1)
    listed = isinstance(value, list)
    out.write(b"[\n" if listed else b"{\n")
    for i, (key, item) in enumerate(items):
        out.write(inner if listed else inner + _encoded(key) + b": ")
        if each is None:
            _value(item, indent + 1, out)
        else:
            each(key, item, indent + 1)
        out.write(b",\n" if i < len(items) - 1 else b"\n")
    out.write(b"  " * indent + (b"]" if listed else b"}"))


def _value(value: object, indent: int, out: BinaryIO) -> None:
    text = _encoded(value)
    out.write(text.replace(b"\n", b"\n" + b"  " * indent) if indent else text)


def _encoded(value: object) -> bytes:
    """One value as `json_text` writes it at indent 0, without its final newline."""
    import orjson

    try:
        return orjson.dumps(value, default=_fields,
                            option=orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS)
    except (TypeError, orjson.JSONEncodeError):
        pass  # lone surrogates, integers past 64 bits: json_text's own way
    from ..report import _plain

    return json_text(_plain(value)).encode("utf-8")[:-1]


def _fields(value: object) -> dict:
    names = field_names(value)
    if names is None:
        raise TypeError(f"{type(value).__name__} is not JSON")
    return {key: getattr(value, name) for name, key in names}
