"""Create the "Dossiers" index under the home page, so /dossiers/ works right after `migrate`."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _next_child_path(model, parent) -> str:
    # Treebeard's API is not available on historical models; other apps add index pages
    # under the home page too, so count from the last existing child, not from numchild.
    last = (
        model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    return parent.path + _encode(number)


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("kennisbank", "HomePage")
    DossierIndexPage = apps.get_model("dossiers", "DossierIndexPage")
    home = HomePage.objects.first()
    if home is None or DossierIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="dossiers", model="dossierindexpage"
    )
    DossierIndexPage.objects.create(
        title="Dossiers",
        draft_title="Dossiers",
        slug="dossiers",
        content_type=content_type,
        path=_next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}dossiers/",
        locale_id=home.locale_id,
        live=True,
        intro=(
            "Een dossier beantwoordt één bestuurlijke vraag met wat de praktijk heeft geleerd: "
            "wat werkt, wat klaar is om op te schalen, wat nog vastzit en wat wij aanbevelen. "
            "Elke uitspraak verwijst naar de lessen waarop die steunt."
        ),
    )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0001_initial"),
        ("kennisbank", "0002_seed_taxonomy_home_roles"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
