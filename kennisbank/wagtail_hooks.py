"""Admin registration: the taxonomy as snippets, grouped under one menu item; the page
chooser limited to what the user may see (`kennisbank.admin_access`)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kennisbank.admin_access import choosable_pages
from kennisbank.admin_columns import JaNeeColumn
from kennisbank.models import Actielijn, Doel, Doelgroep, Gebied, Gemeente, Organisatie, Thema


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    copy_view_enabled = False


class GemeenteViewSet(TermViewSet):
    model = Gemeente
    icon = "home"


class GebiedViewSet(TermViewSet):
    model = Gebied
    icon = "site"
    list_display = [
        "name",
        "gemeente",
        JaNeeColumn("is_startgebied", label=_("Startgebied"), sort_key="is_startgebied"),
    ]
    list_filter = ["is_startgebied", "gemeente"]


class OrganisatieViewSet(TermViewSet):
    model = Organisatie
    icon = "group"
    list_display = ["name", "afkorting", "soort"]
    list_filter = ["soort"]


class ActielijnViewSet(TermViewSet):
    model = Actielijn
    icon = "list-ol"
    list_display = ["nummer", "name"]


class DoelViewSet(TermViewSet):
    model = Doel
    icon = "success"


class ThemaViewSet(TermViewSet):
    model = Thema
    icon = "tag"


class DoelgroepViewSet(TermViewSet):
    model = Doelgroep
    icon = "user"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "tag"
    menu_order = 300
    items = (
        GemeenteViewSet,
        GebiedViewSet,
        OrganisatieViewSet,
        ActielijnViewSet,
        DoelViewSet,
        ThemaViewSet,
        DoelgroepViewSet,
    )


register_snippet(TaxonomyGroup)


@hooks.register("construct_page_chooser_queryset")
def only_pages_the_user_may_see(pages, request):
    # Organisers must not see titles or addresses of pages they may not view on the site.
    return choosable_pages(pages, request.user)
