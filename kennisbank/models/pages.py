"""Page types of the site-wide app: the abstract base every page builds on, and the home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from kennisbank.blocks import EntryPointBlock
from kennisbank.home import home_sections


class BasePage(Page):
    """Fields every public page shares.

    `is_voorbeeld` marks demo content: such pages say so to every reader, so that an
    example is never mistaken for a real lesson from practice.
    """

    is_voorbeeld = models.BooleanField(
        _("voorbeeldinhoud"),
        default=False,
        help_text=_("Aan voor demonstratie-inhoud; de pagina toont dan een duidelijke melding."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("is_voorbeeld")]

    # Relations a page of this type reads whenever it is shown, fetched with the page when a
    # request is routed to it (`route`).
    route_select_related: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Route to a child as Wagtail does, with one query instead of two where this page
        allows children of one type only (the lesson, kennisdag and dossier indexes): the
        child is read as that type at once (with its `route_select_related`), where
        Wagtail reads the generic page and then its specific row. A child of another type
        (left from an older tree) is routed the generic way; Wagtail's own checks (live,
        view restrictions in `serve`) are unchanged."""
        allowed = type(self).clean_subpage_models()
        if path_components and len(allowed) == 1:
            model = allowed[0]
            try:
                child = (
                    model.objects.child_of(self)
                    .select_related(*getattr(model, "route_select_related", ()))
                    .get(slug=path_components[0])
                )
            except model.DoesNotExist:
                return super().route(request, path_components)
            child._cached_parent_obj = self
            return child.route(request, path_components[1:])
        return super().route(request, path_components)


class HomePage(BasePage):
    """The front door: what the Kennisbank is, a search box, and entry points per audience."""

    intro = models.TextField(
        _("introductie"),
        max_length=600,
        help_text=_("Twee zinnen: wat de Kennisbank is en voor wie."),
    )
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        verbose_name=_("ingangen"),
        blank=True,
        max_num=6,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("entry_points")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections(request))
        return context
