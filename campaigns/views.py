"""Thin views: the forms check the input, ``campaigns.services`` does the work, and a refusal
reaches the form through ``home.forms.add_service_errors``.

The campaign page itself is a Wagtail page; ``campaign_page`` serves it (``serve_campaign_pages``,
registered in ``wagtail_hooks``, routes campaign pages here), so the page model never imports this module.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from campaigns import ics, services
from campaigns.forms import CancelPledgeForm, ErasePledgeForm, LineQuantitiesForm, PledgeForm
from campaigns.models import CampaignPage, CampaignSettings, Pledge
from campaigns.qr import qr_svg
from home import limits
from home.forms import add_service_errors
from home.links import absolute_url, page_url
from home.models import CentreSettings

# How many needs a poster lists: what fits one A4 page beside the address, the hours and the QR code.
POSTER_NEEDS = 8

# Pledges made (never refused forms), per address, e-mail address and session: the rates are
# settings (RATE_LIMITS); a school's network serves a room of donors, one person cannot flood.
PLEDGE_LIMITS = (
    limits.Limit(
        "pledge_per_ip",
        limits.IP,
        gettext_lazy("Many pledges have come from your network just now. Please try again in %(minutes)s min."),
    ),
    limits.Limit(
        "pledge_per_email",
        limits.EMAIL,
        gettext_lazy(
            "Many pledges have been made with this e-mail address just now. Please try again in %(minutes)s min."
        ),
    ),
    limits.Limit(
        "pledge_per_session",
        limits.SESSION,
        gettext_lazy("You have made many pledges just now. Please try again in %(minutes)s min."),
    ),
)


def campaign_page(request: HttpRequest, page: CampaignPage) -> HttpResponse:
    """The campaign page with its pledge form, which posts back here.

    A pledge is checked with the quantity fields of the needs it names only, and a pledge made
    answers with a redirect before the page is built: of a campaign's hundreds of needs, the
    donor gives one or a few. Only a form that comes back with a problem needs the page with
    every field, and then it is checked again with all of them (the same checks, the same answer).
    """
    initial = {}
    if request.user.is_authenticated:
        initial = {"donor_name": request.user.get_full_name(), "email": request.user.email}
    posted = request.method == "POST" and page.accepts_pledges()
    refusal: str | None = None
    problem: ValidationError | None = None
    if posted:
        asked = page.needs_with_tallies_of(PledgeForm.tally_ids_asked_for(request.POST))
        pledged = PledgeForm(request.POST, needs=asked, campaign=page, initial=initial)
        if pledged.caught_by_honeypot:
            return pledge_received(request, page)
        if pledged.is_valid():
            email = pledged.cleaned_data["email"]
            refusal = limits.refusal(request, PLEDGE_LIMITS, email=email)
            if refusal is None:
                try:
                    result = services.create_pledge(
                        page,
                        pledged.quantities(),
                        pledged.details(),
                        submission_key=pledged.cleaned_data["submission_key"],
                        donor=request.user if request.user.is_authenticated else None,
                        repeat=pledged.cleaned_data["repeat"],
                    )
                except ValidationError as error:
                    problem = error
                else:
                    if result.created:  # a double submit is the same pledge, counted once
                        limits.count(request, PLEDGE_LIMITS, email=email)
                    return redirect(result.pledge.get_confirmation_url())
    context = page.get_context(request)
    status = 200
    if posted:
        form = PledgeForm(request.POST, needs=context["needs"], campaign=page, initial=initial)
        form.is_valid()
        if refusal is not None:
            form.add_error(None, refusal)
            status = 429
        elif problem is not None:
            add_service_errors(form, problem)
            if isinstance(problem, services.RepeatedPledge):
                context["repeat_lines"] = services.display_lines(problem.pledge)
        if form.errors:
            status = max(status, 400)
    else:
        form = PledgeForm(needs=context["needs"], campaign=page, initial=initial)
    context["form"] = form
    _unfold_groups_with_input(context["need_groups"], form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _unfold_groups_with_input(groups: list[Any], form: PledgeForm) -> None:
    """A folded category the donor typed into, or whose quantity has a problem, comes back open."""
    if not form.is_bound:
        return
    for group in groups:
        if any(form.data.get(need.field.html_name) or need.field.errors for need in group.needs):
            group.open = True


def pledge_received(request: HttpRequest, page: CampaignPage) -> HttpResponse:
    """What a bot that filled the honeypot gets: thanks, as for a pledge, and nothing stored or sent."""
    context = {"campaign": page, "page_title": _("Thank you for your pledge!")}
    return TemplateResponse(request, "campaigns/pledge_received.html", context)


def serve_campaign_pages(next_serve: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wagtail's ``on_serve_page`` hook (registered in ``wagtail_hooks``): campaign pages go to
    ``campaign_page``, every other page on down the chain."""

    def serve(page: Any, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
        if isinstance(page, CampaignPage):
            return campaign_page(request, page)
        return next_serve(page, request, args, kwargs)

    return serve


def _pledge_or_404(token: str) -> Pledge:
    pledge = Pledge.from_token(token)
    if pledge is None:
        raise Http404
    return pledge


def _pledge_context(request: HttpRequest, pledge: Pledge, **extra: Any) -> dict[str, Any]:
    context = services.pledge_context(pledge, CentreSettings.for_request(request))
    context["page_title"] = _("Pledge %(reference)s") % {"reference": pledge.reference}
    if pledge.is_open:
        # For the centre's door: staff scan it to record what arrived (the address names no donor).
        context["door_qr"] = qr_svg(
            services.scan_url(pledge, request),
            _("QR code of pledge %(reference)s") % {"reference": pledge.reference},
            css_class="qr pledge-door__qr",
        )
    context.update(extra)
    return context


# Pages that show a donor's pledge are never kept by a browser or a proxy (``never_cache``).


@never_cache
def confirmation(request: HttpRequest, token: str) -> HttpResponse:
    pledge = _pledge_or_404(token)
    return TemplateResponse(request, "campaigns/pledge_confirmation.html", _pledge_context(request, pledge))


@never_cache
@require_http_methods(["GET", "POST"])
def pledge_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: the pledge's state, and for an open pledge, lower it or cancel it (after one
    question); for any pledge, erase the donor's details (after one question too)."""
    pledge = _pledge_or_404(token)
    context = _pledge_context(request, pledge)
    lower_form = LineQuantitiesForm(lines=context["lines"])
    cancel_form = CancelPledgeForm()
    status = 200
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "erase" and not pledge.anonymised_at:
        erase_form = ErasePledgeForm(request.POST)
        if erase_form.is_valid() and erase_form.cleaned_data["confirmed"]:
            services.erase_by_link(pledge)
            messages.success(
                request, _("Your name and contact details are erased from your pledges. An e-mail confirms it.")
            )
            return redirect(pledge.get_private_url())
        context["erase_form"] = erase_form
        context["erased_with"] = services.pledges_erased_with(pledge)
        return TemplateResponse(request, "campaigns/pledge_erase.html", context)
    if action == "cancel" and pledge.is_open:
        cancel_form = CancelPledgeForm(request.POST)
        if cancel_form.is_valid() and cancel_form.cleaned_data["confirmed"]:
            try:
                services.cancel_pledge(pledge)
            except ValidationError as error:
                add_service_errors(cancel_form, error)
                status = 400
            else:
                messages.success(request, _("Your pledge is cancelled. Thank you for letting us know."))
                return redirect(pledge.get_private_url())
        context["cancel_form"] = cancel_form
        return TemplateResponse(request, "campaigns/pledge_cancel.html", context, status=status)
    if action == "lower" and pledge.is_open:
        lower_form = LineQuantitiesForm(request.POST, lines=context["lines"])
        if lower_form.is_valid():
            try:
                services.lower_pledge(pledge, lower_form.values())
            except ValidationError as error:
                add_service_errors(lower_form, error)
            else:
                messages.success(request, _("The quantities are changed. Thank you!"))
                return redirect(pledge.get_private_url())
        status = 400
    context.update(lower_form=lower_form, cancel_form=cancel_form)
    return TemplateResponse(request, "campaigns/pledge_detail.html", context, status=status)


@never_cache
@login_required
def my_pledges(request: HttpRequest) -> HttpResponse:
    pledges = list(Pledge.objects.of_user(request.user).with_lines())
    services.label_lines([line for pledge in pledges for line in pledge.lines.all()], get_language())
    services.label_campaigns(pledges, get_language())
    return TemplateResponse(request, "campaigns/my_pledges.html", {"pledges": pledges, "page_title": _("My pledges")})


@never_cache
def pledge_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The drop-off as a calendar entry (.ics) for a pledge still to be brought, in the page's language."""
    pledge = _pledge_or_404(token)
    if not pledge.is_open or pledge.is_pickup:
        raise Http404
    content = ics.pledge_calendar(
        pledge,
        services.pledge_context(pledge, CentreSettings.for_request(request)),
        private_url=absolute_url(pledge.get_private_url(), request),
        host=request.get_host().split(":")[0],
        grace_days=CampaignSettings.for_request(request).grace_days,
    )
    response = HttpResponse(content, content_type=ics.CONTENT_TYPE)
    filename = _("pledge-%(reference)s.ics") % {"reference": pledge.reference}
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def campaign_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign's A4 poster for notice boards: what is needed most, where and when, and a QR code
    of the campaign's page. Printed from the browser (the page's print stylesheet is the poster)."""
    campaign = get_object_or_404(CampaignPage.objects.live().public().select_related("locale"), pk=pk)
    campaign = campaign.localized
    needs = campaign.needs_with_tallies()
    most_needed = campaign.most_needed(needs)
    address = page_url(campaign, request)
    context = {
        "campaign": campaign,
        "needs": most_needed[:POSTER_NEEDS],
        "more_needs": len(most_needed[POSTER_NEEDS:]),
        "period_state": campaign.period_state(),
        "dropoff": campaign.dropoff(CentreSettings.for_request(request)),
        "campaign_address": address,
        "campaign_qr": qr_svg(
            address,
            _("QR code of the campaign's page: %(title)s") % {"title": campaign.title},
            css_class="qr poster__qr",
        ),
        "page_title": _("Poster: %(title)s") % {"title": campaign.title},
    }
    return TemplateResponse(request, "campaigns/campaign_poster.html", context)
