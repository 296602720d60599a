"""Template context shared by every page: site name and the user's role flags."""

from django.conf import settings

from kennisbank.roles import is_editor, is_professional, may_use_admin


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "user_is_professional": bool(user and is_professional(user)),
        "user_is_editor": bool(user and is_editor(user)),
        "user_may_use_admin": bool(user and may_use_admin(user)),
    }
