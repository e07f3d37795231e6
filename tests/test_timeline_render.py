"""Timeline rendering: the JSON contract, Markdown, and the self-contained HTML page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from storyline.records import Disagreement, Timeline, TimelineEntry, TimelineLine, TimelineQuote
from storyline.timeline.render import (
    ArticleRef,
    render,
    render_html,
    render_markdown,
    timeline_json,
)

EVIL = "Le préfet a écrit <script>alert('x')</script> & « rien »."
URLS = ("https://www.lemonde.fr/a1.html", "https://www.afp.com/a2")


def line(text, aid, source, also_in=()):
    return TimelineLine(text=text, article_id=aid, source=source, lang="fr", also_in=also_in)


def make_timeline() -> Timeline:
    day1 = TimelineEntry(
        date="2024-11-07", granularity="day", score=0.91,
        summary=(line("Des crues frappent Valence, l'état d'alerte est déclaré.", "a1",
                      "Le Monde", also_in=("a4",)),
                 line(EVIL, "a2", "AFP")),
        quotes=(TimelineQuote(text="Nous ferons tout pour aider les sinistrés",
                              speaker="Pedro Sánchez", speaker_entity_id="e7",
                              article_ids=("a1", "a2"), sources=("AFP", "Le Monde")),),
        article_ids=("a1", "a2", "a3", "a4"), sources=("AFP", "Le Monde", "Libération"),
        disagreements=(Disagreement(kind="number", subject="morts",
                                    versions=(("12 morts", ("a1", "a2")), ("15 morts", ("a3",)))),),
    )
    month = TimelineEntry(
        date="2024-12", granularity="month", score=0.4,
        summary=(line("La reconstruction commence en décembre.", "a5", "Libération"),),
        quotes=(), article_ids=("a5",), sources=("Libération",),
    )
    day2 = TimelineEntry(
        date="2025-01-20", granularity="day", score=0.6,
        summary=(line("Le gouvernement annonce un plan d'aide.", "a 6/x", None),),
        quotes=(), article_ids=("a 6/x",), sources=(),
    )
    return Timeline(story_id="s1", title="Inondations à Valence", lang="fr",
                    entries=(day1, month, day2), article_count=6)


ARTICLES = {
    "a1": ArticleRef(id="a1", title="Valence sous les eaux", url=URLS[0], source="Le Monde",
                     published="2024-11-07"),
    "a2": ArticleRef(id="a2", title="Crues <en> Espagne", url=URLS[1], source="AFP",
                     published="2024-11-07"),
    # A crawled page may carry any URL; only http(s) may become a link.
    "a3": ArticleRef(id="a3", title="Bilan", url="javascript:alert(1)", source="Libération",
                     published=None),
}


class StrictParser(HTMLParser):
    """Collects ids and hrefs, and checks that every non-void element is closed in order."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "circle", "line", "rect"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.hrefs, self.tags, self.errors = [], [], [], [], []
        self.script_data = []
        self.data = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        (self.script_data if self.stack and self.stack[-1] == "script" else self.data).append(data)


def parse(page: str) -> StrictParser:
    p = StrictParser()
    p.feed(page)
    p.close()
    assert not p.errors, p.errors
    assert p.stack == [], f"unclosed: {p.stack}"
    return p


# --- JSON ---------------------------------------------------------------------------------------

def test_json_contract_keys_and_values():
    data = timeline_json(make_timeline())
    assert data["story_id"] == "s1" and data["title"] == "Inondations à Valence"
    assert data["lang"] == "fr" and data["article_count"] == 6
    assert [e["date"] for e in data["entries"]] == ["2024-11-07", "2024-12", "2025-01-20"]
    first = data["entries"][0]
    assert first["summary"] == ["Des crues frappent Valence, l'état d'alerte est déclaré.", EVIL]
    assert all(isinstance(s, str) for e in data["entries"] for s in e["summary"])
    assert first["article_ids"] == ["a1", "a2", "a3", "a4"]
    assert first["granularity"] == "day" and data["entries"][1]["granularity"] == "month"
    assert first["lines"][0] == {"text": first["summary"][0], "article_id": "a1",
                                 "source": "Le Monde", "lang": "fr", "also_in": ["a4"]}
    assert first["quotes"] == [{"text": "Nous ferons tout pour aider les sinistrés",
                                "speaker": "Pedro Sánchez", "speaker_entity_id": "e7",
                                "article_ids": ["a1", "a2"], "sources": ["AFP", "Le Monde"]}]
    assert first["disagreements"] == [{"kind": "number", "subject": "morts", "versions": [
        {"version": "12 morts", "article_ids": ["a1", "a2"]},
        {"version": "15 morts", "article_ids": ["a3"]}]}]
    assert first["score"] == 0.91 and first["sources"] == ["AFP", "Le Monde", "Libération"]
    assert "articles" not in data
    json.dumps(data)  # plain JSON types only


def test_json_lists_only_cited_articles_when_given():
    extra = {**ARTICLES, "zz": ArticleRef(id="zz", title="Autre histoire", url=None, source=None,
                                          published=None)}
    data = timeline_json(make_timeline(), extra)
    assert set(data["articles"]) == {"a1", "a2", "a3"}
    assert data["articles"]["a1"]["url"] == URLS[0]


# --- Markdown -----------------------------------------------------------------------------------

def test_markdown_dates_citations_quotes_disagreements():
    md = render_markdown([make_timeline()], ARTICLES)
    assert md.startswith("# Inondations à Valence (story s1, 6 articles)\n")
    assert "## 2024-11-07\n" in md
    assert "## 2024-12 — December 2024 (month)\n" in md
    assert "## 2025-01-20\n" in md
    assert "- Des crues frappent Valence, l'état d'alerte est déclaré. [a1, Le Monde; also in a4]" in md
    assert f"- {EVIL} [a2, AFP]" in md
    assert "- Le gouvernement annonce un plan d'aide. [a 6/x]" in md  # no outlet known
    assert ("> « Nous ferons tout pour aider les sinistrés » — Pedro Sánchez "
            "(2 outlets: AFP, Le Monde)") in md
    assert 'number "morts": 12 morts (a1, a2) vs 15 morts (a3)' in md
    assert "Outlets disagree" in md
    assert "Sources: AFP, Le Monde, Libération — a1 “Valence sous les eaux”" in md


def test_markdown_empty_timeline_says_why():
    md = render_markdown([Timeline(story_id="s9", title="Rien", lang="fr", entries=())])
    assert "# Rien (story s9, 0 articles)" in md
    assert "No dates were found" in md and "dated" in md


# --- HTML ---------------------------------------------------------------------------------------

def test_html_is_well_formed_and_self_contained():
    page = render_html([make_timeline()], ARTICLES, generated="2025-02-01 10:00")
    p = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    viewport = {"name": "viewport", "content": "width=device-width, initial-scale=1"}
    assert ("meta", viewport) in p.tags
    assert re.search(r"max-width:\s*48rem", page)
    # No fetch of any kind: the only http(s) text is the articles' own URLs.
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= set(URLS)
    assert not any(t == "link" or (t in ("img", "script") and "src" in a) for t, a in p.tags)
    assert "javascript:" not in " ".join(p.hrefs)
    for url in URLS:
        assert url in p.hrefs
    assert "Generated 2025-02-01 10:00" in page


def test_html_svg_has_one_circle_per_entry_linking_to_its_section():
    tl = make_timeline()
    page = render_html([tl])
    p = parse(page)
    svgs = [a for t, a in p.tags if t == "svg"]
    assert len(svgs) == 1 and "viewBox" in page and svgs[0]["width"] == "100%"
    circles = [a for t, a in p.tags if t == "circle"]
    assert len(circles) == len(tl.entries)
    radii = sorted(float(c["r"]) for c in circles)
    assert radii == [4.0, 4.0, 8.0]  # sqrt coverage: 1, 1 and 4 articles
    sections = [a["id"] for t, a in p.tags
                if t == "section" and a.get("id", "").startswith("entry-")]
    assert sections == ["entry-s1-2024-11-07", "entry-s1-2024-12", "entry-s1-2025-01-20"]
    assert {h[1:] for h in p.hrefs if h.startswith("#entry-")} == set(sections)
    # Month sits at its 15th: between the first day (x=22) and the last (x=458).
    xs = {a["cx"] for a in circles}
    assert "22.0" in xs and "458.0" in xs
    assert "2024-11-07" in p.data and "2025-01-20" in p.data  # first and last tick labels


def test_html_anchors_resolve_and_ids_are_safe():
    page = render_html([make_timeline()], ARTICLES)
    p = parse(page)
    assert len(p.ids) == len(set(p.ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in p.ids)
    targets = {h[1:] for h in p.hrefs if h.startswith("#")}
    assert targets and targets <= set(p.ids)
    # Every cited article, syndicated copy and odd id included, is in the Sources list.
    for aid in ("a1", "a2", "a3", "a4", "a5", "a-6-x"):
        assert f"src-{aid}" in p.ids
    assert "Outlets disagree" in page and 'class="disagree"' in page


def test_html_escapes_text():
    page = render_html([make_timeline()], ARTICLES)
    p = parse(page)
    assert "<script>" not in page and not p.script_data
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Crues &lt;en&gt; Espagne" in page
    assert EVIL in "".join(p.data)  # the reader sees the sentence as written
    assert "Pedro Sánchez" in page  # accents kept, not entity-encoded


def test_html_empty_and_several_timelines():
    empty = Timeline(story_id=None, title="Tout", lang="en", entries=())
    page = render_html([make_timeline(), empty])
    p = parse(page)
    assert "No dates were found" in page
    assert len([t for t, _ in p.tags if t == "svg"]) == 1
    assert len([t for t, _ in p.tags if t == "article"]) == 2


def test_html_single_date_axis():
    tl = make_timeline()
    one = Timeline(story_id="s2", title="Un jour", lang="fr", entries=tl.entries[:1])
    p = parse(render_html([one]))
    assert [a["cx"] for t, a in p.tags if t == "circle"] == ["240.0"]


def test_html_same_story_twice_keeps_ids_unique():
    tl = make_timeline()
    p = parse(render_html([tl, tl], ARTICLES))
    assert len(p.ids) == len(set(p.ids))
    assert {h[1:] for h in p.hrefs if h.startswith("#")} <= set(p.ids)
    assert len([t for t, _ in p.tags if t == "circle"]) == 2 * len(tl.entries)


def test_html_links_lines_to_article_url_and_truncates_tooltips():
    long = "Un très long récit " * 20
    tl = make_timeline()
    entry = TimelineEntry(date="2024-11-07", granularity="day", score=1.0,
                          summary=(line(long, "a1", "Le Monde"),), quotes=(),
                          article_ids=("a1",), sources=("Le Monde",))
    whole = Timeline(story_id=None, title=tl.title, lang="fr", entries=(entry,))
    page = render_html([whole], ARTICLES)
    p = parse(page)
    assert f'<a class="cite" href="{URLS[0]}">[a1, Le Monde]</a>' in page
    assert ("section", {"id": "entry-all-2024-11-07"}) in p.tags
    tooltip = re.search(r"<title>([^<]*)</title></circle>", page)[1]
    assert tooltip.startswith("2024-11-07: Un très long") and tooltip.endswith("…")
    assert len(tooltip) < len(long)


def test_html_is_readable_on_a_phone():
    page = render_html([make_timeline()])
    assert re.search(r"font-size:\s*max\(1rem, 16px\)", page)
    assert '<html lang="fr">' in page


# --- dispatch -----------------------------------------------------------------------------------

def test_render_dispatch():
    tl = make_timeline()
    assert render([tl], "md") == render_markdown([tl])
    assert render([tl], "html", ARTICLES) == render_html([tl], ARTICLES)
    one = json.loads(render([tl], "json"))
    assert one == timeline_json(tl)
    text = render([tl], "json")
    assert "préfet" in text  # ensure_ascii=False
    several = json.loads(render([tl, tl], "json"))
    assert isinstance(several, list) and len(several) == 2


def test_render_unknown_format():
    with pytest.raises(ValueError, match="md, json, html"):
        render([make_timeline()], "pdf")
