from wagtail import hooks
from wagtail.permissions import policy_registry, register_permission_policy

from home.figures import HOOK as FIGURES_HOOK
from mentoring import admin_views, handbook, services, views
from mentoring.models import MenteeAccessLog, Pair
from mentoring.permissions import ReadOnlyPolicy
from mentoring.viewsets import MentoringViewSetGroup
from privacy.sources import HOOK, DataSource

register_permission_policy(MenteeAccessLog, ReadOnlyPolicy(MenteeAccessLog))

# Inside Wagtail's own checks (view restrictions come first): the "Become a mentor" page takes applications.
hooks.register("on_serve_page", views.serve_mentoring_pages, order=100)
# Outside Wagtail's checks: a signed-in reader outside the handbook's groups is refused, not sent to sign in.
hooks.register("on_serve_page", handbook.refuse_outsiders, order=-1)
hooks.register("before_serve_document", handbook.refuse_document_outsiders, order=-1)


@hooks.register("register_log_actions")
def register_mentoring_log_actions(actions):
    """The programme's decisions appear in each record's history in the admin."""
    from django.utils.translation import gettext_lazy as _

    actions.register_action("mentoring.decide", _("Decision"), _("Decision taken"))
    actions.register_action("mentoring.approve_month", _("Approve month"), _("Month approved"))
    actions.register_action("mentoring.resolve_concern", _("Follow up a worry"), _("Worry followed up"))
    actions.register_action("mentoring.close", _("Close pair"), _("Pair closed"))
    actions.register_action("mentoring.revoke_certificate", _("Revoke certificate"), _("Certificate revoked"))


@hooks.register("register_admin_viewset")
def register_mentoring_viewsets():
    return MentoringViewSetGroup()


@hooks.register("construct_homepage_panels")
def coordinator_panel(request, panels):
    """Coordinators see the pairs that need them and the applications waiting on the admin's home page."""
    if policy_registry.get_by_type(Pair).user_has_any_permission(request.user, ["view", "change"]):
        panels.append(admin_views.CoordinatorPanel())


@hooks.register("register_account_menu_item")
def my_mentoring_link(request):
    """ "My mentoring" in the account menu, for those who have applied."""
    from django.urls import reverse
    from django.utils.translation import gettext

    if request.user.is_authenticated and request.user.mentor_applications.exists():
        return reverse("mentoring:home"), gettext("My mentoring")
    return None


@hooks.register("insert_global_admin_css")
def mentoring_admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/mentoring-admin.css"))


@hooks.register(HOOK)
def mentoring_data_source():
    """What the privacy pages find about a mentor or applicant; their erasure waits for a coordinator."""
    return DataSource(
        name="mentoring",
        sections=services.personal_data,
        holds=services.holds_records,
        erasure_note=services.ERASURE_NOTE,
        held_for_staff=services.holds_records,
        staff=services.coordinators,
        complete=services.erase_mentor,
        retention=services.apply_retention,
    )


@hooks.register(FIGURES_HOOK)
def mentoring_figure_source():
    """Pairs, hours together and months that reached the target: the impact page and the home page's figures."""
    return services.figure_source()
