"""Admin wiring for kennisdagen: the harvest view and its button on a kennisdag's edit page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from kennisdagen.harvest import can_harvest
from kennisdagen.models import KennisdagPage
from kennisdagen.views import harvest_view


@hooks.register("register_admin_urls")
def register_harvest_url():
    return [
        path("kennisdagen/<int:page_id>/oogsten/", harvest_view, name="kennisdagen_harvest"),
    ]


@hooks.register("register_page_header_buttons")
def harvest_button(page, user, next_url=None, view_name=None):
    if not isinstance(page.specific_deferred, KennisdagPage) or not can_harvest(page, user):
        return []
    return [
        Button(
            _("Lessen oogsten"),
            url=reverse("kennisdagen_harvest", args=[page.pk]),
            icon_name="doc-full",
            priority=60,
        )
    ]
