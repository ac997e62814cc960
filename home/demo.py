"""The demo content's registry.

Each app keeps its own demo content in ``<app>/demo_data.py`` and registers a
loader here with ``@register(order)``; ``manage.py load_demo_data`` finds them
all, so ``home`` never imports the apps that stand on it. A loader gets a
``DemoContext`` (fixed-seed random generator, the command's output) and must
be idempotent: it returns at once when its content is already there.
"""

import random
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

SEED = 2015
_loaders = []


@dataclass
class DemoContext:
    stdout: object
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))

    def say(self, message):
        self.stdout.write(message)


def publish(page):
    """Publish a demo page through a revision, as an editor would, without filling the history log."""
    page.save_revision(log_action=False).publish(log_action=False)
    return page


def translate(page, locale, **fields):
    """Copy a published page into ``locale``, set the translated fields, publish it."""
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    return publish(translation)


def editor_html(html, features=None):
    """Rich text as Wagtail's editor stores it: the HTML goes through the editor's own converter and back.

    Markup the editor cannot open (``<br>`` instead of ``<br/>``, a feature the block does not
    allow) raises here, when the demo is built, instead of when an editor opens the page.
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from home.blocks import PARAGRAPH_FEATURES

    converter = ContentstateConverter(features or PARAGRAPH_FEATURES)
    return converter.to_database_format(converter.from_database_format(html))


def register(order):
    def decorator(function):
        _loaders.append((order, function.__module__, function))
        return function

    return decorator


def loaders():
    autodiscover_modules("demo_data")
    return [function for _order, _module, function in sorted(_loaders, key=lambda item: item[:2])]
