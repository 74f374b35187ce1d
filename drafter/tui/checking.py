"""The checks while typing: run in a thread on a copy of the ärende, newest result wins."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode

from drafter.tui.session import Analysis, Session, analyse


class BackgroundChecks:
    """Checks a copy of the ärende in a thread (60 ms at 500 KB) and hands the result to
    ``show`` on the UI thread. The editors keep writing into the model meanwhile; the copy
    does not change (its texts are shared: strings are immutable)."""

    def __init__(self, owner: DOMNode, session: Session, show: Callable[[], object]) -> None:
        self._owner = owner
        self._session = session
        self._show = show
        self.checked = session.edits
        """The edits the findings shown cover."""

    @property
    def current(self) -> bool:
        """The findings shown cover every edit made so far."""
        return self.checked == self._session.edits

    def start(self) -> None:
        copy = self._session.analysis_copy()
        # A worker is named: without a description, Textual builds one from repr() of the
        # arguments, the whole document (5 ms at 500 KB on the UI thread).
        self._owner.run_worker(
            lambda: self._check(*copy),
            thread=True,
            exclusive=True,
            group="checks",
            exit_on_error=False,
            description="checks",
        )

    def run_now(self) -> None:
        """Check on the UI thread now (before an export) and show the result."""
        self._session.refresh_findings()
        self.checked = self._session.edits
        self._show()

    def _check(self, *copy: Any) -> None:
        analysis = analyse(*copy)
        with contextlib.suppress(RuntimeError):  # the app is closing
            self._owner.app.call_from_thread(self._done, analysis)

    def _done(self, analysis: Analysis) -> None:
        if analysis.edits < self.checked:
            return  # an older copy finished after a newer one
        self._session.apply(analysis)
        self.checked = analysis.edits
        self._show()
