"""Commands for the command palette (Ctrl+P), all with Swedish titles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


def system_commands(app: App[int], screen: Screen[object]) -> Iterable[SystemCommand]:
    """Every action of the app, plus one command per step."""
    from drafter.tui.screens.main import MainScreen

    if not isinstance(screen, MainScreen):
        return

    def run(action: str) -> Callable[[], object]:
        return lambda: app.run_action(f"main('{action}')")

    yield SystemCommand(
        "Fil: Spara", "Spara ärendet som TOML och Markdown (F2, Ctrl+S)", run("save")
    )
    yield SystemCommand("Fil: Spara som …", "Spara ärendet under ett nytt namn", run("save_as"))
    yield SystemCommand(
        "Fil: Exportera Markdown …",
        "Skriv Markdown till en fil du väljer (F3, Ctrl+E)",
        run("export"),
    )
    yield SystemCommand(
        "Fil: Avsluta", "Avsluta (frågar om osparade ändringar)", run("request_quit")
    )
    yield SystemCommand(
        "Visa: Förhandsvisning",
        "Visa eller dölj det färdiga dokumentet (F4)",
        run("toggle_preview"),
    )
    yield SystemCommand("Visa: Hjälp", "Hjälp för fältet du står i (F1)", run("help"))
    yield SystemCommand("Visa: Byt tema", "Ljust eller mörkt tema", app.action_change_theme)
    yield SystemCommand("Steg: Nästa", "Gå till nästa steg (F8)", run("next_step"))
    yield SystemCommand("Steg: Föregående", "Gå till föregående steg (F7)", run("prev_step"))
    for index, step in enumerate(screen.session.steps, 1):
        yield SystemCommand(
            f"Gå till: {step.title}",
            f"Öppna steg {index}",
            lambda step_id=step.id: screen.open_step(step_id),
        )
    yield SystemCommand(
        "Rad: Ny rad",
        "Lägg till en rad under den aktuella (Ctrl+N)",
        _row_action(screen, "add_row"),
    )
    yield SystemCommand(
        "Rad: Ta bort rad", "Ta bort raden du står i (Alt+Del)", _row_action(screen, "remove_row")
    )
    yield SystemCommand(
        "Rad: Flytta upp", "Flytta raden uppåt (Alt+↑)", _row_action(screen, "move(-1)")
    )
    yield SystemCommand(
        "Rad: Flytta ner", "Flytta raden nedåt (Alt+↓)", _row_action(screen, "move(1)")
    )


def _row_action(screen: Screen[None], action: str) -> Callable[[], None]:
    from drafter.tui.widgets.rows import RowList

    def run() -> None:
        # The palette has closed when this runs; the focused row is restored by then.
        focused = screen.focused
        for node in focused.ancestors_with_self if focused is not None else []:
            if isinstance(node, RowList):
                node.call_later(node.run_action, action)
                return
        screen.notify("Ställ markören i en rad i en lista först.", severity="warning")

    return run
