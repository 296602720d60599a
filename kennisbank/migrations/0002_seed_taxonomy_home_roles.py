"""Seed the taxonomy of the recovery of Groningen, the home page and the three roles."""

import uuid

from django.db import migrations

from kennisbank.roles import ensure_permissions

GEMEENTEN = ["Eemsdelta", "Het Hogeland", "Groningen", "Midden-Groningen", "Oldambt"]

STARTGEBIEDEN = [
    ("Oosternieland", "oosternieland", "Het Hogeland"),
    ("Ten Boer-West", "ten-boer-west", "Groningen"),
    ("Scheemda 't Waar", "scheemda-t-waar", "Oldambt"),
]

ORGANISATIES = [
    *[(f"Gemeente {g}", "", "gemeente") for g in GEMEENTEN],
    ("Provincie Groningen", "", "provincie"),
    ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "BZK", "rijk"),
    ("Instituut Mijnbouwschade Groningen", "IMG", "uitvoeringsorganisatie"),
    ("Nationaal Coördinator Groningen", "NCG", "uitvoeringsorganisatie"),
    ("Maatschappelijke organisaties", "", "maatschappelijk"),
]

ACTIELIJNEN = [
    (1, "Gerichte ondersteuning", "gerichte-ondersteuning"),
    (2, "Knelpunten en drempels aanpakken", "knelpunten-en-drempels"),
    (3, "Leren en verbeteren", "leren-en-verbeteren"),
]

DOELEN = [
    ("Duidelijkheid", "duidelijkheid"),
    ("Persoonlijke ondersteuning", "persoonlijke-ondersteuning"),
    ("In één keer naar een veilig, schadevrij en verduurzaamd huis", "in-een-keer"),
]

THEMAS = ["Veilig", "Schadevrij", "Verduurzaamd", "Leefbaar", "Veerkrachtig"]

DOELGROEPEN = [
    ("Inwoners", "inwoners"),
    ("Ondernemers", "ondernemers"),
    ("Agrariërs", "agrariers"),
    ("Professionals", "professionals"),
    ("Bestuurders", "bestuurders"),
]

HOME_INTRO = (
    "De Kennisbank bewaart wat overheden en partners in het herstel van Groningen leren: "
    "lessen uit de startgebieden, goede voorbeelden en het materiaal van kennisdagen. "
    "Zoek hier of iemand uw vraag al eens heeft opgelost, en neem over wat werkt."
)

ENTRY_POINTS = [
    {
        "audience": "Professionals",
        "title": "Is dit al eens opgelost?",
        "text": "Zoek op situatie, gebied of thema en lees hoe collega's het aanpakten, "
        "wat werkte en wie u kunt bellen.",
        "link_page": None,
        "link_url": "/lessen/",
        "link_text": "Naar de lessen",
    },
    {
        "audience": "Organisatoren",
        "title": "Een kennisdag organiseren",
        "text": "Zet het programma, de presentaties, foto's en het verslag online en "
        "koppel de lessen die de dag opleverde.",
        "link_page": None,
        "link_url": "/kennisdagen/",
        "link_text": "Naar de kennisdagen",
    },
    {
        "audience": "Bestuurders",
        "title": "Wat werkt, wat kan breder?",
        "text": "Korte, onderbouwde overzichten: wat werkt, wat klaar is om op te schalen "
        "en waar het vastloopt.",
        "link_page": None,
        "link_url": "/zoeken/?fase=werkt",
        "link_text": "Bekijk wat werkt",
    },
]

REDACTEUR_MODEL_PERMS = [
    "wagtailadmin.access_admin",
    *[
        f"kennisbank.{action}_{model}"
        for model in [
            "gemeente",
            "gebied",
            "organisatie",
            "actielijn",
            "doel",
            "thema",
            "doelgroep",
        ]
        for action in ["add", "change", "delete", "view"]
    ],
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
]
PAGE_PERMS_EDITOR = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
MEDIA_PERMS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}


def seed_taxonomy(apps, schema_editor):
    Gemeente = apps.get_model("kennisbank", "Gemeente")
    Gebied = apps.get_model("kennisbank", "Gebied")
    Organisatie = apps.get_model("kennisbank", "Organisatie")
    Actielijn = apps.get_model("kennisbank", "Actielijn")
    Doel = apps.get_model("kennisbank", "Doel")
    Thema = apps.get_model("kennisbank", "Thema")
    Doelgroep = apps.get_model("kennisbank", "Doelgroep")

    from django.utils.text import slugify

    gemeenten = {
        name: Gemeente.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in GEMEENTEN
    }
    for name, slug, gemeente in STARTGEBIEDEN:
        Gebied.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "gemeente": gemeenten[gemeente], "is_startgebied": True},
        )
    for name, afkorting, soort in ORGANISATIES:
        Organisatie.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "afkorting": afkorting, "soort": soort}
        )
    for nummer, name, slug in ACTIELIJNEN:
        Actielijn.objects.get_or_create(slug=slug, defaults={"name": name, "nummer": nummer})
    for name, slug in DOELEN:
        Doel.objects.get_or_create(slug=slug, defaults={"name": name})
    for name in THEMAS:
        Thema.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name, slug in DOELGROEPEN:
        Doelgroep.objects.get_or_create(slug=slug, defaults={"name": name})


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("kennisbank", "HomePage")

    if HomePage.objects.exists():
        return
    # Replace the welcome page that wagtailcore's initial data migration creates.
    page_ct = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_ct, depth=2, slug="home").delete()
    home_ct, _ = ContentType.objects.get_or_create(app_label="kennisbank", model="homepage")
    locale = Locale.objects.first()
    home = HomePage.objects.create(
        title="Kennisbank Herstel Groningen",
        draft_title="Kennisbank Herstel Groningen",
        slug="home",
        content_type=home_ct,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        intro=HOME_INTRO,
        entry_points=[
            {"type": "entry_point", "value": value, "id": str(uuid.uuid4())}
            for value in ENTRY_POINTS
        ],
    )
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page_id=home.pk,
        is_default_site=True,
        site_name="Kennisbank Herstel Groningen",
    )


def create_roles(apps, schema_editor):
    ensure_permissions(
        apps, "kennisbank", "wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs",
        "wagtailsearchpromotions", "taggit",
    )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    redacteuren, _ = Group.objects.get_or_create(name="Redacteuren")
    organisatoren, _ = Group.objects.get_or_create(name="Organisatoren")
    Group.objects.get_or_create(name="Professionals")

    for dotted in REDACTEUR_MODEL_PERMS:
        redacteuren.permissions.add(perm(*dotted.split(".", 1)))
    organisatoren.permissions.add(perm("wagtailadmin", "access_admin"))

    root_page = Page.objects.get(depth=1)
    for codename in PAGE_PERMS_EDITOR:
        GroupPagePermission.objects.get_or_create(
            group=redacteuren, page=root_page, permission=perm("wagtailcore", codename)
        )

    # Wagtail seeds "Editors" and "Moderators"; our roles replace them. The default
    # moderation task is handed to Redacteuren so that submitted pages reach an editor.
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for task in GroupApprovalTask.objects.all():
        task.groups.add(redacteuren)
        if task.name == "Moderators approval":
            task.name = "Beoordeling door de redactie"
            task.save(update_fields=["name"])
    Workflow.objects.filter(name="Moderators approval").update(name="Redactieronde")
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    root_collection = Collection.objects.get(depth=1)
    for app_label, codenames in MEDIA_PERMS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=redacteuren, collection=root_collection, permission=perm(app_label, codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(seed_taxonomy, migrations.RunPython.noop),
        migrations.RunPython(create_homepage, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
