"""Draw Rådsbot's two Teams icons with Pillow.

    python manifest/teams/make_icons.py [OUT_DIR]     (default: next to this script)

The mark is a speech bubble with an "R" in it:

- ``color.png``, 192×192: a white bubble with a blue "R" on a solid blue square (opaque;
  Teams rounds the corners itself);
- ``outline.png``, 32×32: the bubble's outline and the "R" in white on a fully transparent
  background (every pixel is pure white, only its alpha varies).

Each shape is drawn as a mask SUPERSAMPLE times larger and shrunk with a box filter, which
anti-aliases the edges. The output is deterministic, so re-running the script gives the same
pixels.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw

#: the icon's blue; the same value is the manifest's accentColor
ACCENT = (0x1A, 0x7F, 0xD4)
WHITE = (0xFF, 0xFF, 0xFF)
SUPERSAMPLE = 8

# The mark, in its own unit square (x to the right, y down).
BODY = (0.0, 0.0, 1.0, 0.74)
BODY_RADIUS = 0.2
TAIL = ((0.22, 0.66), (0.46, 0.66), (0.14, 1.0))
R_STROKE = 0.11
R_STEM_X = 0.35
R_TOP, R_MIDDLE, R_BOTTOM = 0.16, 0.38, 0.59
R_BOWL_X = 0.54
R_STROKES = (
    ((R_STEM_X, R_TOP), (R_STEM_X, R_BOTTOM)),
    ((R_STEM_X, R_TOP), (R_BOWL_X, R_TOP)),
    ((R_STEM_X, R_MIDDLE), (R_BOWL_X, R_MIDDLE)),
    ((0.50, R_MIDDLE), (0.67, R_BOTTOM)),
)


class Canvas:
    """A supersampled mask for an icon ``size`` pixels wide, the mark ``scale`` wide, centred."""

    def __init__(self, size: int, scale: float) -> None:
        self.size, self.scale = size, scale * SUPERSAMPLE
        self.offset = (size - scale) / 2 * SUPERSAMPLE
        self.mask = Image.new("L", (size * SUPERSAMPLE, size * SUPERSAMPLE), 0)
        self.draw = ImageDraw.Draw(self.mask)

    def at(self, x: float, y: float) -> tuple[float, float]:
        return (self.offset + x * self.scale, self.offset + y * self.scale)

    def length(self, units: float) -> int:
        return round(units * self.scale)

    def body(self, fill: int, *, outline_width: float = 0.0) -> None:
        box = (*self.at(*BODY[:2]), *self.at(*BODY[2:]))
        radius = self.length(BODY_RADIUS)
        if outline_width:
            width = self.length(outline_width)
            self.draw.rounded_rectangle(box, radius, outline=fill, width=width)
        else:
            self.draw.rounded_rectangle(box, radius, fill=fill)

    def tail(self, fill: int) -> None:
        self.draw.polygon([self.at(*point) for point in TAIL], fill=fill)

    def letter(self, fill: int) -> None:
        """The letter R: a stem, two bars and a diagonal leg with round ends, a half-round bowl."""
        width, half = self.length(R_STROKE), R_STROKE / 2 * self.scale
        for a, b in R_STROKES:
            self.draw.line([self.at(*a), self.at(*b)], fill=fill, width=width)
            for x, y in (self.at(*a), self.at(*b)):
                self.draw.ellipse((x - half, y - half, x + half, y + half), fill=fill)
        radius = (R_MIDDLE - R_TOP) / 2
        left, top = self.at(R_BOWL_X - radius - R_STROKE / 2, R_TOP - R_STROKE / 2)
        right, bottom = self.at(R_BOWL_X + radius + R_STROKE / 2, R_MIDDLE + R_STROKE / 2)
        self.draw.arc((left, top, right, bottom), -90, 90, fill=fill, width=width)

    def coverage(self) -> Image.Image:
        """The mask at the icon's size: each pixel the share of it inside the shapes."""
        return self.mask.resize((self.size, self.size), Image.Resampling.BOX)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def color_icon() -> bytes:
    size, scale = 192, 118.0
    bubble = Canvas(size, scale)
    bubble.body(255)
    bubble.tail(255)
    letter = Canvas(size, scale)
    letter.letter(255)
    image = Image.new("RGB", (size, size), ACCENT)
    image.paste(WHITE, mask=bubble.coverage())
    image.paste(ACCENT, mask=letter.coverage())
    return _png(image.convert("RGBA"))


def outline_icon() -> bytes:
    size, scale, line = 32, 30.0, 0.075
    ring = Canvas(size, scale)
    ring.tail(255)
    ring.body(0)  # the tail only outside the bubble
    ring.body(255, outline_width=line)
    ring.letter(255)
    image = Image.new("RGBA", (size, size), (*WHITE, 0))
    image.putalpha(ring.coverage())
    return _png(image)


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "color.png").write_bytes(color_icon())
    (out_dir / "outline.png").write_bytes(outline_icon())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
