"""Admin for lessons: the report of lessons past their review date, and the Markdown
preview behind the body field's preview button."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kennisbank.markdown import render
from kennisbank.roles import is_editor
from lessons.selectors import lessons_due_for_review


def review_report(request):
    if not is_editor(request.user):
        raise PermissionDenied
    lessons = lessons_due_for_review(timezone.localdate())
    return TemplateResponse(request, "lessons/admin/review_report.html", {"lessons": lessons})


@require_POST
def markdown_preview(request):
    # Admin URLs already require admin access; the output is the sanitized HTML.
    return HttpResponse(render(request.POST.get("body", "")[:200_000]))


@hooks.register("register_admin_urls")
def register_review_report_url():
    return [
        path("reports/herziening/", review_report, name="lessons_review_report"),
        path("lessen/markdown-voorbeeld/", markdown_preview, name="lessons_markdown_preview"),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem(
        _("Herziening nodig"), reverse("lessons_review_report"), icon_name="time", order=710
    )
