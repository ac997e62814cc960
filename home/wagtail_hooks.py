from wagtail.snippets.models import register_snippet

from home.viewsets import SupporterViewSet, TagNameViewSet

register_snippet(SupporterViewSet)
register_snippet(TagNameViewSet)
