"""Markup in text fields: a page to extract, or plain text with a few stray tags."""

from __future__ import annotations

import pytest

from storyline.clean.markup import looks_like_html, strip_stray_tags

PROSE = "Les délégations se sont retrouvées jeudi à Genève pour une troisième série de discussions.\n" * 12


@pytest.mark.parametrize("body", [
    "<p>Le texte</p><p>suite</p>",
    "Texte<br>suite",
    "  \n<!doctype html>\n<html lang=fr><body><p>x</p></body></html>",
    "\ufeff<html><body>Texte</body></html>",
    "<p>Premier paragraphe.</p>\n<p>Deuxième.</p>\nUne ligne sans balise.",
])
def test_markup_that_shapes_the_body_is_a_page(body):
    assert looks_like_html(body)


@pytest.mark.parametrize("body", [
    "a < b et c > d, <3",
    PROSE + "Vidéo : <iframe src=\"https://player.example/1\" width=\"500\"></iframe>\n",
    PROSE + "Balises permises : <a href=\"\" title=\"\"> <abbr title=\"\"> <b> <em> <i> <strong>\n",
    PROSE + "document.write('<strong>' + jour + '</strong>');\n",
    "",
])
def test_a_stray_tag_in_plain_text_is_not_a_page(body):
    assert not looks_like_html(body)


def test_stray_tags_go_and_block_tags_break_the_line():
    assert strip_stray_tags("Assaut final<br />Mystère sur le sort du président") == (
        "Assaut final\nMystère sur le sort du président")
    assert strip_stray_tags("Vidéo <iframe src=\"x\"></iframe> en ligne, <b>gras</b>.") == "Vidéo  en ligne, gras."
    assert strip_stray_tags("a < b et c > d") == "a < b et c > d"
