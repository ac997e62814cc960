"""Admin form widgets of the portal's own."""

from typing import Any

from wagtail.admin.widgets import SlugInput


class TransliteratingSlugInput(SlugInput):
    """Wagtail's slug field, transliterating what an editor types into it as well.

    With ``WAGTAIL_ALLOW_UNICODE_SLUGS`` off, Wagtail fills the slug from the title
    with its transliterating "urlify", but cleans a slug typed by hand with
    "slugify", which drops letters it does not know ("dāvanas" → "dvanas").
    """

    def __init__(self, attrs: dict | None = None, **kwargs: Any) -> None:
        super().__init__(attrs, **kwargs)
        self.attrs["data-action"] = self.attrs["data-action"].replace("blur->w-slug#slugify", "blur->w-slug#urlify")
