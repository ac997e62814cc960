"""Shared pieces of the Wagtail admin that every app's viewsets use."""

from wagtail.admin.views import generic

EMPTY = "—"


class InspectView(generic.InspectView):
    """Wagtail's inspect view, with a dash where a record has nothing: not the word "None"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return EMPTY if value in (None, "") else value
