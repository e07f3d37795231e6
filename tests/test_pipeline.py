"""End to end: a folder of scraped French text files with residue, no metadata, and broken files.

Every file must be accounted for (an article or a rejection), the residue gone, the
article sentences kept, and dates inferred only where the text supports them.
"""

from __future__ import annotations

import json
from datetime import date

from storyline.pipeline import ingest
from storyline.records import Reason

TODAY = date(2025, 12, 1)

SCRAPED = {
    # name: (content, sentences that must survive, residue that must go, expected date or None)
    "sommet.txt": (
        "Accueil | Monde | Europe | Politique\n"
        "Le sommet de Genève reporté à la demande de Kastel\n"
        "Partager.\n"
        "Publié le 12 novembre 2025 à 18h04\n"
        "Le sommet prévu à Genève entre les dirigeants de la Valdoria et de la Kestria a été reporté, "
        "a annoncé mercredi le porte-parole du gouvernement.\n"
        "A lire aussi :\n"
        "Frontière : les premiers observateurs arrivent dans la vallée\n"
        "« Nous restons engagés dans le dialogue », a déclaré Dmitar Voss devant la presse.\n"
        "Les discussions techniques doivent reprendre la semaine prochaine, selon un diplomate.\n"
        "Laisser une réponse\n"
        "Exit mobile version\n",
        ["Le sommet prévu à Genève entre les dirigeants de la Valdoria et de la Kestria a été reporté",
         "« Nous restons engagés dans le dialogue », a déclaré Dmitar Voss devant la presse.",
         "Les discussions techniques doivent reprendre la semaine prochaine, selon un diplomate."],
        ["Partager.", "A lire aussi :", "Frontière : les premiers observateurs arrivent dans la vallée",
         "Laisser une réponse", "Exit mobile version", "Accueil | Monde | Europe | Politique"],
        "2025-11-12",
    ),
    "appel.txt": (
        "Appel téléphonique entre Anton Marek et Léna Dorsi\n"
        "Le président valdorien Anton Marek et la Première ministre kestrienne Léna Dorsi se sont "
        "entretenus par téléphone jeudi 6 novembre, pour la première fois depuis le début de la crise.\n"
        "Selon le communiqué de la présidence, les deux dirigeants ont évoqué un cessez-le-feu.\n"
        "Retour en haut de la page\n",
        ["se sont entretenus par téléphone jeudi 6 novembre",
         "Selon le communiqué de la présidence, les deux dirigeants ont évoqué un cessez-le-feu."],
        ["Retour en haut de la page"],
        "2025-11-06",
    ),
    "sans-date.txt": (
        "Les inondations gagnent la vallée de la Sarna\n"
        "Nous utilisons des cookies pour améliorer votre expérience de navigation.\n"
        "La crue de la Sarna a atteint hier soir son plus haut niveau depuis trente ans, obligeant "
        "les secours à évacuer plusieurs villages.\n"
        "Mercredi, le préfet avait déjà ordonné la fermeture des écoles de la vallée.\n"
        "Partager sur Facebook\n",
        ["La crue de la Sarna a atteint hier soir son plus haut niveau depuis trente ans",
         "Mercredi, le préfet avait déjà ordonné la fermeture des écoles de la vallée."],
        ["Nous utilisons des cookies pour améliorer votre expérience de navigation.", "Partager sur Facebook"],
        None,
    ),
}


def write_folder(root):
    for name, (content, *_rest) in SCRAPED.items():
        (root / name).write_text(content, encoding="utf-8")
    (root / "vide.txt").write_text("")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (root / "windows.txt").write_bytes(
        "Élection régionale : le recomptage confirmé\n"
        "Le tribunal administratif a confirmé mardi le recomptage des voix dans l’arrondissement "
        "de Varno, où l’écart entre les deux candidats n’était que de douze suffrages.\n".encode("cp1252")
    )
    (root / "export.jsonl").write_text(
        '{"id": "x1", "title": "Trêve fragile", "text": "La trêve conclue dimanche reste fragile, '
        'selon les observateurs déployés le long de la frontière.", "published": "2025-11-09"}\n'
        '{"id": "x2", "title": "Coupé", "text": "Cette ligne a été tronq\n'
    )


def test_every_file_is_accounted_for(tmp_path, store):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_folder(inputs)
    report = ingest([str(inputs)], store, today=TODAY, quiet=True)

    articles = {a.path.rsplit("/", 1)[-1]: a for a in store.articles()}
    rejected = {(r.path.rsplit("/", 1)[-1], r.locator): r for r in store.rejections()}
    assert set(articles) == {"sommet.txt", "appel.txt", "sans-date.txt", "windows.txt", "export.jsonl"}
    assert rejected[("vide.txt", "")].reason == Reason.EMPTY
    assert rejected[("image.txt", "")].reason == Reason.NOT_TEXT
    assert rejected[("export.jsonl", "line 2")].reason == Reason.BAD_JSON
    assert report.added == 5 and report.rejected_total == 3
    for rejection in rejected.values():
        assert "\n" not in rejection.message and rejection.message

    for name, (_content, keep, gone, expected_date) in SCRAPED.items():
        article = articles[name]
        for sentence in keep:
            assert sentence in article.text, f"{name}: lost {sentence!r}"
        for residue in gone:
            assert residue not in article.text, f"{name}: kept residue {residue!r}"
        assert article.published == expected_date, name
        assert article.published_inferred == (expected_date is not None)
        assert article.lang == "fr"
        assert article.original_text  # the text as given stays retrievable

    assert "l'arrondissement" in articles["windows.txt"].text  # cp1252 decoded, apostrophe normalized
    assert articles["export.jsonl"].id == "x1" and articles["export.jsonl"].published == "2025-11-09"
    assert not articles["export.jsonl"].published_inferred


def test_reingest_is_a_no_op(tmp_path, store):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_folder(inputs)
    first = ingest([str(inputs)], store, today=TODAY, quiet=True)
    second = ingest([str(inputs)], store, today=TODAY, quiet=True)
    assert first.added == 5
    assert second.added == 0 and second.files_unchanged == second.files
    assert store.article_count() == 5
    assert len(list(store.rejections())) == 3

    # The same articles copied under another folder are recognised by content, not path.
    copy = tmp_path / "copy"
    copy.mkdir()
    write_folder(copy)
    third = ingest([str(copy)], store, today=TODAY, quiet=True)
    assert third.added == 0 and third.already_stored == 5
    assert store.article_count() == 5


def test_exact_copy_from_another_outlet_points_to_its_original(tmp_path, store):
    text = ("La Kestria a rappelé son ambassadeur à Kastel après l'incident frontalier de samedi, "
            "a indiqué le ministère des affaires étrangères dans un communiqué.")  # fmt: skip
    (tmp_path / "a.jsonl").write_text(
        f'{{"id": "orig", "title": "Ambassadeur rappelé", "text": "{text}", "source": "Kastel Times"}}\n'
        f'{{"id": "copy", "title": "Ambassadeur rappelé", "text": "{text}", "source": "La Gazette du Nord"}}\n'
    )
    report = ingest([str(tmp_path / "a.jsonl")], store, quiet=True)
    by_id = {a.id: a for a in store.articles()}
    assert report.added == 2 and report.duplicates == 1
    assert by_id["copy"].duplicate_of == "orig" and by_id["copy"].source == "La Gazette du Nord"
    assert by_id["orig"].duplicate_of is None


def test_clashing_input_ids_are_kept_recognisable(tmp_path, store):
    for n in (1, 2):
        (tmp_path / f"c{n}.jsonl").write_text(
            f'{{"id": "0", "text": "Dépêche {n} : les secours poursuivent les recherches dans la vallée inondée."}}\n'
        )
    ingest([str(tmp_path)], store, quiet=True)
    ids = sorted(a.id for a in store.articles())
    assert ids[0] == "0" and ids[1].startswith("0~")


def test_the_database_in_the_input_folder_is_not_an_input(tmp_path):
    from storyline.store import open_store

    (tmp_path / "a.txt").write_text("Titre\nLa crue de la Sarna a atteint son plus haut niveau depuis trente ans.\n")
    store = open_store(tmp_path / "inside.db")
    ingest([str(tmp_path)], store, quiet=True)
    second = ingest([str(tmp_path)], store, quiet=True)  # now -wal and -shm exist too
    assert store.article_count() == 1 and list(store.rejections()) == []
    assert second.rejected_total == 0
    store.close()


def test_a_record_without_title_gets_its_first_headline_like_line(tmp_path, store):
    (tmp_path / "x.jsonl").write_text(
        '{"id": "n1", "text": "2011-01-16\\nPar ACP\\nLes manifestants ont de nouveau envahi la place centrale de Kastel '
        'samedi, réclamant la démission du gouvernement."}\n',
        encoding="utf-8",
    )
    ingest([str(tmp_path / "x.jsonl")], store, quiet=True)
    (article,) = store.articles()
    assert article.title.startswith("Les manifestants ont de nouveau envahi la place centrale")
    assert len(article.title) <= 122


def test_a_blogs_series_note_and_link_notes_are_no_title(tmp_path, store):
    rows = [
        {"id": "g1", "text": "Ce billet fait partie de notre dossier sur les manifestations en Kestria 2025.\n"
                             "Les manifestants ont de nouveau envahi la place centrale de Kastel samedi [en anglais], "
                             "réclamant la démission du gouvernement."},
        {"id": "g2", "text": "[Liens en anglais ou en arabe] Le gouvernement de Kastel a fermé samedi le point de "
                             "passage de Velda, selon des blogueurs de la région."},
    ]
    (tmp_path / "gv.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                        encoding="utf-8")
    ingest([str(tmp_path / "gv.jsonl")], store, quiet=True)
    titles = {a.ext_id: a.title for a in store.articles()}
    assert titles["g1"].startswith("Les manifestants ont de nouveau envahi la place centrale de Kastel samedi, ")
    assert titles["g2"].startswith("Le gouvernement de Kastel a fermé samedi le point de passage de Velda")
    g1 = next(a for a in store.articles() if a.ext_id == "g1")
    assert "Ce billet" not in g1.text and "[en anglais]" in g1.text  # the stored text keeps what mentions point into


def test_a_title_taken_from_a_repeated_teaser_is_chosen_again(tmp_path, store):
    teaser = "Printemps annonce la fermeture de sept magasins du groupe"
    rows = []
    for n in range(4):
        body = (f"{teaser}\\nLe conseil municipal de la ville numéro {n} a voté un budget de {n + 3} millions "
                f"pour rénover les écoles du quartier {n}, a indiqué le maire lors d'une séance publique.")
        rows.append(f'{{"id": "m{n}", "text": "{body}"}}')
    (tmp_path / "pages.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ingest([str(tmp_path / "pages.jsonl")], store, quiet=True)
    for article in store.articles():
        assert teaser not in article.text
        assert article.title.startswith("Le conseil municipal de la ville numéro")


def test_a_scraped_text_with_stray_tags_keeps_its_article(tmp_path, store):
    """Plain text scraped from a page, with a script and a <br /> left in it, is text: read as
    a page, trafilatura kept the script (or found nothing) and the article was lost."""
    prose = ("Les manifestations qui réclament la démission du président Lorn Vasic sont entrées lundi dans leur "
             "quatrième semaine à Kastel, où les cortèges ont encore grossi malgré la pluie.\n"
             "Le gouvernement a promis des élections anticipées, sans en fixer la date.\n")
    script = ("function gvSend() {\nvar data = {\ntype: 'POST',\n}\n"
              "output += '<p class=\"error\">ERREUR : PAS DE RÉPONSE</p>';\n")
    rows = [{"id": "s1", "text": prose + script + "Partager\n"},
            {"id": "s2", "text": "Assaut final sur le palais<br />Mystère sur le sort du président\n" + prose}]
    (tmp_path / "scraped.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                            encoding="utf-8")
    report = ingest([str(tmp_path / "scraped.jsonl")], store, quiet=True)
    assert report.rejected_total == 0
    first, second = sorted(store.articles(), key=lambda a: a.id)
    assert first.title.startswith("Les manifestations qui réclament")
    assert "Le gouvernement a promis" in first.text
    assert "ERREUR" not in first.text and "<" not in first.text
    assert second.text.startswith("Assaut final sur le palais\nMystère sur le sort du président\n")
