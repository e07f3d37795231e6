"""Typed records that flow between the pipeline stages.

Every stage takes and returns these frozen dataclasses; no stage reaches into
another's internals. An input ends either as an :class:`Article` or as a
:class:`Rejected` carrying a :class:`Reason` and a one-line message that says
how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Reason(StrEnum):
    """Why an input did not become an article. The value is stored and exported."""

    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    SYMLINK_LOOP = "symlink_loop"
    EMPTY = "empty"
    NOT_TEXT = "not_text"
    BAD_ENCODING = "bad_encoding"
    TOO_LARGE = "too_large"
    BAD_JSON = "bad_json"
    BAD_CSV = "bad_csv"
    NO_TEXT_FIELD = "no_text_field"
    NO_MAIN_TEXT = "no_main_text"
    BAD_FEED = "bad_feed"
    BAD_WARC = "bad_warc"
    TOO_SHORT = "too_short"
    UNSUPPORTED = "unsupported"


#: What a user can do about each reason; appended to messages that lack a hint.
HINTS: dict[Reason, str] = {
    Reason.NOT_FOUND: "check the path or glob",
    Reason.UNREADABLE: "check the file's permissions",
    Reason.SYMLINK_LOOP: "the link points back into a folder already read; nothing to do",
    Reason.EMPTY: "there is no text in it; remove it or export it again",
    Reason.NOT_TEXT: "this is a binary file, not news text; remove it from the input",
    Reason.BAD_ENCODING: "re-save the file as UTF-8",
    Reason.TOO_LARGE: "split the file into one article per file, or raise --max-bytes",
    Reason.BAD_JSON: "fix or remove that line; the other lines were read",
    Reason.BAD_CSV: "check the delimiter and quoting; export again as UTF-8 CSV",
    Reason.NO_TEXT_FIELD: "add a text, content or body field (or column)",
    Reason.NO_MAIN_TEXT: "the page has no article body; save the article page, not an index page",
    Reason.BAD_FEED: "the feed is not valid RSS/Atom; fetch it again",
    Reason.BAD_WARC: "the archive is truncated or corrupt; the records before the damage were read",
    Reason.TOO_SHORT: "the text is too short to be an article",
    Reason.UNSUPPORTED: "convert it to text, HTML, JSONL, CSV, RSS/Atom or WARC",
}


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One article as read from an input, before cleaning.

    ``body`` is plain text when ``kind == "text"`` and markup when ``kind == "html"``.
    ``locator`` tells where in ``path`` the article was ("" for a whole file,
    "line 12", "row 3", "entry 4", "record 7").
    """

    path: str
    body: str
    kind: str = "text"  # "text" | "html"
    format: str = "text"  # txt | html | jsonl | json | csv | feed | warc
    locator: str = ""
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given by the input's metadata, unparsed
    source: str | None = None
    lang: str | None = None
    author: str | None = None
    ext_id: str | None = None  # an id given by the input; kept when free
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that did not become an article, and why."""

    path: str
    reason: Reason
    message: str
    locator: str = ""

    @property
    def key(self) -> str:
        """One rejection per place in an input, so a re-run records it once."""
        return f"{self.path}\x00{self.locator}"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, dated, language-tagged article, ready to store.

    ``text`` is normalized for NLP (whitespace, apostrophes, repaired quote marks,
    residue removed); ``original_text`` is what the input gave before cleaning.
    ``content_key`` identifies the input record (text and metadata), so that
    reading the same input twice stores it once; ``text_hash`` identifies the
    normalized text alone, for exact-duplicate detection across sources.
    """

    id: str
    content_key: str
    text_hash: str
    title: str
    text: str
    original_text: str
    path: str
    locator: str = ""
    format: str = "text"
    lang: str | None = None
    lang_score: float | None = None
    published: str | None = None
    published_inferred: bool = False
    published_how: str | None = None  # metadata | cue | dateline | weekday | explicit
    url: str | None = None
    source: str | None = None
    author: str | None = None
    ext_id: str | None = None
    residue_lines: tuple[str, ...] = field(default_factory=tuple)
    duplicate_of: str | None = None
    event_id: str | None = None
    story_id: str | None = None

    def with_(self, **changes) -> "Article":
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Event:
    """Articles that report the same happening, within days of each other."""

    id: str
    story_id: str
    title: str
    date: str | None  # the earliest publication date among its articles
    start: str | None
    end: str | None
    article_ids: tuple[str, ...]
    sources: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Events about the same actors and subject, over weeks or months."""

    id: str
    title: str
    start: str | None
    end: str | None
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
