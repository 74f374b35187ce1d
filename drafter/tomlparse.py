"""TOML parsing: tomli's compiled parser when it is installed, the standard library's else.

``tomllib`` is tomli 2.0 in pure Python; tomli from 2.2 ships wheels compiled with mypyc
that parse the same TOML 1.0 (tomli < 2.4; 2.4 reads TOML 1.1) about three times faster.
drafter parses a template (14 kB), the word list (15 kB) and the ärende on every start:
callgrind, ``drafter check`` on the example: 40 M instructions with ``tomllib`` (plus 9 M
to import it), 14 M with tomli (plus 7 M to import it).

Bad TOML is parsed again by ``tomllib``, so the error (class, message, line and column) is
the standard library's, word for word: :func:`drafter.files.describe_toml_error` turns
its messages into Swedish. ``tomllib`` is imported only then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError as TOMLDecodeError

_fast_loads: Callable[[str], dict[str, Any]] | None
_fast_error: type[Exception]
try:
    from tomli import TOMLDecodeError as _fast_error
    from tomli import loads as _fast_loads
except ImportError:  # pragma: no cover - tomli is a dependency; the stdlib still works
    _fast_loads = None
    _fast_error = ValueError


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``: the same data, or the same ``tomllib.TOMLDecodeError``."""
    if _fast_loads is not None:
        try:
            return _fast_loads(text)
        except _fast_error:
            pass  # tomllib raises its own error below, as it always did
    import tomllib

    return tomllib.loads(text)


def __getattr__(name: str) -> Any:
    # ``except tomlparse.TOMLDecodeError`` looks the class up only when something was raised
    if name == "TOMLDecodeError":
        import tomllib

        return tomllib.TOMLDecodeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
