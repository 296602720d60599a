"""What the admin shows to users who may not see every page (organisers, who use the admin
for their kennisdagen): the page chooser and the tag autocomplete go through the one
visibility policy, so neither names a page nor a tag they may not see on the site.

Editors (Redacteuren) and superusers see everything, as Wagtail does by default.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, JsonResponse
from taggit.models import Tag, TagBase, TaggedItemBase
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.models import Page

from kennisbank.roles import is_editor
from kennisbank.visibility import visible


def choosable_pages(pages, user):
    """The pages of a chooser queryset this admin user may see: all for editors; for others
    the pages the policy lets them see on the site, and the pages they own (their drafts)."""
    if is_editor(user):
        return pages
    allowed = visible(Page.objects.all(), user).values("pk")
    return pages.filter(Q(pk__in=allowed) | Q(owner=user.pk))


def _all_choosable(user, ids) -> bool:
    ids = {int(pk) for pk in ids if str(pk).isdigit()}
    return choosable_pages(Page.objects.filter(pk__in=ids), user).count() == len(ids)


@require_admin_access
def chooser_browse(request, parent_page_id):
    """Wagtail's chooser browse view, refused (404) for a parent page the user may not see:
    the hook `construct_page_chooser_queryset` filters the children, not the parent."""
    if not _all_choosable(request.user, [parent_page_id]):
        raise Http404
    return BrowseView.as_view()(request, parent_page_id=parent_page_id)


@require_admin_access
def chooser_chosen_multiple(request):
    """Wagtail's "chosen" answer (titles and addresses by id), only for choosable pages."""
    if not _all_choosable(request.user, request.GET.getlist("id")):
        raise Http404
    return ChosenMultipleView.as_view()(request)


def _page_tagged_item_models():
    """Every taggit through model whose tagged object is a page type."""
    for model in apps.get_models():
        if not issubclass(model, TaggedItemBase) or model._meta.abstract:
            continue
        target = model._meta.get_field("content_object").related_model
        if isinstance(target, type) and issubclass(target, Page):
            yield model, target


def visible_tags(tags, user):
    """The tags of `tags` that occur on a page this user may see (or owns)."""
    if is_editor(user):
        return tags
    used = Q(pk__in=[])
    for through, page_model in _page_tagged_item_models():
        pages = visible(page_model.objects.all(), user).values("pk")
        own = page_model.objects.filter(owner=user.pk).values("pk")
        tag_ids = through.objects.filter(
            Q(content_object__in=pages) | Q(content_object__in=own)
        ).values("tag_id")
        used |= Q(pk__in=tag_ids)
    return tags.filter(used)


@require_admin_access
def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete (`wagtail.admin.views.tags.autocomplete`), with the tags
    limited by `visible_tags`; served at the same admin URLs, ahead of Wagtail's."""
    tag_model = Tag
    if app_name and model_name:
        try:
            content_type = ContentType.objects.get_by_natural_key(app_name, model_name)
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        tag_model = content_type.model_class()
        if tag_model is None or not issubclass(tag_model, TagBase):
            raise Http404
    term = request.GET.get("term", "")[:100]
    if not term:
        return JsonResponse([], safe=False)
    tags = tag_model.objects.filter(name__istartswith=term)
    if tag_model is Tag:
        tags = visible_tags(tags, request.user)
    names = tags.order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    return JsonResponse(list(names), safe=False)
