"""Work that waits for a pause in typing (checks, preview, recovery draft)."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class AfterPause:
    """Runs each named callback once typing has paused for its delay.

    Asking again before the delay is over starts the wait anew (the last one wins).
    """

    def __init__(self, owner: MessagePump) -> None:
        self._owner = owner
        self._pending: dict[str, tuple[Timer, Callable[[], object]]] = {}

    def schedule(self, name: str, delay: float, callback: Callable[[], object]) -> None:
        self.cancel(name)

        def run() -> None:
            self._pending.pop(name, None)
            callback()

        self._pending[name] = (self._owner.set_timer(delay, run), callback)

    def cancel(self, name: str) -> None:
        pending = self._pending.pop(name, None)
        if pending is not None:
            pending[0].stop()

    def run_now(self) -> None:
        """Run every waiting callback now (a test, or an action that needs them done)."""
        pending, self._pending = self._pending, {}
        for timer, callback in pending.values():
            timer.stop()
            callback()
