"""Draw the program's icon (resources/icons/desk_app.ico and .png): a blue counter with "1"
for the one-stop desk. Run once after changing the drawing; the files are committed."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
SIZE = 256


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=44, fill=(21, 87, 153, 255))
    d.rectangle((40, 170, SIZE - 40, 196), fill=(255, 255, 255, 255))  # the counter
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "NotoSans-Bold.ttf"), 150)
    d.text((SIZE / 2, 100), "1", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return img


def main() -> None:
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    img = draw()
    img.save(out / "desk_app.png")
    img.save(out / "desk_app.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                          (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
