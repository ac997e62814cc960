"""Admin panels shared by the apps' models."""

from typing import Any

from wagtail.admin.panels import InlinePanel as WagtailInlinePanel


class InlinePanel(WagtailInlinePanel):
    """Wagtail's inline panel, with its "Add …" button's own words.

    Wagtail uses ``label`` both in each child's heading ("Vajadzība 1", nominative) and in the
    button ("Add {{ label }}"); Latvian wants the accusative there ("Pievienot vajadzību"), so
    the button takes the whole phrase as ``add_label``.
    """

    def __init__(self, *args: Any, add_label: Any = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self) -> dict[str, Any]:
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(WagtailInlinePanel.BoundPanel):
        template_name = "home/admin/inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_label"] = self.panel.add_label
            return context
