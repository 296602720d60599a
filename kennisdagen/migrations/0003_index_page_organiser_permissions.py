"""Create the "Kennisdagen" index under the home page and give Organisatoren their rights.

Organisatoren may add and change pages under the index (never publish: editors do that),
and add, choose and change images and documents in a collection "Kennisdagen" of their own.
"""

from django.db import migrations

from kennisbank.roles import ensure_permissions

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

ORGANISER_PAGE_PERMS = ["add_page", "change_page"]
ORGANISER_MEDIA_PERMS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _next_child_path(model, parent) -> str:
    """The treebeard path of a new last child of `parent` (materialised path, steplen 4)."""
    last = (
        model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    return parent.path + _encode(number)


def create_index_and_permissions(apps, schema_editor):
    ensure_permissions(apps, "wagtailcore", "wagtailimages", "wagtaildocs")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("kennisbank", "HomePage")
    KennisdagIndexPage = apps.get_model("kennisdagen", "KennisdagIndexPage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    home = HomePage.objects.first()
    if home is None:
        return  # a database without the seeded home page: nothing to hang the index under

    index = KennisdagIndexPage.objects.first()
    if index is None:
        index_ct, _ = ContentType.objects.get_or_create(
            app_label="kennisdagen", model="kennisdagindexpage"
        )
        index = KennisdagIndexPage.objects.create(
            title="Kennisdagen",
            draft_title="Kennisdagen",
            slug="kennisdagen",
            content_type=index_ct,
            path=_next_child_path(Page, home),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}kennisdagen/",
            locale_id=home.locale_id,
            live=True,
            intro=(
                "Op een kennisdag delen professionals en bestuurders wat zij leerden in het "
                "herstel. Hier vindt u het programma, de presentaties, foto's en het verslag "
                "van elke dag, en de lessen die de dag opleverde."
            ),
        )
        Page.objects.filter(pk=home.pk).update(
            numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
        )

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    organisatoren, _ = Group.objects.get_or_create(name="Organisatoren")
    for codename in ORGANISER_PAGE_PERMS:
        GroupPagePermission.objects.get_or_create(
            group=organisatoren, page_id=index.pk, permission=perm("wagtailcore", codename)
        )

    root_collection = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(
        name="Kennisdagen", path__startswith=root_collection.path, depth=2
    ).first()
    if collection is None:
        collection = Collection.objects.create(
            name="Kennisdagen",
            path=_next_child_path(Collection, root_collection),
            depth=2,
            numchild=0,
        )
        Collection.objects.filter(pk=root_collection.pk).update(
            numchild=Collection.objects.filter(depth=2).count()
        )
    for app_label, codenames in ORGANISER_MEDIA_PERMS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=organisatoren, collection=collection, permission=perm(app_label, codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("kennisdagen", "0002_kennisdag_fields_materials"),
        ("kennisbank", "0002_seed_taxonomy_home_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_index_and_permissions, migrations.RunPython.noop),
    ]
