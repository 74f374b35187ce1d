"""The main screen's keys: one place, with ids and Swedish descriptions.

The key help (F1) and the command palette are written from these bindings
(:mod:`drafter.tui.keys`, :mod:`drafter.tui.commands`). They are priority bindings: the app
runs them before the focused widget sees the key, and only while the main screen is on top
(not under a dialog).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from drafter.tui.screens import find_actions

MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "f1", "help", "Hjälp", key_display="F1", priority=True, id="visa.hjalp",
        tooltip="Hjälp för fältet du står i",
    ),
    Binding(
        "ctrl+s,f2", "save", "Spara", key_display="F2", priority=True, id="fil.spara",
        tooltip="Spara ärendet som TOML och Markdown",
    ),
    Binding(
        "f12", "save_as", "Spara som …", key_display="F12", show=False, priority=True,
        id="fil.spara_som", tooltip="Spara ärendet under ett nytt namn",
    ),
    Binding(
        "ctrl+e,f3", "export", "Exportera", key_display="F3", priority=True,
        id="fil.exportera", tooltip="Skriv Markdown, Word eller PDF/A till en fil du väljer",
    ),
    Binding(
        "f8,ctrl+pagedown", "next_step", "Nästa", key_display="F8", priority=True,
        id="steg.nasta", tooltip="Gå till nästa steg",
    ),
    Binding(
        "f7,ctrl+pageup", "prev_step", "Föregående", key_display="F7", show=False,
        priority=True, id="steg.foregaende", tooltip="Gå till föregående steg",
    ),
    Binding(
        "f6", "focus_steps", "Stegen", key_display="F6", show=False, priority=True,
        id="steg.lista", tooltip="Flytta markören till listan över stegen",
    ),
    Binding(
        "f4", "toggle_preview", "Förhandsvisa", key_display="F4", priority=True,
        id="visa.forhandsvisning", tooltip="Visa eller dölj det färdiga dokumentet",
    ),
    Binding(
        "ctrl+l,f11", "toggle_findings", "Större anmärkningar", key_display="Ctrl+L",
        show=False, priority=True, id="visa.anmarkningar",
        tooltip="Visa anmärkningarna på större yta (Ctrl+L igen: mindre)",
    ),
    Binding(
        "f9", "spelling", "Stavning: förslag", key_display="F9", show=False,
        priority=True, id="fält.stavning",
        tooltip="Förslag för ett felstavat ord: välj stavningsanmärkningen eller "
        "ställ markören i ordet",
    ),
    Binding(
        "ctrl+q,f10", "request_quit", "Avsluta", key_display="F10", priority=True,
        id="fil.avsluta", tooltip="Avsluta (frågar om osparade ändringar)",
    ),
    Binding(
        "tab", "app.focus_next", "Nästa fält", show=False, id="fält.nasta",
        tooltip="Gå till nästa fält",
    ),
    Binding(
        "shift+tab", "app.focus_previous", "Föregående fält", show=False,
        id="fält.foregaende", tooltip="Gå till föregående fält",
    ),
    *find_actions.BINDINGS,
]  # fmt: skip
