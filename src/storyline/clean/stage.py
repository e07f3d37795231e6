"""The clean stage assembled: one RawDoc in, one Article or Rejected out.

Steps, in order (see :func:`clean`):
 1. main text: trafilatura for HTML (title, date, author, URL from the page), the body as is for text;
 2. page residue removed line by line ("A lire aussi", share lines, menus, cookie notices, ...);
 3. machine-translation quote marks repaired, whitespace and apostrophes normalized;
 4. language identified;
 5. publication date: metadata first, else inferred from the text (flagged), else null;
 6. ids and hashes: the content key (idempotent re-ingest) and the text hash (exact duplicates).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from urllib.parse import urlsplit

from storyline.clean.html import MIN_PROSE_WORDS, extract_page, prose_words
from storyline.clean.language import detect_language
from storyline.clean.markup import strip_stray_tags
from storyline.clean.metadate import parse_metadata_date
from storyline.clean.normalize import normalize, text_hash
from storyline.clean.pubdate import infer_published
from storyline.clean.quotes import repair_quotes
from storyline.clean.residue import strip_link_notes, strip_residue
from storyline.ingest.rejects import reject
from storyline.records import Article, RawDoc, Reason, Rejected

__all__ = ["clean", "content_key", "MIN_TEXT_CHARS"]

#: Shorter than this after cleaning is not an article (a teaser, a caption, a menu).
#: Feed summaries of one sentence (~80 chars) must pass, so the floor stays low.
MIN_TEXT_CHARS = 40
WHOLE_PAGE_FORMATS = frozenset({"html", "warc"})
#: A language the input states is kept unless the detector is at least this sure of
#: another one: feeds declare one <language> for items in several languages.
OVERRIDE_STATED_LANG = 0.9


def content_key(raw: RawDoc) -> str:
    """Identity of an input record: its text and the metadata it states, not where it lies.

    Reading the same record again (same file, a copy of the file, a re-exported feed)
    gives the same key, so the store keeps it once.
    """
    fields = [raw.body, raw.title, raw.url, raw.source, raw.published, raw.ext_id]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def _reject(raw: RawDoc, reason: Reason, what: str) -> Rejected:
    return reject(raw.path, reason, what, raw.locator)


def clean(raw: RawDoc, *, today: date | None = None, repeated=None) -> Article | Rejected:
    """Turn a raw input record into an article, or say why not.

    ``repeated`` is an optional corpus-level detector of lines that recur across
    many documents (site boilerplate learned from the input itself).
    """
    # 1. main text and what the page says about itself
    title, url, author, source, meta_date = raw.title, raw.url, raw.author, raw.source, raw.published
    if raw.kind == "html":
        page = extract_page(raw.body, url=raw.url)
        if page is None:
            return _reject(raw, Reason.NO_MAIN_TEXT, "no article text found in the page")
        # Feed and export fields hold a summary or a body, never a front page: the
        # prose check is only for whole pages (HTML files, WARC responses).
        if raw.format in WHOLE_PAGE_FORMATS and (words := prose_words(page.text)) < MIN_PROSE_WORDS:
            return _reject(
                raw, Reason.NO_MAIN_TEXT, f"only headlines and links in the page ({words} words of prose)"
            )
        body = page.text
        title = title or page.title
        url = url or page.url
        author = author or page.author
        source = source or page.sitename
        meta_date = meta_date or page.date
    else:
        body = raw.body
    original = body

    # 2-3. residue out, quotes repaired, text normalized for NLP
    title_first_line = raw.format == "txt" and title is not None
    if title_first_line:
        original = f"{title}\n{body}"
    first_line, text, removed = clean_text(original, title_first_line=title_first_line, lang=raw.lang,
                                           repeated=repeated, stray_tags=raw.kind != "html")
    title = first_line if title_first_line else title
    if title:
        title = normalize(repair_quotes(title)).replace("\n", " ").strip()
    if len(text) < MIN_TEXT_CHARS:
        return _reject(raw, Reason.TOO_SHORT, f"only {len(text)} characters of text after cleaning")
    if not title:
        title = _first_words(text)

    # 4. language: what the input states wins over the detector
    detected, score = detect_language(text)
    stated = (raw.lang or "").strip().lower()[:2] or None
    lang = detected if stated is None or (detected and score >= OVERRIDE_STATED_LANG) else stated

    # 5. publication date
    published, inferred, how = parse_metadata_date(meta_date), False, "metadata"
    if published is None:
        found = infer_published(text, title=title, today=today)
        published, inferred, how = (found[0], True, found[1]) if found else (None, False, None)

    if not source and url:
        source = urlsplit(url).hostname

    # 6. identity
    key = content_key(raw)
    return Article(
        id=raw.ext_id or "a" + key[:12],
        content_key=key,
        text_hash=text_hash(text),
        title=title,
        text=text,
        original_text=original,
        path=raw.path,
        locator=raw.locator,
        format=raw.format,
        lang=lang,
        lang_score=score,
        published=published,
        published_inferred=inferred,
        published_how=how,
        url=url,
        source=source,
        author=author,
        ext_id=raw.ext_id,
        residue_lines=tuple(removed),
    )


def clean_text(
    original: str, *, title_first_line: bool, lang: str | None, repeated=None, stray_tags: bool = True
) -> tuple[str | None, str, list[str]]:
    """(title, text, removed lines) of a body as given.

    In a plain-text file the title is the first line, and scraped pages often start
    with a menu or a share line: residue is stripped before the title is chosen, so
    the title is the first real line. ``stray_tags``: the body is plain text, whose
    leftover tags (a video's ``<iframe>``, a ``<br />`` after the headline) go once the
    residue is out (the residue rules read a script's ``output += '<p>…</p>';`` whole).
    """
    kept, removed = strip_residue(original, lang, repeated=repeated)
    if stray_tags:
        kept = strip_stray_tags(kept)
    title = None
    if title_first_line:
        title, _, kept = kept.strip().partition("\n")
    return title, normalize(repair_quotes(kept)), removed


def observed_lines(article: Article) -> str:
    """The lines of an article that the repeated-line detector learns from and filters.

    They are the pattern-cleaned lines (title first for a plain-text file, where the
    title is a line of the page): pass 1 already removed what the patterns know, so
    the detector and :func:`reclean` only see, and only fold, what is left.
    """
    return f"{article.title}\n{article.text}" if article.format == "txt" else article.text


def reclean(article: Article, repeated, *, today: date | None = None) -> Article | None:
    """The article without the lines a whole run found repeated across many documents.

    Returns None when nothing changes, or when the stricter cleaning would leave too
    little text (the pattern-cleaned text is kept rather than losing the article).
    """
    kept, gone = repeated.split(observed_lines(article))
    if not gone:
        return None
    title = article.title
    if article.format == "txt":
        title, _, rest = "\n".join(kept).strip().partition("\n")
        kept = [rest]
    text = normalize("\n".join(kept))
    if title.strip() in {line.strip() for line in gone}:
        # A record without a title took its first headline-like line, and that line was a
        # teaser repeated across the site's pages: choose again from the text left.
        title = _first_words(text)
    if len(text) < MIN_TEXT_CHARS or not title:
        return None
    dating = {}
    if article.published_inferred or article.published is None:
        # The boilerplate just removed may have held the date ("Daté du jeudi 12 novembre").
        found = infer_published(text, title=title, today=today)
        dating = {
            "published": found[0] if found else None,
            "published_inferred": found is not None,
            "published_how": found[1] if found else None,
        }
    return article.with_(
        title=title, text=text, text_hash=text_hash(text), residue_lines=(*article.residue_lines, *gone), **dating
    )


#: A line needs this many words with letters to stand as a title: a date line
#: ("2011-01-16") or a byline ("Par AFP") opens many exports that carry no title.
TITLE_MIN_WORDS = 4
TITLE_MAX_CHARS = 120


def _first_words(text: str) -> str:
    """A title for a record that gives none: its first line that reads like a headline or sentence."""
    lines = [line for line in (strip_link_notes(line) for line in text.split("\n")) if line]
    chosen = next(
        (line for line in lines if sum(any(c.isalpha() for c in w) for w in line.split()) >= TITLE_MIN_WORDS),
        lines[0] if lines else text,
    )
    if len(chosen) <= TITLE_MAX_CHARS:
        return chosen
    cut = chosen[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut + " …"
