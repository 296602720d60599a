"""Create the footer's information pages (toegankelijkheid, privacy, contact, colofon) under
the home page with Dutch starter text for the Redacteuren to complete."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

PAGES = [
    (
        "toegankelijkheid",
        "Toegankelijkheidsverklaring",
        "<p>Iedereen moet de Kennisbank Herstel Groningen kunnen gebruiken, ook met een "
        "beperking. Wij streven naar de toegankelijkheidsstandaard WCAG 2.1, niveau AA.</p>",
        "<h2>Wat wij doen</h2>"
        "<ul><li>Elke pagina wordt automatisch getoetst met axe-core in een echte browser.</li>"
        "<li>Alle functies werken met het toetsenbord, ook zoeken en filteren.</li>"
        "<li>Grafieken in de leerloop hebben ook een tabel met de cijfers.</li>"
        "<li>Dossiers zijn te downloaden als toegankelijke (getagde) PDF.</li></ul>"
        "<h2>Loopt u ergens tegenaan?</h2>"
        "<p>Meld het ons via de <a href=\"/contact/\">contactpagina</a>. Wij reageren binnen "
        "vijf werkdagen en lossen het probleem zo snel mogelijk op.</p>"
        "<h2>Status</h2><p>De redactie vult hier de datum en uitkomst van het laatste "
        "onderzoek in, en een link naar de verklaring in het register van "
        "toegankelijkheidsverklaring.nl.</p>",
    ),
    (
        "privacy",
        "Privacyverklaring",
        "<p>De Kennisbank gaat zorgvuldig om met persoonsgegevens en verwerkt er zo min "
        "mogelijk.</p>",
        "<h2>Welke gegevens</h2>"
        "<ul><li>Van professionals met een account: naam, e-mailadres en organisatie, om in te "
        "loggen, knelpunten te melden en (als u dat kiest) berichten over gevolgde onderwerpen "
        "te sturen.</li>"
        "<li>Technische gegevens: mislukte inlogpogingen (IP-adres en gebruikersnaam) worden "
        "kort bewaard om inbraakpogingen te stoppen.</li></ul>"
        "<h2>Geen gegevens van bewoners</h2>"
        "<p>Lessen, knelpunten en verslagen bevatten nooit persoonsgegevens van bewoners. De "
        "Kennisbank waarschuwt als tekst erop lijkt.</p>"
        "<h2>Geen tracking</h2><p>Wij gebruiken geen analyse- of advertentiecookies en laden "
        "niets van andere websites. Alleen een sessiecookie houdt u ingelogd.</p>"
        "<h2>Uw rechten</h2><p>U kunt uw gegevens inzien, laten verbeteren of laten "
        "verwijderen. Neem daarvoor <a href=\"/contact/\">contact</a> met ons op.</p>",
    ),
    (
        "contact",
        "Contact",
        "<p>Vragen over de Kennisbank, een fout gevonden of een les die u wilt delen?</p>",
        "<h2>Redactie</h2>"
        "<p>E-mail: <a href=\"mailto:redactie@kennisbank.example.nl\">"
        "redactie@kennisbank.example.nl</a></p>"
        "<p>Wij reageren binnen vijf werkdagen.</p>"
        "<h2>Een beveiligingsprobleem melden</h2>"
        "<p>Zie <a href=\"/.well-known/security.txt\">security.txt</a>.</p>"
        "<h2>Geen schademeldingen</h2>"
        "<p>Via de Kennisbank kunt u geen schade melden. Daarvoor kunt u terecht bij het "
        "Instituut Mijnbouwschade Groningen (IMG) of de Nationaal Coördinator Groningen "
        "(NCG).</p>",
    ),
    (
        "colofon",
        "Colofon",
        "<p>De Kennisbank Herstel Groningen is de gezamenlijke leeromgeving van de gemeenten, "
        "de provincie, het Rijk, IMG en NCG in het herstel van Groningen.</p>",
        "<h2>Beheer</h2><p>De redactie van de Kennisbank beheert de inhoud. Lessen komen van "
        "professionals uit de praktijk.</p>"
        "<h2>Techniek</h2><p>De Kennisbank is gebouwd met open-sourcesoftware: Wagtail en "
        "Django. De broncode wordt uitgegeven onder de EUPL-1.2.</p>"
        "<h2>Aansprakelijkheid</h2><p>Wij doen ons best de informatie juist en actueel te "
        "houden. Lessen beschrijven ervaringen uit de praktijk; ze zijn geen beleid of "
        "juridisch advies.</p>",
    ),
]


def _encode(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _next_child_path(model, parent) -> str:
    last = (
        model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .first()
    )
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    return parent.path + _encode(number)


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("kennisbank", "HomePage")
    InformatiePagina = apps.get_model("kennisbank", "InformatiePagina")
    home = HomePage.objects.first()
    if home is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="kennisbank", model="informatiepagina"
    )
    for slug, title, intro, body in PAGES:
        if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug=slug).exists():
            continue
        InformatiePagina.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=_next_child_path(Page, home),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
            show_in_menus=False,
            intro=intro,
            body=body,
        )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0004_informatiepagina"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
