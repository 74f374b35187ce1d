"""The base class of drafter's dialogs: one look for all of them.

Its CSS is the widget's own (``DEFAULT_CSS``), not part of ``app.tcss``: it is parsed
when the first dialog opens, not before the first frame of the main screen.
"""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


class DialogScreen(ModalScreen[ScreenResultType]):
    """A modal dialog: a framed box (``.dialog``) in the middle of the dimmed screen, with a
    title (``.dialog-title``), text (``.dialog-message``, ``.dialog-error``) and a row of
    buttons at the bottom right (``.dialog-buttons``; ``-stacked``: one per line)."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
        background: $background 60%;
        &:ansi {
            background: $background 60%;
        }
    }

    .dialog {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }

    /* The F1 window: a fixed share of the screen, the text scrolls in what is left after
       the title and the button, so "Stäng (Esc)" stays on the screen at 80×24. */
    .help-dialog {
        width: 90;
        height: 90%;
    }

    .help-body {
        height: 1fr;
    }

    .dialog-title {
        text-style: bold;
        color: $text-primary;
        margin-bottom: 1;
    }

    .dialog-message {
        margin-bottom: 1;
    }

    .dialog-error {
        color: $text-error;
        width: 100%;
        height: auto;
    }

    .dialog-buttons {
        height: auto;
        align-horizontal: right;
    }

    .dialog-buttons Button {
        margin-left: 1;
    }

    .dialog-buttons.-stacked {
        layout: vertical;
        align-horizontal: left;
    }

    .dialog-buttons.-stacked Button {
        width: 100%;
        margin-left: 0;
    }
    """

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")
