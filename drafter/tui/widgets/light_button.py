"""A compact button without Textual's Button: the review's "Spara" and "Exportera", and the
base of the "+ Lägg till …" button under a row list."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget


class LightButton(Widget, can_focus=True):
    """Looks and acts like a compact :class:`textual.widgets.Button` (the same colours,
    focus and hover styles, a short flash when pressed): Enter or a click presses it.

    Not a Button, because Button's 7 KB of CSS (every variant, every state) are parsed and
    matched before the first frame that shows one: ~14 ms of the start of an ärende that
    opens on the review (callgrind: 66 M instructions for two buttons). ``primary`` gives
    the colours of Button's ``variant="primary"``.
    """

    DEFAULT_CSS = """
    LightButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-foreground;
        background: $surface;
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            background: $surface-darken-1;
        }
        &.-primary {
            color: $button-color-foreground;
            background: $primary;
            &:hover {
                background: $primary-darken-2;
            }
        }
        &.-active {
            tint: $background 30%;
        }
        &:disabled {
            text-opacity: 0.6;
            pointer: not-allowed;
        }
        &:ansi {
            background: ansi_default;
            &:hover {
                background: $ansi-background;
            }
            &.-primary {
                color: $primary;
            }
            &.-active {
                background: $ansi-background;
                tint: transparent;
            }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "press", "Tryck", show=False)]

    ACTIVE_EFFECT = 0.2
    """Seconds the button shows it was pressed (as Textual's Button)."""

    class Pressed(Message):
        """The button was pressed (Enter or a click)."""

        def __init__(self, button: LightButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> LightButton:
            """The button (so ``@on(LightButton.Pressed, "#id")`` can select it)."""
            return self.button

    def __init__(
        self,
        label: str,
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str = "",
        primary: bool = False,
    ) -> None:
        super().__init__(id=id, classes=f"{classes} -primary" if primary else classes)
        self.label = Content(label)

    @property
    def allow_select(self) -> bool:
        return False  # a click presses it (as a Button), never selects its text

    def render(self) -> Content:
        return self.label

    async def action_press(self) -> None:
        """Show the press, then :meth:`pressed` (a press while it shows is ignored)."""
        if self.disabled or self.has_class("-active"):
            return
        self.add_class("-active")
        self.set_timer(self.ACTIVE_EFFECT, partial(self.remove_class, "-active"))
        await self.pressed()

    async def pressed(self) -> None:
        """What a press does: post :class:`Pressed` (subclasses may act themselves)."""
        self.post_message(self.Pressed(self))

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.action_press()
