"""QR codes as inline SVG (segno): the pledge's code for the centre's door, the campaign's on its poster.

The SVG has no style attribute or script, so it may stand inline in a page under the strict CSP;
its size comes from the page's stylesheet (``viewBox`` only), and it prints sharp at any size.
"""

from django.utils.safestring import SafeString, mark_safe

import segno


def qr_svg(data: str, title: str, *, css_class: str = "qr") -> SafeString:
    """``data`` (an address) as an SVG image whose accessible name is ``title``.

    Error correction "M" at least (segno raises it when the size allows): a code on a cracked
    phone screen or a creased poster still reads. segno escapes the title.
    """
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, svgclass=css_class, lineclass=None, title=title, dark="#000"
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup, title escaped
