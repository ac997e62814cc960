"""Reading QR codes in tests, as a phone's camera would: zxing-cpp on a picture of the code.

``decode_svg`` draws the inline SVG that ``campaigns.qr`` writes (segno: one path of horizontal
one-module strokes) onto a bitmap first; ``decode_png`` reads a screenshot or a rendered PDF page.
"""

import io
import re

import zxingcpp
from PIL import Image

SCALE = 8


def decode_png(data: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(data)).convert("L"))]


def decode_svg(svg: str) -> str:
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    path = re.search(r'\sd="([^"]+)"', svg).group(1)
    image = Image.new("L", (size, size), 255)
    x = y = 0.0
    for command, arguments in re.findall(r"([MmHh])([^MmHh]*)", path):
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", arguments)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            end = numbers[0] if command == "H" else x + numbers[0]
            for column in range(int(x), int(end)):
                image.putpixel((column, int(y)), 0)  # a stroke at y + .5 covers the row y
            x = end
    image = image.resize((size * SCALE, size * SCALE), Image.NEAREST)
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1, f"{len(results)} codes read"
    return results[0].text


def svg_in(html: str, css_class: str) -> str:
    """The first inline ``<svg>`` of that class in a page."""
    match = re.search(rf'<svg [^>]*class="[^"]*\b{css_class}\b[^"]*"[^>]*>.*?</svg>', html, re.S)
    assert match, f"no <svg class={css_class}> in the page"
    return match.group(0)
