"""Timelines written out: JSON (the export contract), Markdown, or one self-contained HTML page.

The HTML page is meant to be opened from disk, mailed or read on a phone with no network:
inline CSS, no script, no font or image fetched, and the only external links are the
articles' own URLs. Its picture of the timeline is an inline SVG that links each date to
its section, so a reader can scan the shape of a story and jump to a day.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from storyline.records import Timeline, TimelineEntry

__all__ = ["timeline_json", "render_markdown", "render_html", "render"]

FORMATS = ("md", "json", "html")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_EMPTY = ("No dates were found for this story: none of its articles in the range is dated "
          "(no publication date, no date named in the text), so there is nothing to place.")


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What a reader needs to find an article again: its title, outlet, date and URL."""

    id: str
    title: str
    url: str | None = None
    source: str | None = None
    published: str | None = None


# --- JSON -----------------------------------------------------------------------------------

def _entry_json(e: TimelineEntry) -> dict[str, Any]:
    return {
        "date": e.date, "granularity": e.granularity,
        "summary": [line.text for line in e.summary],
        "article_ids": list(e.article_ids), "sources": list(e.sources),
        "lines": [{"text": l.text, "article_id": l.article_id, "source": l.source,
                   "lang": l.lang, "also_in": list(l.also_in)} for l in e.summary],
        "quotes": [{"text": q.text, "speaker": q.speaker, "speaker_entity_id": q.speaker_entity_id,
                    "article_ids": list(q.article_ids), "sources": list(q.sources)}
                   for q in e.quotes],
        "disagreements": [{"kind": d.kind, "subject": d.subject,
                           "versions": [{"version": v, "article_ids": list(ids)}
                                        for v, ids in d.versions]} for d in e.disagreements],
        "score": e.score,
    }


def timeline_json(tl: Timeline, articles: Mapping[str, ArticleRef] | None = None) -> dict:
    data: dict[str, Any] = {"story_id": tl.story_id, "title": tl.title, "lang": tl.lang,
                            "article_count": tl.article_count,
                            "entries": [_entry_json(e) for e in tl.entries]}
    if articles:  # only the cited ones: a story's JSON should not carry the whole store
        data["articles"] = {a: {"title": r.title, "url": r.url, "source": r.source,
                                "published": r.published}
                            for a in _cited([tl]) if (r := articles.get(a))}
    return data


# --- shared helpers ---------------------------------------------------------------------------

def _cited(timelines: Iterable[Timeline]) -> list[str]:
    """Every article id a timeline points at, in first-cited order (the Sources list order)."""
    seen: dict[str, None] = {}  # an ordered set
    for tl in timelines:
        for e in tl.entries:
            seen.update(dict.fromkeys(e.article_ids))
            for line in e.summary:
                seen.update(dict.fromkeys((line.article_id, *line.also_in)))
            for q in e.quotes:
                seen.update(dict.fromkeys(q.article_ids))
            for _, ids in (v for d in e.disagreements for v in d.versions):
                seen.update(dict.fromkeys(ids))
    return list(seen)


def _line_sources(timelines: Iterable[Timeline]) -> dict[str, str]:
    # Without ArticleRefs, summary lines are the only place that ties an id to its outlet.
    return {l.article_id: l.source for tl in timelines for e in tl.entries
            for l in e.summary if l.source}


def _date_label(e: TimelineEntry) -> str:
    if e.granularity == "month" and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", e.date):
        return f"{e.date} — {_MONTHS[int(e.date[5:]) - 1]} {e.date[:4]} (month)"
    return e.date


def _as_day(value: str) -> date | None:
    """Where an entry sits on the axis; a month sits on its 15th, its middle."""
    try:
        return date.fromisoformat(value if len(value) > 7 else value + "-15")
    except ValueError:
        return None


def _outlets(sources: Sequence[str]) -> str:
    n = len(sources)
    return f"{n} outlet{'s' if n != 1 else ''}: {', '.join(sources)}" if n else "no outlet named"


def _about(tl: Timeline) -> str:
    story = f"story {tl.story_id}" if tl.story_id is not None else "all stories"
    return f"{story}, {tl.article_count} article{'s' if tl.article_count != 1 else ''}"


# --- Markdown ---------------------------------------------------------------------------------

def render_markdown(timelines: Sequence[Timeline],
                    articles: Mapping[str, ArticleRef] | None = None) -> str:
    articles = articles or {}
    out: list[str] = []
    for tl in timelines:
        out += [f"# {tl.title} ({_about(tl)})", ""]
        if not tl.entries:
            out += [_EMPTY, ""]
        for e in tl.entries:
            out += [f"## {_date_label(e)}", ""]
            for l in e.summary:
                cite = ", ".join(x for x in (l.article_id, l.source) if x)
                also = f"; also in {', '.join(l.also_in)}" if l.also_in else ""
                out.append(f"- {l.text} [{cite}{also}]")
            out += ["", "Quotes:"] if e.quotes else []
            for q in e.quotes:  # one blank line each, or Markdown merges them into one quote
                speaker = q.speaker or "unnamed speaker"
                out += ["", f"> « {q.text} » — {speaker} ({_outlets(q.sources)})"]
            for d in e.disagreements:
                versions = " vs ".join(f"{v} ({', '.join(ids)})" for v, ids in d.versions)
                out += ["", f'Outlets disagree: {d.kind} "{d.subject}": {versions}']
            refs = [f"{a} “{articles[a].title}”" if a in articles else a for a in e.article_ids]
            outlets = ", ".join(e.sources) or "no outlet named"
            out += ["", f"Sources: {outlets} — {', '.join(refs)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
body { max-width: 48rem; margin: 0 auto; padding: 1rem; font-size: max(1rem, 16px);
  line-height: 1.55; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d1d1f; background: #fff; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; line-height: 1.25; } h2 { font-size: 1.25rem; }
section { border-top: 1px solid #ddd; padding-top: .5rem; margin-top: 1rem; }
section:target { background: #fffbe6; }
.meta, .sources, footer { color: #555; font-size: .9rem; }
a.cite { font-size: .85rem; white-space: nowrap; }
blockquote { margin: .5rem 0; padding-left: .8rem; border-left: 3px solid #888; }
.disagree { border: 2px solid #c62828; background: #fdecea; padding: .5rem .8rem; margin: .6rem 0; }
svg.axis { display: block; width: 100%; height: auto; margin: .5rem 0 1rem; }
svg.axis circle { fill: #1565c0; fill-opacity: .55; stroke: #0d47a1; }
svg.axis circle.disagree { fill: #c62828; stroke: #8e0000; }
svg.axis a:hover circle, svg.axis a:focus circle { fill-opacity: .9; }
svg.axis text { font-size: 12px; fill: #555; }
"""

_W, _H, _PAD, _Y = 480, 84, 22, 34  # viewBox units; _PAD leaves room for an 18px circle


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text) or "-"


def _href(url: str | None) -> str | None:
    # Only web URLs become links: a javascript: or file: URL from a crawled page must not.
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


class _Ids:
    """Hands out element ids that are safe and unique, even when two raw ids make one safe id."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.src: dict[str, str] = {}

    def new(self, base: str) -> str:
        name, n = base, 1
        while name in self.used:
            n += 1
            name = f"{base}-{n}"
        self.used.add(name)
        return name

    def source(self, article_id: str) -> str:
        if article_id not in self.src:
            self.src[article_id] = self.new("src-" + _safe(article_id))
        return self.src[article_id]


def _svg(tl: Timeline, anchors: list[str]) -> str:
    days = [_as_day(e.date) for e in tl.entries]
    known = [d for d in days if d]
    if not known:
        return ""
    first, last = min(known), max(known)
    span = (last - first).days

    def x(d: date) -> float:
        return _W / 2 if span == 0 else _PAD + (d - first).days / span * (_W - 2 * _PAD)

    # No xmlns: inline SVG in HTML5 needs none, and the page carries no URL but the articles'.
    label = {d: e.date for e, d in zip(tl.entries, days) if d}  # a month reads "2024-11"
    parts = [(f'<svg class="axis" viewBox="0 0 {_W} {_H}" width="100%" role="img" '
              f'aria-label="{escape(f"Timeline from {label[first]} to {label[last]}")}">'),
             f'<line x1="{_PAD}" y1="{_Y}" x2="{_W - _PAD}" y2="{_Y}" stroke="#999"/>']
    ticks = [first, last] if span else [first]
    if span >= 8:  # three ticks in between; on a shorter span they would crowd the two ends
        ticks[1:1] = [date.fromordinal(first.toordinal() + span * i // 4) for i in (1, 2, 3)]
    for i, t in enumerate(ticks):
        text = label.get(t) or (t.isoformat()[:7] if span > 120 else t.isoformat())
        anchor = "middle" if span == 0 or 0 < i < len(ticks) - 1 else ("start" if i == 0 else "end")
        tx = x(t) if anchor == "middle" else (_PAD / 2 if i == 0 else _W - _PAD / 2)
        parts.append(f'<line x1="{x(t):.1f}" y1="{_Y + 20}" x2="{x(t):.1f}" y2="{_Y + 25}" '
                     f'stroke="#999"/><text x="{tx:.1f}" y="{_Y + 42}" '
                     f'text-anchor="{anchor}">{escape(text)}</text>')
    # Radius grows with the square root of coverage, so a circle's area reads as its articles.
    placed = [(4 * math.sqrt(len(e.article_ids)), e, d, a)
              for e, d, a in zip(tl.entries, days, anchors)]
    # Big circles first, so small ones are drawn on top and stay clickable where they overlap.
    for r, e, d, anchor in sorted(placed, key=lambda p: -p[0]):
        r = min(18.0, max(4.0, r))
        cx = x(d) if d else _W / 2
        lead = e.summary[0].text if e.summary else ""
        tip = e.date + (": " + (lead[:90] + "…" if len(lead) > 90 else lead) if lead else "")
        cls = ' class="disagree"' if e.disagreements else ""
        parts.append(f'<a href="#{anchor}"><circle cx="{cx:.1f}" cy="{_Y}" r="{r:.1f}"{cls}>'
                     f'<title>{escape(tip)}</title></circle></a>')
    return "\n".join(parts + ["</svg>"])


def _cite(article_id: str, source: str | None, ids: _Ids,
          articles: Mapping[str, ArticleRef]) -> str:
    url = _href(articles[article_id].url) if article_id in articles else None
    label = escape(", ".join(x for x in (article_id, source) if x))
    return f'<a class="cite" href="{escape(url or "#" + ids.source(article_id))}">[{label}]</a>'


def _src_links(article_ids: Iterable[str], ids: _Ids) -> str:
    return ", ".join(f'<a href="#{ids.source(a)}">{escape(a)}</a>' for a in article_ids)


def _entry_html(e: TimelineEntry, anchor: str, ids: _Ids,
                articles: Mapping[str, ArticleRef]) -> str:
    out = [f'<section id="{anchor}">', f"<h3>{escape(_date_label(e))}</h3>"]
    if e.summary:
        lines = []
        for l in e.summary:
            # Syndicated copies of the sentence: shown so a reader sees how far it travelled.
            also = f' <small>(also in {_src_links(l.also_in, ids)})</small>' if l.also_in else ""
            lines.append(f"<li>{escape(l.text)} {_cite(l.article_id, l.source, ids, articles)}"
                         f"{also}</li>")
        out.append("<ul>" + "".join(lines) + "</ul>")
    for q in e.quotes:
        out.append(f"<blockquote><p>« {escape(q.text)} »</p><footer>— "
                   f"{escape(q.speaker or 'unnamed speaker')} ({escape(_outlets(q.sources))}; "
                   f"{_src_links(q.article_ids, ids)})</footer></blockquote>")
    if e.disagreements:
        items = "".join(
            f"<li>{escape(d.kind)} “{escape(d.subject)}”: " + " <em>vs</em> ".join(
                f"<strong>{escape(v)}</strong> ({_src_links(a, ids)})" for v, a in d.versions)
            + "</li>" for d in e.disagreements)
        out.append(f'<div class="disagree"><strong>Outlets disagree</strong><ul>{items}</ul></div>')
    out.append(f'<p class="sources">Sources: {escape(", ".join(e.sources) or "no outlet named")}'
               f" — {_src_links(e.article_ids, ids)}</p></section>")
    return "\n".join(out)


def render_html(timelines: Sequence[Timeline], articles: Mapping[str, ArticleRef] | None = None,
                *, generated: str | None = None) -> str:
    articles = articles or {}
    ids = _Ids()
    langs = {tl.lang for tl in timelines}
    lang = f' lang="{escape(langs.pop())}"' if len(langs) == 1 and None not in langs else ""
    title = timelines[0].title if len(timelines) == 1 else "Timelines"
    body: list[str] = []
    for tl in timelines:
        tl_lang = f' lang="{escape(tl.lang)}"' if tl.lang else ""
        body += [f"<article{tl_lang}>", f"<h1>{escape(tl.title)}</h1>",
                 f'<p class="meta">{escape(_about(tl))}</p>']
        if not tl.entries:
            body += [f"<p>{escape(_EMPTY)}</p>", "</article>"]
            continue
        story = _safe(tl.story_id if tl.story_id is not None else "all")
        anchors = [ids.new(f"entry-{story}-{_safe(e.date)}") for e in tl.entries]
        body.append(_svg(tl, anchors))
        body += [_entry_html(e, a, ids, articles) for e, a in zip(tl.entries, anchors)]
        body.append("</article>")
    cited = _cited(timelines)
    if cited:
        outlet = _line_sources(timelines)
        body.append('<section id="sources"><h2>Sources</h2><ol>')
        for a in cited:
            ref = articles.get(a)
            bits = [f"<strong>{escape(ref.title)}</strong>"] if ref and ref.title else []
            bits += [escape(x) for x in ((ref.source if ref else None) or outlet.get(a),
                                         ref.published if ref else None) if x]
            url = _href(ref.url) if ref else None
            link = f' <a href="{escape(url)}">{escape(url)}</a>' if url else ""
            about = " " + " — ".join(bits) if bits else ""
            body.append(f'<li id="{ids.source(a)}"><code>{escape(a)}</code>{about}{link}</li>')
        body.append("</ol></section>")
    if generated:
        body.append(f"<footer>Generated {escape(generated)}</footer>")
    return "\n".join([
        "<!DOCTYPE html>", f"<html{lang}>", "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
        *body, "</body>", "</html>", ""])


# --- dispatch ---------------------------------------------------------------------------------

def render(timelines: Sequence[Timeline], fmt: str,
           articles: Mapping[str, ArticleRef] | None = None) -> str:
    if fmt == "md":
        return render_markdown(timelines, articles)
    if fmt == "html":
        return render_html(timelines, articles)
    if fmt == "json":
        data = [timeline_json(tl, articles) for tl in timelines]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
