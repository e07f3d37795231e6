"""The timeline stage on small hand-written stories (FakeEmbedder; no model), and its command.

The stories are fictional and written for these tests: a border crisis between Valdoria
and Kestria told by four outlets in French, with one English wire.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
from click.testing import CliRunner

from storyline.cli import cli
from storyline.embed import FakeEmbedder
from storyline.extract.temporal import find_dates
from storyline.records import Quote
from storyline.timeline import Doc, build_timeline
from storyline.timeline.dates import FEATURES, DateWeights, day_features, load_weights, order_days, rank_days
from storyline.timeline.evidence import gather

D = date.fromisoformat

DOCS = [
    Doc("a1", "Affrontements à la frontière.\nDes tirs ont éclaté lundi soir sur la cote 412 entre soldats valdoriens "
        "et kestriens, faisant 3 morts selon l'armée valdorienne.\nLe ministre a convoqué l'ambassadeur mardi matin "
        "pour protester officiellement.", D("2025-09-16"), "Le Courrier", "fr"),
    Doc("a2", "La cote 412 sous tension.\nLes combats de lundi sur la cote 412 ont fait 5 morts, selon une source "
        "kestrienne proche du dossier militaire.\n« Nous ne voulons pas la guerre avec nos voisins », a déclaré "
        "Anton Marek devant la presse.", D("2025-09-16"), "La Gazette", "fr"),
    Doc("a3", "Border clashes.\nFighting broke out on Monday on hill 412 between the two armies, officials said in "
        "the capital.\n\"We do not want war with our neighbours\", said Anton Marek at a press conference.",
        D("2025-09-15"), "Wire", "en"),
    Doc("a4", "Cessez-le-feu signé.\nLa Valdoria et la Kestria ont signé vendredi un accord de cessez-le-feu à Genève "
        "après deux semaines de négociations difficiles.\nLes affrontements du 15 septembre avaient fait plusieurs "
        "morts dans la vallée de la Sarn selon les deux armées.", D("2025-10-03"), "Le Courrier", "fr"),
    Doc("a5", "Genève : l'accord est signé.\nL'accord de cessez-le-feu signé vendredi à Genève prévoit le retrait "
        "des armes lourdes à cinq kilomètres de la frontière commune.\nLes négociations avaient commencé en "
        "septembre, après les affrontements meurtriers de la cote 412.", D("2025-10-03"), "La Gazette", "fr"),
    Doc("a6", "Un mois de trêve.\nLe cessez-le-feu tient depuis sa signature le 3 octobre à Genève, selon les "
        "observateurs de la mission internationale présents sur place.\nAucun incident grave n'a été signalé le "
        "long de la ligne de démarcation depuis cette date.", D("2025-11-03"), "Le Journal", "fr"),
]
MENTIONS = [m for d in DOCS for m in find_dates(d.id, d.text, d.lang, d.published)]
QUOTES = [
    Quote("a2", "Nous ne voulons pas la guerre avec nos voisins", 0, 10, "Anton Marek", "e-marek", "direct"),
    Quote("a6", "Nous ne voulons pas la guerre avec nos voisins", 0, 10, "Léna Dorsi", "e-dorsi", "direct"),
    Quote("a1", "protester", 0, 5, None, None, "partial"),
]
NAMES = {"e-marek": "Anton Marek", "e-dorsi": "Léna Dorsi"}


def timeline(**kwargs):
    return build_timeline(DOCS, MENTIONS, FakeEmbedder(), quotes=QUOTES, names=NAMES, **kwargs)


def test_days_named_by_several_outlets_come_first():
    ranked = rank_days(gather(DOCS, MENTIONS))
    top = {d for d, _ in ranked[:2]}
    assert top == {D("2025-09-15"), D("2025-10-03")}, ranked


def test_features_are_scaled_per_collection_and_weights_ship():
    days, x = day_features(gather(DOCS, MENTIONS))
    assert x.shape == (len(days), len(FEATURES)) and days == sorted(days)
    weights = load_weights()
    assert set(weights.features) <= set(FEATURES) and len(weights.coef) == len(weights.features)


def test_an_article_naming_a_day_over_and_over_counts_three_times():
    archive = Doc("z1", "Archives.\n" + " ".join(f"Le 2 juin, fait divers numéro {i}." for i in range(30))
                  + "\nLe 9 juin, la foire a ouvert.", D("2025-06-20"), "Le Local", "fr")
    wire = Doc("z2", "Le 9 juin, la foire a ouvert. Elle a fermé le 9 juin au soir.", D("2025-06-20"), "Wire", "fr")
    mentions = [m for d in (archive, wire) for m in find_dates(d.id, d.text, d.lang, d.published)]
    evidence = gather([archive, wire], mentions)
    assert len(evidence.days[D("2025-06-02")].mentions) == 30 and len(evidence.days[D("2025-06-09")].mentions) == 3
    days, x = day_features(evidence)
    times = dict(zip(days, x[:, FEATURES.index("mentions")]))
    assert times[D("2025-06-02")] == times[D("2025-06-09")] == 1.0  # both the collection's most


def test_days_are_ordered_by_the_blend_and_scored_by_the_pointwise_ranker():
    days = [D("2025-01-01"), D("2025-01-02"), D("2025-01-03")]
    x = np.zeros((3, len(FEATURES)))
    x[:, 0] = [1.0, 0.5, 0.0]  # the pointwise ranker likes the first column
    x[:, 1] = [0.0, 0.2, 1.0]  # the pairwise one the second
    coef, pair = [1.0] + [0.0] * (len(FEATURES) - 1), [0.0, 1.0] + [0.0] * (len(FEATURES) - 2)
    pointwise = DateWeights(tuple(coef), -0.5)
    assert [d for d, _ in order_days(days, x, pointwise)] == days
    mostly_pairwise = DateWeights(tuple(coef), -0.5, pair=tuple(pair), blend=0.25)
    ranked = order_days(days, x, mostly_pairwise)
    assert [d for d, _ in ranked] == days[::-1]
    assert dict(ranked) == {days[0]: 0.5, days[1]: 0.0, days[2]: -0.5}  # log-odds, as before


def test_t_dates_and_n_sentences_in_order_with_sources():
    tl = timeline(max_dates=2, sentences_per_date=1)
    assert [e.date for e in tl.entries] == ["2025-09-15", "2025-10-03"]
    for entry in tl.entries:
        assert len(entry.summary) == 1
        line = entry.summary[0]
        doc = next(d for d in DOCS if d.id == line.article_id)
        assert line.text in doc.text and line.article_id in entry.article_ids
        assert set(entry.sources) <= {d.source for d in DOCS}
    assert {"a4", "a5"} <= set(tl.entries[1].article_ids)


def test_lines_leave_out_links_language_notes_but_not_an_editors_words():
    from storyline.timeline.evidence import display_line

    assert display_line("Le ministère a interdit [en anglais] toute manifestation à Velda [2].") == \
        "Le ministère a interdit toute manifestation à Velda."
    assert display_line("Anton Marek [ar], porte-parole, a parlé [en farsi] lundi [pt-br].") == \
        "Anton Marek, porte-parole, a parlé lundi."
    from storyline.timeline.evidence import _usable

    # a note of the article's own is a reference, not what happened
    assert not _usable("(5) Lire Léna Dorsi, « La trêve de Velda », La Gazette de Kastel, mars 2025.")
    assert _usable("La trêve de Velda a été signée en mars 2025 après deux semaines de négociations à Kastel.")
    for kept in ("M. [Anton] Marek a dit qu'il [le] ferait [...] lundi.", "He said [it] was over.",
                 "Il en a [el] parlé [1999] et [Kestria] aussi."):
        assert display_line(kept) == kept


def test_a_sentence_tells_one_day_only():
    tl = timeline(max_dates=4, sentences_per_date=3)
    texts = [line.text for e in tl.entries for line in e.summary]
    assert len(texts) == len(set(texts))


def test_the_story_language_is_preferred_and_nothing_is_translated():
    tl = timeline(max_dates=2, sentences_per_date=2)
    assert tl.lang == "fr"
    first = tl.entries[0]
    assert all(line.lang == "fr" for line in first.summary)
    english = timeline(max_dates=2, sentences_per_date=1, lang="en").entries[0].summary[0]
    assert english.lang == "en" and english.article_id == "a3"


def test_start_and_end_restrict_the_articles():
    tl = timeline(start=D("2025-10-01"), end=D("2025-10-31"))
    assert tl.article_count == 2
    assert all("2025-10-01" <= e.date <= "2025-10-31" for e in tl.entries)


def test_outlets_giving_different_tolls_are_flagged():
    (entry,) = [e for e in timeline(max_dates=2).entries if e.date == "2025-09-15"]
    numbers = [d for d in entry.disagreements if d.kind == "number"]
    assert numbers and numbers[0].subject == "morts"
    assert dict(numbers[0].versions) == {"3 morts": ("a1",), "5 morts": ("a2",)}


def test_quotes_carry_their_canonical_speaker_and_a_later_report_is_no_disagreement():
    entries = {e.date: e for e in timeline(max_dates=3).entries}
    quotes = [q for e in entries.values() for q in e.quotes]
    assert all(len(q.text.split()) >= 3 for q in quotes)  # "protester" alone is no quote
    (quote,) = [q for q in quotes if q.text.startswith("Nous ne voulons")]
    assert set(quote.article_ids) == {"a2", "a6"} and quote.speaker in NAMES.values()
    # a6 gives the words to Léna Dorsi seven weeks later: maybe she said them then
    assert not [d for e in entries.values() for d in e.disagreements if d.kind == "speaker"]


def test_an_empty_collection_gives_an_empty_timeline():
    tl = build_timeline([], [], FakeEmbedder())
    assert tl.entries == () and tl.article_count == 0


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tl")
    for doc in DOCS:
        (folder / f"{doc.id}.jsonl").write_text(json.dumps(
            {"id": doc.id, "text": doc.text, "published": doc.published.isoformat(), "source": doc.source,
             "lang": doc.lang}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(folder / "s.db")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


def test_timeline_command_json_contract(demo_db):
    result = CliRunner().invoke(cli, ["timeline", "--all", "--db", demo_db, "--format", "json",
                                      "--max-dates", "2", "--sentences-per-date", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["story_id"] is None and len(data["entries"]) == 2
    for entry in data["entries"]:
        assert set(entry) >= {"date", "summary", "article_ids"} and len(entry["summary"]) == 1


def test_timeline_command_html_is_one_offline_page(demo_db, tmp_path):
    out = tmp_path / "t.html"
    stories = json.loads(CliRunner().invoke(cli, ["stories", "--db", demo_db, "--json"]).output)
    story = max(stories, key=lambda s: len(s["article_ids"]))["id"]
    result = CliRunner().invoke(cli, ["timeline", "--story", story, "--db", demo_db, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "http://" not in page and "https://" not in page and "<script src" not in page


@pytest.mark.parametrize("args, message", [
    (["--story", "nope"], "no story 'nope'"),
    ([], "--story ID"),
    (["--all", "--start", "2025-10-31", "--end", "2025-10-01"], "after --end"),
])
def test_timeline_command_errors_are_one_line(demo_db, args, message):
    result = CliRunner().invoke(cli, ["timeline", "--db", demo_db, *args])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_lines_leave_out_datelines_and_bullets():
    from storyline.timeline.evidence import Candidate

    def line(text: str) -> str:
        return Candidate(Doc("w", text, D("2025-09-16")), 0, len(text), False).line

    assert line("VELDA, 15 septembre (AFP) - Des tirs ont éclaté sur la cote 412.") == "Des tirs ont éclaté sur la cote 412."
    assert line("HONG KONG | Tue May 12 , 2009 8:56 am EDT HONG KONG -LRB- Reuters -RRB- - A virologist spoke .") == \
        "A virologist spoke ."
    assert line("* Sept 15 - Fighting breaks out on hill 412.") == "Sept 15 - Fighting breaks out on hill 412."
    # a bracket that is not an agency stays
    assert line("Apple (AAPL) has started making a new tablet.") == "Apple (AAPL) has started making a new tablet."


def test_lines_leave_out_photo_credits_and_page_stamps():
    from storyline.timeline.evidence import display_line

    lead = "Talks on the Velda river dam resumed in Geneva on Monday."
    for prefix in ("Photograph: Jane Roe/AP ", "Photo : Reuters ", "Photograph: Sam Poe for the Gazette ",
                   "Dam talks resume Monday 15 September 2025 09.12 BST ",
                   "Page last updated at 07:02 GMT, Monday, 15 September 2025 08:02 UK ",
                   "15 September 2025 Last updated at 15:41 GMT Help ",
                   "Kim Lee | 09:51 UK time, Monday, 15 September 2025 ",
                   "ET) -- ", "21h01 : ", "22 h 30 : ", "10:05 a.m. ET - ",
                   "Posté par Kim le 15 septembre 2025 à 18h20 ", "-- September 15 , 2025 2:43 PM ",
                   # what is left of a bracket the sentence splitter cut through
                   "Sunday ET) : ", "2:28 p.m. in Geneva -RRB- ", "(2:38) ", "(0115 in Geneva) ) "):
        assert display_line(prefix + lead) == lead, prefix
    # a blog's byline stamp alone is no candidate
    from storyline.timeline.evidence import _usable
    assert not _usable("Posted by Kim Lee on September 15, 2025 11:01 PM.")
    assert not _usable("-- September 15 , 2025 2:43 PM OH .")  # a live blog's entry stamp and one word
    # a time of day in the sentence itself stays, and so does a credit with no agency in it
    for sentence in ("The talks ended at 10:30 GMT on Monday 15 September 2025 without a deal.",
                     "The agency (IAEA) said the talks (in Geneva) would resume.",
                     "Photograph: Jane Roe The dam is seen from the north bank."):
        assert display_line(sentence) == sentence


def test_a_line_starting_with_a_dangling_pronoun_loses_to_a_close_one():
    from storyline.timeline.evidence import Candidate
    from storyline.timeline.summarize import summarize_days

    text = ("Il a annoncé lundi la signature de l'accord de cessez-le-feu à Genève devant la presse.\n"
            "Anton Marek a annoncé lundi la signature de l'accord de cessez-le-feu à Genève devant la presse.")
    doc = Doc("p1", text, D("2025-10-06"), "Le Courrier", "fr")
    cut = text.index("\n")
    candidates = [Candidate(doc, 0, cut, True), Candidate(doc, cut + 1, len(text), True)]
    picks = summarize_days({"2025-10-06": candidates}, FakeEmbedder(), 1)
    assert picks["2025-10-06"][0].candidate.line.startswith("Anton Marek")


class _Bilingual(FakeEmbedder):
    """FakeEmbedder that reads an English sentence as its French translation: a stand-in
    for a multilingual model in tests."""

    FRENCH = {"We do not want war with our neighbours": "Nous ne voulons pas la guerre avec nos voisins"}

    def embed(self, texts):
        return super().embed([self.FRENCH.get(t, t) for t in texts])


def test_a_quote_reported_in_two_languages_and_in_part_is_one_quote():
    from storyline.timeline.evidence import DayEvidence
    from storyline.timeline.sources import date_quotes

    day = "2025-09-16"
    docs = {d.id: d for d in (Doc("f1", "…", D(day), "Le Courrier", "fr"), Doc("e1", "…", D(day), "Wire", "en"),
                              Doc("f2", "…", D(day), "La Gazette", "fr"))}
    quotes = [
        Quote("f1", "Nous ne voulons pas la guerre avec nos voisins", 0, 1, "Anton Marek", "e-marek", "direct"),
        Quote("e1", "We do not want war with our neighbours", 0, 1, None, None, "direct"),
        # a run of the French quote's words, said by "le président" whom this report leaves unlinked
        Quote("f2", "ne voulons pas la guerre avec nos voisins", 0, 1, "le président", None, "direct"),
    ]
    chosen = {day: DayEvidence(day)}
    by_day, found = date_quotes(quotes, [], chosen, docs, NAMES, embedder=_Bilingual(), lang="fr")
    (quote,) = by_day[day]
    assert quote.article_ids == ("e1", "f1", "f2") and len(quote.sources) == 3
    assert quote.speaker == "Anton Marek" and quote.text.startswith("Nous ne voulons")
    assert not found.get(day)  # an unlinked role phrase does not disagree with a name
    (english,) = date_quotes(quotes, [], chosen, docs, NAMES, embedder=_Bilingual(), lang="en")[0][day]
    assert english.text == "We do not want war with our neighbours"
    # a model that does not read both languages leaves the translation apart
    apart = date_quotes(quotes, [], chosen, docs, NAMES, embedder=FakeEmbedder(), lang="fr")[0][day]
    assert sorted(q.article_ids for q in apart) == [("e1",), ("f1", "f2")]


def test_as_widely_reported_quotes_in_the_reader_language_come_first():
    from storyline.timeline.evidence import DayEvidence
    from storyline.timeline.sources import QUOTES_PER_DATE, date_quotes

    day = "2025-09-16"
    foreign = [Doc(f"s{i}", "…", D(day), None, "es") for i in range(QUOTES_PER_DATE)]
    docs = {d.id: d for d in (*foreign, Doc("f1", "…", D(day), None, "fr"))}
    said = ["No daremos ni un paso atrás", "La presa aguantará el invierno", "Los bancos abrirán el lunes",
            "El puerto sigue cerrado a los barcos", "Nadie saldrá de la ciudad esta noche"][:QUOTES_PER_DATE]
    quotes = [Quote(f"s{i}", text, 0, 1, "Anton Marek", "e-marek", "direct") for i, text in enumerate(said)]
    quotes.append(Quote("f1", "Nous tiendrons la vallée jusqu'au bout", 0, 1, None, None, "direct"))
    chosen = {day: DayEvidence(day)}
    shown = date_quotes(quotes, [], chosen, docs, NAMES, embedder=FakeEmbedder(), lang="fr")[0][day]
    assert shown[0].text == "Nous tiendrons la vallée jusqu'au bout"  # though its speaker is unknown
    shown = date_quotes(quotes, [], chosen, docs, NAMES, embedder=FakeEmbedder(), lang="es")[0][day]
    assert [q.text for q in shown] == sorted(said)


def test_a_free_translation_given_to_the_same_speaker_is_one_quote():
    import numpy as np

    from storyline.timeline.evidence import DayEvidence
    from storyline.timeline.sources import SAME_SPEAKER_COS, TRANSLATION_COS, date_quotes

    cos = (SAME_SPEAKER_COS + TRANSLATION_COS) / 2  # a free translation: below TRANSLATION_COS
    vectors = {"Il s'agit d'une agression préméditée contre nous": [1.0, 0.0],
               "This was a premeditated attack on us": [cos, (1 - cos ** 2) ** 0.5]}

    class Fixed:
        def embed(self, texts):
            return np.array([vectors[t] for t in texts])

    day = "2025-09-14"
    docs = {d.id: d for d in (Doc("f1", "…", D(day), "ACP", "fr"), Doc("e1", "…", D(day), "Herald", "en"))}
    french, english = list(vectors)
    chosen = {day: DayEvidence(day)}
    for english_speaker, joined in (("e-voss", True), ("e-hornek", False)):
        quotes = [Quote("f1", french, 0, 1, "Dmitar Voss", "e-voss", "direct"),
                  Quote("e1", english, 0, 1, "Ilja Hornek" if english_speaker == "e-hornek" else "Dmitar Voss",
                        english_speaker, "direct")]
        by_day, _ = date_quotes(quotes, [], chosen, docs, {}, embedder=Fixed(), lang="fr")
        assert (len(by_day[day]) == 1) is joined


def test_a_day_named_as_the_start_of_a_span_is_not_what_the_sentence_tells():
    doc = Doc("s1", "Le barrage a cédé le 28 janvier vers 4h40 après trois jours de pluie sur la vallée.\n"
              "Le corps d'une femme portée disparue depuis le 28 janvier a été retrouvé lundi en aval du village.",
              D("2026-02-03"), "ACP", "fr")
    evidence = gather([doc], find_dates(doc.id, doc.text, doc.lang, doc.published))
    day = evidence.days[D("2026-01-28")]
    assert len(day.mentions) == 2  # both sentences still count for the day
    assert [c.text for c in day.candidates.values() if c.explicit] == [doc.text.splitlines()[0]]


def test_a_day_the_collection_names_for_something_else_is_not_kept():
    story = [("2026-03-02", "The Lanvieux dam spillway gates were opened on March 2 as the reservoir rose above the alert level."),
             ("2026-03-04", "Engineers found a crack in the Lanvieux dam wall on March 4 and ordered the valley evacuated."),
             ("2026-03-06", "The Lanvieux dam wall gave way on March 6 and the reservoir flooded the valley villages below."),
             ("2026-03-09", "Rescuers searched the flooded valley below the Lanvieux dam on March 9 for the missing villagers."),
             ("2026-03-12", "The last missing villagers of the flooded valley were found alive on March 12 below the dam."),
             ("2026-03-16", "An inquiry into the Lanvieux dam and its reservoir opened on March 16 in the valley town hall.")]
    listing = "Brass band night: on March 5 the Rothwell Temperance Band plays marches and hymns live from Leeds."
    docs = [Doc(f"s{i}{k}", text, D(day) + (D("2026-03-11") - D("2026-03-10")) * (k + 1), f"Outlet {k}", "en")
            for i, (day, text) in enumerate(story) for k in range(2)]
    docs += [Doc(f"r{k}", listing, D("2026-03-01"), f"Radio {k}", "en") for k in range(4)]
    mentions = [m for d in docs for m in find_dates(d.id, d.text, d.lang, d.published)]
    assert D("2026-03-05") in gather(docs, mentions).days  # the listing's day is named, by more pages than any other
    tl = build_timeline(docs, mentions, FakeEmbedder(), max_dates=6, sentences_per_date=1, months=False)
    assert [e.date for e in tl.entries] == [day for day, _ in story]


def test_an_article_far_from_the_rest_of_its_story_is_left_out_in_its_language():
    from storyline.timeline.build import on_story_docs

    dam = ["The Lanvieux dam wall gave way and flooded the valley.", "Rescuers searched the flooded valley below the dam.",
           "An inquiry into the dam collapse and the flooded valley opened."]
    barrage = ["Le mur du barrage de Lanvieux a cédé et la vallée est inondée.",
               "Les secours fouillent la vallée inondée sous le barrage."]
    listing = "Brass band night: the Rothwell Temperance Band plays marches and hymns live from Leeds."
    docs = [Doc(f"e{n}", text, D("2026-01-28"), "Wire", "en") for n, text in enumerate([*dam, listing])]
    docs += [Doc(f"f{n}", text, D("2026-01-28"), "ACP", "fr") for n, text in enumerate(barrage)]
    vectors = dict(zip((d.id for d in docs), FakeEmbedder().embed([d.text for d in docs])))
    kept = [d.id for d in on_story_docs(docs, vectors)]
    assert kept == ["e0", "e1", "e2", "f0", "f1"]  # the French pair is too few to judge, and stays
    assert on_story_docs(docs, None) == docs and on_story_docs(docs, {}) == docs
    # build_timeline given the vectors leaves the listing out: its day is no longer named
    text = listing.replace("night:", "night: on March 5,")
    docs[3] = Doc("e3", text, D("2026-03-01"), "Radio", "en")
    mentions = [m for d in docs for m in find_dates(d.id, d.text, d.lang, d.published)]
    assert any(m.value == "2026-03-05" for m in mentions)
    vectors["e3"] = FakeEmbedder().embed([text])[0]
    tl = build_timeline(docs, mentions, FakeEmbedder(), vectors=vectors, max_dates=5, months=False)
    assert "2026-03-05" not in [e.date for e in tl.entries] and "e3" not in tl.entries[0].article_ids


def test_a_chronology_entry_tells_the_day_it_opens_on_only():
    doc = Doc("r1", "May 29 - The operator says the top kill maneuver, started on May 26, has failed to stop the leak.",
              D("2026-06-02"), "Wire", "en")
    evidence = gather([doc], find_dates(doc.id, doc.text, doc.lang, doc.published))
    assert [c.text for c in evidence.days[D("2026-05-29")].candidates.values()] == [doc.text]
    assert not evidence.days[D("2026-05-26")].candidates


def test_an_outlets_chronology_entry_for_the_day_is_preferred():
    chronology = "17 mars : le Conseil de sécurité vote une zone d'exclusion aérienne au-dessus de la Valdoria."
    docs = [
        *(Doc(f"c1{n}", "Le Conseil de sécurité a voté le 17 mars une zone d'exclusion aérienne, après des semaines "
              "de débats entre les membres permanents du Conseil.", D("2025-03-18"), source, "fr")
          for n, source in enumerate(("Le Courrier", "La Gazette", "Le Journal"))),
        Doc("c2", "Les dates clés.\n" + chronology + "\n18 mars : les premiers avions décollent de la base de Sarn.",
            D("2025-03-25"), "ACP", "fr"),
    ]
    mentions = [m for d in docs for m in find_dates(d.id, d.text, d.lang, d.published)]
    tl = build_timeline(docs, mentions, FakeEmbedder(), max_dates=5, sentences_per_date=1)
    (entry,) = [e for e in tl.entries if e.date == "2025-03-17"]
    assert [line.text for line in entry.summary] == [chronology]


def test_a_chronology_entry_republished_word_for_word_is_one_mention():
    entry = "17 mars : le Conseil de sécurité vote une zone d'exclusion aérienne au-dessus de la Valdoria."
    docs = [Doc(f"f{n}", f"Article numéro {n} sur la crise, avec ses propres phrases du jour.\n{entry}",
                D(f"2025-03-{20 + n}"), "ACP", "fr") for n in range(3)]
    mentions = [m for d in docs for m in find_dates(d.id, d.text, d.lang, d.published)]
    day = gather(docs, mentions).days[D("2025-03-17")]
    assert len(day.mentions) == 1 and len(day.candidates) == 3


def test_a_pronoun_sentence_right_after_another_chosen_one_is_read_with_it():
    from storyline.timeline.build import _lines
    from storyline.timeline.evidence import Candidate
    from storyline.timeline.summarize import Pick

    text = ("L'arrêté de catastrophe naturelle a été publié mardi pour quatre communes. "
            "Il doit accélérer l'indemnisation des propriétaires. La pluie a cessé mercredi.")
    doc = Doc("d1", text, D("2026-02-03"), "ACP", "fr")
    first, second, third = (text.index(s) for s in ("L'arrêté", "Il doit", "La pluie"))
    pick = {
        "arrete": Pick(Candidate(doc, first, second - 1, True), []),
        "il": Pick(Candidate(doc, second, third - 1, False), []),
        "pluie": Pick(Candidate(doc, third, len(text), False), []),
    }
    joined = "L'arrêté de catastrophe naturelle a été publié mardi pour quatre communes. " \
             "Il doit accélérer l'indemnisation des propriétaires."
    for order in (("arrete", "il"), ("il", "arrete")):  # whichever was chosen first
        assert [line.text for line in _lines([pick[k] for k in order])] == [joined]
    # a sentence that does not open on a pronoun stays a line of its own
    assert len(_lines([pick["il"], pick["pluie"]])) == 2


def test_a_joined_line_cites_the_copies_of_both_its_sentences():
    from storyline.timeline.build import _lines
    from storyline.timeline.evidence import Candidate
    from storyline.timeline.summarize import Pick

    text = "Le barrage a cédé lundi soir près de Tarbes. Il retenait deux millions de mètres cubes."
    doc, wire, radio = (Doc(i, text, D("2026-02-03"), s, "fr") for i, s in (("d1", "ACP"), ("d2", "Fil"), ("d3", "Radio")))
    second = text.index("Il retenait")
    first_pick = Pick(Candidate(doc, 0, second - 1, True), [Candidate(wire, 0, second - 1, True)])
    # the pronoun sentence was carried by another outlet, and by the line's own article's copy
    second_pick = Pick(Candidate(doc, second, len(text), False),
                       [Candidate(radio, second, len(text), False), Candidate(wire, second, len(text), False)])
    for order in ((first_pick, second_pick), (second_pick, first_pick)):
        (line,) = _lines(order)
        assert line.article_id == "d1" and sorted(line.also_in) == ["d2", "d3"]


def test_a_translation_of_a_chosen_line_is_no_second_line_but_another_outlet():
    from storyline.timeline.evidence import Candidate
    from storyline.timeline.summarize import summarize_days

    french = "Le corps de la troisième victime a été retrouvé lundi en aval du barrage de Lanvieux."
    english = "The body of the third victim was found on Monday downstream of the Lanvieux dam."
    other = "Le préfet a rouvert lundi la route de la vallée fermée depuis la rupture du barrage."
    embedder = _Bilingual()
    embedder.FRENCH = {english: french}
    fr = Doc("f1", f"{french}\n{other}", D("2026-02-02"), "ACP", "fr")
    en = Doc("e1", english, D("2026-02-02"), "Wire", "en")
    cut = len(french)
    candidates = [Candidate(fr, 0, cut, True), Candidate(fr, cut + 1, len(fr.text), True),
                  Candidate(en, 0, len(english), True)]
    (first, second) = summarize_days({"2026-02-02": candidates}, embedder, 2, lang="fr")["2026-02-02"]
    assert first.candidate.line == french and [c.doc.id for c in first.copies] == ["e1"]
    assert second.candidate.line == other
    # a model that does not read both languages keeps the English sentence apart
    apart = summarize_days({"2026-02-02": candidates}, FakeEmbedder(), 3, lang="fr")["2026-02-02"]
    assert [p.candidate.doc.id for p in apart] == ["f1", "f1", "e1"]


def test_another_wording_of_a_chosen_line_is_no_second_line():
    from storyline.timeline.evidence import Candidate
    from storyline.timeline.summarize import summarize_days

    # two editions of one chronology tell the day in nearly the same words
    first = "May 7 - The operator tries to lower the containment dome over the leak, but the dome fails."
    again = "May 7 - The operator tries to lower a containment dome over the leak, but the 100-tonne dome fails."
    other = "May 7 - The coast guard closes the northern fishing grounds to all boats until further notice."
    docs = [Doc(f"d{i}", text, D("2026-05-08"), f"Outlet {i}", "en") for i, text in enumerate((first, again, other))]
    candidates = [Candidate(doc, 0, len(doc.text), True) for doc in docs]
    lines = [p.candidate.line for p in summarize_days({"2026-05-07": candidates}, FakeEmbedder(), 2)["2026-05-07"]]
    assert len(lines) == 2 and other in lines and not {first, again} <= set(lines)


def test_a_day_told_mostly_in_another_language_keeps_its_sentences_in_the_wanted_one():
    from storyline.timeline.evidence import Candidate
    from storyline.timeline.summarize import _fold_copies, _prefilter

    english = [f"The dam wall gave way on Monday and flooded the valley, {who} said."
               for who in ("the prefect", "the mayor", "rescuers", "engineers", "the operator")]
    french = "Le mur du barrage a cédé lundi et la vallée de Lanvieux a été inondée dans la nuit."
    docs = [Doc(f"e{n}", text, D("2026-01-28"), "Wire", "en") for n, text in enumerate(english)]
    docs.append(Doc("f1", french, D("2026-01-28"), "ACP", "fr"))
    picks = _fold_copies([Candidate(doc, 0, len(doc.text), True) for doc in docs])
    assert "f1" not in [p.candidate.doc.id for p in _prefilter(picks, 2)]  # its words are the day's rarest
    assert "f1" in [p.candidate.doc.id for p in _prefilter(picks, 2, "fr")]


def test_a_line_cites_the_original_with_its_outlet_not_a_copy_of_unknown_origin():
    from storyline.timeline.evidence import Candidate
    from storyline.timeline.summarize import _fold_copies

    text = "Le barrage de Pra-Lorient a cédé mercredi vers 4h40 après trois jours de pluie."
    day = D("2026-01-28")
    scraped = Doc("a0", text, day, None, "fr", duplicate_of="tag:acp")  # sorts first by id
    original = Doc("tag:acp", text, day, "ACP", "fr")
    later = Doc("b1", text, D("2026-01-29"), "Le Courrier", "fr")
    (pick,) = _fold_copies([Candidate(d, 0, len(text), True) for d in (scraped, later, original)])
    assert pick.candidate.doc.id == "tag:acp" and [c.doc.id for c in pick.copies] == ["b1", "a0"]


def test_a_timeline_asked_in_another_language_is_headed_in_it_when_it_can_be():
    from storyline.records import Article, Event
    from storyline.timeline.service import _title_in

    def article(aid, title, lang):
        return Article(aid, aid, aid, title, "texte", "texte", f"{aid}.txt", lang=lang)

    articles = [article("fr1", "Rupture du barrage de Pra-Lorient", "fr"),
                article("en1", "Dam wall gives way in Alpine valley", "en"),
                article("en2", "Ski resort opens early", "en")]
    events = [Event("e1", "s1", "Rupture du barrage de Pra-Lorient", "2026-01-28", "2026-01-28", "2026-01-29",
                    ("fr1", "en1")),
              Event("e2", "s1", "Ski resort opens early", "2026-01-30", "2026-01-30", "2026-01-30", ("en2",))]
    assert _title_in("en", events, articles, {}) == "Dam wall gives way in Alpine valley"
    assert _title_in("fr", events, articles, {}) == "Rupture du barrage de Pra-Lorient"
    assert _title_in("es", events, articles, {}) is None  # the story keeps its title


def test_a_story_is_headed_by_the_most_central_report_of_its_largest_event_not_its_live_blog():
    from storyline.pipeline import central_headline
    from storyline.records import Event

    ids = ("live", "dam", "farm", "copy", "cut")
    event = Event("e1", "s1", "EN DIRECT : la vallée sous les eaux", "2026-01-28", "2026-01-28", "2026-01-29", ids)
    headlines = {"live": ("fr", "EN DIRECT : la vallée sous les eaux", False),
                 "dam": ("fr", "Le barrage de Pra-Lorient a cédé", False),
                 "farm": ("fr", "Les éleveurs de la vallée comptent leurs bêtes", False),
                 "copy": ("fr", "Le barrage de Pra-Lorient a cédé, trois villages évacués", True),
                 "cut": ("fr", "Le barrage de Pra-Lorient a cédé mercredi vers 4h40 après trois jours de …",
                         False)}
    rng = np.random.default_rng(3)
    core = rng.normal(size=16)
    vectors = {"live": core + rng.normal(size=16), "farm": core + 1.5 * rng.normal(size=16),
               "dam": core + 0.1 * rng.normal(size=16), "copy": core, "cut": core + 0.05 * rng.normal(size=16)}
    # the copy is nearest the centre and the cut first line next: the nearest whole original wins
    assert central_headline(event, "fr", headlines, vectors) == "Le barrage de Pra-Lorient a cédé"
    # no vectors: the first report, as before
    assert central_headline(event, "fr", headlines, {}) == "EN DIRECT : la vallée sous les eaux"
    assert central_headline(event, "es", headlines, vectors) is None


def _day_with(*sentences: tuple[str, str, str]):
    """A DayEvidence holding each (doc id, outlet, sentence) as a candidate."""
    from storyline.timeline.evidence import Candidate, DayEvidence

    ev = DayEvidence("2025-09-15")
    for doc_id, source, text in sentences:
        ev.add(Candidate(Doc(doc_id, text, D("2025-09-15"), source, "fr"), 0, len(text), True))
    return ev


def test_a_count_one_article_gives_twice_is_no_disagreement():
    from storyline.timeline.sources import number_disagreements

    same_thing = _day_with(("b1", "Le Courrier", "Les tirs ont fait 12 morts lundi à Mirovo."),
                           ("b2", "La Gazette", "Les tirs ont fait 15 morts lundi à Mirovo."))
    assert [d.subject for d in number_disagreements(same_thing)] == ["morts"]
    # one article counts the dead of a village and of the valley: "morts" is two things here
    two_things = _day_with(("b1", "Le Courrier", "Les tirs ont fait 12 morts à Mirovo et 30 morts dans la vallée."),
                           ("b2", "La Gazette", "Les tirs ont fait 15 morts lundi à Mirovo."))
    assert number_disagreements(two_things) == []


def test_people_count_only_with_what_happened_to_them():
    from storyline.timeline.sources import number_disagreements

    told = _day_with(("b1", "Le Courrier", "Les tirs ont fait 12 personnes tuées et 40 personnes blessées."),
                     ("b2", "La Gazette", "Au moins 15 personnes tuées lundi à Mirovo, selon l'armée."))
    assert [(d.subject, [v for v, _ in d.versions]) for d in number_disagreements(told)] == [
        ("personnes tuées", ["12 personnes tuées", "15 personnes tuées"])]
    # refugees at the border and a plane's passengers are no toll to disagree on
    untold = _day_with(("b1", "Le Courrier", "Quelque 5 000 personnes ont franchi la frontière depuis lundi."),
                       ("b2", "La Gazette", "Un avion a décollé de Kastel avec 10 personnes à bord."))
    assert number_disagreements(untold) == []


def test_among_quotes_as_widely_reported_a_named_speaker_comes_first():
    from storyline.timeline.evidence import DayEvidence
    from storyline.timeline.sources import date_quotes

    doc = Doc("q1", "Le texte.", D("2025-09-15"), "Le Courrier", "fr")
    quotes = [Quote("q1", f"Aucune citation numéro {n} ne passe avant", 0, 5, "la journée de jeudi", None, "direct")
              for n in range(3)]
    quotes.append(Quote("q1", "Zéro compromis sur la cote 412", 0, 5, "Anton Marek", "e-marek", "direct"))
    chosen = {"2025-09-15": DayEvidence("2025-09-15")}
    ranked, _ = date_quotes(quotes, [], chosen, {"q1": doc}, NAMES)
    assert ranked["2025-09-15"][0].speaker == "Anton Marek"


def test_a_tweet_or_a_photo_caption_is_no_line():
    text = ("Revue du web.\n@KastelWatch Photo des manifestants devant le palais lundi 15 septembre #sarn #kastel "
            "http://img.example/a1\nLes manifestants se sont rassemblés lundi devant le palais présidentiel de Kastel.")
    doc = Doc("w1", text, D("2025-09-16"), "Le Courrier", "fr")
    evidence = gather([doc], find_dates(doc.id, doc.text, doc.lang, doc.published))
    lines = [c.text for c in evidence.days[D("2025-09-15")].candidates.values()]
    assert lines == ["Les manifestants se sont rassemblés lundi devant le palais présidentiel de Kastel."]
    assert len(evidence.days[D("2025-09-15")].mentions) == 2  # the tweet still names the day


def test_one_article_giving_a_quote_two_speakers_is_no_outlets_disagreement():
    from storyline.timeline.evidence import DayEvidence
    from storyline.timeline.sources import date_quotes

    docs = {i: Doc(i, "Le texte.", D("2025-09-15"), source, "fr")
            for i, source in (("c1", "Le Courrier"), ("c2", "La Gazette"))}
    text = "Nous ne voulons pas la guerre avec nos voisins"
    chosen = {"2025-09-15": DayEvidence("2025-09-15")}
    within = [Quote("c1", text, 0, 5, "Anton Marek", "e-marek", "direct"),
              Quote("c1", text, 90, 95, "Léna Dorsi", "e-dorsi", "direct")]
    assert date_quotes(within, [], chosen, docs, NAMES)[1] == {}
    across = [within[0], Quote("c2", text, 0, 5, "Léna Dorsi", "e-dorsi", "direct")]
    (found,) = date_quotes(across, [], chosen, docs, NAMES)[1]["2025-09-15"]
    assert found.kind == "speaker" and dict(found.versions) == {"Anton Marek": ("c1",), "Léna Dorsi": ("c2",)}


def test_outlets_disagree_on_a_quotes_day_only_within_a_week_and_for_more_than_stock_words():
    from storyline.timeline.evidence import DayEvidence
    from storyline.timeline.sources import date_quotes

    def report(doc_id, source, words, day_text, published):
        text = f"« {words} », a déclaré Anton Marek {day_text}."
        doc = Doc(doc_id, text, D(published), source, "fr")
        quote = Quote(doc_id, words, 2, 2 + len(words), "Anton Marek", "e-marek", "direct")
        return doc, quote, find_dates(doc_id, text, "fr", doc.published)

    long, short = "Nous ne voulons pas la guerre avec nos voisins", "Nous finirons par vaincre"
    chosen = {d: DayEvidence(d) for d in ("2025-09-15", "2025-09-16", "2025-10-20")}
    for words, second_day, disagree in ((long, ("le mardi 16 septembre", "2025-09-17"), True),
                                        (short, ("le mardi 16 septembre", "2025-09-17"), False),
                                        (long, ("le lundi 20 octobre", "2025-10-21"), False)):  # five weeks on
        reports = [report("c1", "Le Courrier", words, "le lundi 15 septembre", "2025-09-16"),
                   report("c2", "La Gazette", words, *second_day)]
        docs = {doc.id: doc for doc, _, _ in reports}
        _, found = date_quotes([q for _, q, _ in reports], [m for _, _, ms in reports for m in ms], chosen, docs, NAMES)
        dates = [d for ds in found.values() for d in ds if d.kind == "date"]
        assert bool(dates) == disagree, (words, second_day)


def test_outlets_disagree_on_who_spoke_only_between_people_on_one_occasion():
    from storyline.timeline.evidence import DayEvidence
    from storyline.timeline.sources import date_quotes

    docs = {i: Doc(i, "Le texte.", published, source, "fr") for i, published, source in (
        ("c1", D("2025-09-15"), "Le Courrier"), ("c2", D("2025-09-17"), "La Gazette"), ("c3", D("2025-11-20"), "Wire"))}
    text = "Toutes les mesures nécessaires seront prises"
    chosen = {"2025-09-15": DayEvidence("2025-09-15")}
    names = {**NAMES, "loc:kastel": "Kastel"}
    persons = {"e-marek", "e-dorsi"}
    marek = Quote("c1", text, 0, 5, "Anton Marek", "e-marek", "direct")
    for other, disagree in ((Quote("c2", text, 0, 5, "Léna Dorsi", "e-dorsi", "direct"), True),
                            (Quote("c3", text, 0, 5, "Léna Dorsi", "e-dorsi", "direct"), False),  # two months on
                            (Quote("c2", text, 0, 5, "Kastel", "loc:kastel", "direct"), False)):  # a place
        ranked, found = date_quotes([marek, other], [], chosen, docs, names, persons=persons)
        assert bool(found) == disagree, other
        assert ranked["2025-09-15"][0].article_ids == ("c1", other.article_id)


def test_stories_are_headed_in_the_language_asked_where_they_can_be():
    from storyline.records import Article, Event, Story
    from storyline.timeline.service import titled_in

    def art(i, lang, title):
        return Article(id=i, content_key=i, text_hash=i, title=title, text=title, original_text=title, path="",
                       lang=lang)

    articles = {a.id: a for a in (art("es1", "es", "Alto el fuego en el valle del Sarn"),
                                  art("fr1", "fr", "Cessez-le-feu dans la vallée de la Sarn"),
                                  art("es2", "es", "Canje de prisioneros en Mirovo"))}

    class Store:
        def article_summaries(self):
            return [(a.id, a.title, None, a.lang, None, None) for a in articles.values()]

        def vectors(self, ids, model):
            return {}

    events = {"e1": Event("e1", "s1", "Alto el fuego en el valle del Sarn", "2025-10-21", None, None, ("es1", "fr1")),
              "e2": Event("e2", "s1", "Canje de prisioneros en Mirovo", "2026-01-09", None, None, ("es2",))}
    story = Story("s1", "Alto el fuego en el valle del Sarn", "2025-10-21", "2026-01-09", ("e1", "e2"),
                  ("es1", "fr1", "es2"))
    (french,), headed = titled_in(Store(), [story], events, "fr")
    assert french.title == "Cessez-le-feu dans la vallée de la Sarn"
    assert headed["e1"].title == french.title
    assert headed["e2"].title == "Canje de prisioneros en Mirovo"  # no French article: its own title stays
