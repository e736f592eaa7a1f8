"""Draws the application icon (resources/icons/): a gold shield on a green tile, for the
committee's register, with « CCS » on it; PNG at the sizes each platform asks for and a
Windows .ico holding them all. Run again only to change the drawing (the files are kept in
the repository): python packaging/make_icons.py"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BIG = 1024
GREEN, GOLD, RED, INK = (20, 110, 60), (252, 209, 22), (206, 17, 38), (255, 255, 255)


def draw(size: int = BIG, letters: bool = True) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 1024
    d.rounded_rectangle((24 * s, 24 * s, 1000 * s, 1000 * s), radius=180 * s, fill=GREEN)
    # the shield: straight top, sides that curve down to a point
    top, left, right, bottom = 170 * s, 215 * s, 809 * s, 900 * s
    mid = (left + right) / 2
    points = [(left, top), (right, top), (right, 520 * s)]
    steps = 24
    for i in range(1, steps + 1):  # right curve down to the point, then up on the left
        t = i / steps
        points.append((right + (mid - right) * t ** 2, 520 * s + (bottom - 520 * s) * t))
    for i in range(1, steps):
        t = 1 - i / steps
        points.append((left + (mid - left) * t ** 2, 520 * s + (bottom - 520 * s) * t))
    points.append((left, 520 * s))
    d.polygon(points, fill=GOLD)
    d.rectangle((left, top, right, top + 70 * s), fill=RED)
    if letters:
        font = ImageFont.truetype(str(ROOT / "resources" / "fonts"
                                      / "DejaVuSansCondensed-Bold.ttf"), int(250 * s))
        d.text((mid, 480 * s), "CCS", font=font, fill=GREEN, anchor="mm")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    big, plain = draw(), draw(letters=False)  # no letters where they would be a smudge
    images = []
    for size in SIZES:
        img = (big if size >= 48 else plain).resize((size, size), Image.LANCZOS)
        img.save(OUT / f"ccs-desktop-{size}.png", optimize=True)
        images.append(img)
    images[-1].save(OUT / "ccs-desktop.ico", sizes=[(n, n) for n in SIZES],
                    append_images=images[:-1])


if __name__ == "__main__":
    main()
