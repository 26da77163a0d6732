from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from eventwire.errors import BadJsonLine, InputError, MissingPath, NoArticles, NoArticleText
from eventwire.ingest import ReadOptions, read_articles
from eventwire.ingest.decode import InputWarning
from eventwire.records import Article

ARTICLE = (
    "Ministers from both countries met in Geneva on Monday to discuss a ceasefire along the front line.\n\n"
    "The talks lasted four hours, officials said, and will continue later this month in the same city.\n"
)


def read(*paths, **opts):
    return list(read_articles([str(p) for p in paths], ReadOptions(**opts)))


def test_plain_text_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    (art,) = read(f)
    assert isinstance(art, Article)
    assert art.text.startswith("Ministers from both countries")
    assert art.id == art.hash and len(art.hash) == 16
    assert art.source == str(f)


def test_same_content_same_hash_whatever_the_whitespace(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE)
    b.write_text(ARTICLE.replace(" ", "  ") + "\n\n")
    assert read(a)[0].hash == read(b)[0].hash


def test_html_page_gives_text_and_metadata(fixtures):
    (art,) = read(fixtures / "pages" / "ministry-talks.html")
    assert art.title == "Foreign ministers meet in Vienna over grain corridor"
    assert art.outlet == "The Daily Ledger"
    assert art.byline == "Maria Keller"
    assert art.published == "2023-07-12"
    assert art.text.startswith("The foreign ministers of Turkey and Egypt")
    assert "Geneva." in art.text
    for junk in ("cookies", "Most read", "All rights reserved", "Privacy policy"):
        assert junk not in art.text


def test_jsonl_fields_and_ids(tmp_path):
    f = tmp_path / "feed.jsonl"
    rows = [
        {
            "id": "n-1",
            "text": ARTICLE,
            "title": "Ceasefire talks",
            "published": "2024-03-04T10:00:00Z",
            "url": "https://example.org/1",
            "outlet": "Example Wire",
        },
        {
            "id": 2,
            "html": "<html><body><article><p>"
            + ARTICLE.replace("\n\n", "</p><p>")
            + "</p></article></body></html>",
        },
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    first, second = read(f)
    assert (first.id, first.title, first.published, first.url, first.outlet) == (
        "n-1",
        "Ceasefire talks",
        "2024-03-04",
        "https://example.org/1",
        "Example Wire",
    )
    assert first.source == f"{f}:1"
    assert second.id == "2" and "Ministers from both countries" in second.text


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps({"text": ARTICLE}),
                "{not json",
                json.dumps({"title": "no text"}),
                "[1, 2]",
                json.dumps({"text": ARTICLE + " more"}),
            ]
        )
        + "\n"
    )
    items = read(f)
    assert [type(i).__name__ for i in items] == [
        "Article",
        "BadJsonLine",
        "BadJsonLine",
        "BadJsonLine",
        "Article",
    ]
    assert str(items[1]).startswith(f"{f} line 2: is not valid JSON")
    assert "no 'text' or 'html' field" in str(items[2])
    assert "not an object" in str(items[3])


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE + "two")
    (tmp_path / "1.txt").write_text(ARTICLE + "one")
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress((ARTICLE + "three").encode()))
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("ignored")
    texts = [a.text.rsplit("\n", 1)[-1][-5:].lstrip(".") for a in read(tmp_path)]
    assert texts == ["one", "two", "three"]


def test_gzipped_jsonl(tmp_path):
    f = tmp_path / "feed.jsonl.gz"
    f.write_bytes(gzip.compress((json.dumps({"id": "z", "text": ARTICLE}) + "\n").encode()))
    assert read(f)[0].id == "z"


def test_stdin_is_sniffed(monkeypatch):
    for payload, expected in [
        (ARTICLE, "Ministers"),
        (json.dumps({"id": "s", "text": ARTICLE}), "Ministers"),
    ]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload.encode())))
        (art,) = read("-")
        assert art.text.startswith(expected)


def test_missing_path_and_empty_directory(tmp_path):
    (missing,) = read(tmp_path / "nope.txt")
    assert isinstance(missing, MissingPath) and "nope.txt: does not exist" in str(missing)
    (empty,) = read(tmp_path)
    assert isinstance(empty, NoArticles) and "no article files" in str(empty)


def test_html_without_prose_is_refused(tmp_path):
    f = tmp_path / "broken.html"
    f.write_text("<html><body><div><span></span></div></body>")
    (err,) = read(f)
    assert isinstance(err, NoArticleText)
    assert "no article text" in str(err)


def test_malformed_html_still_gives_its_text(tmp_path):
    f = tmp_path / "tagsoup.html"
    body = "<p>" + ARTICLE.replace("\n\n", "<p>")  # unclosed tags, no html/head/body
    f.write_text("<div><b>unclosed " + body)
    (art,) = read(f)
    assert isinstance(art, Article)
    assert "ceasefire along the front line" in art.text


def test_given_published_date_overrides(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    assert read(f, published="2022-01-26")[0].published == "2022-01-26"


def test_every_error_is_an_input_error_with_source(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text("{bad\n")
    (err,) = read(f)
    assert isinstance(err, BadJsonLine) and isinstance(err, InputError)
    assert (err.source, err.item) == (str(f), "1")


def test_a_json_document_is_read_as_its_articles(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "g1", "title": "Talks", "text": ARTICLE}, indent=2))
    (art,) = read(one)
    assert isinstance(art, Article) and art.id == "g1" and art.title == "Talks"
    assert not art.text.lstrip().startswith("{")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "a", "text": ARTICLE}, {"id": "b", "title": "no text"}], indent=1))
    ok, bad = read(many)
    assert ok.id == "a" and isinstance(bad, BadJsonLine) and "no 'text' or 'html' field" in str(bad)


def test_json_without_articles_and_empty_arrays_are_one_error_each(tmp_path):
    cfg = tmp_path / "settings.json"
    cfg.write_text('{\n  "debug": true\n}\n')
    (err,) = read(cfg)
    assert isinstance(err, BadJsonLine)
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    (err,) = read(empty)
    assert isinstance(err, NoArticles)


def test_a_folder_s_json_files_are_not_taken_for_articles(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "package.json").write_text('{"name": "site"}')
    with pytest.warns(InputWarning, match=r"1 \.json file\(s\) left out .*package\.json"):
        (art,) = read(tmp_path)
    assert isinstance(art, Article) and art.source.endswith("a.txt")


def test_a_page_of_scripts_only_has_no_article_text(tmp_path):
    page = tmp_path / "app.html"
    page.write_text(
        "<html><head><script>var config = {tracking: true};</script></head><body>"
        "<script>document.write('a page written by a script, with many words in it');</script>"
        "<noscript>Please enable JavaScript to read this site.</noscript></body></html>"
    )
    (err,) = read(page)
    assert isinstance(err, NoArticleText)


FRENCH = (
    "Les ministres des deux pays se sont réunis lundi à Genève pour discuter d'un cessez-le-feu le long "
    "de la ligne de front. Les pourparlers ont duré quatre heures et reprendront plus tard ce mois-ci.\n"
)
RUSSIAN = (
    "Министры двух стран встретились в понедельник в Женеве, чтобы обсудить прекращение огня вдоль линии "
    "фронта. Переговоры продолжались четыре часа и возобновятся позже в этом месяце.\n"
)


def test_articles_in_another_language_are_refused_with_its_name(tmp_path):
    from eventwire.errors import NotEnglish

    for name, text, language in (("fr.txt", FRENCH, "French"), ("ru.txt", RUSSIAN, "Russian")):
        f = tmp_path / name
        f.write_text(text)
        (err,) = read(f)
        assert isinstance(err, NotEnglish) and f"written in {language}" in str(err)


def test_english_with_a_foreign_quotation_or_a_short_foreign_line_is_read(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_text(ARTICLE + '\nThe French minister said: "Nous voulons la paix." Talks resume Friday.\n')
    short = tmp_path / "short.txt"
    short.write_text("Les ministres se sont réunis lundi.\n")
    assert all(isinstance(a, Article) for a in read(mixed, short))
