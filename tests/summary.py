"""Reading a page's error summary (home.forms.error_summary) in tests that go through HTTP."""

import re


def summary_links(html: str) -> list[tuple[str, str]]:
    """``(field id, text)`` of the error summary's linked lines, in order."""
    block = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert block, "no error summary"
    return [(href, text.strip()) for href, text in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', block.group(0))]


def opens_at_the_summary(html: str) -> bool:
    """The page that comes back opens at its summary, with or without JavaScript: the summary is the
    page's first ``autofocus`` element, and no form posts to a fragment (a browser would keep it in
    the address of the page a form that succeeds leads to)."""
    first = re.search(r"<[a-z]+\b[^>]*\bautofocus\b[^>]*>", html)
    return bool(first and 'id="error-summary"' in first.group(0)) and not re.search(
        r'<form\b[^>]*\baction="[^"]*#', html
    )
