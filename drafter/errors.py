"""Errors that reach the user.

Every error raised by the core for bad input is a :class:`DrafterError` whose message is
Swedish, names the file (and line/column where known) and says what to do. Front ends print
the message; they never show a traceback for these.
"""

from __future__ import annotations

from pathlib import Path


class DrafterError(Exception):
    """A problem the user can fix, with a Swedish message."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.detail = message
        super().__init__(f"{self.path}: {message}" if self.path is not None else message)

    @property
    def message(self) -> str:
        """The full Swedish message, with the file name first when known."""
        return str(self)


class TemplateError(DrafterError):
    """A template (mall) is missing or broken."""


class ArendeFileError(DrafterError):
    """An ärende file cannot be read, parsed or validated."""


def describe_validation_error(error: object, *, prefix: str = "", data: object = None) -> str:
    """Turn a pydantic ``ValidationError`` into Swedish lines naming each bad key.

    ``prefix`` is put before every key path (e.g. ``"arende."``). When ``data`` is the
    validated input, list indices in paths are replaced by a section's ``id`` where one
    exists, so the user reads ``sektioner[arendet].typ`` rather than ``sektioner[2].typ``.
    """
    from pydantic import ValidationError

    assert isinstance(error, ValidationError)
    lines = []
    for item in error.errors(include_url=False):
        if not item["loc"] and not prefix:  # a whole-model check: the message names the key
            lines.append(_explain(item))
            continue
        key = _key_path(item["loc"], prefix, data)
        lines.append(f"nyckeln ”{key}”: {_explain(item)}")
    return "; ".join(lines)


def _key_path(loc: tuple[int | str, ...], prefix: str, data: object) -> str:
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            label = str(part + 1)
            if isinstance(node, list) and 0 <= part < len(node):
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = node["id"]
            else:
                node = None
            parts.append(f"[{label}]")
        else:
            node = node.get(part) if isinstance(node, dict) else None
            parts.append(("." if parts else "") + part)
    return prefix + "".join(parts) if parts else prefix.rstrip(".") or "(filen)"


_TYPE_NAMES = {
    "string_type": "ska vara text (inom citattecken)",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "int_from_float": "ska vara ett heltal",
    "list_type": 'ska vara en lista, till exempel ["a", "b"]',
    "tuple_type": 'ska vara en lista, till exempel ["a", "b"]',
    "set_type": 'ska vara en lista, till exempel ["a", "b"]',
    "float_type": "ska vara ett tal",
    "float_parsing": "ska vara ett tal",
    "dict_type": "ska vara en tabell",
    "model_type": "ska vara en tabell",
    "missing": "saknas men måste finnas",
    "extra_forbidden": "är okänd här; kontrollera stavningen",
}


def _explain(item: object) -> str:
    assert isinstance(item, dict)
    kind = str(item.get("type", ""))
    if kind in _TYPE_NAMES:
        return _TYPE_NAMES[kind]
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        expected = str(expected).replace(" or ", " eller ").replace("''", '""')
        return f"har ett okänt värde; tillåtna värden är {expected}"
    if kind == "value_error":
        return str(item.get("ctx", {}).get("error", item.get("msg", "")))
    if kind.startswith("too_short") or kind == "string_too_short":
        return "får inte vara tom"
    ctx = item.get("ctx", {})
    bounds = {
        "greater_than_equal": ("ska vara minst", "ge"),
        "greater_than": ("ska vara större än", "gt"),
        "less_than_equal": ("får vara högst", "le"),
        "less_than": ("ska vara mindre än", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"{words} {ctx.get(key, '')}".strip()
    if kind.startswith("too_long") or kind == "string_too_long":
        return "är för lång"
    return "har ett ogiltigt värde"
