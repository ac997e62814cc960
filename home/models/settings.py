from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from home.choices import Weekday
from home.panels import InlinePanel


class DefaultSiteSetting(BaseSiteSetting):
    """A site setting that code without a request (mail, scheduled jobs) reads from the portal's one site."""

    class Meta:
        abstract = True

    @classmethod
    def for_default_site(cls):
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        return cls.for_site(site) if site else cls()

    @classmethod
    def for_site(cls, site):
        """The site's settings, kept between requests until settings or pages change (``home.layout``):
        every page reads them for its title and footer."""
        from home import layout

        if site is None:
            return super().for_site(site)
        return layout.remember(None, f"settings:{cls._meta.label_lower}:{site.pk}", lambda: cls._load(site))

    @classmethod
    def _load(cls, site):
        instance = super().for_site(site)
        for field in cls._meta.concrete_fields:
            if field.many_to_one and field.name != "site":
                getattr(instance, field.name)  # the page a setting points to comes along
        return instance


@register_setting(icon="home")
class CentreSettings(ClusterableModel, DefaultSiteSetting):
    """The centre's contact details, shown in the footer, on campaign pages and in mail."""

    centre_name = models.CharField(_("centre name"), max_length=150, default="Bauskas SOS ģimeņu atbalsta centrs")
    centre_name_en = models.CharField(
        _("centre name in English"),
        max_length=150,
        blank=True,
        default="Bauska SOS Family Support Centre",
        help_text=_("English pages and mail show it; empty: the Latvian name."),
    )
    street_address = models.CharField(_("street address"), max_length=150, default="Rūpniecības iela 7")
    postal_code = models.CharField(_("postal code"), max_length=20, default="LV-3901")
    city = models.CharField(_("city"), max_length=80, default="Bauska")
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    dropoff_instructions = models.TextField(
        _("drop-off instructions"),
        blank=True,
        help_text=_("Where and how donors bring items; campaign pages show it unless they say otherwise."),
    )
    dropoff_instructions_en = models.TextField(
        _("drop-off instructions in English"),
        blank=True,
        help_text=_("English pages and mail show them; empty: the Latvian instructions."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("centre_name"),
                FieldPanel("centre_name_en"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel(
            "opening_hours", heading=_("Opening hours"), label=_("Opening hours"), add_label=_("Add opening hours")
        ),
        FieldPanel("dropoff_instructions"),
        FieldPanel("dropoff_instructions_en"),
    ]

    class Meta:
        verbose_name = _("centre details")

    @property
    def address(self):
        return f"{self.street_address}, {self.city}, {self.postal_code}"

    def in_language(self, field: str, language: str | None = None) -> str:
        """The words of ``field`` in ``language`` (the active one): ``<field>`` is in the site's default
        language (Latvian), ``<field>_<code>`` in another; an empty translation falls back to the default."""
        code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        if code != settings.LANGUAGE_CODE:
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return getattr(self, field)

    @classmethod
    def _load(cls, site):
        instance = super()._load(site)
        instance._hours = list(instance.opening_hours.all())
        return instance

    @property
    def hours(self) -> list["OpeningHours"]:
        """The opening hours, in order (loaded with the settings when they come from ``for_site``)."""
        cached = getattr(self, "_hours", None)
        return cached if cached is not None else list(self.opening_hours.all())

    @property
    def name(self) -> str:
        """The centre's name in the active language: footers, page titles, mail signatures."""
        return self.in_language("centre_name")

    @property
    def instructions(self) -> str:
        """The drop-off instructions in the active language."""
        return self.in_language("dropoff_instructions")

    @classmethod
    def for_default_site(cls) -> "CentreSettings":
        """The default site's details, for mail and jobs that run without a request (``home.mail``)."""
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        return cls.for_site(site) if site else cls()


class OpeningHours(Orderable):
    settings = ParentalKey(CentreSettings, related_name="opening_hours", on_delete=models.CASCADE)
    first_day = models.PositiveSmallIntegerField(_("from"), choices=Weekday.choices)
    last_day = models.PositiveSmallIntegerField(_("to"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldPanel("first_day"), FieldPanel("last_day"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day comes before the first.")})
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})

    @property
    def days(self):
        if self.first_day == self.last_day:
            return self.get_first_day_display()
        return f"{self.get_first_day_display()}–{self.get_last_day_display()}"
