"""Bytes to text: size limits, gzip, binary detection and encoding detection.

UTF-8 (with or without BOM) is taken when the bytes decode as UTF-8. Anything else is detected with
charset-normalizer, never guessed: a file that no encoding explains is refused, and a non-UTF-8 file that
is decoded is reported (the `encoding` it was read with is returned to the caller).
"""

from __future__ import annotations

import codecs
import gzip
import io
import unicodedata
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import BinaryInput, EmptyInput, TooLarge, UndecodableInput

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192
# Share of control characters (other than tab/newline/CR/form feed) above which bytes are taken as binary.
MAX_CONTROL_SHARE = 0.01
# Leading bytes of formats people pass by mistake, to name them in the error.
KNOWN_BINARY = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}


@dataclass
class Decoded:
    text: str
    encoding: str


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def read_limited(path: Path, limit: int, source: str) -> bytes:
    """Read a file (gunzipping .gz or gzip-magic files) refusing more than `limit` bytes of content."""
    with open(path, "rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == GZIP_MAGIC:
            return gunzip_limited(fh, limit, source)
        size = path.stat().st_size
        if size > limit:
            raise TooLarge(
                source,
                f"is {mb(size)}, over the {mb(limit)} limit for one article",
                "split it into articles (e.g. JSON Lines, one article per line) or raise --max-input-mb",
            )
        return fh.read()


def gunzip_limited(fh: io.BufferedIOBase, limit: int, source: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=fh) as gz:
            data = gz.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise UndecodableInput(
            source, f"is not a valid gzip file ({exc})", "re-compress it or pass it uncompressed"
        ) from None
    if len(data) > limit:
        raise TooLarge(
            source,
            f"decompresses to more than the {mb(limit)} limit for one article",
            "split it into articles or raise --max-input-mb",
        )
    return data


# A text that is UTF-8 but for a few stray bytes (a bad copy, one pasted Windows-1252 quote) is UTF-8 with
# those bytes replaced and a warning, not a whole text misread in another code page ("Russia‚Äôs").
MAX_STRAY_SHARE = 0.002


class InputWarning(UserWarning):
    """Something in an input was repaired; the article is still coded."""


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec of text with a UTF-16 byte-order mark, or of ASCII-range UTF-16 without one (every
    other byte zero), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:SNIFF_BYTES]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text and the number of stray bytes when the data is UTF-8 (it has real multi-byte sequences) with
    a few invalid bytes."""
    text = data.decode("utf-8", errors="replace")
    valid = data.decode("utf-8", errors="ignore")
    stray = text.count("\ufffd") - valid.count("\ufffd")
    if not any(ord(c) > 127 for c in valid):
        return None  # no real UTF-8 sequence: a single-byte code page ("Genève" in Windows-1252)
    if 0 < stray <= max(1, MAX_STRAY_SHARE * len(data)):
        return text.lstrip("\ufeff"), stray
    return None


def decode(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode article bytes, refusing empty and binary input."""
    if not data.strip(b"\x00 \t\r\n"):
        raise EmptyInput(source, "is empty", "pass a file that contains an article")
    wide = None if encoding else _utf16(data)
    if wide is not None:
        try:
            return Decoded(normalize(data.decode(wide)), wide)
        except UnicodeDecodeError:
            pass
    check_not_binary(data, source)
    if encoding:
        try:
            return Decoded(normalize(data.decode(encoding)), encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise UndecodableInput(
                source,
                f"cannot be read as {encoding} ({exc.__class__.__name__})",
                "check the --encoding value or leave it out to detect the encoding",
            ) from None
    try:
        return Decoded(normalize(data.decode("utf-8-sig")), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, stray = mostly
        warnings.warn(
            f"{source}: {stray} byte(s) are not UTF-8 and were replaced by U+FFFD; the rest is UTF-8",
            InputWarning,
            stacklevel=2,
        )
        return Decoded(normalize(text), "utf-8")
    return Decoded(*_detect(data, source))


def _detect(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise UndecodableInput(
            source,
            "is not UTF-8 and its encoding could not be detected",
            "convert it to UTF-8 or give --encoding",
        )
    # Short English texts fit several Western code pages equally well (cp1250 and cp1252 both read "Genève"
    # without noise, and the detector's language coherence on a few accented words is a coin toss); news
    # pages in the wild that are not UTF-8 are overwhelmingly Windows-1252, so it wins a tie on noise.
    for match in results:
        if match.chaos <= best.chaos and "cp1252" in (match.encoding, *match.could_be_from_charset):
            return normalize(data.decode("cp1252")), "cp1252"
    return normalize(str(best)), best.encoding


def check_not_binary(data: bytes, source: str) -> None:
    for magic, what in KNOWN_BINARY.items():
        if data.startswith(magic):
            raise BinaryInput(
                source, f"is {what}, not text, HTML or JSON Lines", "convert it to text or HTML first"
            )
    head = data[:SNIFF_BYTES]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > MAX_CONTROL_SHARE * len(head):
        raise BinaryInput(
            source,
            "looks like a binary file, not text, HTML or JSON Lines",
            "pass the article as text or HTML",
        )


def normalize(text: str) -> str:
    """The text every span refers to: NFC, Unix newlines, no BOM or NUL."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)
