"""Flat illustrations for the demo news (the repository carries no photographs): drawn with
Pillow from a motif and a palette, the same picture for the same inputs, so that a re-run
finds the image it made before by its file hash."""

import io
import random

from PIL import Image, ImageDraw

SIZE = (1200, 800)
HORIZON = 520

# (sky top, sky bottom, ground, accent, light)
PALETTES = {
    "blue": ((44, 92, 160), (160, 200, 235), (88, 140, 96), (230, 120, 60), (250, 246, 235)),
    "green": ((60, 130, 120), (190, 225, 205), (96, 150, 80), (240, 190, 60), (248, 248, 238)),
    "teal": ((20, 100, 120), (150, 215, 220), (70, 130, 110), (250, 150, 90), (240, 250, 250)),
    "purple": ((80, 60, 130), (200, 180, 230), (110, 120, 150), (250, 200, 90), (248, 244, 252)),
    "orange": ((200, 90, 50), (250, 210, 160), (140, 110, 80), (60, 110, 170), (255, 248, 238)),
    "gold": ((170, 120, 30), (245, 225, 160), (120, 130, 70), (180, 50, 50), (255, 252, 240)),
    "pink": ((190, 80, 120), (250, 210, 220), (120, 150, 110), (70, 120, 180), (255, 246, 248)),
}


def _sky(draw: ImageDraw.ImageDraw, top: tuple, bottom: tuple) -> None:
    for y in range(HORIZON):
        t = y / HORIZON
        draw.line(
            [(0, y), (SIZE[0], y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _building(draw, rng, colours) -> None:
    _top, _bottom, ground, accent, light = colours
    x = 60
    while x < SIZE[0] - 80:
        width, height = rng.randint(120, 220), rng.randint(180, 400)
        shade = tuple(max(0, c - rng.randint(20, 60)) for c in light)
        draw.rectangle([x, HORIZON - height, x + width, HORIZON], fill=shade)
        for wy in range(HORIZON - height + 24, HORIZON - 30, 42):
            for wx in range(x + 18, x + width - 30, 38):
                draw.rectangle(
                    [wx, wy, wx + 20, wy + 24], fill=accent if rng.random() < 0.2 else ground
                )
        x += width + rng.randint(10, 40)
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=ground)


def _landscape(draw, rng, colours) -> None:
    _top, _bottom, ground, accent, light = colours
    draw.ellipse([880, 90, 1000, 210], fill=accent)
    for layer in range(3):
        shade = tuple(max(0, c - 25 * layer) for c in ground)
        base = HORIZON - 80 + layer * 60
        points = [(0, SIZE[1])]
        for x in range(0, SIZE[0] + 100, 100):
            points.append((x, base - rng.randint(0, 140 - 40 * layer)))
        points.append((SIZE[0], SIZE[1]))
        draw.polygon(points, fill=shade)
    for x in range(80, SIZE[0], 170):
        y = HORIZON + rng.randint(60, 200)
        draw.rectangle([x, y - 60, x + 90, y], fill=light)
        draw.polygon([(x - 10, y - 60), (x + 45, y - 110), (x + 100, y - 60)], fill=accent)


def _network(draw, rng, colours) -> None:
    _top, _bottom, ground, accent, light = colours
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=ground)
    nodes = [(rng.randint(80, 1120), rng.randint(80, 700)) for _ in range(22)]
    for a in nodes:
        for b in sorted(nodes, key=lambda n: (n[0] - a[0]) ** 2 + (n[1] - a[1]) ** 2)[1:3]:
            draw.line([a, b], fill=light, width=4)
    for x, y in nodes:
        r = rng.randint(10, 22)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=accent, outline=light, width=4)


def _chart(draw, rng, colours) -> None:
    _top, _bottom, ground, accent, light = colours
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=ground)
    draw.rounded_rectangle([100, 100, 1100, 700], radius=30, fill=light)
    for i in range(8):
        height = rng.randint(80, 460)
        x = 170 + i * 115
        draw.rectangle([x, 640 - height, x + 70, 640], fill=accent if i % 3 == 0 else ground)
    draw.line([(150, 640), (1050, 640)], fill=ground, width=6)


def _road(draw, rng, colours) -> None:
    _top, _bottom, ground, accent, light = colours
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=ground)
    draw.polygon(
        [(560, HORIZON), (640, HORIZON), (1000, SIZE[1]), (200, SIZE[1])], fill=(70, 70, 78)
    )
    for step in range(6):
        y0 = HORIZON + 20 + step * 50
        draw.rectangle([596, y0, 604 + step * 2, y0 + 26], fill=light)
    for x in (120, 300, 900, 1060):
        height = rng.randint(120, 200)
        draw.rectangle([x, HORIZON - height, x + 18, HORIZON], fill=(90, 70, 50))
        draw.ellipse([x - 50, HORIZON - height - 80, x + 68, HORIZON - height + 30], fill=accent)


def _family(draw, rng, colours) -> None:
    _top, _bottom, ground, accent, light = colours
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=ground)
    for index, (x, scale) in enumerate([(380, 1.0), (600, 0.6), (800, 0.95)]):
        body = accent if index != 1 else light
        head = int(55 * scale)
        top = HORIZON - int(330 * scale)
        draw.ellipse([x - head, top, x + head, top + 2 * head], fill=(240, 205, 170))
        draw.rounded_rectangle(
            [x - int(80 * scale), top + 2 * head + 10, x + int(80 * scale), HORIZON + 40],
            radius=int(40 * scale),
            fill=body,
        )


MOTIFS = {
    "building": _building,
    "landscape": _landscape,
    "network": _network,
    "chart": _chart,
    "road": _road,
    "family": _family,
}


def illustration(motif: str, palette: str, seed: str) -> bytes:
    """A JPEG of `motif` in `palette`; `seed` varies the layout between stories."""
    colours = PALETTES[palette]
    image = Image.new("RGB", SIZE, colours[4])
    draw = ImageDraw.Draw(image)
    _sky(draw, colours[0], colours[1])
    MOTIFS[motif](draw, random.Random(seed), colours)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
