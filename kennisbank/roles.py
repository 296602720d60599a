"""The three roles of the Kennisbank and the questions other code asks about them.

Groups are created by data migrations (see `kennisbank/migrations`); this module names
them once and answers "is this user an editor / professional / organiser?".
"""

from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Exists, OuterRef

REDACTEUREN = "Redacteuren"
ORGANISATOREN = "Organisatoren"
PROFESSIONALS = "Professionals"


def _groups(user) -> tuple[frozenset[tuple[int, str]], frozenset[int]]:
    """The user's groups and which of them open the admin: one query, then cached on the
    user object (a request's user)."""
    cache = getattr(user, "_kennisbank_groups", None)
    if cache is None:
        admin = Permission.objects.filter(
            group=OuterRef("pk"), content_type__app_label="wagtailadmin", codename="access_admin"
        )
        rows = user.groups.annotate(admin=Exists(admin)).values_list("pk", "name", "admin")
        cache = (
            frozenset((pk, name) for pk, name, _ in rows),
            frozenset(pk for pk, _, opens_admin in rows if opens_admin),
        )
        user._kennisbank_groups = cache
    return cache


def _signed_in(user) -> bool:
    return user is not None and not isinstance(user, AnonymousUser) and user.is_authenticated


def memberships(user) -> frozenset[tuple[int, str]]:
    """The (pk, name) of every group the user is in, read once per user object with which of
    them open the admin (`may_use_admin`), for the role questions here and the visibility
    policy's `Viewer` alike."""
    return _groups(user)[0] if _signed_in(user) else frozenset()


def may_use_admin(user) -> bool:
    """Does the site's header offer this user the admin? Staff, superusers and members of a
    group that holds Wagtail's `access_admin` permission (editors and organisers by the
    seed migration, or any group an editor grants it). Answered from the same read as the
    user's groups, where `perms.wagtailadmin.access_admin` cost two permission queries on
    every signed-in page. Permissions given to a user directly, outside a group, are not
    looked at: Wagtail's user editor grants them only through groups, and the admin itself
    still decides who gets in."""
    if not _signed_in(user):
        return False
    return bool(user.is_staff or user.is_superuser or _groups(user)[1])


def _in_group(user, name: str) -> bool:
    return any(group == name for _, group in memberships(user))


def is_editor(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or _in_group(user, REDACTEUREN))
    )


def is_professional(user) -> bool:
    """May see content marked for professionals: Professionals, editors and superusers."""
    return is_editor(user) or _in_group(user, PROFESSIONALS)


# --- used by data migrations -------------------------------------------------------------


def grant_model_permissions(apps, group_name: str, perms: list[str]) -> None:
    """Give `group_name` the model permissions `app_label.codename` (historical apps)."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=group_name)
    for perm in perms:
        app_label, codename = perm.split(".", 1)
        permission = permission_model.objects.get(
            content_type__app_label=app_label, codename=codename
        )
        group.permissions.add(permission)


def ensure_permissions(apps, *app_labels: str) -> None:
    """Create the model permissions of `app_labels` now, instead of after `migrate` ends."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for label in app_labels:
        app_config = global_apps.get_app_config(label)
        create_contenttypes(app_config, verbosity=0, apps=global_apps)
        create_permissions(app_config, verbosity=0, apps=global_apps)
