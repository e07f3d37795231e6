"""Publication dates inferred from the text: cue > dateline > latest weekday/explicit date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.clean.pubdate import infer_published

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cues
        ("Publié le 12 mars 2024 à 10h32\nLe texte de l'article.", ("2024-03-12", "cue")),
        ("Publie le 12 fevrier 2024\nSans accents.", ("2024-02-12", "cue")),
        ("Mis à jour le 3 février 2013\nLe texte.", ("2013-02-03", "cue")),
        (
            "Par Hélène Martin Publié le 02 février 2013 à 11h05 - Mis à jour le 03 février 2013 à 11h35",
            ("2013-02-02", "cue"),
        ),
        ("Published on November 7, 2024\nThe text.", ("2024-11-07", "cue")),
        ("Updated: 8 Nov 2024\nThe text.", ("2024-11-08", "cue")),
        ("Posted Thursday, November 7, 2024", ("2024-11-07", "cue")),
        ("Publié le 31/03/11 à 00h00", ("2011-03-31", "cue")),
        ("Le 12/03/2024 à 14h05\nLe texte.", ("2024-03-12", "cue")),
        ("12 mars 2024 à 10h32\nLe texte.", ("2024-03-12", "cue")),
        ("Publicado el 7 de noviembre de 2024", ("2024-11-07", "cue")),
        ("Pubblicato il 7 novembre 2024", ("2024-11-07", "cue")),
        # a cue beats a later, more explicit date
        ("Publié le 1er mars 2024\nLe sommet du 20 mai 2024 a eu lieu.", ("2024-03-01", "cue")),
        # datelines
        ("PARIS, 7 novembre 2024 (AFP) - Le président a parlé mercredi.", ("2024-11-07", "dateline")),
        ("7 novembre 2024 - Le conseil a voté.", ("2024-11-07", "dateline")),
        ("Lundi 4 novembre 2024\nLe conseil a voté.", ("2024-11-04", "dateline")),
        ("WASHINGTON, Nov. 7, 2024 (Reuters) - The senate voted.", ("2024-11-07", "dateline")),
        ("Giovedì 7 novembre 2024 - Roma", ("2024-11-07", "dateline")),
        # weekday without a year, resolved near the anchor year
        ("Le sommet a eu lieu jeudi 7 novembre. Le budget 2024 est adopté.", ("2024-11-07", "weekday")),
        ("On Thursday, November 7 the senate voted. The 2024 session ends.", ("2024-11-07", "weekday")),
        ("The vote took place on Thursday 7 November, as in 2024 plans.", ("2024-11-07", "weekday")),
        ("El miércoles 6 de noviembre hubo votos. Año 2024.", ("2024-11-06", "weekday")),
        # no year at all: the anchor is this year (2025): Thursday 7 November is 2024
        ("Le sommet a eu lieu jeudi 7 novembre.", ("2024-11-07", "weekday")),
        # explicit dates
        ("It happened on 2024-11-07 in Paris.", ("2024-11-07", "explicit")),
        ("La réunion du 07/11/2024 a été annulée.", ("2024-11-07", "explicit")),
        ("Le 1er mai 2024, manifestation. Le 15 août 2024, défilé.", ("2024-08-15", "explicit")),
        ("el jueves 7 de noviembre de 2024 se votó", ("2024-11-07", "explicit")),
        ("Le rapport, publié le 3 mars 2012, montre que rien n'a changé.", ("2012-03-03", "explicit")),
        # future context is skipped, the past date is kept
        (
            "Le sommet prévu le 12 décembre 2024 est annulé. Il s'est réuni le 3 mars 2024.",
            ("2024-03-03", "explicit"),
        ),
        ("Il restera jusqu'au 20 mai 2025. Le 2 mai 2025 il est venu.", ("2025-05-02", "explicit")),
        ("The summit is scheduled for May 20, 2025. It met on May 2, 2025.", ("2025-05-02", "explicit")),
        # latest of weekday and explicit
        ("Le 3 mars 2024, rien. Puis jeudi 7 novembre, le vote.", ("2024-11-07", "weekday")),
        # a weekday that contradicts its full date is no evidence
        (
            "Le mercredi 6 novembre 2024, la réunion. Le jeudi 6 novembre 2024, rien.",
            ("2024-11-06", "explicit"),
        ),
    ],
)
def test_inferred(text, expected):
    assert infer_published(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Aucune date dans ce texte, seulement des mots.",
        "Hier, mercredi, il a plu sur la ville.",
        "Le 31 février 2024 il a neigé.",  # invalid date
        "Le 30/02/2024 il a neigé.",
        "Le jeudi 6 novembre 2024, la réunion.",  # 6 November 2024 is a Wednesday
        "Le sommet est prévu le 12 décembre 2024.",  # future context only
        "The talks will resume on 12 December 2024.",
        "Elections are expected on 3 March 2024.",
        "La trêve durera jusqu'au 12 décembre 2024.",
        "Le congrès aura lieu le 12 décembre 2024.",
        "La fusée décollera le 12 décembre 2030.",  # after today
        "Publié le 12 décembre 2030",
        "Le 6 octobre 1981 le président fut tué. La révolution de 2011 a tout changé.",  # history
        "Mercredi 7 novembre, le conseil a voté. Le budget 2024 est adopté.",  # no Wednesday 7 Nov near 2024
        "Il a parlé en novembre 2024.",  # no day
        "Le 7 novembre, le conseil a voté.",  # no weekday, no year
    ],
)
def test_no_date(text):
    assert infer_published(text, today=TODAY) is None


def test_equally_near_years_are_ambiguous():
    # 1 March fell on a Sunday in 2020 and in 2026, three years either side of 2023.
    assert infer_published("Le dimanche 1er mars, la foule. Le plan 2023.", today=TODAY) is None


def test_anchor_year_ignores_future_years():
    today = date(2026, 6, 1)
    # Anchor 2024: Sunday 1 March is 2026 (two years on) rather than 2020 (four years back).
    assert infer_published("Le dimanche 1er mars, la foule. Le plan 2023, fini en 2024.", today=today) == (
        "2026-03-01",
        "weekday",
    )
    # "d'ici 2024" is a plan, not a year the text is written in: anchor 2023, a tie, no date.
    assert infer_published("Le dimanche 1er mars, la foule. Le plan 2023, fini d'ici 2024.", today=today) is None


def test_weekday_after_today_gives_nothing():
    # Anchor 2025 (this year): Friday 7 November 2025 is in the future.
    assert infer_published("Le vendredi 7 novembre, la réunion. En 2025.", today=TODAY) is None


def test_publication_beats_update():
    text = "Mis à jour le 5 mars 2024\nPublié le 4 mars 2024"
    assert infer_published(text, today=TODAY) == ("2024-03-04", "cue")


def test_title_line_is_skipped_for_the_dateline():
    text = "Titre de l'article\nLundi 4 novembre 2024\nLe texte."
    assert infer_published(text, title="Titre de l'article", today=TODAY) == ("2024-11-04", "dateline")


def test_today_defaults_to_the_real_today():
    assert infer_published("Publié le 12 mars 2024") == ("2024-03-12", "cue")


def test_weekday_date_of_an_undated_page_read_years_later():
    # The example: "jeudi 7 novembre" is 2024-11-07 among nearby years, even read in 2026.
    text = "Le président a reçu jeudi 7 novembre son homologue à l'Élysée."
    assert infer_published(text, today=date(2026, 11, 23)) == ("2024-11-07", "weekday")
    # A year in the text still makes a much older date history, not the publication day.
    old = "Le 6 octobre 1981, le président fut assassiné. En 2011, les manifestants l'ont rappelé."
    assert infer_published(old, today=date(2026, 11, 23)) is None
