"""RSS and Atom feeds: one article per entry, parsed by feedparser.

feedparser needs the whole document, so a feed is read whole (feeds are small;
``max_bytes`` does not apply since a feed holds many articles). It is handed a
stream, never bytes or a string: given those, feedparser first tries them as a
file name or a URL to fetch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from storyline.ingest.fields import make_doc
from storyline.ingest.inputs import Input
from storyline.ingest.rejects import one_line, reject
from storyline.records import RawDoc, Reason, Rejected


def read_feed(inp: Input) -> Iterator[RawDoc | Rejected]:
    """Each entry with content or a summary is one article."""
    inp.stream.seek(0)
    parsed = feedparser.parse(inp.stream)
    if not parsed.entries:
        yield _no_entries(inp, parsed)
        return
    feed = parsed.feed
    feed_title = _clean(feed.get("title"))
    encoding = parsed.get("encoding") or "utf-8"
    for number, entry in enumerate(parsed.entries, 1):
        locator = f"entry {number}"
        title = _clean(entry.get("title"))
        body, body_lang = _body(entry)
        if not body:
            named = f" ({one_line(title)[:80]})" if title else ""
            yield reject(inp.path, Reason.NO_TEXT_FIELD, f"{locator}{named} has no content and no summary",
                         locator, hint="the feed gives only titles; save the article pages instead")
            continue
        yield make_doc(
            inp.path, body, defaults=inp.defaults, format="feed", locator=locator,
            title=title, url=_clean(entry.get("link")),
            published=_clean(entry.get("published") or entry.get("updated")),
            # The feed's own title names the outlet: an explicit statement of the input.
            source=feed_title, lang=_clean(body_lang or feed.get("language")),
            author=_clean(entry.get("author")), ext_id=_clean(entry.get("id")), encoding=encoding,
        )
    cut = _cut_short(parsed)
    if cut:
        yield reject(inp.path, Reason.BAD_FEED, f"the feed ends early ({cut}): the entries before the damage "
                     f"were read, the ones after it are missing")


#: What expat says when a document stops before its end: a truncated download.
#: Other XML errors (an unescaped "&") are repaired by feedparser's loose
#: parser, and every entry is read: reporting those would be noise.
_TRUNCATION_ERRORS = ("no element found", "unclosed token")


def _cut_short(parsed: Any) -> str | None:
    error = parsed.get("bozo_exception")
    message = str(error) if error else ""
    return message if any(marker in message for marker in _TRUNCATION_ERRORS) else None


def _no_entries(inp: Input, parsed: Any) -> Rejected:
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception") or "it does not parse"
        return reject(inp.path, Reason.BAD_FEED, f"not a valid RSS/Atom feed, and no entry could be read: {problem}")
    if not parsed.get("version"):
        return reject(inp.path, Reason.BAD_FEED, "XML without an RSS or Atom root element (rss, feed, rdf:RDF)")
    return reject(inp.path, Reason.EMPTY, "the feed has no entries")


def _body(entry: Any) -> tuple[str | None, str | None]:
    """The entry's full content if it has some, else its summary; with its language."""
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return value, content.get("language")
    summary = entry.get("summary")
    if summary and summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, detail.get("language")
    return None, None


def _clean(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
