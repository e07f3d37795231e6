"""Page residue: every residue line of the fixtures goes, every article line stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.clean.residue import (
    FAMILIES,
    RepeatedLines,
    classify_line,
    explain_residue,
    strip_residue,
)

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(("name", "lang"), [("residue_fr", "fr"), ("residue_en", "en"), ("residue_es_it", None)])
def test_fixture_keeps_article_lines_and_removes_the_rest(name, lang):
    raw = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    article = _lines((FIXTURES / f"{name}.keep.txt").read_text(encoding="utf-8"))
    kept, removed = strip_residue(raw, lang)
    assert _lines(kept) == article
    assert removed == [line for line in _lines(raw) if line not in article]


def test_fixture_lines_are_told_by_family():
    raw = (FIXTURES / "residue_fr.txt").read_text(encoding="utf-8")
    _, removed = explain_residue(raw, "fr")
    family = {item.line: item.family for item in removed}
    assert family["Partager sur Facebook"] == "share"
    assert family["Accueil > Monde > Europe"] == "menu"
    assert family["Tout accepter"] == "cookie"
    assert family["> > >"] == "generic"
    assert family["Photo : AFP"] == "generic"
    assert family["À lire aussi"] == "read_also"
    assert family["Le barrage de Soline inquiète les pêcheurs"] == "read_also"
    assert family["A lire aussi : Le sommet de Genève reporté à l'automne"] == "read_also"
    assert set(family.values()) <= set(FAMILIES)
    lines = raw.splitlines()
    assert all(lines[item.index] == item.line for item in removed)


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("A lire aussi :", "read_also"),
        ("Lire aussi", "read_also"),
        ("Voir aussi", "read_also"),
        ("Related News :", "read_also"),
        ("Related:", "read_also"),
        ("Read more:", "read_also"),
        ("Dans la même rubrique", "read_also"),
        ("Most read", "read_also"),
        ("Leer también", "read_also"),
        ("Leggi anche", "read_also"),
        ("» Le clan du colonel à la loupe", "read_also"),
        ("Ce billet fait partie de notre dossier sur la Valdoria.", "read_also"),
        ("Saisissez votre adresse e-mail fournie lors de votre inscription. Vous recevrez par email les "
         "instructions pour réinitialiser votre mot de passe.", "share"),
        ("Mot de passe oublié ?", "share"),
        ("Forgot your password?", "share"),
        ("This post is part of our special coverage of Kestria Protests 2025.", "read_also"),
        ("Este post forma parte de nuestra cobertura especial de las protestas en Valdoria.", "read_also"),
        ("Questo post fa parte dello speciale sulle proteste in Valdoria.", "read_also"),
        ("Este post es parte de nuestra cobertura especial Elecciones en Valdoria 2025.", "read_also"),
        ("Su navegador tiene las notificaciones bloqueadas. Para obtener más información sobre cómo "
         "desbloquear las notificaciones pulse sobre el enlace de más abajo.", "share"),
        ("¿Es un usuario nuevo? Regístrese", "share"),
        ("Ahora y solo aquí suscríbete por solo 2€ el primer mes", "share"),
        ("Síguenos en redes sociales:", "share"),
        ("Collegamenti ad aree di contenuto della pagina", "share"),
        ("Questo sito contribuisce all'audience di", "share"),
        ("Gazzetta di Valdoria | July 31, 2020", "generic"),
        ("Mundo | elvaldorio.es", "generic"),
        ("Contatti | Disclaimer | Privacy | Modifica consenso Cookie | Copyright", "menu"),
        ('var d_names = new Array("Domenica", "Lunedì", "Martedì", "Mercoledì",', "generic"),
        ('"Giovedì", "Venerdì", "Sabato");', "generic"),
        ('if (minutes < 10){minutes = "0"+minutes;}', "generic"),
        ("Menu di navigazione", "menu"),
        ("Partager.", "share"),
        ("Share this article", "share"),
        ("Laisser une réponse", "share"),
        ("Leave a reply", "share"),
        ("Commenter", "share"),
        ("37 commentaires", "share"),
        ("Exit mobile version", "share"),
        ("Aller au contenu", "share"),
        ("Skip to content", "share"),
        ("Imprimer", "share"),
        ("S'abonner", "share"),
        ("Subscribe", "share"),
        ("Abonnez-vous", "share"),
        ("Publicité", "share"),
        ("Advertisement", "share"),
        ("Offre spéciale - 2 mois pour 1€, sans engagement", "share"),
        ("Facebook Twitter LinkedIn", "share"),
        ("Home", "menu"),
        ("Politique", "menu"),
        ("International", "menu"),
        ("Économie", "menu"),
        ("Log in", "menu"),
        ("Accueil › Actualité › Politique", "menu"),
        ("Accueil > Régions > Bretagne", "menu"),
        ("Accueil | Valmont | Lisne | Politique | Sports | Faits divers", "menu"),
        ("This site uses cookies.", "cookie"),
        ("Nous utilisons des cookies.", "cookie"),
        ("Accept all", "cookie"),
        ("Tout accepter", "cookie"),
        ("www.exemple.org/article", "generic"),
        ("© 2024 Groupe Exemple", "generic"),
        ("Tous droits réservés", "generic"),
        ("All rights reserved.", "generic"),
        ("(Crédit : Reuters)", "generic"),
        ("Photo: Jean Exemple, archives AFP", "generic"),
        ("Temps de lecture : 4 min", "generic"),
        ("Le Journal avec AFP", "generic"),
        ("(Avec AFP et Reuters)", "generic"),
        ("var attemptCounter = 0;", "generic"),
        ("} else {", "generic"),
    ],
)
def test_residue_lines_are_classified(line, family):
    assert classify_line(line)[0] == family


@pytest.mark.parametrize(
    "line",
    [
        "Les deux pays veulent partager les ressources du fleuve.",
        "La boulangerie vend des cookies et des croissants depuis 1990.",
        "Il s'est entretenu avec l'AFP.",
        "Le ministre a voulu partager sa vision de l'Europe avec les députés.",
        "Share prices fell sharply after the announcement.",
        "Read more about the plan in the report, the minister said.",
        "— Dmitri Peskov",
        "Eman Hashim tweete :",
        "Politique étrangère : le ministre défend son bilan devant le Sénat.",
        "Publié le 12 mars 2024 à 10h32",
        "Lire aussi le rapport de la commission, a conseillé le député.",
        "Sport et culture sont les deux priorités du nouveau budget municipal.",
        "« Partager, c'est déjà gouverner », a-t-elle lancé.",
        "La Valdoria fait partie de notre dossier depuis des années.",
        "Le pirate a volé le mot de passe du ministre valdorien.",
        "Les notifications bloquées par le pare-feu valdorien ont privé les opposants de messages pendant trois "
        "jours.",
        "Le nouvel utilisateur du réseau valdorien a été arrêté mardi à Lisne.",
        "Kestria | Lisne, le 3 mars 2025, le ministre a parlé.",
        '"entre bombazo y bombazo",',
        '"la rivolta ha causato la morte di oltre mille persone di cui 600 a Lisne";',
        "Ce billet fait partie des plus lus de la semaine, car la Valdoria a voté hier dans le calme.",
    ],
)
def test_prose_with_trigger_words_is_kept(line):
    kept, removed = strip_residue(line, "fr")
    assert removed == []
    assert kept == line


def test_a_breadcrumb_ending_with_the_title_below_it_is_a_menu():
    text = ("Accueil Société Actu mondiale Je veux comprendre… la crise en Valdoria\n"
            "Je veux comprendre… la crise en Valdoria\n"
            "Accueil des réfugiés : la Valdoria ouvre trois centres à Lisne, a annoncé le ministre.\n"
            "La Valdoria ouvre trois centres à Lisne, a annoncé le ministre.")
    kept, removed = explain_residue(text, "fr")
    assert [(r.line, r.family) for r in removed] == [(text.splitlines()[0], "menu")]
    assert kept.splitlines() == text.splitlines()[1:]


def test_read_also_block_stops_at_the_first_sentence():
    text = "\n".join(
        [
            "Lire aussi",
            "Le barrage de Soline inquiète",
            "Trois questions sur la sécheresse",
            "La sécheresse touche désormais quatre départements, selon la préfecture.",
            "Un second titre court",
        ]
    )
    kept, removed = strip_residue(text, "fr")
    assert removed == text.splitlines()[:3]
    assert kept.splitlines() == text.splitlines()[3:]


def test_read_also_block_is_a_few_lines_at_most():
    headlines = [f"Titre court numéro {n}" for n in range(30)]
    kept, removed = strip_residue("\n".join(["Les plus lus", *headlines]), "fr")
    assert 1 < len(removed) < 15
    assert _lines(kept)


def test_a_share_line_ends_a_headline_list():
    text = "À lire aussi\nUn titre\nImprimer\nUn commentaire de lecteur sans point final"
    kept, _ = strip_residue(text, "fr")
    assert kept == "Un commentaire de lecteur sans point final"


def _doc(n: int, *extra: str) -> str:
    body = [
        f"Article {n}: the council of town number {n} voted on a budget of {n} million for roads and schools.",
        f"Residents of town {n} were divided, and a second vote is expected in the spring of year {n}.",
        f"The mayor of town {n} said the plan would be reviewed by an independent panel before any work.",
    ]
    return "\n".join([*body, *extra])


def test_repeated_lines_learns_site_boilerplate():
    detector = RepeatedLines()
    for n in range(4):
        detector.observe(_doc(n, "Charte de modération", "Les sites du Groupe Exemple"))
    assert detector.is_repeated("Charte de modération")
    assert detector.is_repeated("  charte de MODÉRATION ")
    assert not detector.is_repeated(_doc(0).splitlines()[0])
    kept, removed = explain_residue(_doc(9, "Les sites du Groupe Exemple"), "en", repeated=detector)
    assert [(r.line, r.family) for r in removed] == [("Les sites du Groupe Exemple", "repeated")]
    assert _lines(kept) == _lines(_doc(9))


def test_repeated_lines_needs_enough_different_documents():
    detector = RepeatedLines(min_docs=3)
    for n in range(2):
        detector.observe(_doc(n, "Plan du site exemple"))
    assert not detector.is_repeated("Plan du site exemple")


def test_syndicated_copies_are_not_boilerplate():
    detector = RepeatedLines()
    story = _doc(1)
    for site in ("Site A footer", "Site B footer", "Site C footer", "Site D footer"):
        detector.observe(f"{site}\n{story}")
    for line in story.splitlines():
        assert not detector.is_repeated(line)


def test_exact_duplicates_are_observed_once():
    detector = RepeatedLines()
    for _ in range(5):
        detector.observe(_doc(1, "Une ligne commune"))
    assert len(detector) == 1
    assert not detector.is_repeated("Une ligne commune")


def test_quote_introductions_are_never_repeated_residue():
    detector = RepeatedLines()
    for n in range(5):
        detector.observe(_doc(n, "Elle ajoute :"))
    kept, removed = strip_residue(_doc(7, "Elle ajoute :"), "fr", repeated=detector)
    assert removed == []


@given(
    st.lists(
        st.sampled_from(
            ["Partager", "Lire aussi", "Un titre court", "Une phrase complète d'article.", "", "Accueil > Monde",
             "© 2024 Exemple", "Les cookies du voisin sont bons.", "Newsletter", "— Un auteur", "Les plus lus"]
        )
        | st.text(max_size=40),
        max_size=30,
    )
)
def test_strip_residue_never_adds_text(lines):
    text = "\n".join(lines)
    source = text.splitlines()
    kept, removed = explain_residue(text)
    gone = {item.index for item in removed}
    # The kept text is the input minus the removed lines, in input order; nothing is added.
    assert kept == "\n".join(line for i, line in enumerate(source) if i not in gone)
    assert all(source[item.index] == item.line for item in removed)
    assert strip_residue(text) == (kept, [item.line for item in removed])


def test_a_quote_repeated_by_several_outlets_is_not_boilerplate():
    from storyline.clean.residue import RepeatedLines, strip_residue

    quote = "« Nous restons engagés dans le dialogue », a déclaré Dmitar Voss."
    teaser = "« Un hiver sans fin », le documentaire qu'il faut voir"
    docs = [
        f"Article {n} sur un sujet différent, numéro {n}, avec assez de mots pour une phrase entière ici.\n"
        f"{quote}\n{teaser}\nUne autre phrase propre à l'article {n}, elle aussi assez longue pour compter."
        for n in range(4)
    ]
    detector = RepeatedLines()
    for doc in docs:
        detector.observe(doc)
    kept, removed = strip_residue(docs[0], "fr", repeated=detector)
    assert quote in kept
    assert removed == [teaser]


_ARTICLE = [
    "Les ministres des deux pays se sont retrouvés à Genève mardi pour une troisième séance de négociations.",
    "Aucun accord n'a été signé, mais un nouveau rendez-vous a été fixé au 14 mars.",
]


@pytest.mark.parametrize(
    "comments",
    [
        # English blog comments: the stamp opens each comment
        ["March 29, 2011 at 12:43 am | Reply I have followed this story from the start.", "Nobody asked us."],
        # one stamp closing a comment, with its reply link
        ["What a farce -- July 30, 2011 at 10:06 pm | Reply", "(required, but will not be displayed)"],
        # "<time> on <date>, <name> wrote:"
        ["At 2:10 pm on 02 Jun 2009, lecteur42 wrote: This will end badly.", "At 18:40 23rd Mar 2010, jo wrote: No."],
        # French comment threads
        ["Le 12 mars 2011 à 18h20, Pierre a écrit : c'est faux.", "Quelle honte."],
        ["Nandi | 1 août 2013 14h48 | Le malheur des uns.", "Toto | 1 août 2013 15h02 | Bien dit.",
         "Lulu | 2 août 2013 09h10 | Non."],
        # a stamp and a moderator's trace where the comment was, then the next comment
        ["8th November 2011 - 17:42 This comment was removed because the moderators found it broke the house rules.",
         "9th November 2011 - 8:26 This seems a very harsh sentence to me."],
        ["Le 12/03/2011 à 18:20 Ce commentaire a été supprimé par la modération.", "Le 12/03/2011 à 18:31 Bravo."],
    ],
)
def test_readers_comments_go_from_the_first_stamp_to_the_end(comments):
    from storyline.clean.residue import comment_section

    lines = [*_ARTICLE, *comments]
    assert comment_section(lines) == len(_ARTICLE)
    kept, removed = explain_residue("\n".join(lines), "fr")
    assert _lines(kept) == _ARTICLE
    assert [(r.line, r.family) for r in removed] == [(line, "comments") for line in comments]


@pytest.mark.parametrize(
    "extra",
    [
        # a page header with a bare stamp, once
        ["Publié le 12/03/2011 à 18:20 | Mis à jour le 12/03/2011 à 19:02"],
        # a date and a time in prose
        ["La séance a repris le 12 mars 2011 à 18h20, a précisé le ministère."],
        # a dateline with a time
        ["GENÈVE | Tue May 12, 2009 8:56 am EDT"],
        # someone "wrote:" in the article, with no stamp
        ["Dans une tribune, le ministre a écrit : « Nous ne céderons pas. »"],
        # a removed message in the news itself, with no stamp before it
        ["The message was removed on 12 March 2011 at 18:20 after the ministry complained."],
    ],
)
def test_stamps_in_article_text_are_not_comments(extra):
    from storyline.clean.residue import comment_section

    lines = [*extra, *_ARTICLE]
    assert comment_section(lines) is None
    assert _lines(strip_residue("\n".join(lines), "fr")[0]) == lines


def test_a_sentence_an_outlet_reuses_in_a_few_of_many_pages_is_article_text():
    background = "Plus de 2 000 familles ont quitté la vallée depuis le début de la crue, selon la préfecture."
    prompts = ["Déjà abonné ? Connectez-vous", "Indiquez votre adresse e-mail"]

    def page(n: int) -> list[str]:
        body = _doc(n).splitlines()
        if n % 60 == 0:  # 5 pages of 300 reuse the background sentence, amid their own lines
            body.insert(2, background)
        if n % 50 == 0:  # a small site: 6 pages, its login prompts in a block mid-page
            body[2:2] = prompts
        return [*body, "Les sites du Groupe Exemple"]

    detector = RepeatedLines()
    for n in range(300):
        detector.observe("\n".join(page(n)))
    assert detector.needed() == 6  # 2% of 300 pages
    lines = page(60)
    assert background in lines
    kept, removed = explain_residue("\n".join(lines), "fr", repeated=detector)
    assert background in kept and [r.line for r in removed] == ["Les sites du Groupe Exemple"]
    lines = page(50)
    flags = dict(zip(lines, detector.boilerplate(lines)))
    assert flags == {**dict.fromkeys(lines, False), **dict.fromkeys([*prompts, "Les sites du Groupe Exemple"], True)}
    # at the bottom of a page, a line on 5 pages is the site's
    assert detector.boilerplate([*page(1), background])[-1]

    small = RepeatedLines()
    for n in range(5):
        small.observe(_doc(n, background))
    assert small.needed() == 3 and small.is_repeated(background)  # few pages: 3 suffice
    big = RepeatedLines()
    for n in range(2000):
        big.observe(_doc(n))
    assert big.needed() == 10  # never more than 10


def test_an_outlets_chronology_reused_across_articles_is_article_text():
    from storyline.clean.residue import is_chronology_entry

    factbox = ["17 mars - Le Conseil de sécurité vote une zone d'exclusion aérienne.",
               "19 mars - Les premières frappes visent les défenses antiaériennes."]
    detector = RepeatedLines()
    for n in range(6):
        detector.observe(_doc(n, *factbox, "Les sites du Groupe Exemple"))
    lines = _doc(0, *factbox, "Les sites du Groupe Exemple").splitlines()
    assert dict(zip(lines, detector.boilerplate(lines)))["Les sites du Groupe Exemple"]
    assert not any(flag for line, flag in zip(lines, detector.boilerplate(lines)) if line in factbox)
    assert all(is_chronology_entry(line) for line in factbox)
    assert not is_chronology_entry("Publié le 12 mars 2011 - 18:20")
    # a month in any of the four languages, written out or cut short; a weekday is no month
    assert all(is_chronology_entry(line) for line in (
        "March 17 - The Security Council votes a no-fly zone.", "Sept. 21 - Rebels enter the town of Sirte.",
        "17 de marzo: el Consejo de Seguridad vota una zona de exclusión.",
        "17 marzo - Il Consiglio di sicurezza vota una no-fly zone."))
    assert not is_chronology_entry("mardi 17 - le Conseil de sécurité vote une zone d'exclusion aérienne.")
