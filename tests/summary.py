"""Reading a page's error summary (home.forms.error_summary) in tests that go through HTTP."""

import re


def summary_links(html: str) -> list[tuple[str, str]]:
    """``(field id, text)`` of the error summary's linked lines, in order."""
    block = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert block, "no error summary"
    return [(href, text.strip()) for href, text in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', block.group(0))]
