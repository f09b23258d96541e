"""Draw Rådsbot's two Teams icons, with the standard library only.

    python manifest/teams/make_icons.py [OUT_DIR]     (default: next to this script)

The mark is a speech bubble with an "R" in it:

- ``color.png``, 192×192: a white bubble with a blue "R" on a solid blue square (opaque;
  Teams rounds the corners itself);
- ``outline.png``, 32×32: the bubble's outline and the "R" in white on a fully transparent
  background (every pixel is pure white, only its alpha varies).

Edges are anti-aliased by supersampling. The output is deterministic, so re-running the script
gives byte-identical files.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

#: the icon's blue; the same value is the manifest's accentColor
ACCENT = (0x1A, 0x7F, 0xD4)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # per axis, per pixel

# The mark, in its own unit square (x to the right, y down).
BODY_CENTER = (0.5, 0.37)
BODY_HALF = (0.5, 0.37)
BODY_RADIUS = 0.2
TAIL = ((0.22, 0.66), (0.46, 0.66), (0.14, 1.0))
R_STROKE = 0.11
R_STEM_X = 0.35
R_TOP, R_MIDDLE, R_BOTTOM = 0.16, 0.38, 0.59
R_BOWL_X = 0.54
R_LEG = ((0.50, R_MIDDLE), (0.67, R_BOTTOM))


def body_distance(x: float, y: float) -> float:
    """Signed distance to the bubble's rounded rectangle (negative inside)."""
    qx = abs(x - BODY_CENTER[0]) - (BODY_HALF[0] - BODY_RADIUS)
    qy = abs(y - BODY_CENTER[1]) - (BODY_HALF[1] - BODY_RADIUS)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - BODY_RADIUS


def in_tail(x: float, y: float) -> bool:
    (ax, ay), (bx, by), (cx, cy) = TAIL

    def side(px: float, py: float, qx: float, qy: float) -> float:
        return (qx - px) * (y - py) - (qy - py) * (x - px)

    d1, d2, d3 = side(ax, ay, bx, by), side(bx, by, cx, cy), side(cx, cy, ax, ay)
    has_negative = d1 < 0 or d2 < 0 or d3 < 0
    has_positive = d1 > 0 or d2 > 0 or d3 > 0
    return not (has_negative and has_positive)


def _segment_distance(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy))


def in_r(x: float, y: float) -> bool:
    """The letter R: a stem, two bars, a half-round bowl and a diagonal leg."""
    half = R_STROKE / 2
    segments = (
        ((R_STEM_X, R_TOP), (R_STEM_X, R_BOTTOM)),
        ((R_STEM_X, R_TOP), (R_BOWL_X, R_TOP)),
        ((R_STEM_X, R_MIDDLE), (R_BOWL_X, R_MIDDLE)),
        R_LEG,
    )
    if any(_segment_distance(x, y, a, b) <= half for a, b in segments):
        return True
    if x < R_BOWL_X:
        return False
    radius = (R_MIDDLE - R_TOP) / 2
    centre_y = (R_TOP + R_MIDDLE) / 2
    return abs(math.hypot(x - R_BOWL_X, y - centre_y) - radius) <= half


def coverage(size: int, scale: float, inside: Callable[[float, float], bool]) -> list[float]:
    """The share of each pixel inside a shape, for the mark drawn ``scale`` wide, centred."""
    offset = (size - scale) / 2
    values: list[float] = []
    step = 1 / SAMPLES
    for row in range(size):
        for col in range(size):
            hits = 0
            for sy in range(SAMPLES):
                y = (row + (sy + 0.5) * step - offset) / scale
                for sx in range(SAMPLES):
                    x = (col + (sx + 0.5) * step - offset) / scale
                    hits += inside(x, y)
            values.append(hits / (SAMPLES * SAMPLES))
    return values


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, ...]:
    return tuple(round(p + (q - p) * share) for p, q in zip(a, b, strict=True))


def color_icon() -> bytes:
    size, scale = 192, 118.0
    bubble = coverage(size, scale, lambda x, y: body_distance(x, y) <= 0 or in_tail(x, y))
    letter = coverage(size, scale, in_r)
    pixels = bytearray()
    for b, r in zip(bubble, letter, strict=True):
        pixels += bytes(_mix(_mix(ACCENT, WHITE, b), ACCENT, r)) + b"\xff"
    return png(size, size, bytes(pixels))


def outline_icon() -> bytes:
    size, scale, line = 32, 30.0, 0.075

    def ring(x: float, y: float) -> bool:
        d = body_distance(x, y)
        return -line < d <= 0 or (d > 0 and in_tail(x, y)) or in_r(x, y)

    pixels = bytearray()
    for share in coverage(size, scale, ring):
        pixels += bytes(WHITE) + bytes([round(255 * share)])
    return png(size, size, bytes(pixels))


def png(width: int, height: int, rgba: bytes) -> bytes:
    """An 8-bit RGBA, non-interlaced PNG; every row with filter type 0 (None)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    stride = width * 4
    raw = b"".join(b"\x00" + rgba[row * stride : (row + 1) * stride] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "color.png").write_bytes(color_icon())
    (out_dir / "outline.png").write_bytes(outline_icon())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
