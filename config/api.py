"""The API router: which endpoints the site offers under /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter

from kennisbank.api import VisiblePagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VisiblePagesAPIViewSet)
