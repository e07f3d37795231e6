"""The ``storyline`` command: a thin click shell over the library's service functions.

Every command's help ends with an example. Errors are one line on stderr, with
a hint, and no traceback (``main`` turns known failures into exit code 1).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storyline import pipeline
from storyline.export import article_json, story_json, write_json
from storyline.ingest import MAX_BYTES_DEFAULT
from storyline.store import StoreError, open_store

DB_OPTION = click.option(
    "--db",
    default="storyline.db",
    envvar="STORYLINE_DB",
    show_default=True,
    help="Database file (or set STORYLINE_DB).",
)


class StorylineError(click.ClickException):
    """A failure the user can fix; printed as one line."""

    def show(self, file=None) -> None:  # one line, no "Usage:" block
        click.echo(f"storyline: error: {self.format_message()}", err=True, file=file)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
def cli() -> None:
    """Turn news articles from many outlets and languages into dated, sourced stories.

    Example: storyline ingest ~/news/ && storyline export --format json -o out.json
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--lang", help="Language of the inputs when they do not say (ISO code, e.g. fr).")
@click.option("--source", help="Outlet name for inputs that do not give one.")
@click.option(
    "--max-bytes",
    type=int,
    default=MAX_BYTES_DEFAULT,
    show_default=True,
    help="Largest single-article file (text, HTML) to read; exports and archives stream.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary (for scripts).")
@click.option("--no-analyze", is_flag=True, help="Only read and clean; skip near-duplicates, events and stories.")
def ingest(
    paths: tuple[str, ...], db: str, lang: str | None, source: str | None, max_bytes: int, quiet: bool, no_analyze: bool
) -> None:
    """Read files, folders (recursively) and globs into the article store.

    Formats: .txt/.md, .html, .jsonl/.json, .csv, RSS/Atom, .warc/.warc.gz, sniffed
    when the extension lies. Reading the same input again changes nothing.
    Exits 0 when anything was ingested, 1 when nothing could be.

    Example: storyline ingest scraped/ 'exports/*.jsonl' --db news.db --lang fr
    """
    store = _open(db)
    try:
        report = pipeline.ingest(paths, store, source=source, lang=lang, max_bytes=max_bytes, quiet=quiet)
        analysis = None if no_analyze else pipeline.analyze(store, quiet=quiet)
    finally:
        store.close()
    if not quiet:
        print_report(report, Console())
        if analysis and analysis.analyzed:
            print_analysis(analysis, Console())
    if not report.anything_ingested:
        reasons = ", ".join(f"{n} {r}" for r, n in report.rejected.most_common()) or "no input files"
        raise StorylineError(f"nothing could be ingested ({reasons}); see `storyline export` for each reason")


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.option("--with-original", is_flag=True, help="Include each article's text as given, before cleaning.")
def export(db: str, fmt: str, output: str | None, with_original: bool) -> None:
    """Export the store as JSON: articles, events, stories, entities, quotes, dates, timelines, rejected.

    Example: storyline export --format json -o storyline.json
    """
    store = _open(db, must_exist=True)
    try:
        parts = {
            "events": store.events(), "stories": store.stories(), "entities": store.entities(),
            "quotes": store.quotes(), "dates": store.dates(), "with_original": with_original,
            "timelines": _export_timelines(store),
        }  # fmt: skip
        if output:
            with open(output, "w", encoding="utf-8") as out:
                write_json(out, store.articles(), store.rejections(), **parts)
        else:
            write_json(sys.stdout, store.articles(), store.rejections(), **parts)
    finally:
        store.close()


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (accents ignored; FTS5 syntax: "a phrase", a OR b).

    Example: storyline search 'cessez-le-feu' --limit 5
    """
    store = _open(db, must_exist=True)
    try:
        hits = store.search(query, limit=limit)
    except StoreError as exc:
        raise StorylineError(str(exc)) from None
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([{**article_json(a), "snippet": s} for a, s in hits], ensure_ascii=False, indent=1))
        return
    table = Table("id", "date", "lang", "source", "title / snippet")
    for article, snippet in hits:
        table.add_row(article.id, article.published or "?", article.lang or "?", article.source or "",
                      f"[bold]{article.title}[/]\n{snippet}")  # fmt: skip
    Console().print(table)


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--min-articles", default=1, show_default=True, help="Hide stories with fewer articles.")
@click.option("--lang", help="Head stories and events in this language where they have an article in it (e.g. fr).")
def stories(db: str, as_json: bool, min_articles: int, lang: str | None) -> None:
    """Stories found in the store: titles, dates, sizes, languages and outlets, largest first.

    Example: storyline stories --min-articles 3 --lang fr
    """
    store = _open(db, must_exist=True)
    try:
        found = [s for s in store.stories() if len(s.article_ids) >= min_articles]
        events = {e.id: e for e in store.events()}
        if lang:
            from storyline.timeline.service import titled_in

            found, events = titled_in(store, found, events, lang.strip().lower()[:2])
    finally:
        store.close()
    found.sort(key=lambda s: (-len(s.article_ids), s.start or "", s.id))
    if as_json:
        click.echo(json.dumps([story_json(s) for s in found], ensure_ascii=False, indent=1))
        return
    if not found:
        raise StorylineError("no stories yet; run `storyline ingest PATH` (without --no-analyze) first")
    print_stories(found, events, Console())


def print_stories(found, events: dict, console: Console, per_story: int = 3) -> None:
    """A table of stories with their largest events (shared by `stories` and `demo`)."""
    table = Table("story", "dates", "articles", "events", "languages", "outlets", "title  [dim]largest events[/]")
    for story in found:
        largest = sorted((events[e] for e in story.event_ids), key=lambda e: (-len(e.article_ids), e.date or ""))
        shown = sorted(largest[:per_story], key=lambda e: e.date or "9999")  # the biggest, in date order
        lines = "\n".join(f"[dim]{e.date or '?'} · {escape(e.title)} ({len(e.article_ids)})[/]" for e in shown)
        table.add_row(
            story.id, f"{story.start or '?'} →\n{story.end or '?'}", str(len(story.article_ids)),
            str(len(story.event_ids)), ", ".join(story.langs), str(len(story.sources)),
            f"[bold]{escape(story.title)}[/]\n{lines}",
        )  # fmt: skip
    console.print(table)


def _date_option(value: str | None, flag: str):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise StorylineError(f"{flag} {value!r} is not a date; write it as YYYY-MM-DD, e.g. {flag} 2025-10-01") from None


@cli.command()
@DB_OPTION
@click.option("--story", "story_ids", multiple=True, help="Story id (from `storyline stories`); repeat for several.")
@click.option("--all", "whole_store", is_flag=True, help="Every article in the database as one collection.")
@click.option("--start", help="Ignore articles published before this day (YYYY-MM-DD).")
@click.option("--end", help="Ignore articles published after this day (YYYY-MM-DD).")
@click.option("--max-dates", type=click.IntRange(min=1), help="Dates to keep, T (default: as many as matter, up to 30).")
@click.option("--sentences-per-date", type=click.IntRange(min=1), default=2, show_default=True,
              help="Summary sentences per date, N.")
@click.option("--lang", help="Language to prefer for summary sentences and the heading (default: the story's main language).")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
def timeline(db: str, story_ids: tuple[str, ...], whole_store: bool, start: str | None, end: str | None,
             max_dates: int | None, sentences_per_date: int, lang: str | None, fmt: str, output: str | None) -> None:
    """A story's dated timeline: the days that matter, what happened, who said it, with sources.

    The HTML format is one self-contained page (no network) with the timeline drawn on a
    date axis and every line linked to its sources.

    Example: storyline timeline --story s1 --format html -o s1.html
    """
    from storyline.timeline import UnknownStory, article_refs, store_timelines
    from storyline.timeline.render import render

    if bool(story_ids) == whole_store:
        raise StorylineError("say which timeline: --story ID (see `storyline stories`) or --all")
    first, last = _date_option(start, "--start"), _date_option(end, "--end")
    if first and last and first > last:
        raise StorylineError(f"--start {start} is after --end {end}; swap them")
    store = _open(db, must_exist=True)
    try:
        try:
            found = store_timelines(store, story_ids=list(story_ids), whole_store=whole_store, start=first,
                                    end=last, max_dates=max_dates, sentences_per_date=sentences_per_date, lang=lang)
        except UnknownStory as exc:
            raise StorylineError(str(exc)) from None
        text = render(found, fmt, article_refs(store, found))
    finally:
        store.close()
    if output:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        click.echo(text)


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def status(db: str, as_json: bool) -> None:
    """What the store holds: articles by language and dating, rejections by reason.

    Example: storyline status --db news.db
    """
    store = _open(db, must_exist=True)
    try:
        stats = store.stats()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(stats, indent=1))
        return
    console = Console()
    console.print(
        f"{stats['articles']} articles ({stats['duplicates']} exact copies) from {stats['sources']} sources, "
        f"{stats['first_date'] or '?'} to {stats['last_date'] or '?'}"
    )
    console.print("languages: " + ", ".join(f"{k} {v}" for k, v in stats["languages"].items()))
    console.print(
        f"dates: {stats['dated_metadata']} from metadata, {stats['dated_inferred']} inferred from the text, "
        f"{stats['undated']} unknown"
    )
    if stats["rejected"]:
        console.print("rejected: " + ", ".join(f"{v} {k}" for k, v in stats["rejected"].items()))


@cli.command()
@click.option("--keep", type=click.Path(file_okay=False), help="Keep the demo database in this folder.")
def demo(keep: str | None) -> None:
    """Run the pipeline on the bundled demo corpus (a fictional story in French and English) and show the result.

    Example: storyline demo
    """
    from storyline.demo import run_demo

    run_demo(Console(), keep=Path(keep) if keep else None)


def _export_timelines(store):
    """Every story's timeline, computed now from what is stored (they follow each ingest)."""
    from storyline.timeline import store_timelines

    return store_timelines(store)  # no stories: no timelines, and no model loaded


def find_eval_dir(given: str | None) -> Path:
    """The evaluation corpora: --eval-dir, $STORYLINE_EVAL, or ../shared/eval beside the checkout."""
    candidates = [given, os.environ.get("STORYLINE_EVAL_DIR"), "../shared/eval",
                  Path(__file__).resolve().parents[3] / "shared" / "eval"]  # fmt: skip
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise StorylineError("evaluation corpora not found; pass --eval-dir PATH or set STORYLINE_EVAL_DIR (e.g. ../shared/eval)")


EVAL_DIR_OPTION = click.option("--eval-dir", help="Folder holding t17/ and mlcrisis/ (default: ../shared/eval).")


@cli.group(name="eval")
def eval_group() -> None:
    """Measure quality on the externally labelled corpora (../shared/eval).

    Example: storyline eval clean --corpus mlcrisis --lang fr
    """


@eval_group.command(name="clean")
@click.option("--corpus", type=click.Choice(["mlcrisis"]), default="mlcrisis", show_default=True)
@click.option("--lang", "langs", multiple=True, default=("fr", "es", "it"), show_default=True)
@click.option("--sample", default=0, show_default=True, help="Show this many removed lines per rule family.")
@EVAL_DIR_OPTION
def eval_clean(corpus: str, langs: tuple[str, ...], sample: int, eval_dir: str | None) -> None:
    """Boilerplate lines removed from the raw ML-Crisis pages, by rule family and language.

    Example: storyline eval clean --lang fr --sample 5
    """
    from storyline.clean.measure import load_mlcrisis, measure_residue
    from storyline.clean.residue import FAMILIES

    root = find_eval_dir(eval_dir) / corpus
    table = Table("lang", "docs", "lines in", "removed", *FAMILIES, "chars removed")
    samples = []
    for lang in langs:
        texts = [record["text"] for record in load_mlcrisis(root, [lang])]
        if not texts:
            raise StorylineError(f"no {corpus} articles for language {lang!r} under {root}")
        report = measure_residue(texts, lang, sample_size=max(sample, 1))
        by_family = report["by_family"]
        table.add_row(
            lang, str(report["documents"]), str(report["lines_in"]), str(report["lines_removed"]),
            *(str(by_family.get(f, 0)) for f in FAMILIES),
            f"{100 * report['chars_removed'] / max(report['chars_in'], 1):.1f}%",
        )  # fmt: skip
        samples += [(lang, family, line) for family, line in report["sample"]]
    console = Console()
    console.print(table)
    shown: dict[tuple[str, str], int] = {}
    for lang, family, line in samples:
        if shown.setdefault((lang, family), 0) < sample:
            shown[(lang, family)] += 1
            console.print(f"  {lang} {family:9} | {line[:110]}", highlight=False, markup=False)


@eval_group.command(name="stories")
@click.option("--corpus", type=click.Choice(["t17", "mlcrisis"]), required=True)
@click.option("--orders", default=5, show_default=True, help="Random arrival orders to average over.")
@EVAL_DIR_OPTION
def eval_stories_command(corpus: str, orders: int, eval_dir: str | None) -> None:
    """B-cubed precision / recall / F1 of story assignment against the gold topics, beside baselines.

    T17: all 16 collections (gold story = topic); ML-Crisis: fr + es + it, egypt + libya.
    Vectors are cached in ~/.cache/storyline so a second run is fast.

    Example: storyline eval stories --corpus mlcrisis
    """
    from storyline.embed import default_cache
    from storyline.evaluate.stories import eval_stories, format_report

    os.environ["STORYLINE_EVAL_DIR"] = str(find_eval_dir(eval_dir))
    click.echo(format_report(eval_stories(corpus, orders=orders, cache=default_cache())))


@eval_group.command(name="timeline")
@click.option("--corpus", type=click.Choice(["t17", "mlcrisis"]), required=True)
@click.option("--lang", type=click.Choice(["fr", "es", "it"]), default="fr", show_default=True,
              help="ML-Crisis: the language of the reference timelines and of the articles.")
@click.option("--cross", is_flag=True, help="ML-Crisis: the reference of --lang against fr + es + it articles together.")
@EVAL_DIR_OPTION
def eval_timeline(corpus: str, lang: str, cross: bool, eval_dir: str | None) -> None:
    """AR1-F / AR2-F / Date-F1 of our timelines under the news-tls protocol, beside published figures.

    Per reference timeline: articles inside its span, T and N taken from it, tilse's
    align_date_content_costs_many_to_one ROUGE and exact-date F1; means over timelines.
    T17 dates are ranked with weights fitted without the evaluated topic. Vectors are
    cached in ~/.cache/storyline.

    Example: storyline eval timeline --corpus mlcrisis --lang fr --cross
    """
    from storyline.embed import CachedEmbedder, UseEmbedder, default_cache
    from storyline.evaluate.timelines import (EvalExtraMissing, eval_timelines, format_timeline_report, load_tasks,
                                              storyline_predictor)

    tasks = load_tasks(corpus, lang, cross=cross, root=find_eval_dir(eval_dir))
    try:
        report = eval_timelines(tasks, storyline_predictor(CachedEmbedder(UseEmbedder(), default_cache())),
                                progress=lambda row: click.echo(f"  {row['name']}: done", err=True))
    except EvalExtraMissing as exc:
        raise StorylineError(str(exc)) from None
    click.echo(format_timeline_report(report, corpus))


@eval_group.command(name="extract", context_settings={"ignore_unknown_options": True})
@click.option("--errors", is_flag=True, help="List every error.")
@click.option("--mlcrisis", is_flag=True, help="Also NER agreement on the French ML-Crisis articles (~75 s).")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@EVAL_DIR_OPTION
def eval_extract(errors: bool, mlcrisis: bool, as_json: bool, eval_dir: str | None) -> None:
    """Entity, quote + speaker and date scores on our annotated set (tests/fixtures/extract), and NER agreement.

    Needs a checkout: the annotated set lives with the tests.

    Example: storyline eval extract --mlcrisis
    """
    from storyline.extract import evaluate

    if mlcrisis:
        os.environ["STORYLINE_EVAL_DIR"] = str(find_eval_dir(eval_dir))
    argv = [flag for flag, on in (("--errors", errors), ("--mlcrisis", mlcrisis), ("--json", as_json)) if on]
    try:
        evaluate.main(argv)
    except FileNotFoundError as exc:
        raise StorylineError(f"the annotated set was not found ({exc}); run this from a storyline checkout") from None


@eval_group.command(name="duplicates")
@click.option("--corpus", type=click.Choice(["t17", "mlcrisis"]), required=True)
@click.option("--copies", default=300, show_default=True, help="Copies to generate (reposted with residue, truncated, edited).")
@EVAL_DIR_OPTION
def eval_duplicates(corpus: str, copies: int, eval_dir: str | None) -> None:
    """Near-duplicate precision and recall on copies generated from a corpus, mixed with all its articles.

    Example: storyline eval duplicates --corpus t17
    """
    from storyline.evaluate import evaluate_near_duplicates, load_corpus

    os.environ["STORYLINE_EVAL_DIR"] = str(find_eval_dir(eval_dir))
    result = evaluate_near_duplicates(load_corpus(corpus), copies=copies, seed=0)
    kinds = ", ".join(f"{kind} {value:.3f}" for kind, value in result["recall_by_kind"].items())
    click.echo(
        f"{corpus}: {result['copies']} generated copies among {result['originals']} articles\n"
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  (recall by kind: {kinds})\n"
        f"copies already in the corpus itself, found apart: {result['corpus_pairs']}"
    )


def print_analysis(report: pipeline.AnalyzeReport, console: Console) -> None:
    console.print(
        f"analysed {report.analyzed} new articles ({report.near_duplicates} near copies; {report.entities} entities, "
        f"{report.quotes} quotes, {report.dates} dates found): "
        f"the store now holds {report.events} events in {report.stories} stories"
    )


def print_report(report: pipeline.IngestReport, console: Console) -> None:
    """The summary printed after an ingest."""
    console.print(
        f"[bold]{report.added}[/] articles ingested ({report.duplicates} exact copies) from {report.files} files"
        + (f"; {report.already_stored} already stored" if report.already_stored else "")
        + (f"; {report.files_unchanged} files unchanged since the last run" if report.files_unchanged else "")
    )
    if report.added:
        console.print(
            f"dates: {report.dated_by_metadata} from metadata, {report.dated_by_inference} inferred from the text, "
            f"{report.undated} unknown; {report.residue_lines} residue lines removed"
        )
    if report.rejected:
        console.print(
            f"rejected {report.rejected_total}: "
            + ", ".join(f"{n} {reason}" for reason, n in report.rejected.most_common())
        )
        for rejection in report.rejections[:20]:
            where = f"{rejection.path}{' ' + rejection.locator if rejection.locator else ''}"
            console.print(f"  [dim]{rejection.reason}[/] {where}: {rejection.message}", highlight=False)
        if report.rejected_total > 20:
            console.print(f"  … {report.rejected_total - 20} more in `storyline export`")


def _open(db: str, must_exist: bool = False):
    if must_exist and not Path(db).exists():
        raise StorylineError(f"no database at {db}; run `storyline ingest PATH --db {db}` first")
    try:
        return open_store(db)
    except StoreError as exc:
        raise StorylineError(str(exc)) from None


def main() -> None:
    """Console entry point: click handles usage errors; everything else becomes one line."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("storyline: interrupted; what was stored is kept, run the command again to go on", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except StoreError as exc:
        click.echo(f"storyline: error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the house rule: one line, no traceback
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        click.echo(
            f"storyline: internal error: {type(exc).__name__}: {exc}; "
            "run again with STORYLINE_DEBUG=1 for the traceback and report it",
            err=True,
        )
        sys.exit(3)
