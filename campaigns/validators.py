"""What a donor may type: one-line fields hold one line, longer text holds no control characters.

A line break in a name once made the staff notice unsendable; a NUL byte breaks
PostgreSQL. The model fields carry these validators, and the forms take their
fields from the model, so the public form, the phone form and the admin's edit
form refuse the same input with the same message.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F) and the line and
# paragraph separators (Zl: U+2028, Zp: U+2029), which end a line as surely as "\n" does.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same but for line breaks and tabs, which longer text may hold.
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


@deconstructible
class SingleLineValidator:
    """Refuses line breaks, tabs, NUL and every other control character."""

    message = _("Write this on one line, without line breaks or special control characters.")
    code = "single_line"

    def __call__(self, value: str) -> None:
        if _CONTROL.search(str(value)):
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
        if _CONTROL_BUT_LINES.search(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


single_line = SingleLineValidator()
plain_text = PlainTextValidator()
