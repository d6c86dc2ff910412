"""The screenshot checks themselves: a blank, one-colour or cut-short PNG is refused."""

from __future__ import annotations

import random
import struct
import zlib

import pytest

from tests.browser.screenshots import PNG_SIGNATURE, check_screenshot


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, pixel) -> bytes:
    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width))
                    for y in range(height))
    return (PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 0)) + chunk(b"IEND", b""))


def test_a_one_colour_frame_is_refused(tmp_path):
    path = tmp_path / "blank.png"
    path.write_bytes(png(200, 150, lambda x, y: b"\xf4\xf5\xf7"))
    with pytest.raises(AssertionError):
        check_screenshot(path, 200, 150)


def test_a_busy_frame_passes_and_a_wrong_size_or_cut_one_does_not(tmp_path):
    noise = random.Random(1)
    path = tmp_path / "busy.png"
    data = png(200, 150, lambda x, y: bytes(noise.randrange(256) for _ in range(3)))
    path.write_bytes(data)
    check_screenshot(path, 200, 150)
    with pytest.raises(AssertionError):
        check_screenshot(path, 390, 844)
    path.write_bytes(data[:-40] + data[-20:])
    with pytest.raises((AssertionError, struct.error, zlib.error)):
        check_screenshot(path, 200, 150)
