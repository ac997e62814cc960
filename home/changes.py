"""What a change makes old, in one place: the frame of every page and the page cache's copies.

Two caches keep what public pages show, each under a generation that a change renews:

- the frame (``home.layout``: the site, settings, menu, footer, supporters, which pages are
  private) and the news lists kept with it (``{% cache %}`` under ``{% frame_generation %}`` on
  the home page and the news index), renewed by ``layout.forget`` when a model of ``frame_models``
  is saved or deleted;
- whole pages for visitors (``home.pagecache``) and the fragments kept with them (the home page's
  running campaigns, under ``{% content_generation %}`` and the date), renewed by
  ``pagecache.content_changed`` when any content is (``is_content``: pages, settings, snippets,
  images, documents, redirects, tags, a campaign's figures, mentoring's approved months and pairs).

Publishing, unpublishing, moving a page or changing its slug renews both. The frame's list is
the narrower on purpose: a pledge changes a campaign's figures, which pages show and the frame
does not, so the frame is not built again for every pledge. A change that bypasses ``save()``
(a queryset's ``update()``) calls the function itself (``campaigns.models.pledges``).
"""

import functools
from typing import Any

# Models of other apps whose rows public pages count: the impact page and the home page's figures
# show approved months and pairs opened and closed (meetings count only once their month is approved).
CONTENT_MODELS = {"mentoring.monthreview", "mentoring.pair"}
# Models whose rows public pages show, besides pages, settings and snippets: by app, less what
# changes while pages are served or is never shown.
CONTENT_APPS = {"home", "campaigns", "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailredirects", "taggit"}
NOT_CONTENT = {
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.revision",
    "wagtailcore.referenceindex",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",  # made while a page renders
    "campaigns.pledge",  # what public pages show of pledges is the tallies (NeedTally)
    "campaigns.pledgeline",
}


def frame_models() -> tuple[type, ...]:
    """Models whose rows the frame shows (``home.layout``)."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from taggit.models import Tag

    from home.models import OpeningHours, Supporter, TagName

    # Tag, TagName: the news lists (kept under the frame's generation) show tags by their names.
    return (
        Page,
        Site,
        Locale,
        PageViewRestriction,
        BaseSiteSetting,
        OpeningHours,
        Supporter,
        Tag,
        TagName,
        get_image_model(),
    )


@functools.cache
def is_content(model: type) -> bool:
    """Whether public pages show rows of ``model`` (``home.pagecache``). Asked on every save of any
    model; the answer for a model never changes once the apps are loaded, so it is worked out once."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page
    from wagtail.snippets.models import get_snippet_models

    meta = model._meta  # type: ignore[attr-defined]
    if issubclass(model, (Page, BaseSiteSetting, BaseGenericSetting)) or model in get_snippet_models():
        return True
    if meta.label_lower in CONTENT_MODELS:
        return True
    return meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT


_FRAME: tuple[type, ...] = ()
# While ``migrate`` runs, saves renew nothing (a first ``migrate`` runs before ``createcachetable``);
# both generations are renewed once when it ends.
_migrating = False


def _saved_or_deleted(sender: type, instance: Any = None, created: bool = False, **kwargs: Any) -> None:
    from wagtail.contrib.settings.models import BaseSiteSetting

    from home import layout, pagecache

    if _migrating:
        return

    # (A site's settings made on first reading, with their defaults, change nothing the frame keeps.)
    if isinstance(instance, _FRAME) and not (created and isinstance(instance, BaseSiteSetting)):
        layout.forget()
    if is_content(sender):
        pagecache.content_changed()


def _related_changed(sender: type, **kwargs: Any) -> None:
    from home import pagecache

    if not _migrating and is_content(sender):  # the through model: a page's tags, a restriction's groups
        pagecache.content_changed()


def _page_changed(**kwargs: Any) -> None:
    from home import layout, pagecache

    layout.forget()
    pagecache.content_changed()


def _migration_starts(**kwargs: Any) -> None:
    global _migrating
    _migrating = True


def _migration_ended(using: str = "default", **kwargs: Any) -> None:
    """Once, after the last migration: renew both generations, if the caches are there yet."""
    global _migrating
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connections

    if not _migrating:
        return
    _migrating = False
    from home.search_backend import refold_index

    refold_index(using)  # PostgreSQL: an index from before searches folded marks is built again
    tables = connections[using].introspection.table_names()
    database_caches = [cache for alias in settings.CACHES if isinstance(cache := caches[alias], DatabaseCache)]
    if any(cache._table not in tables for cache in database_caches):  # type: ignore[attr-defined]
        return
    _page_changed()


def connect() -> None:
    """Called from ``home.apps``."""
    global _FRAME
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate

    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    _FRAME = frame_models()
    post_save.connect(_saved_or_deleted, dispatch_uid="home.changes.saved")
    post_delete.connect(_saved_or_deleted, dispatch_uid="home.changes.deleted")
    m2m_changed.connect(_related_changed, dispatch_uid="home.changes.related")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_changed, dispatch_uid=f"home.changes.{id(signal)}")
    pre_migrate.connect(_migration_starts, dispatch_uid="home.changes.migrating")
    post_migrate.connect(_migration_ended, dispatch_uid="home.changes.migrated")
