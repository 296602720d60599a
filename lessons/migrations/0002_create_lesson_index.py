"""Create the lesson index under the home page, so the site works right after `migrate`."""

from django.db import migrations


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("kennisbank", "HomePage")
    LessonIndexPage = apps.get_model("lessons", "LessonIndexPage")
    home = HomePage.objects.first()
    if home is None or LessonIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="lessons", model="lessonindexpage")
    # Treebeard's API is not available on historical models: compute the child path.
    step = int(home.numchild) + 1
    path = home.path + format_step(step)
    LessonIndexPage.objects.create(
        title="Lessen",
        draft_title="Lessen",
        slug="lessen",
        content_type=content_type,
        path=path,
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "lessen/",
        locale_id=home.locale_id,
        live=True,
        intro="Lessen, goede voorbeelden en werkwijzen uit de praktijk van het herstel. "
        "Filter op fase, gebied of thema om te vinden wat bij uw vraag past.",
    )
    home.numchild = step
    home.save(update_fields=["numchild"])


def format_step(n: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(4, "0")


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0001_initial"),
        ("kennisbank", "0002_seed_taxonomy_home_roles"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
