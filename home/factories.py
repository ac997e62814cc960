from functools import lru_cache

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.models import Collection

import factory
import wagtail_factories

from home.illustrations import landscape
from home.models import NewsIndexPage, NewsPage, StandardPage, Supporter

# Pictures come from a dozen drawings (each drawn once per process), so that a suite that makes
# hundreds of pictures draws, and makes renditions of, a dozen (tests/conftest.py keeps renditions
# by the picture's bytes); every picture is still a file and a row of its own.
DRAWINGS = 12


@lru_cache(maxsize=DRAWINGS)
def _drawing(number: int) -> bytes:
    return landscape(seed=number, people=1 + number % 4)


class ImageFactory(wagtail_factories.ImageFactory):
    """A drawn landscape, stored in the root collection."""

    title = factory.Sequence(lambda n: f"Attēls {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttributeSequence(
        lambda obj, n: ContentFile(_drawing(n % DRAWINGS), name=f"ilustracija-{n}.png")
    )


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=3, locale="lv_LV")
    introduction = factory.Faker("paragraph", locale="lv_LV")
    body = factory.LazyAttribute(lambda obj: [("paragraph", f"<p>{obj.introduction}</p>")])

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Jaunumi"
    slug = "jaunumi"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Faker("sentence", nb_words=6, locale="lv_LV")
    date = factory.LazyFunction(timezone.localdate)
    summary = factory.Faker("paragraph", locale="lv_LV")
    body = factory.LazyAttribute(lambda obj: [("paragraph", f"<p>{obj.summary}</p>")])

    class Meta:
        model = NewsPage


class SupporterFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("company", locale="lv_LV")
    url = "https://example.org/"
    live = True

    class Meta:
        model = Supporter
