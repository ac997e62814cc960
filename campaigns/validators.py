"""What a donor may type: one-line fields hold one line, longer text holds no control characters.

A line break in a name once made the staff notice unsendable; a NUL byte breaks
PostgreSQL. The model fields carry these validators, and the forms take their
fields from the model, so the public form, the phone form and the admin's edit
form refuse the same input with the same message.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Line and paragraph separators end a line as surely as "\n" does.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}
_MULTILINE_ALLOWED = {"\n", "\r", "\t"}


def _is_control(char: str, allowed: set[str]) -> bool:
    return char not in allowed and unicodedata.category(char) in _LINE_BREAKING


@deconstructible
class SingleLineValidator:
    """Refuses line breaks, tabs, NUL and every other control character."""

    message = _("Write this on one line, without line breaks or special control characters.")
    code = "single_line"

    def __call__(self, value: str) -> None:
        if any(_is_control(char, set()) for char in str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleLineValidator)

    def __hash__(self) -> int:
        return hash(self.code)


@deconstructible
class PlainTextValidator:
    """For text of several lines: line breaks and tabs are fine, other control characters are not."""

    message = _("The text contains special control characters; please remove them.")
    code = "control_characters"

    def __call__(self, value: str) -> None:
        if any(_is_control(char, _MULTILINE_ALLOWED) for char in str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


single_line = SingleLineValidator()
plain_text = PlainTextValidator()
