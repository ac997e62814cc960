from wagtail import hooks
from wagtail.permissions import register_permission_policy

from privacy.models import ErasureRequest
from privacy.permissions import erasure_permission_policy
from privacy.viewsets import ErasureRequestViewSet

register_permission_policy(ErasureRequest, erasure_permission_policy)


@hooks.register("register_admin_viewset")
def register_erasure_viewset() -> ErasureRequestViewSet:
    return ErasureRequestViewSet()
