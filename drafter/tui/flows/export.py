"""Exporting (F3): the user picks the format and the file, the export runs in a thread.

Asks first when errors remain; the export dialog (:class:`ExportDialog`) starts on the
format last used for this ärende and says when a file is replaced. The file is written
from a copy of the ärende (typing goes on meanwhile); the format is remembered.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.export_memory import last_format, remember_format
from drafter.model import Arende
from drafter.publish import FORMAT_NAMES, ExportResult
from drafter.publish import export as publish
from drafter.templates import LoadedTemplate
from drafter.text import printable
from drafter.tui.screens.dialogs import ConfirmScreen
from drafter.tui.screens.export_dialog import ExportChoice, ExportDialog

if TYPE_CHECKING:
    from drafter.tui.screens.main import MainScreen


async def export(screen: MainScreen) -> None:
    session = screen.session
    screen.run_checks()
    errors = session.error_count
    if errors:
        go_on = await screen.app.push_screen_wait(
            ConfirmScreen(
                "Dokumentet har fel",
                f"Dokumentet har {errors} fel kvar (se Granska och exportera). "
                "Vill du exportera ändå?",
                yes="Exportera ändå",
                no="Avbryt",
            )
        )
        if not go_on:
            return
    source = session.path
    choice = await screen.app.push_screen_wait(ExportDialog(source, last_format(source)))
    if choice is None:
        return
    if session.source is not None and _same_file(choice.path, session.source):
        overwrite = await screen.app.push_screen_wait(
            ConfirmScreen(
                "Filen ärendet importerades från",
                f"{printable(str(choice.path))} är filen ärendet importerades från. "
                "Vill du skriva över den?",
                yes="Skriv över",
                no="Avbryt",
            )
        )
        if not overwrite:
            return
    arende = session.arende.model_copy(deep=True)  # editing goes on meanwhile
    worker = screen.run_worker(
        partial(write_export, arende, session.loaded_template, choice, source),
        thread=True,
        group="export",
        description="export",
        exit_on_error=False,
    )
    outcome = await worker.wait()
    if isinstance(outcome, str):
        screen.notify(outcome, title="Kunde inte exportera", severity="error", timeout=15)
        return
    shown = printable(str(outcome.path))
    screen.notify(
        f"Exporterade {FORMAT_NAMES[outcome.format]} till {shown}.",
        title="Exporterat",
        markup=False,
    )
    for warning in outcome.warnings:
        screen.notify(printable(warning), title="Att tänka på", severity="warning", timeout=10)


def write_export(
    arende: Arende, template: LoadedTemplate, choice: ExportChoice, source: Path | None
) -> ExportResult | str:
    """The thread's part: write the file and remember the format, or a Swedish error."""
    try:
        result = publish(arende, template, choice.format, choice.path, source=source)
    except DrafterError as exc:
        return printable(exc.message)
    remember_format(source, choice.format)
    return result


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False
