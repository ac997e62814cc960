from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home.charts import percent
from home.models import Supporter

register = template.Library()


def _localized_root(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falls back to the site root)."""
    request = context.get("request")
    if "_localized_home" not in context.render_context:
        context.render_context["_localized_home"] = _localized_root(request) if request else None
    return context.render_context["_localized_home"]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    home = localized_home(context)
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = []
    if home is not None:
        for item in home.get_children().live().public().in_menu():
            items.append({"page": item, "active": bool(current_path) and current_path.startswith(item.path)})
    return {"request": request, "items": items}


def _home_url(request, code):
    site = Site.find_for_request(request)
    home = site.root_page.get_translation_or_none(Locale.objects.get(language_code=code)) if site else None
    return home.get_url(request) if home else "/"


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language, or to that language's home page where it has no translation."""
    request = context["request"]
    page = context.get("page")
    active = get_language()
    translations = {}
    if isinstance(page, Page):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    links = []
    current = request.get_full_path()
    for code, name in settings.LANGUAGES:
        if translations.get(code):
            url = translations[code].get_url(request)
        elif isinstance(page, Page):
            url = _home_url(request, code)
        else:
            url = translate_url(current, code)
            if url == current and code != active:
                url = _home_url(request, code)  # an address with no language in it (the admin's 403 page)
        links.append({"code": code, "name": name, "url": url, "active": code == active})
    return {"links": links}


@register.inclusion_tag("includes/supporters.html")
def supporters():
    return {"supporters": list(Supporter.objects.shown())}


@register.simple_tag(takes_context=True)
def news_index(context):
    """The news index of the active language, for links in the header and footer."""
    from home.models import NewsIndexPage

    home = localized_home(context)
    if home is None:
        return None
    return NewsIndexPage.objects.live().child_of(home).first()


@register.inclusion_tag("includes/progress_bar.html")
def progress_bar(maximum, done, promised=0, label=""):
    """A drawn bar: ``done`` solid, ``promised`` beyond it hatched, out of ``maximum``.

    Widths are SVG attributes, not inline styles, so a strict CSP allows them.
    ``label`` is the sentence a screen reader hears instead of the drawing.
    """
    done_pct = percent(done, maximum)
    promised_pct = min(100 - done_pct, percent(promised, maximum))
    return {
        "done_pct": done_pct,
        "promised_pct": promised_pct,
        "promised_x": done_pct,
        "label": label,
        "complete": maximum and done and done >= maximum,
    }


def account_menu_items(request):
    """The signed-in person's own places. Apps add theirs with the hook
    ``register_account_menu_item``: a function of the request that returns
    ``(url, label)`` or None, so home never imports them."""
    items = []
    for hook in hooks.get_hooks("register_account_menu_item"):
        item = hook(request)
        if item:
            items.append({"url": item[0], "label": item[1]})
    return items


@register.inclusion_tag("includes/account_menu.html", takes_context=True)
def account_menu(context):
    """The signed-in person's links in the header (see ``account_menu_items``)."""
    request = context["request"]
    return {"items": account_menu_items(request), "request": request}
