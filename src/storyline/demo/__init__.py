"""The bundled demo: a fictional developing story, written by us, in every input format.

``storyline demo`` ingests ``corpus/`` into a temporary database and shows what
the pipeline made of it. See ``corpus/README.md`` for the fictional world.
"""

from __future__ import annotations

import tempfile
from importlib.resources import as_file, files
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storyline import pipeline
from storyline.store import open_store


def corpus_dir() -> Path:
    """The demo corpus folder inside the installed package."""
    return Path(str(files("storyline.demo") / "corpus"))


def run_demo(console: Console, keep: Path | None = None) -> pipeline.IngestReport:
    """Ingest the demo corpus and print the articles, copies and rejections found."""
    from storyline.cli import print_analysis, print_report, print_stories

    with as_file(files("storyline.demo") / "corpus") as corpus, tempfile.TemporaryDirectory() as tmp:
        db = (keep or Path(tmp)) / "demo.db"
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        store = open_store(db)
        try:
            console.rule("[bold]storyline demo: ingest")
            console.print(f"corpus: {corpus}")
            report = pipeline.ingest([str(corpus)], store, quiet=False)
            print_report(report, console)
            _show_articles(store, console, corpus)
            console.rule("[bold]storyline demo: events and stories")
            print_analysis(pipeline.analyze(store), console)
            print_stories(
                sorted(store.stories(), key=lambda s: -len(s.article_ids)),
                {e.id: e for e in store.events()},
                console,
                per_story=12,
            )
            _show_who_said_what(store, console)
            console.rule("[bold]storyline demo: timelines")
            _show_timelines(store, console, keep)
        finally:
            store.close()
        if keep:
            console.print(f"\ndatabase kept at {db}; try: storyline status --db {db}")
    return report


def _show_timelines(store, console: Console, keep: Path | None) -> None:
    """Every story of three articles or more as a dated timeline (Markdown; HTML too with --keep)."""
    from storyline.timeline import article_refs, store_timelines
    from storyline.timeline.render import render_html, render_markdown

    timelines = store_timelines(store, min_articles=3)
    refs = article_refs(store, timelines)
    console.print(render_markdown(timelines, refs), markup=False, highlight=False)
    if keep:
        page = keep / "timelines.html"
        page.write_text(render_html(timelines, refs), encoding="utf-8")
        console.print(f"timelines as one page: {page}")


def _show_articles(store, console: Console, corpus: Path) -> None:
    table = Table(title="articles", show_lines=False)
    table.add_column("date", min_width=10, no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("title  [dim]source · file[/]", ratio=3)
    table.add_column("notes", ratio=1)
    for article in sorted(store.articles(), key=lambda a: (a.published or "9999", a.id)):
        notes = []
        if article.published_inferred:
            notes.append(f"date inferred ({article.published_how})")
        if article.duplicate_of:
            notes.append(f"copy of {article.duplicate_of}")
        if article.residue_lines:
            notes.append(f"{len(article.residue_lines)} residue lines removed")
        where = Path(article.path)
        rel = where.relative_to(corpus) if where.is_relative_to(corpus) else where
        origin = " · ".join(filter(None, [article.source, f"{rel}{' ' + article.locator if article.locator else ''}"]))
        table.add_row(
            article.published or "[dim]unknown[/]",
            article.lang or "?",
            f"{escape(article.title)}\n[dim]{escape(origin)}[/]",
            "; ".join(notes),
        )
    console.print(table)


def _show_who_said_what(store, console: Console, limit: int = 8) -> None:
    """The most mentioned entities with their spellings, and a few quotes with their speakers."""
    console.rule("[bold]storyline demo: who is named, who said what")
    entities = sorted(store.entities(), key=lambda e: (-len(e.article_ids), e.name))[:limit]
    table = Table("entity", "type", "articles", "also written")
    for entity in entities:
        table.add_row(escape(entity.name), entity.type, str(len(entity.article_ids)), escape(", ".join(entity.aliases)))
    console.print(table)
    quotes = [q for q in store.quotes() if q.kind == "direct" and q.speaker_entity_id]
    for quote in quotes[:limit]:
        console.print(f"  « {escape(quote.text[:110])} » [dim]— {escape(quote.speaker or '?')}[/]", highlight=False)
