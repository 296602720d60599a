"""Views of knelpunten: report a signal, see your own, the list and one signal.

Thin on purpose: who may see what lives in `knelpunten.selectors`, writes in
`knelpunten.services`, the abuse limit in `knelpunten.ratelimit`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kennisbank.roles import is_editor
from knelpunten import ratelimit, selectors, services
from knelpunten.forms import KnelpuntForm
from knelpunten.models import Status

PER_PAGE = 20


def _too_many(request):
    retry_after = ratelimit.retry_after(request.user)
    response = TemplateResponse(
        request,
        "knelpunten/too_many.html",
        {"limit": ratelimit.LIMIT, "retry_after": retry_after},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report(request):
    if not selectors.may_report(request.user):
        return TemplateResponse(request, "knelpunten/no_access.html", status=403)

    if request.method == "POST":
        form = KnelpuntForm(request.POST)
        if form.is_honeypot_filled:
            # Answer as if it worked, so a bot learns nothing; nothing is saved or counted.
            messages.success(request, _("Dank u wel. Uw knelpunt is ontvangen."))
            return redirect("knelpunten:mine")
        if form.is_valid():
            with transaction.atomic():
                # Only accepted reports count; the check and the save are one transaction.
                if not ratelimit.reserve(request.user):
                    return _too_many(request)
                data = form.cleaned_data
                services.report_knelpunt(
                    melder=request.user,
                    titel=data["titel"],
                    wat_zit_vast=data["wat_zit_vast"],
                    gebied=data.get("gebied"),
                    gemeente=data.get("gemeente"),
                    organisaties=data.get("organisaties") or (),
                    regeling=data.get("regeling") or "",
                    wat_zou_helpen=data.get("wat_zou_helpen") or "",
                )
            messages.success(request, _("Dank u wel. Uw knelpunt is ontvangen."))
            return redirect("knelpunten:mine")
    else:
        form = KnelpuntForm()
    return TemplateResponse(request, "knelpunten/report.html", {"form": form})


@login_required
def mine(request):
    knelpunten = selectors.own_knelpunten(request.user)
    return TemplateResponse(
        request,
        "knelpunten/mine.html",
        {"knelpunten": knelpunten, "may_report": selectors.may_report(request.user)},
    )


def index(request):
    qs, applied = selectors.filter_by_status(
        selectors.visible_knelpunten(request.user), request.GET.get("status", "")
    )
    page_obj = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "knelpunten/index.html",
        {
            "page_obj": page_obj,
            "status_choices": Status.choices,
            "applied_status": applied,
            "may_report": selectors.may_report(request.user),
        },
    )


def detail(request, pk: int):
    knelpunt = get_object_or_404(selectors.visible_knelpunten(request.user), pk=pk)
    show_melder = selectors.may_see_melder(request.user, knelpunt)
    return TemplateResponse(
        request,
        "knelpunten/detail.html",
        {
            "knelpunt": knelpunt,
            "organisaties": knelpunt.organisaties.all(),
            "lessen": selectors.visible_lessons_of(knelpunt, request.user),
            "history": knelpunt.statuswijzigingen.all(),
            "show_melder": show_melder,
            # Who changed a status is for the editors' eyes only, like the reporter.
            "show_door": is_editor(request.user),
        },
    )
