"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

# Only dates the page states in its markup (meta tags, <time>, JSON-LD) count as
# metadata: htmldate's extensive search reads dates out of the text, which is
# inference, and the text inference in pubdate.py flags it as such.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: ``fast`` skips trafilatura's readability fallback: on 300 ML-Crisis pages rendered as
#: HTML it gave the same text, 294 pages/s instead of 210 (CPU time, bench/ingest.py pages).
TRAFILATURA_OPTIONS = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "fast": True,
    "date_extraction_params": _DATE_PARAMS,
}


#: A whole page whose extracted text has fewer words of prose than this is an index
#: page (menus, headline links), not an article: the shortest article pages in the
#: demo corpus and the ML-Crisis pages have well over 80 words in sentence-like lines.
MIN_PROSE_WORDS = 30
_SENTENCE_END = tuple(".!?»\"”…:;)")


def prose_words(text: str) -> int:
    """Words in lines that read like sentences (end with punctuation, or are long)."""
    total = 0
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 12 or (len(words) >= 5 and line.rstrip().endswith(_SENTENCE_END)):
            total += len(words)
    return total


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    date: str | None
    author: str | None
    url: str | None
    sitename: str | None


def extract_page(markup: str, url: str | None = None) -> Page | None:
    """The page's main text and metadata, or None when it has no article body.

    None here is not a lost reason: the caller turns it into Rejected(NO_MAIN_TEXT).
    """
    try:
        doc = trafilatura.bare_extraction(markup, url=url, **TRAFILATURA_OPTIONS)
    except (ValueError, TypeError, AttributeError):  # lxml chokes on some broken markup
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    text = doc.text.strip()
    title = (doc.title or "").strip() or None
    # trafilatura keeps the <h1> as the first line of the text; the title is stored apart.
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title and rest.strip():
            text = rest.strip()
    sitename = doc.sitename if doc.sitename and doc.sitename != doc.hostname else None
    return Page(
        text=text,
        title=title,
        date=doc.date,
        author=doc.author,
        url=doc.url or url,
        sitename=sitename or doc.hostname,
    )
