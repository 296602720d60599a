"""Demo accounts: one login per role, all with the password DEMO_PASSWORD.

Idempotent: re-loading resets the same users' names, e-mail, password and group.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kennisbank.roles import ORGANISATOREN, PROFESSIONALS, REDACTEUREN

DEMO_PASSWORD = "kennisbank-demo"  # noqa: S105 - a local demo login, printed on purpose


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    group: str | None
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Beheer", "Kennisbank", None, superuser=True),
    DemoAccount("redacteur", "Riet", "de Redacteur", REDACTEUREN),
    DemoAccount("organisator", "Otto", "Organisator", ORGANISATOREN),
    DemoAccount("professional", "Pim", "Professional", PROFESSIONALS),
]


def load(stdout=None) -> list[DemoAccount]:
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = f"{account.username}@example.org"
        user.is_superuser = account.superuser
        user.is_staff = account.superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
        if account.group:
            user.groups.set([Group.objects.get(name=account.group)])
    return DEMO_ACCOUNTS
