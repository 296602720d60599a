"""Views of follow (thin; the work is in `follow.services` and `follow.digest`).

Every change is a POST with CSRF, except the unsubscribe link from a mail: mail clients
post RFC 8058 one-click requests without a token, and the signed link is the proof.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from follow import services
from follow.models import Follow, Frequency
from follow.targets import normalise_search_params
from follow.tokens import BadToken, read_token
from kennisbank.models import Gebied, Thema
from search.service import SearchInputError


def _next_url(request) -> str:
    """Where to go back to: the posted `next` if it stays on this site, else the list."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("follow:list")


def _login_first(view):
    """Anonymous visitors go to the login and come back to the page they were on (the
    follow URL itself only takes POSTs, so it would be a dead end after login)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(_next_url(request))
        return view(request, *args, **kwargs)

    return wrapped


def _not_found(request, message):
    return TemplateResponse(request, "follow/not_found.html", {"message": message}, status=404)


def _wants_unfollow(request) -> bool:
    return request.POST.get("action") == "ontvolgen"


def _done(request, created_or_removed: bool, followed: str, already: str):
    if created_or_removed:
        messages.success(request, followed)
    else:
        messages.info(request, already)
    return HttpResponseRedirect(_next_url(request))


@require_GET
@_login_first
def follow_list(request):
    follows = request.user.follows.select_related("page", "thema", "gebied")
    return TemplateResponse(
        request,
        "follow/follow_list.html",
        {"follows": follows, "frequencies": Frequency.choices},
    )


@require_POST
@_login_first
def follow_search(request):
    try:
        params = normalise_search_params(request.POST, request.user)
    except SearchInputError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(_next_url(request))
    if _wants_unfollow(request):
        removed = services.unfollow(request.user, params)
        return _done(
            request,
            removed,
            _("U volgt deze zoekopdracht niet meer."),
            _("U volgde deze zoekopdracht al niet."),
        )
    _follow, created = services.follow_search(request.user, params)
    return _done(
        request,
        created,
        _("Zoekopdracht bewaard. U krijgt bericht als er iets nieuws bij komt."),
        _("Deze zoekopdracht had u al bewaard."),
    )


@require_POST
@_login_first
def follow_page(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return _not_found(request, _("Dit dossier bestaat niet (meer)."))
    if _wants_unfollow(request):
        removed = services.unfollow(request.user, page)
        return _done(
            request,
            removed,
            _("U volgt dit dossier niet meer."),
            _("U volgde dit dossier al niet."),
        )
    try:
        follow, created = services.follow_page(request.user, page)
    except services.NotFollowable:
        # The same answer whether it is not a dossier or not visible: reveal nothing.
        return _not_found(request, _("Dit dossier bestaat niet (meer)."))
    return _done(
        request,
        created,
        _("U volgt nu het dossier “%(label)s”.") % {"label": follow.label},
        _("U volgde het dossier “%(label)s” al.") % {"label": follow.label},
    )


def _follow_term(request, model, slug, kind_label):
    term = model.objects.filter(slug=slug).first()
    if term is None:
        return _not_found(
            request, _("Er is geen %(kind)s “%(slug)s”.") % {"kind": kind_label, "slug": slug}
        )
    names = {"kind": kind_label, "label": term.name}
    if _wants_unfollow(request):
        removed = services.unfollow(request.user, term)
        return _done(
            request,
            removed,
            _("U volgt %(kind)s “%(label)s” niet meer.") % names,
            _("U volgde %(kind)s “%(label)s” al niet.") % names,
        )
    _follow, created = services.follow_term(request.user, term)
    return _done(
        request,
        created,
        _("U volgt nu %(kind)s “%(label)s”.") % names,
        _("U volgde %(kind)s “%(label)s” al.") % names,
    )


@require_POST
@_login_first
def follow_thema(request, slug):
    return _follow_term(request, Thema, slug, _("thema"))


@require_POST
@_login_first
def follow_gebied(request, slug):
    return _follow_term(request, Gebied, slug, _("gebied"))


@require_POST
@_login_first
def remove(request, pk):
    follow = get_object_or_404(Follow, pk=pk, user=request.user)
    services.unfollow(request.user, follow)
    messages.success(
        request, _("“%(label)s” staat niet meer op uw volglijst.") % {"label": follow.label}
    )
    return HttpResponseRedirect(_next_url(request))


@require_POST
@_login_first
def set_frequency(request, pk):
    follow = get_object_or_404(Follow, pk=pk, user=request.user)
    frequency = request.POST.get("frequency")
    if frequency not in Frequency.values:
        messages.error(request, _("Kies dagelijks of wekelijks."))
    else:
        Follow.objects.filter(pk=follow.pk).update(frequency=frequency)
        messages.success(
            request,
            _("U krijgt het overzicht voor “%(label)s” nu %(frequency)s.")
            % {"label": follow.label, "frequency": Frequency(frequency).label.lower()},
        )
    return HttpResponseRedirect(reverse("follow:list"))


@csrf_exempt  # RFC 8058: mail clients POST without a CSRF token; the signature is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: confirm with a button. POST (also one-click from a mail client): remove."""
    try:
        user_id, follow_ids = read_token(token)
    except BadToken:
        return TemplateResponse(request, "follow/unsubscribe_invalid.html", status=400)
    follows = Follow.objects.filter(user_id=user_id).select_related("page", "thema", "gebied")
    if follow_ids is not None:
        follows = follows.filter(pk__in=follow_ids)
    follows = list(follows)
    context = {"follows": follows, "everything": follow_ids is None}
    if request.method == "POST":
        Follow.objects.filter(pk__in=[f.pk for f in follows], user_id=user_id).delete()
        return TemplateResponse(request, "follow/unsubscribe_done.html", context)
    return TemplateResponse(request, "follow/unsubscribe_confirm.html", context)
