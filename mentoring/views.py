"""The mentor's side of the programme: apply, follow the application, log meetings.

Views are thin: they find the signed-in person's own records (anything else is a 404),
hand the form's data to ``services`` and render the result. Pages that show the child's
first name and interests are never kept by a browser or a proxy (``never_cache``).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from home import layout, limits
from home.forms import add_service_errors
from home.models import CentreSettings
from mentoring import certificates, dates, handbook, services
from mentoring.choices import ApplicationState
from mentoring.forms import ApplicationForm, CertificateCheckForm, CertificateForm, MeetingForm
from mentoring.models import Application, Meeting, MentoringPage, MentoringSettings, MonthReview, Pair
from mentoring.rules import MENTOR_AGES

# Applications sent (never refused forms), per address and per account: the rates are settings.
APPLICATION_LIMITS = (
    limits.Limit(
        "application_per_ip",
        limits.IP,
        gettext_lazy("Many applications have come from your network just now. Please try again in %(minutes)s min."),
    ),
    limits.Limit(
        "application_per_account",
        limits.ACCOUNT,
        gettext_lazy("You have sent several applications just now. Please try again in %(minutes)s min."),
    ),
)

# Certificates checked on the public page, per address: enough for an employer or a school,
# too few to try codes. Every check counts, found or not.
CERTIFICATE_CHECK_LIMITS = (
    limits.Limit(
        "certificate_check_per_ip",
        limits.IP,
        gettext_lazy(
            "Many certificates have been checked from your network just now. Please try again in %(minutes)s min."
        ),
    ),
)


def mentoring_page(request, page):
    """The "Become a mentor" page; a POST is an application from the signed-in visitor."""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(page.get_url(request))
        context = page.get_context(request)
        if not context["can_apply"]:
            return redirect(page.get_url(request))
        form = ApplicationForm(request.POST)
        status = 200
        if form.caught_by_honeypot:
            return _received(request, page)  # a bot: thanked as an applicant is, nothing stored or sent
        if form.is_valid():
            refusal = limits.refusal(request, APPLICATION_LIMITS)
            if refusal:
                form.add_error(None, refusal)
                status = 429
            else:
                try:
                    services.apply(request.user, language=get_language(), **form.answers())
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    limits.count(request, APPLICATION_LIMITS)
                    return _received(request, page)
        context["form"] = form
        response = TemplateResponse(request, page.get_template(request), context, status=status)
    else:
        response = TemplateResponse(request, page.get_template(request), page.get_context(request))
    if request.user.is_authenticated:
        add_never_cache_headers(response)  # it shows the person's own application
    return response


def _received(request, page):
    messages.success(request, _("Thank you! Your application has been received."))
    return redirect(page.get_url(request) + "#application")


def serve_mentoring_pages(next_serve: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wagtail's ``on_serve_page`` hook (registered in ``wagtail_hooks``): the "Become a mentor"
    page goes to ``mentoring_page``, so the page model never imports this module."""

    def serve(page: Any, request: HttpRequest, args: Any, kwargs: Any) -> HttpResponse:
        if isinstance(page, MentoringPage):
            return mentoring_page(request, page)
        return next_serve(page, request, args, kwargs)

    return serve


def _mentoring_page_url(request):
    """The "Become a mentor" page in the reader's language, else any: kept with the frame (``home.layout``)."""
    language = get_language()

    def find():
        page = MentoringPage.objects.live().filter(locale__language_code=language).first()
        page = page or MentoringPage.objects.live().first()
        return page.get_url(request) if page else None

    return layout.remember(request, f"mentoring:page_url:{language}", find)


def _own_pairs(user):
    return Pair.objects.for_mentor(user).select_related("mentee", "mentor")


def _pair_context(request, pair, form=None):
    today = timezone.localdate()
    target = MentoringSettings.for_request(request).monthly_target_hours
    months = services.pair_months(pair, today, target)
    this_month = months[0] if months and months[0]["month"] == dates.month_start(today) else None
    frozen = services.frozen_log_problem(pair)
    return {
        "pair": pair,
        # The mentor sees the child's first name and interests: nothing else leaves the record.
        "mentee": {"first_name": pair.mentee.first_name, "interests": pair.mentee.interests},
        "months": months,
        "this_month": this_month,
        "target": target,
        "frozen": frozen,
        "form": None if frozen else (form or MeetingForm(pair=pair)),
    }


def _render_pair_pages(request, pair=None, form=None, status=200):
    pairs = list(_own_pairs(request.user).order_by("-start_date"))
    application = services.latest_application(request.user)
    context = {
        "application": application,
        "mentoring_page_url": _mentoring_page_url(request),
        "handbook": handbook.handbook_root(request) if application else None,
        "approved": _approved_months(request.user) if application else None,
        "certificate_form": CertificateForm(initial={"language": (get_language() or "lv")[:2]}),
        "closed_pairs": [item for item in pairs if not item.is_active],
        "page_title": _("My mentoring"),
        "mentor_ages": MENTOR_AGES,
        "target": MentoringSettings.for_request(request).monthly_target_hours,
    }
    pair = pair or next((item for item in pairs if item.is_active), None)
    if pair:
        context.update(_pair_context(request, pair, form=form))
    template = "mentoring/my_mentoring.html"
    if pair and not pair.is_active:
        template = "mentoring/pair_detail.html"
        context["page_title"] = _("Mentoring with %(name)s") % {"name": pair.mentee.first_name}
    return TemplateResponse(request, template, context, status=status)


def _approved_months(user):
    """What the certificate would say of the hours, in one query (``None`` before a month is approved)."""
    summary = MonthReview.objects.filter(pair__mentor__user=user, pair__mentor__erased_at=None).aggregate(
        months=Count("pk"), hours=Sum("hours"), first=Min("month"), last=Max("month")
    )
    return summary if summary["months"] else None


def _back_to(pair):
    return redirect("mentoring:home") if pair.is_active else redirect("mentoring:pair", pk=pair.pk)


@never_cache
@login_required
def my_mentoring(request):
    """An approved mentor's page: the active pair, this month, the log form and the history."""
    return _render_pair_pages(request)


@never_cache
@login_required
def pair_detail(request, pk):
    """A pair of the mentor's own, kept readable after it closed."""
    pair = get_object_or_404(_own_pairs(request.user), pk=pk)
    if pair.is_active:
        return redirect("mentoring:home")
    return _render_pair_pages(request, pair)


def _refuse(request, problem, pair):
    """A mentor's action the programme's rules no longer allow: say why, back on the pair's page."""
    messages.error(request, problem)
    return _back_to(pair)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def log_meeting(request, pk):
    """The log form's address. A GET here is that address opened again (a phone that dropped the
    tab reloads the page it showed, the form with its errors; a bookmark; history): the pair's
    page with the form, not the blank "405" page it was."""
    pair = get_object_or_404(_own_pairs(request.user), pk=pk)
    if request.method == "GET":
        return _back_to(pair)
    frozen = services.frozen_log_problem(pair)
    if frozen:
        return _refuse(request, frozen, pair)
    form = MeetingForm(request.POST, pair=pair)
    if form.is_valid():
        try:
            services.log_meeting(pair, user=request.user, repeat=form.cleaned_data["repeat"], **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is logged."))
            return _back_to(pair)
    return _render_pair_pages(request, pair, form=form, status=400)


def _own_meeting(user, pk):
    return get_object_or_404(Meeting.objects.filter(pair__mentor__user=user).select_related("pair__mentee"), pk=pk)


@never_cache
@login_required
def edit_meeting(request, pk):
    meeting = _own_meeting(request.user, pk)
    problem = services.meeting_change_problem(meeting)
    if problem:
        return _refuse(request, problem, meeting.pair)
    form = MeetingForm(request.POST or None, instance=meeting, pair=meeting.pair)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(meeting, user=request.user, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is updated."))
            return _back_to(meeting.pair)
    return TemplateResponse(
        request,
        "mentoring/meeting_form.html",
        {"form": form, "meeting": meeting, "page_title": _("Edit meeting")},
        status=400 if form.errors else 200,  # as the log form and the pledge form answer a form sent wrong
    )


@never_cache
@login_required
def delete_meeting(request, pk):
    meeting = _own_meeting(request.user, pk)
    if request.method == "POST":
        try:
            services.delete_meeting(meeting, user=request.user)
        except ValidationError as error:
            return _refuse(request, " ".join(error.messages), meeting.pair)
        messages.success(request, _("The meeting is deleted."))
        return _back_to(meeting.pair)
    problem = services.meeting_change_problem(meeting)
    if problem:
        return _refuse(request, problem, meeting.pair)
    return TemplateResponse(
        request, "mentoring/meeting_confirm_delete.html", {"meeting": meeting, "page_title": _("Delete meeting")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_application(request):
    if request.method == "GET":  # the address opened again: where the button is (see log_meeting)
        return redirect(_mentoring_page_url(request) or "mentoring:home")
    application = get_object_or_404(
        Application.objects.open().exclude(state=ApplicationState.APPROVED), user=request.user
    )
    try:
        services.withdraw(application, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect(_mentoring_page_url(request) or "mentoring:home")


# The certificate of volunteering


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def certificate_pdf(request):
    """The mentor's certificate as a PDF download, in the language they chose; its code is recorded."""
    if request.method == "GET":  # the address opened again: the page with the button (see log_meeting)
        return redirect("mentoring:home")
    form = CertificateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the certificate."))
        return redirect("mentoring:home")
    try:
        certificate = services.issue_certificate(request.user, language=form.cleaned_data["language"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentoring:home")
    pdf = certificates.render(certificate, CentreSettings.for_request(request), request)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "apliecinajums" if certificate.language == "lv" else "certificate"
    response["Content-Disposition"] = f'attachment; filename="{name}-{certificate.display_code}.pdf"'
    return response


@never_cache
def verify_certificate(request):
    """ "Verify a certificate": anyone with a code (typed, or from the certificate's link or QR code)
    sees the name, period and hours it was issued with, or that the code is unknown or revoked."""
    form = CertificateCheckForm(request.GET if "code" in request.GET else None)
    certificate = None
    status = 200
    if form.is_bound and form.is_valid():
        refusal = limits.refusal(request, CERTIFICATE_CHECK_LIMITS)
        if refusal:
            form.add_error(None, refusal)
            status = 429
        else:
            certificate = services.find_certificate(form.cleaned_data["code"])
            limits.count(request, CERTIFICATE_CHECK_LIMITS)
            if certificate is None:
                form.add_error(
                    "code",
                    _("No certificate has this code. Check that it is typed as printed on the certificate."),
                )
                status = 404
    elif form.is_bound:
        status = 400
    context = {
        "form": form,
        "certificate": certificate,
        "period": certificates.period_text(certificate) if certificate else "",
        "page_title": _("Verify a certificate"),
    }
    response = TemplateResponse(request, "mentoring/verify_certificate.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
