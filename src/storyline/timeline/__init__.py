"""The timeline stage: per story, the dates that matter, what happened on each, who said it.

:func:`build_timeline` (build.py) runs the steps in order on one collection of articles;
:func:`store_timelines` (service.py) feeds it a stored story; :func:`render` (render.py)
writes a timeline as Markdown, JSON or one self-contained HTML page.
"""

from storyline.timeline.build import MAX_DATES_DEFAULT, SENTENCES_DEFAULT, build_timeline
from storyline.timeline.evidence import Doc
from storyline.timeline.service import UnknownStory, article_refs, doc_of, store_timelines

__all__ = ["build_timeline", "store_timelines", "article_refs", "UnknownStory", "Doc", "doc_of",
           "MAX_DATES_DEFAULT", "SENTENCES_DEFAULT"]
