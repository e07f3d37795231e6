"""A rich progress bar that appears only when the work lasts more than a second.

Short runs (a handful of files) stay silent; scripts pass ``quiet=True``.
"""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

#: A run shorter than this shows no bar (DEVELOPERS.md: "any run that takes more than a second").
SHOW_AFTER_S = 1.0


class DelayedProgress:
    """One task's progress, shown on stderr once ``SHOW_AFTER_S`` has passed."""

    def __init__(self, description: str, total: int | None, *, quiet: bool = False) -> None:
        self._quiet = quiet
        self._started_at = time.monotonic()
        self._shown = False
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._progress.add_task(description, total=total, status="")

    def advance(self, steps: int = 1, status: str | None = None) -> None:
        fields = {"status": status} if status is not None else {}
        self._progress.update(self._task, advance=steps, **fields)
        if not self._quiet and not self._shown and time.monotonic() - self._started_at > SHOW_AFTER_S:
            self._progress.start()
            self._shown = True

    def __enter__(self) -> "DelayedProgress":
        return self

    def __exit__(self, *exc) -> None:
        if self._shown:
            self._progress.stop()
