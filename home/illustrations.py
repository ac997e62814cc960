"""Demo pictures drawn in code: soft landscapes with people and logo tiles.

The demo content needs photographs of people and places, and nothing may be
fetched from the network, so these stand in for them.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SKIES = [("#cfe6f7", "#fff4e6"), ("#d7ecf9", "#fde2c8"), ("#e3f1fb", "#fff9ef"), ("#cde3f1", "#fbe3d0")]
HILLS = ["#7fb2dd", "#5b9bd5", "#00529b", "#8fc1a9", "#5fa57f", "#3f7f5f"]
CLOTHES = ["#c2410c", "#f08a4b", "#00529b", "#7fb2dd", "#e9b949", "#5fa57f", "#9a3412", "#b65fa0"]
SKIN = ["#f1c7a5", "#e0ac86", "#c68c63", "#f5d5b8"]


def _gradient(size, top, bottom):
    width, height = size
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    top_rgb = Image.new("RGB", (1, 1), top).getpixel((0, 0))
    bottom_rgb = Image.new("RGB", (1, 1), bottom).getpixel((0, 0))
    for y in range(height):
        t = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return image


def _person(draw, x, ground, scale, rng):
    body = rng.choice(CLOTHES)
    head_r = 18 * scale
    body_w, body_h = 44 * scale, 70 * scale
    draw.rounded_rectangle(
        [x - body_w / 2, ground - body_h, x + body_w / 2, ground + 10 * scale], radius=20 * scale, fill=body
    )
    draw.ellipse(
        [x - head_r, ground - body_h - head_r * 2.1, x + head_r, ground - body_h - head_r * 0.1], fill=rng.choice(SKIN)
    )


def landscape(seed, size=(1200, 675), people=3):
    """A calm scene: sky, sun, hills and a few people holding the middle ground."""
    rng = random.Random(seed)
    width, height = size
    sky = rng.choice(SKIES)
    image = _gradient(size, *sky)
    draw = ImageDraw.Draw(image)
    sun_x, sun_y, sun_r = rng.randint(width // 6, width * 5 // 6), rng.randint(height // 8, height // 3), height // 9
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill="#f6b27a")
    for layer in range(3):
        base = height * (0.55 + 0.12 * layer)
        colour = HILLS[(layer + seed) % len(HILLS)]
        points = [(0, height)]
        for step in range(9):
            x = width * step / 8
            points.append((x, base + rng.randint(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    ground = height * 0.86
    spacing = width / (people + 1)
    for index in range(people):
        scale = rng.uniform(0.9, 1.6) * height / 675
        _person(draw, spacing * (index + 1) + rng.randint(-40, 40), ground, scale, rng)
    image = image.filter(ImageFilter.SMOOTH)
    return _png(image)


def logo_tile(name, seed, size=(560, 160)):
    """A supporter's stand-in logo: their initials on a coloured tile, and the name beside it."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    colour = rng.choice(["#00529b", "#c2410c", "#3f7f5f", "#9a3412", "#003d73"])
    draw.rounded_rectangle([8, 8, size[1] - 8, size[1] - 8], radius=28, fill=colour)
    initials = "".join(word[0] for word in name.replace("„", "").replace("”", "").split() if word[:1].isalpha())[:2]
    font = _font(64)
    draw.text((size[1] / 2, size[1] / 2), initials.upper(), fill="#ffffff", font=font, anchor="mm")
    room = size[0] - size[1] - 24
    font_size = 40
    while font_size > 14 and draw.textlength(name, font=_font(font_size)) > room:
        font_size -= 2
    draw.text((size[1] + 16, size[1] / 2), name, fill="#1f2933", font=_font(font_size), anchor="lm")
    return _png(image)


def _font(size):
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
