"""The view layer of the kennisdag pages (thin): what the index and a day add to their
context, the index's calendar feed, and the admin view for harvesting (per session of a
kennisdag, type lesson titles, get draft lessons).

`KennisdagenConfig.ready()` plugs this module into the page types as `page_views`, so the
models never import the selectors that sit above them.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kennisdagen import selectors
from kennisdagen.calendar import feed_ics
from kennisdagen.harvest import HarvestError, can_harvest, harvest_lessons
from kennisdagen.models import ICS_CONTENT_TYPE, KennisdagPage

MAX_TITLES = 20


def index_context(index, request) -> dict:
    return selectors.index_context(index, request)


def kennisdag_context(kennisdag, request) -> dict:
    return selectors.kennisdag_context(kennisdag, request)


def ics_feed(request, index):
    """The upcoming kennisdagen as an iCal feed: public days only, for everyone (a
    subscription URL is shared and fetched without a login)."""
    body = feed_ics(selectors.upcoming_kennisdagen(None, index=index), request)
    response = HttpResponse(body, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="kennisdagen.ics"'
    return response


class HarvestForm(forms.Form):
    """One textarea per session: the titles of the lessons it produced, one per line."""

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = list(sessions)
        for block in self.sessions:
            self.fields[f"session_{block.id}"] = forms.CharField(
                label=f"{block.value['start']:%H:%M} · {block.value['title']}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Eén titel per regel; elke regel wordt een conceptles."),
            )

    def titles_per_session(self) -> dict[str, list[str]]:
        result = {}
        for block in self.sessions:
            raw = self.cleaned_data.get(f"session_{block.id}", "")
            titles = [line.strip()[:255] for line in raw.splitlines() if line.strip()]
            if titles:
                result[block.id] = titles
        return result

    def clean(self):
        cleaned = super().clean()
        total = sum(len(t) for t in self.titles_per_session().values())
        if total == 0:
            raise forms.ValidationError(_("Vul bij minstens één sessie een titel in."))
        if total > MAX_TITLES:
            raise forms.ValidationError(
                _("Maak maximaal %(n)s lessen tegelijk.") % {"n": MAX_TITLES}
            )
        return cleaned


def harvest_view(request, page_id):
    kennisdag = get_object_or_404(KennisdagPage, pk=page_id).get_latest_revision_as_object()
    if not can_harvest(kennisdag, request.user):
        raise PermissionDenied
    sessions = [block for block in kennisdag.programma if block.block_type == "sessie"]
    data = request.POST if request.method == "POST" else None
    form = HarvestForm(data, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        created = []
        try:
            for block_id, titles in form.titles_per_session().items():
                created += harvest_lessons(kennisdag, block_id, titles, request.user)
        except HarvestError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s conceptles gemaakt en aangeboden aan de redactie.",
                    "%(n)s conceptlessen gemaakt en aangeboden aan de redactie.",
                    len(created),
                )
                % {"n": len(created)},
            )
            return redirect("wagtailadmin_pages:edit", kennisdag.pk)
    return TemplateResponse(
        request,
        "kennisdagen/admin/harvest.html",
        {
            "kennisdag": kennisdag,
            "form": form,
            "sessions": sessions,
            "page_title": _("Lessen oogsten"),
            "page_subtitle": kennisdag.title,
            "header_icon": "doc-full",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[kennisdag.pk]),
        },
    )
