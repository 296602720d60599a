"""Admin view of the search analytics report (editors only)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from kennisbank.roles import is_editor
from search.analytics import report


def search_report(request):
    if not is_editor(request.user):
        raise PermissionDenied
    try:
        days = max(1, min(int(request.GET.get("dagen", 90)), 3650))
    except ValueError:
        days = 90
    return TemplateResponse(request, "search/admin/report.html", report(days=days))
