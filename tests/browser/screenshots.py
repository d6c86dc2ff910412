"""Checks that a browser screenshot is a real picture of a page, with only the standard
library: a whole PNG of the expected size whose pixels are not all one colour."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_facts(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed (filtered) pixel rows of a PNG, every chunk's CRC
    checked; AssertionError for anything that is not a whole, ordinary 8-bit PNG."""
    assert data.startswith(PNG_SIGNATURE)
    at, idat, header = len(PNG_SIGNATURE), b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
        if kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    rows = zlib.decompress(idat)
    assert len(rows) == height * (1 + width * (3 if colour == 2 else 4))
    return width, height, rows


def check_screenshot(path: Path, width: int, height: int) -> None:
    data = path.read_bytes()
    assert len(data) > 20_000, f"{path.name}: {len(data)} bytes is too small for the page"
    got_width, got_height, rows = png_facts(data)
    assert (got_width, got_height) == (width, height)
    # A page of text, buttons and borders, not a blank or single-colour frame: a uniform
    # image filters to a handful of byte values (mostly zeros), whatever filters it used.
    assert len(set(rows)) > 128
    assert rows.count(0) < 0.98 * len(rows)
