"""Draws installer/kuaiji.ico: the character 账 in white on a blue square.

Run once when the icon should change (`python installer/make_icon.py`); the .ico is
kept in the repository so that a build needs neither Pillow's fonts nor this script.
Pillow comes with reportlab; the glyph comes from the bundled font.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "resources" / "fonts" / "wqy-microhei.ttc"
SIZE = 256


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=40, fill=(30, 90, 170, 255))
    font = ImageFont.truetype(str(FONT), 180)
    pen.text((SIZE / 2, SIZE / 2), "账", font=font, fill="white", anchor="mm")
    return image


if __name__ == "__main__":
    target = HERE / "kuaiji.ico"
    draw().save(target, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(target)
