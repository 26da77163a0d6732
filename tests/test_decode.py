from __future__ import annotations

import gzip

import pytest

from eventwire.errors import BinaryInput, EmptyInput, TooLarge
from eventwire.ingest.decode import decode, read_limited

ENGLISH = (
    "The minister said on Tuesday that the talks in Genève would resume — "
    "a “constructive” step, café owners agreed."
)


def test_utf8_and_bom():
    assert decode(ENGLISH.encode("utf-8"), "x").encoding == "utf-8"
    assert decode(b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), "x").text == ENGLISH


def test_windows_1252_is_detected_not_guessed():
    decoded = decode(ENGLISH.encode("cp1252"), "x")
    assert decoded.encoding == "cp1252"
    assert decoded.text == ENGLISH


def test_crlf_becomes_lf():
    assert decode(b"a line\r\nanother\r\n", "x").text == "a line\nanother\n"


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n...", "a PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_is_refused_with_its_kind(data, what):
    with pytest.raises(BinaryInput, match=what):
        decode(data, "file.txt")


def test_empty_and_blank_are_refused():
    for data in (b"", b"  \n\t\n"):
        with pytest.raises(EmptyInput, match=r"file\.txt: is empty"):
            decode(data, "file.txt")


def test_size_limit_applies_to_plain_and_gzipped(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 300)
    with pytest.raises(TooLarge, match=r"over the 0\.0 MB limit"):
        read_limited(big, 1000, str(big))
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 50_000))
    with pytest.raises(TooLarge, match="decompresses to more than"):
        read_limited(bomb, 10_000, str(bomb))
    assert read_limited(bomb, 60_000, str(bomb)) == b"a" * 50_000


# --- UTF-8 with a few stray bytes, and UTF-16 (texts written for these tests) ----------------------------
def test_utf8_with_a_stray_byte_stays_utf8_and_warns():
    from eventwire.ingest.decode import InputWarning, decode

    text = "Chile’s foreign minister met his Peruvian counterpart in Lima on Monday.\n\n" * 20
    data = text.encode("utf-8")
    data = data[:300] + b"\x92" + data[300:]
    with pytest.warns(InputWarning, match="1 byte"):
        decoded = decode(data, "stray.txt")
    assert decoded.encoding == "utf-8" and "Chile’s" in decoded.text and "‚Äô" not in decoded.text
    assert decoded.text.count("\ufffd") == 1


def test_a_single_byte_code_page_is_still_detected_not_read_as_broken_utf8():
    from eventwire.ingest.decode import decode

    decoded = decode(("Talks in Genève ended on Monday, officials said. " * 5).encode("cp1252"), "cp.txt")
    assert "Genève" in decoded.text and "\ufffd" not in decoded.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_read_not_refused_as_binary(codec):
    from eventwire.ingest.decode import decode

    decoded = decode("Peru and Chile held talks in Lima on Monday.\n".encode(codec), "wide.txt")
    assert decoded.text.strip() == "Peru and Chile held talks in Lima on Monday."
