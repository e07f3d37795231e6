"""Timelines of stored stories: what ``storyline timeline``, ``export`` and the demo call."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Sequence

import numpy as np

from storyline.embed.base import Embedder
from storyline.records import Article, Event, Story, Timeline
from storyline.store.base import Store
from storyline.timeline.build import SENTENCES_DEFAULT, build_timeline, majority_lang
from storyline.timeline.evidence import Doc

__all__ = ["UnknownStory", "doc_of", "store_timelines", "article_refs", "titled_in"]


class UnknownStory(LookupError):
    """No story has the id asked for."""


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def doc_of(article: Article) -> Doc:
    return Doc(article.id, article.text, _day(article.published), article.source, article.lang, article.title,
               article.duplicate_of)


def store_timelines(store: Store, *, story_ids: Sequence[str] | None = None, whole_store: bool = False,
                    start: date | None = None, end: date | None = None, max_dates: int | None = None,
                    sentences_per_date: int = SENTENCES_DEFAULT, lang: str | None = None,
                    embedder: Embedder | None = None, min_articles: int = 1) -> list[Timeline]:
    """One timeline per story (``story_ids``, default all with ``min_articles`` or more), or one
    for the whole store (``whole_store``: every article as one collection)."""
    if embedder is None:
        from storyline.embed import UseEmbedder

        embedder = UseEmbedder()
    names: dict[str | None, dict[str, str]] = {}  # by the timeline's language
    persons = {i for i, kind in store.entity_types().items() if kind == "PER"}
    if whole_store:
        groups = [(None, "All articles", [a.id for a in store.articles()])]
    else:
        stories = {s.id: s for s in store.stories()}
        for story_id in story_ids or ():
            if story_id not in stories:
                raise UnknownStory(f"no story {story_id!r} in this database; `storyline stories` lists their ids")
        chosen = [stories[i] for i in story_ids] if story_ids else [
            s for s in stories.values() if len(s.article_ids) >= min_articles]
        groups = [(s.id, s.title, list(s.article_ids)) for s in chosen]
    events = _events_by_story(store) if lang and not whole_store else {}
    out = []
    for story_id, title, ids in groups:
        articles = store.articles_by_id(ids)
        vectors = {i: np.frombuffer(v, dtype=np.float32) for i, v in store.vectors(ids, embedder.name).items()}
        if story_id in events:
            title = _title_in(lang, events[story_id], articles, vectors) or title
        docs = [doc_of(a) for a in articles]
        shown_in = lang or majority_lang(docs)
        if shown_in not in names:
            names[shown_in] = store.entity_names(shown_in)
        out.append(build_timeline(docs, store.dates(ids), embedder, quotes=store.quotes(ids), story_id=story_id,
                                  title=title, start=start, end=end, max_dates=max_dates,
                                  sentences_per_date=sentences_per_date, lang=lang, names=names[shown_in],
                                  persons=persons, vectors=vectors))
    return out


def _events_by_story(store: Store) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for event in store.events():  # in date order
        out.setdefault(event.story_id, []).append(event)
    return out


def _title_in(lang: str, events: Sequence[Event], articles: Sequence[Article],
              vectors: dict[str, np.ndarray]) -> str | None:
    """The story's headline in ``lang`` (:func:`~storyline.pipeline.central_headline` of the
    event the story is titled by; None when that event has no article in ``lang``)."""
    from storyline.pipeline import central_headline, lead_event

    headlines = {a.id: (a.lang, a.title, a.duplicate_of is not None) for a in articles}
    return central_headline(lead_event(events), lang, headlines, vectors)


def _event_title_in(lang: str, event: Event, headlines: dict[str, tuple[str | None, str, bool]]) -> str | None:
    """``headlines``: article id -> (language, title, is a copy)."""
    for article_id in event.article_ids:  # earliest first, originals before copies
        article_lang, title, _ = headlines.get(article_id, (None, "", False))
        if article_lang == lang and title:
            return title
    return None


def titled_in(store: Store, stories: Sequence[Story], events: dict[str, Event],
              lang: str, model: str | None = None) -> tuple[list[Story], dict[str, Event]]:
    """``stories`` and ``events`` headed in ``lang`` where they have an article in it: a French
    reader of a story told mostly in Spanish sees it under its French title (``stories --lang``).
    An event is headed by its first report in ``lang``, a story by the central headline of its
    largest event (article vectors of ``model``, by default the shipped embedder's)."""
    from storyline.embed import UseEmbedder
    from storyline.pipeline import central_headline, lead_event

    headlines = {row[0]: (row[3], row[1], row[5] is not None) for row in store.article_summaries()}  # no texts
    listed = {s.id for s in stories}
    leads = {s.id: lead_event([events[e] for e in s.event_ids]) for s in stories}
    stored = store.vectors([i for e in leads.values() for i in e.article_ids], model or UseEmbedder.name)
    vectors = {i: np.frombuffer(v, dtype=np.float32) for i, v in stored.items()}
    out = [replace(s, title=central_headline(leads[s.id], lang, headlines, vectors) or s.title) for s in stories]
    events = {k: replace(e, title=_event_title_in(lang, e, headlines) or e.title) if e.story_id in listed else e
              for k, e in events.items()}
    return out, events


def article_refs(store: Store, timelines: Sequence[Timeline]) -> dict:
    """Title, URL, outlet and date of every article the timelines cite, for the renderers."""
    from storyline.timeline.render import ArticleRef

    ids = {i for tl in timelines for e in tl.entries for i in e.article_ids}
    return {a.id: ArticleRef(a.id, a.title, a.url, a.source, a.published) for a in store.articles_by_id(ids)}
