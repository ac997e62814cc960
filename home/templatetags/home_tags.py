import datetime
import re

from django import template
from django.conf import settings
from django.forms import BaseForm
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.models import Page

from home import dates, layout, pagecache
from home.charts import percent
from home.forms import ERROR_SUMMARY_ID, PortalFormMixin
from home.forms import error_summary as form_problems

register = template.Library()


def _frame(context):
    """The frame's links for this request (``home.layout``: kept between requests)."""
    if "_frame" not in context.render_context:
        context.render_context["_frame"] = layout.frame(context.get("request"))
    return context.render_context["_frame"]


@register.simple_tag(takes_context=True)
def frame_generation(context):
    """The frame's generation (``home.layout``), for ``{% cache %}`` around a fragment that shows only what
    renews it (pages, their images and tags, sites, settings): ``{% frame_generation as generation %}``.
    A pledge does not renew it, so such fragments outlive the page cache's copies in a rush."""
    return layout.generation(context.get("request"))


@register.simple_tag(takes_context=True)
def content_generation(context):
    """The page cache's generation (``home.pagecache``), for ``{% cache %}`` around a fragment that shows
    content and figures: ``{% content_generation as content %}``. Any change of what public pages show
    renews it, a pledge too; add the date to the key where the fragment depends on the day."""
    return pagecache.request_generation(context.get("request"))


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (a ``home.layout.Link``: ``.url``, ``.title``), or None."""
    frame = _frame(context)
    return frame.home if frame else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live, public children that are shown in menus (``home.layout.Link``s)."""
    request = context.get("request")
    frame = _frame(context)
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [
        {"link": link, "active": bool(current_path) and current_path.startswith(link.path)}
        for link in (frame.menu if frame else [])
        if link.show_in_menus
    ]
    return {"request": request, "items": items}


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Sections every page links to from its footer ("Become a mentor"): the home page's children whose
    page type names a ``footer_link_label`` (``home.models.BasePage``), in the active language."""
    frame = _frame(context)
    return [link for link in (frame.menu if frame else []) if link.footer_label]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language, or to that language's home page where it has no translation."""
    request = context["request"]
    page = context.get("page")
    active = get_language()
    frame = _frame(context)
    home_urls = frame.home_urls if frame else {}
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = layout.remember(
            request,
            f"translations:{page.pk}:{active}",
            lambda: {
                translation.locale.language_code: translation.get_url(request)
                for translation in page.get_translations(inclusive=True).live().select_related("locale")
            },
        )
    links = []
    current = request.get_full_path()
    for code, name in settings.LANGUAGES:
        if translations.get(code):
            url = translations[code]
        elif isinstance(page, Page):
            url = home_urls.get(code) or "/"
        else:
            url = translate_url(current, code)
            if url == current and code != active:
                url = home_urls.get(code) or "/"  # an address with no language in it (the admin's 403 page)
        links.append({"code": code, "name": name, "url": url, "active": code == active})
    return {"links": links}


@register.simple_tag(takes_context=True)
def supporters(context):
    """The footer's supporters (``home.layout.supporters_html``: rendered once per language, kept)."""
    return layout.supporters_html(context.get("request"))


@register.simple_tag(takes_context=True)
def news_index(context):
    """The news index of the active language (a ``home.layout.Link``), for links in the header and footer."""
    frame = _frame(context)
    return frame.news_index if frame else None


@register.simple_tag(takes_context=True)
def news_feed_url(context):
    """The address of the news index's RSS feed ("" when there is no news index)."""
    frame = _frame(context)
    return frame.news_feed_url if frame else ""


def bar_svg(maximum, done, promised=0, label="") -> SafeString:
    """A drawn bar: ``done`` solid, ``promised`` beyond it hatched, out of ``maximum``.

    Widths are SVG attributes, not inline styles, so a strict CSP allows them.
    ``label`` is the sentence a screen reader hears instead of the drawing. Written in Python
    rather than a template: a campaign page draws one for each of hundreds of needs.
    """
    done_pct = percent(done, maximum)
    promised_pct = min(100 - done_pct, percent(promised, maximum))
    complete = bool(maximum and done and done >= maximum)
    parts = [
        format_html(
            '<svg class="bar{}" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{}" '
            'focusable="false"><rect class="bar__track" x="0" y="0" width="100" height="10" rx="5"/>',
            " bar--complete" if complete else "",
            label,
        )
    ]
    if promised_pct:
        parts.append(
            format_html(
                '<rect class="bar__promised" x="{}" y="0" width="{}" height="10"/>', str(done_pct), str(promised_pct)
            )
        )
    if done_pct:
        parts.append(format_html('<rect class="bar__done" x="0" y="0" width="{}" height="10"/>', str(done_pct)))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


@register.simple_tag
def progress_bar(maximum, done, promised=0, label=""):
    """``{% progress_bar maximum done promised label %}``: the bar of ``bar_svg``."""
    return bar_svg(maximum, done, promised, label)


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


@register.filter
def long_date(day: datetime.date | None, case: dates.Case = "nominative") -> str:
    """``{{ day|long_date:"locative" }}``: the date in the case the sentence needs (see ``home.dates``)."""
    if not day:
        return ""
    return dates.long_date(day, case)


@register.filter
def long_date_weekday(day: datetime.date | None, case: dates.Case = "nominative") -> str:
    """``{{ day|long_date_weekday }}``: the same with the day of the week."""
    if not day:
        return ""
    return dates.long_date(day, case, weekday=True)


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form):
    """The GOV.UK-style summary at the top of a form that came back with errors (``home.forms.error_summary``).
    ``{{ form }}`` of a ``PortalForm`` draws it itself; hand-drawn forms and allauth's call this tag."""
    problems = form_problems(form) if isinstance(form, BaseForm) else []
    title = form.summary_title() if isinstance(form, PortalFormMixin) else None
    return {"problems": problems, "summary_id": ERROR_SUMMARY_ID, "title": title}


@register.simple_tag
def error_summary_id():
    """The error summary's id, for a template that draws its own summary-like panel."""
    return ERROR_SUMMARY_ID


# What must not break across lines in running text: a time range ("09:00–17:00", "9.00 - 17.00") and a
# postal code ("LV-3901").
UNBREAKABLE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*[–—-]\s*\d{1,2}[:.]\d{2}\b|\bLV-\d{4}\b")


@register.simple_tag
def csrf_cookie_name() -> str:
    """The CSRF cookie's name, for the site's script (a form sends the browser's current secret)."""
    return settings.CSRF_COOKIE_NAME


@register.filter
def nowrap(value):
    """``{% blocktranslate with code=pledge.reference|nowrap %}``: a code or name that must not break
    across lines where it stands in a sentence ("RNSV-|HKDA" in a heading on a phone)."""
    return format_html('<span class="nowrap">{}</span>', value)


@register.filter(needs_autoescape=True)
def keep_together(text, autoescape=True):
    """``{{ hours|keep_together }}``: time ranges and postal codes in free text stay on one line."""
    escaped = conditional_escape(text) if autoescape else str(text)
    parts = []
    last = 0
    for match in UNBREAKABLE.finditer(escaped):
        parts.append(escaped[last : match.start()])
        parts.append(format_html('<span class="nowrap">{}</span>', mark_safe(match.group(0))))  # noqa: S308
        last = match.end()
    parts.append(escaped[last:])
    return SafeString("".join(str(part) for part in parts))
