import datetime
import uuid

from django.utils import timezone

import factory
import wagtail_factories

from campaigns.choices import Category, Delivery, Priority, Unit
from campaigns.models import CampaignIndexPage, CampaignPage, Need, Pledge


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kampaņas"
    slug = "kampanas"

    class Meta:
        model = CampaignIndexPage


class NeedFactory(factory.django.DjangoModelFactory):
    """A need; build it into a page with ``CampaignPageFactory(needs=[...])`` or save it with ``page=``."""

    name = factory.Iterator(["Mugursoma", "Penāļa komplekts", "Ziemas zābaki", "Virsjaka", "Zobu pastas komplekts"])
    category = Category.OTHER
    unit = Unit.PIECES
    quantity = 10
    size = ""
    priority = Priority.NORMAL

    class Meta:
        model = Need


class CampaignPageFactory(wagtail_factories.PageFactory):
    """A running campaign; ``needs=N`` or ``needs=[dict, ...]`` adds published needs (and their tallies)."""

    title = "Ģimene ģimenei"
    slug = factory.Sequence(lambda n: f"gimene-gimenei-{n}")
    introduction = "Palīdziet ģimenēm sagatavot bērnus skolai."
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    needs = None

    class Meta:
        model = CampaignPage

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        """``needs=N`` or ``needs=[dict, ...]`` become the page's needs before it is first saved, so that
        the page and its needs are saved once, together (as the editor saves them)."""
        specs = kwargs.pop("needs", None)
        if specs:
            specs = [{} for _ in range(specs)] if isinstance(specs, int) else specs
            kwargs["needs"] = [NeedFactory.build(sort_order=order, **spec) for order, spec in enumerate(specs)]
        return kwargs


class PledgeFactory(factory.django.DjangoModelFactory):
    """A bare pledge row (no reservation): tests and demo data create real ones with ``services.create_pledge``."""

    campaign = factory.SubFactory(CampaignPageFactory)
    submission_key = factory.LazyFunction(uuid.uuid4)
    donor_name = factory.Faker("name", locale="lv_LV")
    email = factory.Sequence(lambda n: f"donor{n}@example.org")
    delivery = Delivery.BRING
    expected_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=5))

    class Meta:
        model = Pledge
