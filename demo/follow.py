"""Demo content for follow: loaded by `load_demo` (see demo.loader.LOADERS).

The demo professional follows a thema and a saved search; the demo redacteur follows a
dossier when there is one. New follows start two weeks back, so `send_digests --dry-run`
right after loading the demo shows a digest. Idempotent: re-loading adds nothing.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from dossiers.models import DossierPage
from follow.services import follow_page, follow_search, follow_term
from kennisbank.models import Thema

DEMO_THEMA = "veilig"
DEMO_SEARCH = {"q": "consulent"}
BACKDATE = timedelta(days=14)


def _backdate(result) -> int:
    follow, created = result
    if created:
        follow.last_sent_at = timezone.now() - BACKDATE
        follow.save(update_fields=["last_sent_at"])
    return int(created)


def load(stdout=None) -> None:
    users = get_user_model().objects.in_bulk(["professional", "redacteur"], field_name="username")
    created = 0
    professional = users.get("professional")
    if professional:
        thema = Thema.objects.filter(slug=DEMO_THEMA).first() or Thema.objects.first()
        if thema:
            created += _backdate(follow_term(professional, thema))
        created += _backdate(follow_search(professional, DEMO_SEARCH))
    redacteur = users.get("redacteur")
    dossier = DossierPage.objects.live().order_by("pk").first()
    if redacteur and dossier:
        created += _backdate(follow_page(redacteur, dossier))
    elif stdout and redacteur:
        stdout.write("    geen dossier om te volgen; overgeslagen")
    if stdout:
        stdout.write(f"    {created} nieuwe volglijst-items")
