"""The Wagtail admin without inline script, so that its CSP needs no 'unsafe-inline' for scripts.

Wagtail 8 still starts some widgets with an inline ``<script>``: date, time and date-time
inputs (``initDateChooser(...)``), inline panels (``new InlinePanel(...)``), multiple-chooser
panels, and every chooser widget (``new ImageChooser(...)``, from ``BaseChooser.render``).
Here each such call becomes data, ``<script type="application/json" data-csp-init>``, which
the browser never executes; ``accounts/js/admin-csp.js`` (loaded on every admin page) makes
the same call for each one as it enters the page, whether the parser, an inline panel's
"Add" or a StreamField block puts it there. Only the functions listed in that file can be
called. The templates in ``accounts/templates/wagtailadmin`` and ``install()`` below produce
the data; ``tests/security/test_admin_csp.py`` checks no inline script is left.
"""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

# What a JSON text inside <script> must not contain as is (the same as Django's json_script).
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def init_script(function: str, args: list[Any], *, construct: bool = False) -> SafeString:
    """``function(*args)`` (or ``new function(*args)``) as data for admin-csp.js."""
    payload = json.dumps({"f": function, "args": args, "new": construct}, cls=DjangoJSONEncoder)
    return mark_safe(f'<script type="application/json" data-csp-init>{payload.translate(ESCAPES)}</script>')  # noqa: S308


def install() -> None:
    """Chooser widgets build their inline script in Python, not in a template: give
    ``BaseChooser`` a ``render`` that ends with the data instead."""
    from wagtail.admin.widgets.chooser import BaseChooser

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        options = self.get_js_init_options(id_, name, value_data)
        return mark_safe(widget_html + init_script(self.js_constructor, [id_, options], construct=True))  # noqa: S308

    BaseChooser.render = render
