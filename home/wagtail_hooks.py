from wagtail.snippets.models import register_snippet

from home.viewsets import SupporterViewSet

register_snippet(SupporterViewSet)
