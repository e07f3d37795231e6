"""How good the extraction is: the annotated set, and NER agreement on French ML-Crisis.

:func:`eval_extract` runs :func:`storyline.extract.extract` over the paragraphs of
``tests/fixtures/extract/gold.json`` (written by us, see ``paragraphs.txt`` beside it), in
file order through one registry, as a stream would, and scores:

- **entities** (canonical names): gold mentions are every person, organisation and place
  name (span without determiner or title) and every role phrase that refers back to one.
  A predicted mention matches a gold one when their character spans have a Jaccard overlap
  of at least 0.5 (one-to-one, best overlaps first). Predicted entity ids are mapped to
  gold ids one-to-one, the pairs seen most often first, over the whole set: an entity
  split in two (Poutine here, Putin there) leaves one half unmapped and its mentions wrong.
  A mention is correct when it matches a gold mention and its entity maps to the gold id.
  Precision counts predicted PER/ORG/LOC mentions (MISC ones only when they match, since
  MISC is not annotated). ``span`` scores ignore the ids.
- **quotes**: a prediction matches a gold quote when their spans overlap by at least half
  the longer of the two (one-to-one). Quote P/R/F1 is on spans; speaker accuracy is over
  matched quotes (the predicted speaker entity mapped as above must equal the gold
  speaker; no speaker on both sides is right); ``with_speaker`` F1 needs both.
- **dates**: a prediction matches a gold expression when the spans overlap (one-to-one,
  largest overlap first). ``value_accuracy`` is the share of gold expressions whose match
  has exactly the gold value (an unresolvable gold value must come out unresolved);
  ``detection`` is P/R/F1 on spans.

:func:`ner_agreement_mlcrisis` compares the model's raw NER with the pipeline's mentions on
the French ML-Crisis articles, read at run time from ``../shared/eval`` (never copied).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from storyline.extract import extract
from storyline.extract.canonical import EntityRegistry
from storyline.extract.ner import NER, NerSpan, SpacyNER
from storyline.extract.records import ExtractionResult
from storyline.records import Article

__all__ = ["eval_extract", "format_extract_report", "ner_agreement_mlcrisis", "format_agreement",
           "gold_articles", "load_gold", "FIXTURES", "RecordingNER"]

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "extract"


def load_gold(fixtures_dir: Path | str | None = None) -> dict:
    path = Path(fixtures_dir or FIXTURES) / "gold.json"
    if not path.is_file():
        raise FileNotFoundError(f"annotated set not found at {path}; run from a checkout of the project "
                                "(tests/fixtures/extract/gold.json)")
    return json.loads(path.read_text(encoding="utf-8"))


def gold_articles(gold: dict) -> list[Article]:
    return [Article(id=d["id"], content_key=d["id"], text_hash=d["id"], title="", text=d["text"],
                    original_text=d["text"], path="gold.json", lang=d["lang"], published=d["published"])
            for d in gold["documents"]]


def _prf(correct: int, predicted: int, gold: int) -> dict:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "correct": correct, "predicted": predicted, "gold": gold}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]], accept) -> dict[int, int]:
    """One-to-one gold index -> pred index, best overlaps first, pairs passing ``accept``."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            inter = _overlap(g, p)
            if inter and accept(g, p, inter):
                union = max(g[1], p[1]) - min(g[0], p[0])
                pairs.append((inter / union, i, j))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), {}
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            out[i] = j
            used_g.add(i)
            used_p.add(j)
    return out


def _jaccard_half(g, p, inter) -> bool:
    return inter / (max(g[1], p[1]) - min(g[0], p[0])) >= 0.5


def _half_longer(g, p, inter) -> bool:
    return inter >= 0.5 * max(g[1] - g[0], p[1] - p[0])


def _any(g, p, inter) -> bool:
    return True


def _entity_map(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Predicted entity id -> gold id, one-to-one, most frequent pairs first."""
    counts = Counter(pairs)
    mapping, used = {}, set()
    for (pred, gold), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if pred not in mapping and gold not in used:
            mapping[pred] = gold
            used.add(gold)
    return mapping


def score(gold: dict, result: ExtractionResult) -> dict:
    """Scores of one extraction result against the annotated set (rules in the module docstring)."""
    docs = gold["documents"]
    by_doc = {d["id"]: ExtractionResult() for d in docs}
    for m in result.mentions:
        by_doc[m.article_id].mentions.append(m)
    for q in result.quotes:
        by_doc[q.article_id].quotes.append(q)
    for x in result.dates:
        by_doc[x.article_id].dates.append(x)
    # entities: span matches first, then the id mapping over the whole set
    matched_mentions = []  # (doc, gold mention, predicted mention)
    predicted_counted = 0
    gold_total = 0
    span_errors: list[str] = []
    for d in docs:
        preds = by_doc[d["id"]].mentions
        matches = _match([(g["start"], g["end"]) for g in d["entities"]], [(m.start, m.end) for m in preds],
                         _jaccard_half)
        gold_total += len(d["entities"])
        matched_pred = set(matches.values())
        predicted_counted += sum(1 for j, m in enumerate(preds) if m.label != "MISC" or j in matched_pred)
        matched_mentions += [(d, d["entities"][i], preds[j]) for i, j in matches.items()]
        span_errors += [f"{d['id']}: missed {g['text']!r} ({g['id']})" for i, g in enumerate(d["entities"])
                        if i not in matches]
        span_errors += [f"{d['id']}: spurious {m.text!r} {m.label} ({m.how})" for j, m in enumerate(preds)
                        if j not in matched_pred and m.label != "MISC"]
    mapping = _entity_map([(m.entity_id, g["id"]) for _, g, m in matched_mentions])
    correct = sum(1 for _, g, m in matched_mentions if mapping.get(m.entity_id) == g["id"])
    entities = {
        **_prf(correct, predicted_counted, gold_total),
        "span": _prf(len(matched_mentions), predicted_counted, gold_total),
        "canonical_accuracy_on_matched": round(correct / len(matched_mentions), 4) if matched_mentions else 0.0,
        "errors": [f"{d['id']}: {g['text']!r} gold {g['id']} -> {m.entity_id} ({mapping.get(m.entity_id)})"
                   for d, g, m in matched_mentions if mapping.get(m.entity_id) != g["id"]] + span_errors,
    }
    # quotes
    q_matched = q_pred = q_gold = speaker_right = kind_right = 0
    q_errors = []
    for d in docs:
        preds = by_doc[d["id"]].quotes
        golds = d["quotes"]
        matches = _match([(g["start"], g["end"]) for g in golds], [(q.start, q.end) for q in preds], _half_longer)
        q_pred += len(preds)
        q_gold += len(golds)
        q_matched += len(matches)
        for i, j in matches.items():
            predicted_speaker = mapping.get(preds[j].speaker_entity_id) if preds[j].speaker_entity_id else None
            ok = predicted_speaker == golds[i]["speaker"]
            speaker_right += ok
            kind_right += preds[j].kind == golds[i]["kind"]
            if not ok:
                q_errors.append(f"{d['id']}: speaker {preds[j].speaker!r} ({predicted_speaker}) for gold "
                                f"{golds[i]['speaker']}: {golds[i]['text'][:50]!r}")
        q_errors += [f"{d['id']}: missed {golds[i]['kind']} {golds[i]['text'][:60]!r}"
                     for i in range(len(golds)) if i not in matches]
        q_errors += [f"{d['id']}: spurious {preds[j].kind} {preds[j].text[:60]!r}"
                     for j in range(len(preds)) if j not in set(matches.values())]
    quotes = {
        **_prf(q_matched, q_pred, q_gold),
        "speaker_accuracy": round(speaker_right / q_matched, 4) if q_matched else 0.0,
        "with_speaker": _prf(speaker_right, q_pred, q_gold),
        "kind_accuracy": round(kind_right / q_matched, 4) if q_matched else 0.0,
        "errors": q_errors,
    }
    # dates
    d_matched = d_pred = d_gold = value_right = 0
    d_errors = []
    for d in docs:
        preds = by_doc[d["id"]].dates
        golds = d["dates"]
        matches = _match([(g["start"], g["end"]) for g in golds], [(x.start, x.end) for x in preds], _any)
        d_pred += len(preds)
        d_gold += len(golds)
        d_matched += len(matches)
        for i, g in enumerate(golds):
            if i in matches:
                got = preds[matches[i]].value
                if got == g["value"]:
                    value_right += 1
                else:
                    d_errors.append(f"{d['id']} ({d['published']}): {g['text']!r} gold {g['value']} got {got}")
            else:
                d_errors.append(f"{d['id']}: missed {g['text']!r} ({g['value']})")
        d_errors += [f"{d['id']}: spurious {preds[j].text!r} -> {preds[j].value}"
                     for j in range(len(preds)) if j not in set(matches.values())]
    dates = {
        "value_accuracy": round(value_right / d_gold, 4) if d_gold else 0.0,
        "value_accuracy_on_matched": round(value_right / d_matched, 4) if d_matched else 0.0,
        "detection": _prf(d_matched, d_pred, d_gold),
        "with_value": _prf(value_right, d_pred, d_gold),
        "errors": d_errors,
    }
    return {"entities": entities, "quotes": quotes, "dates": dates}


def eval_extract(fixtures_dir: Path | str | None = None, *, ner: NER | None = None,
                 registry: EntityRegistry | None = None) -> dict:
    """P/R/F1 for canonical entities, quotes (+ speaker accuracy) and date values on the annotated set."""
    gold = load_gold(fixtures_dir)
    articles = gold_articles(gold)
    registry = registry or EntityRegistry()
    started = time.perf_counter()
    result = extract(articles, registry, ner=ner)
    seconds = time.perf_counter() - started
    report = {"size": _size(gold), "seconds": round(seconds, 3), "all": score(gold, result)}
    parts = [("lang", v) for v in sorted({d["lang"] for d in gold["documents"]})]
    parts += [("set", v) for v in sorted({d.get("set", "dev") for d in gold["documents"]})]
    for field, value in parts:
        subset = {"entities": gold["entities"],
                  "documents": [d for d in gold["documents"] if d.get(field, "dev") == value]}
        ids = {d["id"] for d in subset["documents"]}
        part = ExtractionResult(
            mentions=[m for m in result.mentions if m.article_id in ids],
            quotes=[q for q in result.quotes if q.article_id in ids],
            dates=[x for x in result.dates if x.article_id in ids])
        report[value] = score(subset, part)
    report["not_analysed"] = [f"{n.article_id}: {n.reason}: {n.message}" for n in result.not_analysed]
    return report


def _size(gold: dict) -> dict:
    docs = gold["documents"]
    return {"paragraphs": len(docs), "by_lang": dict(Counter(d["lang"] for d in docs)),
            "by_set": dict(Counter(d.get("set", "dev") for d in docs)),
            "entity_mentions": sum(len(d["entities"]) for d in docs), "entities": len(gold["entities"]),
            "quotes": sum(len(d["quotes"]) for d in docs), "dates": sum(len(d["dates"]) for d in docs)}


def format_extract_report(report: dict, errors: bool = False) -> str:
    size = report["size"]
    lines = [f"annotated set: {size['paragraphs']} paragraphs {size['by_lang']} {size['by_set']}, "
             f"{size['entity_mentions']} entity "
             f"mentions of {size['entities']} entities, {size['quotes']} quotes, {size['dates']} dates "
             f"({report['seconds']:.1f} s)",
             f"{'part':<8} {'entity P/R/F1':<22} {'quote P/R/F1':<22} {'speaker':>8} {'date value acc':>15} "
             f"{'date detect F1':>15}"]
    for part in [k for k in report if k != "size" and isinstance(report[k], dict) and "quotes" in report[k]]:
        e, q, d = report[part]["entities"], report[part]["quotes"], report[part]["dates"]
        lines.append(f"{part:<8} {e['precision']:.3f}/{e['recall']:.3f}/{e['f1']:.3f}    "
                     f"{q['precision']:.3f}/{q['recall']:.3f}/{q['f1']:.3f}    {q['speaker_accuracy']:>8.3f} "
                     f"{d['value_accuracy']:>15.3f} {d['detection']['f1']:>15.3f}")
    if errors:
        for kind in ("entities", "quotes", "dates"):
            lines.append(f"-- {kind} errors")
            lines += ["  " + e for e in report["all"][kind]["errors"]]
    return "\n".join(lines)


class RecordingNER:
    """Wraps a NER and keeps what it found per text, so raw NER and the pipeline share one run."""

    def __init__(self, inner: NER) -> None:
        self.inner = inner
        self.name = inner.name
        self.seen: dict[str, list[NerSpan]] = {}
        self.seconds = 0.0

    def supports(self, lang: str | None) -> bool:
        return self.inner.supports(lang)

    def entities(self, texts: Sequence[str], lang: str) -> list[list[NerSpan]]:
        started = time.perf_counter()
        found = self.inner.entities(texts, lang)
        self.seconds += time.perf_counter() - started
        for text, spans in zip(texts, found):
            self.seen[text] = spans
        return found


def load_mlcrisis_fr(eval_dir: Path | str | None = None, limit: int | None = None) -> list[Article]:
    """The French ML-Crisis articles, cleaned as the pipeline cleans them (read at run time)."""
    from storyline.evaluate.corpora import EvalDataMissing, load_corpus

    try:
        corpus = load_corpus("mlcrisis", Path(eval_dir) if eval_dir else None)
    except EvalDataMissing as exc:
        raise FileNotFoundError(str(exc)) from exc
    articles = [a for a in corpus.articles if a.lang == "fr"]
    return articles[:limit] if limit else articles


def ner_agreement_mlcrisis(eval_dir: Path | str | None = None, *, limit: int | None = None,
                           ner: NER | None = None) -> dict:
    """The md model's raw NER against the full pipeline's mentions on French ML-Crisis.

    Raw mentions are the model's PER/ORG/LOC/MISC spans as is; the pipeline's are after
    tidying (titles and determiners off, calendar words dropped), known names added and
    role phrases linked. Agreement: a pipeline mention agrees with a raw one when their
    spans overlap with Jaccard >= 0.5 (one-to-one); ``f1`` takes the raw NER as reference.
    Also: how many distinct surface forms the raw NER gives vs distinct canonical entities.
    Raises FileNotFoundError (with the path tried) when the corpus is absent.
    """
    articles = load_mlcrisis_fr(eval_dir, limit)
    recorder = RecordingNER(ner or SpacyNER())
    registry = EntityRegistry()
    started = time.perf_counter()
    result = extract(articles, registry, ner=recorder)
    seconds = time.perf_counter() - started
    by_article: dict[str, list] = {a.id: [] for a in articles}
    for m in result.mentions:
        by_article[m.article_id].append(m)
    raw_total = pipe_total = agree = same_label = 0
    added = Counter()
    surfaces, by_type = set(), Counter()
    for article in articles:
        raw = recorder.seen.get(article.text, [])
        mine = by_article[article.id]
        matches = _match([(s.start, s.end) for s in raw], [(m.start, m.end) for m in mine], _jaccard_half)
        raw_total += len(raw)
        pipe_total += len(mine)
        agree += len(matches)
        same_label += sum(1 for i, j in matches.items() if raw[i].label == mine[j].label)
        matched = set(matches.values())
        for j, m in enumerate(mine):
            if j not in matched:
                added[m.how] += 1
        surfaces.update((article.text[s.start:s.end], s.label) for s in raw)
    for e in registry.entities():
        by_type[e.type] += 1
    return {
        "articles": len(articles), "seconds": round(seconds, 1), "ner_seconds": round(recorder.seconds, 1),
        "raw_mentions": raw_total, "pipeline_mentions": pipe_total, "agreeing": agree,
        "agreement": _prf(agree, pipe_total, raw_total),
        "label_agreement_on_matched": round(same_label / agree, 4) if agree else 0.0,
        "dropped_raw": raw_total - agree, "added_by": dict(added),
        "raw_distinct_surface_forms": len(surfaces), "canonical_entities": len(registry.entities()),
        "canonical_by_type": dict(by_type),
    }


def format_agreement(report: dict) -> str:
    a = report["agreement"]
    return (f"NER agreement on French ML-Crisis ({report['articles']} articles, {report['seconds']} s, "
            f"NER {report['ner_seconds']} s): raw md NER {report['raw_mentions']} mentions, pipeline "
            f"{report['pipeline_mentions']}; agreeing {report['agreeing']} (P {a['precision']:.3f} / R "
            f"{a['recall']:.3f} / F1 {a['f1']:.3f}, raw as reference); same label on "
            f"{report['label_agreement_on_matched']:.3f} of those; raw dropped {report['dropped_raw']}, "
            f"pipeline added {report['added_by']}; {report['raw_distinct_surface_forms']} distinct raw "
            f"(surface, label) -> {report['canonical_entities']} canonical entities {report['canonical_by_type']}")


def main(argv: list[str] | None = None) -> int:
    """``python -m storyline.extract.evaluate [--errors] [--mlcrisis]`` (what ``storyline eval extract`` runs)."""
    import argparse

    parser = argparse.ArgumentParser(description="Score the extract stage on the annotated set.")
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--mlcrisis", action="store_true", help="also NER agreement on French ML-Crisis (~75 s)")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    args = parser.parse_args(argv)
    report = eval_extract()
    if args.mlcrisis:
        try:
            report["mlcrisis_agreement"] = ner_agreement_mlcrisis()
        except FileNotFoundError as exc:
            report["mlcrisis_agreement"] = {"skipped": str(exc)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(format_extract_report(report, errors=args.errors))
    agreement = report.get("mlcrisis_agreement")
    if agreement:
        print(f"skipped: {agreement['skipped']}" if "skipped" in agreement else format_agreement(agreement))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
