"""Admin registration: the taxonomy as snippets, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
    list_display = ["name", "gemeente", "is_startgebied"]
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
