"""The JSON export (DESIGN.md shape), written as a stream so that a large store fits in memory."""

from __future__ import annotations

import json
import re
from datetime import date
from dataclasses import asdict
from collections.abc import Iterable
from typing import IO, Any

from storyline.records import Article, DateMention, Entity, Event, Quote, Rejected, Story, Timeline
from storyline.timeline.render import timeline_json

PARTS = ("articles", "events", "stories", "entities", "quotes", "dates", "timelines", "rejected")


def article_json(article: Article, *, with_original: bool = False) -> dict[str, Any]:
    data = {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "published_how": article.published_how,
        "lang": article.lang,
        "url": article.url,
        "source": article.source,
        "author": article.author,
        "text": article.text,
        "duplicate_of": article.duplicate_of,
        "event_id": article.event_id,
        "story_id": article.story_id,
        "path": article.path,
        "locator": article.locator,
        "format": article.format,
        "residue_removed": list(article.residue_lines),
    }
    if with_original:
        data["original_text"] = article.original_text
    return data


def event_json(event: Event) -> dict[str, Any]:
    return asdict(event)  # tuples of ids become JSON arrays


def story_json(story: Story) -> dict[str, Any]:
    return asdict(story)


_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def date_json(mention: DateMention) -> dict[str, Any]:
    """DESIGN's values are days, months or years: an ISO week ("la semaine prochaine",
    2024-W46) is exported as its Monday, and ``granularity`` says it stands for the week."""
    data = asdict(mention)
    if mention.value and (week := _ISO_WEEK.match(mention.value)):
        data["value"] = date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
    return data


def rejected_json(rejection: Rejected) -> dict[str, Any]:
    return {
        "path": rejection.path,
        "locator": rejection.locator,
        "reason": str(rejection.reason),
        "message": rejection.message,
    }


def write_json(
    out: IO[str],
    articles: Iterable[Article],
    rejections: Iterable[Rejected],
    *,
    events: Iterable[Event] = (),
    stories: Iterable[Story] = (),
    entities: Iterable[Entity] = (),
    quotes: Iterable[Quote] = (),
    dates: Iterable[DateMention] = (),
    timelines: Iterable[Timeline] = (),
    with_original: bool = False,
) -> None:
    """Write the export object to ``out``, one article at a time."""

    def write_list(name: str, items: Iterable[dict[str, Any]], last: bool = False) -> None:
        out.write(f' "{name}": [')
        for index, item in enumerate(items):
            out.write(",\n  " if index else "\n  ")
            out.write(json.dumps(item, ensure_ascii=False))
        out.write("\n ]" + ("" if last else ",") + "\n")

    out.write("{\n")
    write_list("articles", (article_json(a, with_original=with_original) for a in articles))
    write_list("events", (event_json(e) for e in events))
    write_list("stories", (story_json(s) for s in stories))
    write_list("entities", (asdict(e) for e in entities))
    write_list("quotes", (asdict(q) for q in quotes))
    write_list("dates", (date_json(d) for d in dates))
    write_list("timelines", (timeline_json(t) for t in timelines))
    write_list("rejected", (rejected_json(r) for r in rejections), last=True)
    out.write("}\n")
