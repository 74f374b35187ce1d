"""Modal dialogs: confirm, quit with unsaved changes, file name prompt, help."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static
from textual.widgets.button import ButtonVariant

from drafter.text import printable
from drafter.tui.screens.dialog_screen import DialogScreen


class ConfirmScreen(DialogScreen[bool]):
    """A yes/no question. Escape answers no."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(False)", "Avbryt")]

    def __init__(self, title: str, message: str, yes: str = "Ja", no: str = "Nej") -> None:
        super().__init__()
        self.title_text = printable(title)
        self.message = printable(message)
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)


class ChoiceScreen(DialogScreen[str]):
    """A question with several answers; dismisses with the chosen answer's id.

    ``choices`` are (id, button label) pairs; the first is the primary one and has focus
    unless ``focus`` names another. Escape answers ``escape``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "escape", "Avbryt")]

    def __init__(
        self,
        title: str,
        message: str,
        choices: list[tuple[str, str]],
        *,
        escape: str,
        danger: str | None = None,
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = printable(title)
        self.message = printable(message)
        self.choices = choices
        self.escape = escape
        self.danger = danger
        self.focus_choice = focus
        """The answer whose button has focus at first (Enter); default: the first."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            # more answers than fit side by side are stacked, one per line
            stacked = " -stacked" if len(self.choices) > 3 else ""
            with Horizontal(classes=f"dialog-buttons{stacked}"):
                for index, (choice_id, label) in enumerate(self.choices):
                    variant: ButtonVariant = "default"
                    if choice_id == self.danger:
                        variant = "error"
                    elif index == 0:
                        variant = "primary"
                    yield Button(
                        label, id=f"choice-{choice_id}", variant=variant, compact=bool(stacked)
                    )

    def on_mount(self) -> None:
        if self.focus_choice is not None:
            self.query_one(f"#choice-{self.focus_choice}", Button).focus()
        else:
            self.query(Button).first().focus()

    def action_escape(self) -> None:
        self.dismiss(self.escape)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-") or self.escape)


class QuitScreen(DialogScreen[str]):
    """Unsaved changes: "save", "discard" or "cancel"."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss('cancel')", "Avbryt")]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Osparade ändringar", classes="dialog-title")
            yield Static(
                "Ärendet har ändringar som inte är sparade. Vill du spara innan du avslutar?",
                classes="dialog-message",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Spara och avsluta", id="save", variant="primary")
                yield Button("Avsluta utan att spara", id="discard", variant="error")
                yield Button("Avbryt", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class PathScreen(DialogScreen[Path | None]):
    """Ask for a file name. Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Avbryt")]

    def __init__(self, title: str, message: str, default: str = "", suffix: str = "") -> None:
        super().__init__()
        self.title_text = printable(title)
        self.message = printable(message)
        self.default = default
        self.suffix = suffix

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            # a file name is shown with its control characters made visible; taken as
            # shown, it still means the file it names
            yield Input(printable(self.default), id="path", placeholder="sökväg till filen")
            # a Static wraps a long message inside the dialog (a Label is one line, cut)
            yield Static("", id="path-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Avbryt", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        typed = self.query_one("#path", Input).value
        text = self.default if typed == printable(self.default) else typed.strip()
        if not text:
            self.query_one("#path-error", Static).update("Skriv ett filnamn.")
            return
        path = Path(text).expanduser()
        if self.suffix and not path.suffix:
            path = path.with_suffix(self.suffix)
        if path.is_dir():
            self.query_one("#path-error", Static).update("Det är en mapp. Skriv ett filnamn.")
            return
        if not path.parent.is_dir():
            self.query_one("#path-error", Static).update(
                # the path last: a long one wraps, and the advice is read first
                printable(f"Mappen finns inte. Välj en befintlig mapp: {path.parent}")
            )
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(DialogScreen[None]):
    """Full help for the focused field."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss(None)", "Stäng")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = printable(title)
        self.text = printable(text)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="help-body"):
                yield Static(self.text, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Stäng (Esc)", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
