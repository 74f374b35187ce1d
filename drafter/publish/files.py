"""Files around a published document: the letterhead's assets (logo, base Word file)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafter.errors import TemplateError

#: Logos and Word files larger than this are refused (a letterhead is far smaller).
MAX_ASSET_BYTES = 10 * 1024 * 1024


def asset_path(
    relative: str, template_dir: Path | None, key: str, template_file: Path | None
) -> Path:
    """The file a ``[layout]`` key names, relative to the template's folder."""
    path = Path(relative).expanduser()
    if path.is_absolute():
        return path
    if template_dir is None:
        raise TemplateError(
            f"[layout] {key} = ”{relative}” är en relativ sökväg, men mallens mapp är okänd; "
            "ange en absolut sökväg",
            template_file,
        )
    return template_dir / path


def read_asset(path: Path, what: str, key: str, template_file: Path | None) -> bytes:
    """Read a letterhead file (logo, Word file): a regular file of bounded size.

    A FIFO or device is never opened for reading in a way that blocks; every failure is a
    :class:`TemplateError` naming the template, the key and the file.
    """

    def fail(problem: str) -> TemplateError:
        return TemplateError(f"[layout] {key}: {what} {path} {problem}", template_file)

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise fail("finns inte; kontrollera sökvägen (den är relativ till mallfilen)") from exc
    except PermissionError as exc:
        raise fail("kan inte läsas: du saknar behörighet") from exc
    except OSError as exc:
        raise fail(f"kan inte läsas ({exc.strerror})") from exc
    except ValueError as exc:  # a NUL in the path
        raise fail("har ett ogiltigt filnamn") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise fail("är ingen vanlig fil")
        if info.st_size > MAX_ASSET_BYTES:
            raise fail(
                f"är {info.st_size // (1024 * 1024)} MB; högst "
                f"{MAX_ASSET_BYTES // (1024 * 1024)} MB går att använda"
            )
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1024 * 1024):
            total += len(chunk)
            if total > MAX_ASSET_BYTES:  # the file grew while it was read
                raise fail("är för stor")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise fail(f"kan inte läsas ({exc.strerror})") from exc
    finally:
        os.close(fd)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (also through links or ``..``)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        try:
            return a.resolve() == b.resolve()
        except (OSError, RuntimeError, ValueError):
            return False
