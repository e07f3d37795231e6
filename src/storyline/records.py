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


# -- the extract stage: entities, quotes, dates (offsets into Article.text) --------------

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
QUOTE_KINDS = ("direct", "partial", "indirect")
#: ``week`` values are ISO weeks (``2024-W46``); ``duration`` values ISO durations (``P10Y``).
GRANULARITIES = ("day", "week", "month", "year", "duration")


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an article names a person, organisation or place.

    ``how`` says which rule found it: ``ner`` (the model), ``alias`` (a name the
    registry or the exonym table already knows, the model missed it) or ``role``
    (a description such as "le président russe" that refers back to a named entity).
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str  # PER | ORG | LOC | MISC
    entity_id: str | None
    how: str = "ner"


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing: one canonical name, the spellings seen, the articles naming it."""

    id: str
    name: str
    type: str  # PER | ORG | LOC | MISC
    aliases: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to someone.

    ``kind``: ``direct`` (a quoted sentence), ``partial`` (a quoted fragment inside
    reported speech) or ``indirect`` (reported speech with a cue verb, no marks).
    ``start``/``end`` cover the quoted words without the quote marks.
    ``speaker`` is the canonical name when the speaker is resolved to an entity, the
    words naming the speaker when they name no entity ("un diplomate"), else None.
    """

    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_entity_id: str | None
    kind: str  # direct | partial | indirect
    cue: str | None = None  # the attribution words ("a déclaré", "selon", "said")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression and the ISO value it resolves to.

    ``value``: ``YYYY-MM-DD`` / ``YYYY-Www`` / ``YYYY-MM`` / ``YYYY`` for dates, an ISO
    duration (``P3D``, ``P10Y``) for durations; None when ``resolved`` is False (a
    relative expression in an undated article).
    """

    article_id: str
    text: str
    start: int
    end: int
    value: str | None
    granularity: str  # day | week | month | year | duration
    resolved: bool
    kind: str = "date"  # date | duration


@dataclass(frozen=True, slots=True)
class NotAnalysed:
    """An article the stage did not analyse (or only partly), and why; never silent."""

    article_id: str
    lang: str | None
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One summary sentence of a timeline entry, with the article it was taken from."""

    text: str
    article_id: str
    source: str | None
    lang: str | None
    also_in: tuple[str, ...] = ()  # other articles carrying the sentence (syndicated copies, translations)


@dataclass(frozen=True, slots=True)
class TimelineQuote:
    """A quote reported on a timeline date: its canonical speaker and who reported it."""

    text: str
    speaker: str | None
    speaker_entity_id: str | None
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Outlets that disagree on a fact of one entry: ``kind`` is number | speaker | date.

    ``versions`` maps each version ("12 morts", "Peskov", "2024-11-07") to the articles giving it.
    """

    kind: str
    subject: str
    versions: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One date of a story's timeline: what happened, who said what, and the articles behind it."""

    date: str  # YYYY-MM-DD, or YYYY-MM when the text gives no day
    granularity: str  # day | month
    score: float
    summary: tuple[TimelineLine, ...]
    quotes: tuple[TimelineQuote, ...]
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    disagreements: tuple[Disagreement, ...] = ()


@dataclass(frozen=True, slots=True)
class Timeline:
    story_id: str | None  # None for `timeline --all` (the whole store as one collection)
    title: str
    lang: str | None
    entries: tuple[TimelineEntry, ...]
    article_count: int = 0
