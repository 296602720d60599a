"""Demo content for a local Kennisbank: accounts for each role and, per app, example content.

`python manage.py load_demo` runs every loader in DEMO_LOADERS in order. Each loader is
idempotent (it updates what exists instead of adding a second copy) and marks its pages as
example content, so a demo lesson is never mistaken for a real one.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.module_loading import import_string

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

# Apps append their own loaders here as they land; order matters (taxonomy before content).
DEMO_LOADERS = [
    "kennisbank.demo.load_accounts",
    "kennisdagen.demo.load",
    "lessons.demo.load",  # after kennisdagen: lessons link to the day they were harvested
    "dossiers.demo.load",  # after lessons: dossiers cite them
    "knelpunten.demo.load",
    "leerloop.demo.load",
    "follow.demo.load",
]


def load_accounts(stdout=None) -> list[DemoAccount]:
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


def load_all(stdout=None) -> None:
    for dotted in DEMO_LOADERS:
        if stdout:
            stdout.write(f"  {dotted}")
        import_string(dotted)(stdout=stdout)
