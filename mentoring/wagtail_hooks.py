from wagtail import hooks
from wagtail.permissions import register_permission_policy

from mentoring.models import MenteeAccessLog
from mentoring.permissions import ReadOnlyPolicy
from mentoring.viewsets import MentoringViewSetGroup

register_permission_policy(MenteeAccessLog, ReadOnlyPolicy(MenteeAccessLog))


@hooks.register("register_admin_viewset")
def register_mentoring_viewsets():
    return MentoringViewSetGroup()


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

    return format_html('<link rel="stylesheet" href="{}">', static("mentoring/admin.css"))
