"""Publication dates as inputs state them (ISO, RFC 822, numeric), parsed to ISO days."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")
_EPOCH = re.compile(r"^\s*\d{9,10}(?:\.\d+)?\s*$")


def parse_metadata_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` for a metadata date, or None when it cannot be read.

    Formats seen in exports and feeds: ISO dates and timestamps (``2025-11-07``,
    ``2025-11-07T08:30:00+01:00``, ``…Z``), RFC 822 (``Fri, 07 Nov 2025 08:30:00 GMT``),
    day-first numeric (``07/11/2025``, European exports) and Unix epochs.
    """
    if not value:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    if _EPOCH.match(text):
        return datetime.fromtimestamp(float(text), tz=timezone.utc).date().isoformat()
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if match := _NUMERIC.match(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None
