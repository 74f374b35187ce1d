"""The export dialog (F3): pick the format and the file name, nothing else.

The dialog only chooses; the caller exports (``drafter.publish.export``) and remembers the
format (``drafter.export_memory``). It returns an :class:`ExportChoice`, or ``None`` when
the user cancels::

    choice = await self.app.push_screen_wait(ExportDialog(session.path, last_format(path)))

The file name starts as the ärende's name with the format's suffix and follows the format
while the user has not edited it; an edited name keeps its stem and only swaps a known
export suffix. Typing a name with a known suffix (``ut.pdf``) picks that format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.publish import FORMAT_NAMES, FORMATS, Format, default_suffix, format_from_suffix
from drafter.text import printable
from drafter.tui.screens.dialog_screen import DialogScreen

DEFAULT_NAME = "arende"
"""The stem of the suggested name for an ärende that has no file yet."""


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose in the export dialog."""

    format: Format
    path: Path


def suggested_path(arende_path: Path | None, fmt: Format) -> Path:
    """The export file the dialog suggests: the ärende's file with the format's suffix."""
    base = arende_path if arende_path is not None else Path(DEFAULT_NAME)
    return base.with_suffix(default_suffix(fmt))


def _prompt(fmt: Format, chosen: bool) -> Content:
    """A format's line in the list: a radio mark, its Swedish name and its suffix."""
    return Content.assemble(
        "● " if chosen else "○ ", FORMAT_NAMES[fmt], (f"  {default_suffix(fmt)}", "dim")
    )


def _swap_suffix(text: str, fmt: Format) -> str:
    """``text`` with a known export suffix replaced by ``fmt``'s (other text unchanged)."""
    suffix = Path(text).suffix
    if not suffix or format_from_suffix(text) is None:
        return text
    return text[: len(text) - len(suffix)] + default_suffix(fmt)


class ExportDialog(DialogScreen[ExportChoice | None]):
    """Choose the export format and file. Enter exports, Escape cancels (``None``)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Avbryt")]

    # The frame, title and buttons: DialogScreen (the same look as the other dialogs).
    DEFAULT_CSS = """
    ExportDialog .export-label {
        color: $text-muted;
    }
    ExportDialog #export-format {
        height: auto;
        margin-bottom: 1;
    }
    ExportDialog #export-path {
        margin: 0;
    }
    ExportDialog #export-note {
        height: auto;
        min-height: 1;
        max-height: 3;  /* a long path in a message must not push the buttons out at 80×24 */
        color: $text-warning;
    }
    ExportDialog #export-note.-error {
        color: $text-error;
    }
    """

    def __init__(self, arende_path: Path | None, fmt: Format | None = None) -> None:
        """``arende_path``: the ärende's file (``None``: not saved yet); ``fmt``: the format
        to start on (the remembered one), Markdown when ``None``."""
        super().__init__()
        self.arende_path = arende_path
        self.format: Format = fmt if fmt in FORMATS and fmt is not None else FORMATS[0]
        self._edited = False
        """True once the file name differs from the suggestion for the current format."""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Exportera", classes="dialog-title")
            yield Label("Format", classes="export-label")
            formats = OptionList(
                *(Option(_prompt(fmt, fmt == self.format), id=fmt) for fmt in FORMATS),
                id="export-format",
                compact=True,
            )
            # Before it is mounted: the list would otherwise announce its first option.
            formats.highlighted = FORMATS.index(self.format)
            yield formats
            yield Label("Fil", classes="export-label")
            yield Input(self._suggestion_text(self.format), id="export-path")
            yield Static("", id="export-note", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Exportera (Enter)", id="export-ok", variant="primary")
                yield Button("Avbryt (Esc)", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-format", OptionList).focus()
        self._update_note()

    # ------------------------------------------------------------------ state

    def _suggestion(self, fmt: Format) -> Path:
        return suggested_path(self.arende_path, fmt)

    def _suggestion_text(self, fmt: Format) -> str:
        """The suggestion as shown: a file name's control characters made visible."""
        return printable(str(self._suggestion(fmt)))

    @property
    def path_input(self) -> Input:
        """The file name field."""
        return self.query_one("#export-path", Input)

    def _show_format(self, fmt: Format) -> None:
        """Make ``fmt`` the chosen format and move the radio mark to it."""
        formats = self.query_one("#export-format", OptionList)
        for index in {FORMATS.index(self.format), FORMATS.index(fmt)}:
            formats.replace_option_prompt_at_index(
                index, _prompt(FORMATS[index], FORMATS[index] == fmt)
            )
        self.format = fmt

    def _set_format(self, fmt: Format) -> None:
        """Choose ``fmt`` from the file name: the list follows."""
        if fmt == self.format:
            return
        self._show_format(fmt)
        formats = self.query_one("#export-format", OptionList)
        if formats.highlighted != FORMATS.index(fmt):
            formats.highlighted = FORMATS.index(fmt)

    # Both handlers read the widgets' current state, not the message's: setting the name
    # or the highlight posts a message of its own, and a stale one must not turn it back.

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format_highlighted(self) -> None:
        index = self.query_one("#export-format", OptionList).highlighted
        if index is None or FORMATS[index] == self.format:
            return
        self._show_format(FORMATS[index])
        field = self.path_input
        if self._edited:
            text = _swap_suffix(field.value, self.format)
        else:
            text = self._suggestion_text(self.format)
        if text != field.value:
            field.value = text
            field.cursor_position = len(text)
        self._update_note()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        value = self.path_input.value
        fmt = format_from_suffix(value.strip())
        if fmt is not None:
            self._set_format(fmt)
        self._edited = value != self._suggestion_text(self.format)
        self._update_note()

    def _update_note(self, error: str | None = None) -> None:
        """The line under the file name: an error, or that an existing file is replaced."""
        note = self.query_one("#export-note", Static)
        note.set_class(error is not None, "-error")
        text = error or ""
        if error is None:
            try:
                path = self._target()
                exists = path is not None and path.is_file()
            except (OSError, ValueError, RuntimeError):
                exists = False
            if exists:
                text = "Filen finns redan och ersätts."
        note.update(text)

    def _target(self) -> Path | None:
        """The file the current name means (the format's suffix added when it has none)."""
        value = self.path_input.value
        text = value.strip()
        if not text:
            return None
        if value == self._suggestion_text(self.format):
            # The suggestion as shown may have visible stand-ins for control characters.
            return self._suggestion(self.format)
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_suffix(default_suffix(self.format))
        return path

    # ------------------------------------------------------------------ answers

    @on(OptionList.OptionSelected, "#export-format")
    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-ok")
    def action_accept(self) -> None:
        """Return the choice, or show what is wrong with the file name."""
        error: str | None
        try:
            target = self._target()
        except (OSError, ValueError, RuntimeError):
            target, error = None, "Ogiltigt filnamn. Skriv ett annat namn."
        else:
            error = self._problem(target)
        if error is not None:
            self._update_note(error)
            return
        assert target is not None
        self.dismiss(ExportChoice(self.format, target))

    def _problem(self, target: Path | None) -> str | None:
        """A Swedish sentence about why ``target`` cannot be exported to, or ``None``."""
        if target is None:
            return "Skriv ett filnamn."
        suffix_format = format_from_suffix(target)
        if suffix_format is None:
            return (
                f"Filändelsen ”{printable(target.suffix)}” hör inte till något format. "
                "Använd .md, .docx eller .pdf."
            )
        if suffix_format != self.format:  # not reachable by typing; kept as a guard
            return f"Filändelsen passar inte {FORMAT_NAMES[self.format]}."
        try:
            if target.is_dir():
                return "Det är en mapp. Skriv ett filnamn."
            parent = target.parent
            if not parent.is_dir():
                # The path last: cut at the note's three lines, only its end is lost.
                return f"Mappen finns inte. Välj en befintlig mapp: {printable(str(parent))}"
            if self.arende_path is not None and target.resolve() == self.arende_path.resolve():
                return "Det är ärendets egen fil. Välj ett annat namn."
        except (OSError, ValueError, RuntimeError):
            return "Ogiltigt filnamn. Skriv ett annat namn."
        return None

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
