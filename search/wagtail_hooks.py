"""Admin for search: the editors' synonym list and the search analytics report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kennisbank.admin_columns import JaNeeColumn
from kennisbank.roles import is_editor
from search import admin_views
from search.models import SynonymGroup


class EditorsMayManage(ModelPermissionPolicy):
    """Redacteuren maintain the synonyms (kennisbank.roles), besides explicit permissions."""

    def user_has_permission(self, user, action):
        return is_editor(user) or super().user_has_permission(user, action)


register_permission_policy(SynonymGroup, EditorsMayManage(SynonymGroup))


class SynonymViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Synoniemen")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["terms", JaNeeColumn("active", label=_("Actief"), sort_key="active")]
    list_filter = ["active"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/zoekvragen/", admin_views.search_report, name="search_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(_("Zoekvragen"), reverse("search_report"), icon_name="search", order=700)
