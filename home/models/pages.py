from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import http_date
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail_localize.fields import SynchronizedField

from home import layout
from home.blocks import ContentStreamBlock, HomeStreamBlock, StandardPageStreamBlock
from home.feeds import news_feed
from home.search import clean_query

# The renditions a news card's srcset asks for (templates/includes/news_card.html), fetched with the items.
LISTING_IMAGE_SPECS = ("fill-320x180|format-webp", "fill-640x360|format-webp", "fill-960x540|format-webp")
TAG_MAX_LENGTH = 100  # taggit's slug length


def translated_languages() -> list[tuple[str, str]]:
    """The site's languages other than the default, for names set per language."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class BasePage(Page):
    """What every page of the site shares: an introduction and an optional picture."""

    introduction = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("image")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    # A section of the site that every page links to from its footer, in these words ("Become a
    # mentor"), whether or not editors put it in the menu. Set by a page type below the home page.
    footer_link_label: Any = None
    # Facts, not words: translations take them from the source page (home.translation).
    override_translatable_fields = [SynchronizedField("image", overridable=False)]

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail asks on every view (two queries); the site's few restrictions are kept in the cache
        (``home.layout``), so a page none of them can reach answers with an empty query, without SQL.
        Once ``read_view_restrictions`` has read them for this instance, they are the answer."""
        from wagtail.models import PageViewRestriction

        from home import layout

        read = self.__dict__.get("_view_restrictions_read")
        if read is not None:
            return read
        if layout.may_be_restricted(self):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def read_view_restrictions(self):
        """The restrictions on this page and its ancestors with their groups, read from the database
        (never the cache: three queries) and kept on this instance, so that an app's own check and
        Wagtail's (``get_view_restrictions``, ``accept_request``) read them once. A page served is
        loaded for its request, so nothing read here outlives the request."""
        restrictions = super().get_view_restrictions().prefetch_related("groups")
        len(restrictions)  # evaluated here: whoever iterates it later reads the rows kept
        self._view_restrictions_read = restrictions
        return restrictions

    def full_clean(self, *args, **kwargs):
        # One rule for page addresses (WAGTAIL_ALLOW_UNICODE_SLUGS is off): plain ASCII, with Latvian
        # letters transliterated ("ziemassvētku-dāvanas" → "ziemassvetku-davanas"), however the slug came.
        if self.slug and not self.slug.isascii():
            self.slug = slugify(self.slug)
        super().full_clean(*args, **kwargs)


class HomePage(BasePage):
    """The centre's front door: who it is, campaigns, news and the call to mentor."""

    mentor_title = models.CharField(_("mentor call: title"), max_length=120, blank=True)
    mentor_text = models.TextField(_("mentor call: text"), blank=True)
    mentor_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("mentor call: page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(HomeStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("mentor_title"), FieldPanel("mentor_text"), FieldPanel("mentor_page")],
            heading=_("Become a mentor"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: home names no other app's pages. Each page type that may stand under the
    # home page says so in its own parent_page_types; one without would be offered everywhere.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """The home page in the active language (Wagtail's ``localized``), its specific row and picture
        loaded, kept between requests (``home.layout``): every request starts its routing here."""
        language = get_language() or settings.LANGUAGE_CODE

        def build():
            page = Page.localized.fget(self).specific  # type: ignore[attr-defined]
            page.image  # noqa: B018 - loaded now, kept with the page
            return page

        return layout.remember(None, f"home-page:{self.pk}:{language}", build)

    def route(self, request, path_components):
        """Find a page below the home page in one query by its address (``url_path``) instead of one
        child at a time (two queries a level). A page on the way that routes its own sub-addresses
        (``RoutablePageMixin``: the news feed) gets the rest of the address, as in Wagtail's walk."""
        if len(path_components) < 2:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:depth]) + "/" for depth in range(1, len(path_components) + 1)
        ]
        found = {
            page.url_path: page for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
        }
        for depth, prefix in enumerate(prefixes, 1):
            page = found.get(prefix)
            if page is None:
                raise Http404
            rest = path_components[depth:]
            if depth == len(prefixes) or self._routes_itself(page, rest, found.get(prefixes[depth])):
                return page.specific.route(request, rest)
        raise Http404

    @staticmethod
    def _routes_itself(page, rest, child):
        """Whether ``page`` on the way answers the rest of the address itself: a page type with its own
        ``route``, unless it is a ``RoutablePageMixin`` page none of whose sub-addresses matches the rest
        and the rest begins with a child of it (the news index and one of its items: as in Wagtail's
        walk, without reading the index's own row)."""
        specific_class = page.specific_class
        if specific_class.route is Page.route:
            return False
        if child is None or not issubclass(specific_class, RoutablePageMixin):
            return True
        try:
            specific_class.get_resolver().resolve("/" + "/".join(rest) + "/")
        except Http404:
            return False
        return True

    def latest_news(self, count=3):
        index_page = NewsIndexPage.objects.live().descendant_of(self).first()
        if index_page is None:
            return []
        return list(index_page.news_pages()[:count])


class StandardPage(BasePage):
    """About, services, contact, the privacy notice: text an editor writes in blocks."""

    body = StreamField(StandardPageStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The list of news, newest first, by pages of ten, with a tag filter and an RSS feed."""

    per_page = 10

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def news_pages(self):
        from wagtail.images.models import Rendition

        return (
            layout.public(NewsPage.objects.child_of(self).live())
            .select_related("image", "locale")
            .prefetch_related(
                Prefetch("tagged_items", queryset=labelled_tags()),
                Prefetch(
                    "image__renditions",
                    queryset=Rendition.objects.filter(filter_spec__in=LISTING_IMAGE_SPECS),
                ),
            )
            .order_by("-date", "-pk")
        )

    def all_tags(self):
        """``(name in the active language, slug)`` of every tag on this index's news."""
        return (
            NewsPageTag.objects.filter(content_object__in=NewsPage.objects.child_of(self).live())
            .annotate(label=tag_label())
            .values_list("label", "tag__slug")
            .distinct()
            .order_by("label")
        )

    @path("")
    def index_route(self, request):
        news = self.news_pages()
        tag = clean_query(request.GET.get("tag"), TAG_MAX_LENGTH)
        if tag:
            news = news.filter(tags__slug=tag)
        paginator = Paginator(news, self.per_page)
        try:
            news_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            news_page = paginator.page(1)
        except EmptyPage:
            return redirect(self.get_url(request))
        return self.render(
            request,
            context_overrides={"news_page": news_page, "current_tag": tag, "tags": self.all_tags()},
        )

    @path("rss/", name="feed")
    def feed_route(self, request):
        feed = news_feed(self, request)
        response = HttpResponse(content_type=feed.content_type)
        response.headers["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
        feed.write(response, "utf-8")
        return response


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class TagName(models.Model):
    """A news tag's name in another language than the site's default (Latvian).

    A translated news page keeps its source's tags (a topic is one tag in every language, so
    "?tag=" finds the same news), and a page shows each tag in its own language: the name set
    here, else the tag's own name.
    """

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="names", verbose_name=_("tag"))
    language = models.CharField(_("language"), max_length=10, choices=translated_languages)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("tag"), FieldPanel("language"), FieldPanel("name")]

    class Meta:
        verbose_name = _("tag name")
        verbose_name_plural = _("tag names")
        ordering = ["tag__name", "language"]
        constraints = [models.UniqueConstraint(fields=["tag", "language"], name="home_tagname_one_per_language")]

    def __str__(self) -> str:
        return f"{self.tag.name} ({self.language}): {self.name}"


def tag_label(tag: str = "tag") -> Any:
    """The tag's name in the active language as a query expression (``tag`` is the path to the tag)."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE:
        return F(f"{tag}__name")
    names = TagName.objects.filter(tag=OuterRef(tag), language=language).values("name")[:1]
    return Coalesce(Subquery(names), F(f"{tag}__name"))


def labelled_tags() -> models.QuerySet:
    """A news page's tags (through ``tagged_items``) with ``label``: the name in the active language."""
    return NewsPageTag.objects.select_related("tag").annotate(label=tag_label()).order_by("label")


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("date", overridable=False),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self.news_index_link(request)
        context["topics"] = list(labelled_tags().filter(content_object=self))
        return context

    def news_index_link(self, request):
        """Its news index as the breadcrumbs and the topics' links show it (title, address): the frame's
        (``home.layout``, no query) when that is this page's parent, as it always is for a public news
        item; otherwise (a private index, another site's) read from the database."""
        frame = layout.frame(request)
        kept = frame.news_index if frame else None
        if kept is not None and kept.path == self.path[: -self.steplen]:
            return kept
        return layout.link_for(self.get_parent().specific, request)
