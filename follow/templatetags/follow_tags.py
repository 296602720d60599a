"""`{% follow_button target %}`: a small POST form to follow or stop following `target`.

`target` is a dossier page, a Thema, a Gebied or search parameters (request.GET: "bewaar
deze zoekopdracht"). With `single_term=True` the target is the lesson index's applied
filters, and the button appears only when exactly one of thema and gebied is filtered.
Renders nothing for targets that cannot be followed.
"""

from collections.abc import Mapping
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from follow.services import find_follow
from follow.targets import as_dossier, normalise_search_params
from kennisbank.models import Gebied, Thema
from search.service import SearchInputError

register = template.Library()


def _resolve(target, user, single_term: bool):
    """(what to find the follow by, action URL, hidden fields, texts) or None."""
    if single_term and isinstance(target, Mapping):
        thema, gebied = target.get("thema"), target.get("gebied")
        if bool(thema) == bool(gebied):
            return None
        model, slug = (Thema, thema) if thema else (Gebied, gebied)
        target = model.objects.filter(slug=slug).first()
        if target is None:
            return None
    if isinstance(target, Thema | Gebied):
        kind = "thema" if isinstance(target, Thema) else "gebied"
        names = {"kind": _(kind), "label": target.name}
        return (
            target,
            reverse(f"follow:{kind}", args=[target.slug]),
            [],
            {
                "follow": _("Volg %(kind)s “%(label)s”") % names,
                "unfollow": _("Niet meer volgen"),
                "subject": _("%(kind)s “%(label)s”") % names,
                "following": _("U volgt %(kind)s “%(label)s”.") % names,
            },
        )
    if isinstance(target, Page):
        dossier = as_dossier(target)
        if dossier is None:
            return None
        return (
            dossier.page_ptr,
            reverse("follow:page", args=[dossier.pk]),
            [],
            {
                "follow": _("Volg dit dossier"),
                "unfollow": _("Niet meer volgen"),
                "subject": _("dit dossier"),
                "following": _("U volgt dit dossier."),
            },
        )
    if isinstance(target, Mapping) or hasattr(target, "getlist"):
        try:
            params = normalise_search_params(target, user)
        except SearchInputError:
            return None
        hidden = [
            (key, value)
            for key, values in params.items()
            for value in (values if isinstance(values, list) else [values])
        ]
        return (
            params,
            reverse("follow:search"),
            hidden,
            {
                "follow": _("Bewaar deze zoekopdracht"),
                "unfollow": _("Niet meer volgen"),
                "subject": _("deze zoekopdracht"),
                "following": _("U heeft deze zoekopdracht bewaard."),
            },
        )
    return None


@register.inclusion_tag("follow/_follow_button.html", takes_context=True)
def follow_button(context, target, single_term=False):
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None:
        return {"show": False}
    resolved = _resolve(target, user, single_term)
    if resolved is None:
        return {"show": False}
    key, action, hidden, texts = resolved
    here = request.get_full_path()
    return {
        "show": True,
        "anonymous": not user.is_authenticated,
        "login_url": f"{reverse('kennisbank:login')}?{urlencode({'next': here})}",
        "action": action,
        "hidden": hidden,
        "next": here,
        "following": find_follow(user, key) is not None,
        "texts": texts,
        "csrf_token": context.get("csrf_token"),
    }
