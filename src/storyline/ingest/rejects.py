"""Building :class:`~storyline.records.Rejected` records with one-line messages.

Every refusal in the ingest stage goes through :func:`reject`, so that each
message is one line (it is printed in a table and stored in a column), says
what was wrong, and ends with what to do about it (the reason's hint).
"""

from __future__ import annotations

import errno
import os

from storyline.records import HINTS, Reason, Rejected

#: A message longer than this is cut: a parser error can quote a whole line of input.
MESSAGE_MAX = 400


def one_line(text: object) -> str:
    """Collapse ``text`` (an exception message, a quoted value) onto one short line."""
    line = " ".join(str(text).split())
    return line if len(line) <= MESSAGE_MAX else line[: MESSAGE_MAX - 1] + "…"


def reject(path: str | os.PathLike[str], reason: Reason, what: str, locator: str = "", *, hint: str | None = None) -> Rejected:
    """A rejection whose message is ``what`` went wrong, then how to fix it.

    ``hint`` replaces the reason's usual hint where that one would mislead
    (a file that vanished during the run has no permission problem).
    """
    message = f"{one_line(what)}; {hint or HINTS[reason]}"
    return Rejected(path=os.fspath(path), reason=reason, message=message, locator=locator)


def os_error(path: str | os.PathLike[str], error: OSError, doing: str, locator: str = "") -> Rejected:
    """UNREADABLE for an OS error, quoting the OS's own words."""
    said = error.strerror or str(error) or type(error).__name__
    if error.errno == errno.ENOENT:
        return reject(path, Reason.UNREADABLE, f"cannot {doing}: {said}", locator,
                      hint="the file was moved or deleted during the run; run again once it is back")
    return reject(path, Reason.UNREADABLE, f"cannot {doing}: {said}", locator)
