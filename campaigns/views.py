"""Thin views: the forms check the input, ``campaigns.services`` does the work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from django_ratelimit.core import is_ratelimited

from campaigns import services
from campaigns.forms import LineQuantitiesForm, PledgeForm
from campaigns.models import CampaignSettings, Pledge

PLEDGE_RATE = "20/h"  # per IP address: plenty for a family, too few for a bot


def pledge_form_for(request, page, data=None):
    needs = page.needs_with_tallies()
    initial = {}
    if request.user.is_authenticated:
        initial = {"donor_name": request.user.get_full_name(), "email": request.user.email}
    return PledgeForm(data, needs=needs, campaign=page, initial=initial)


def campaign_page(request, page):
    """The campaign page; its form posts back here."""
    status = 200
    if request.method == "POST" and page.accepts_pledges():
        form = pledge_form_for(request, page, request.POST)
        limited = is_ratelimited(
            request, group="campaigns.pledge", key="ip", rate=PLEDGE_RATE, method="POST", increment=True
        )
        if limited:
            form.add_error(None, _("Too many pledges came from your network just now. Please try again in an hour."))
            status = 429
        elif form.is_valid():
            try:
                result = services.create_pledge(
                    page,
                    form.quantities(),
                    form.details(),
                    submission_key=form.cleaned_data["submission_key"],
                    donor=request.user if request.user.is_authenticated else None,
                )
            except services.NotEnoughLeft as error:
                form.add_shortages(error.remaining)
                form.add_error(None, error.message)
            except services.PledgeError as error:
                form.add_error(None, error.message)
            else:
                return redirect(result.pledge.get_confirmation_url())
        if form.errors:
            status = max(status, 400)
    else:
        form = pledge_form_for(request, page)
    context = page.get_context(request, form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def campaign_context(request, page, form=None):
    """What the campaign page's template needs; also used for previews, which skip ``serve``."""
    form = form or pledge_form_for(request, page)
    settings = CampaignSettings.for_request(request)
    privacy = settings.privacy_page.localized if settings.privacy_page else None
    needs = form.needs
    totals = {"needed": 0, "pledged": 0, "received": 0}
    for need in needs:
        totals["needed"] += need.tally.needed
        totals["pledged"] += need.tally.pledged
        totals["received"] += need.tally.received
    return {
        "form": form,
        "needs": needs,
        "totals": totals,
        "period_state": page.period_state(),
        "privacy_page": privacy,
    }


def _pledge_or_404(token):
    pledge = Pledge.from_token(token)
    if pledge is None:
        raise Http404
    return pledge


def confirmation(request, token):
    pledge = _pledge_or_404(token)
    return TemplateResponse(request, "campaigns/pledge_confirmation.html", _pledge_context(pledge))


def _pledge_context(pledge, lower_form=None):
    context = services.mail_context(pledge)
    lines = context["lines"]
    context["lower_form"] = lower_form or LineQuantitiesForm(lines=lines, mode="lower")
    context["page_title"] = _("Pledge %(reference)s") % {"reference": pledge.reference}
    return context


@require_http_methods(["GET", "POST"])
def pledge_detail(request, token):
    """The private link: the pledge's state, and for an open pledge, cancel or lower it."""
    pledge = _pledge_or_404(token)
    lower_form = None
    status = 200
    if request.method == "POST" and pledge.is_open:
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.cancel_pledge(pledge)
                messages.success(request, _("Your pledge is cancelled. Thank you for letting us know."))
                return redirect(pledge.get_private_url())
            if action == "lower":
                lines = services.display_lines(pledge)
                lower_form = LineQuantitiesForm(request.POST, lines=lines, mode="lower")
                if lower_form.is_valid():
                    services.lower_pledge(pledge, lower_form.values())
                    messages.success(request, _("The quantities are changed. Thank you!"))
                    return redirect(pledge.get_private_url())
                status = 400
        except services.PledgeError as error:
            if lower_form is not None:
                lower_form.add_line_errors(error.field_errors)
                lower_form.add_error(None, error.message)
            else:
                messages.error(request, error.message)
            status = 400
    return TemplateResponse(
        request, "campaigns/pledge_detail.html", _pledge_context(pledge, lower_form), status=status
    )


@login_required
def my_pledges(request):
    pledges = list(Pledge.objects.of_user(request.user).with_lines())
    services.label_lines([line for pledge in pledges for line in pledge.lines.all()], get_language())
    return TemplateResponse(request, "campaigns/my_pledges.html", {"pledges": pledges, "page_title": _("My pledges")})
