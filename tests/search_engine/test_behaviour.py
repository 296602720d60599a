"""What the search must do, on every engine that can run here (see conftest `engine`)."""

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import QueryLog, SynonymGroup
from tests.search_engine.conftest import api, facet, page_text, page_titles, titles

pytestmark = pytest.mark.django_db


# --- Dutch -------------------------------------------------------------------------------


def test_singular_finds_plural(client, engine, make_lesson):
    make_lesson("Nieuwe woningen in het dorp", "Er werden twaalf woningen vervangen.")
    assert titles(api(client, q="woning")) == ["Nieuwe woningen in het dorp"]


def test_verb_form_finds_other_form(client, engine, make_lesson):
    make_lesson("Bewoners adviseren elkaar", "Buren hielpen buren met de aanvraag.")
    assert titles(api(client, q="adviseerden")) == ["Bewoners adviseren elkaar"]


def test_query_without_accents_finds_accented_text(client, engine, make_lesson):
    make_lesson("De Coördinator per straat", "Een coördinator hield overzicht.")
    assert titles(api(client, q="coordinator")) == ["De Coördinator per straat"]


def test_een_keer_finds_een_with_accents(client, engine, make_lesson):
    make_lesson("Alles in één keer geregeld", "Schade en versterking in één keer.")
    make_lesson("Een ander verhaal", "Hier staat niets over het onderwerp.")
    assert "Alles in één keer geregeld" in titles(api(client, q="een keer"))


def test_part_of_compound_finds_compound(client, engine, make_lesson):
    make_lesson("Subsidie voor dakisolatie", "Bewoners kregen dakisolatie vergoed.")
    make_lesson("Ander onderwerp", "Over verkeer.")
    assert titles(api(client, q="isolatie")) == ["Subsidie voor dakisolatie"]


def test_advies_finds_versterkingsadvies(client, engine, make_lesson):
    make_lesson("Het versterkingsadvies uitleggen", "Een versterkingsadvies is lastig te lezen.")
    assert titles(api(client, q="advies")) == ["Het versterkingsadvies uitleggen"]


# --- synonyms -----------------------------------------------------------------------------


def test_abbreviation_finds_full_name(client, engine, make_lesson):
    make_lesson("Afspraken met het Instituut Mijnbouwschade Groningen", "Samen plannen.")
    assert titles(api(client, q="IMG")) == ["Afspraken met het Instituut Mijnbouwschade Groningen"]


def test_full_name_finds_abbreviation(client, engine, make_lesson):
    make_lesson("Overleg met IMG", "Het IMG schoof aan.")
    assert titles(api(client, q="Instituut Mijnbouwschade Groningen")) == ["Overleg met IMG"]


def test_mkb_finds_midden_en_kleinbedrijf(client, engine, make_lesson):
    make_lesson("Ondernemers in het midden- en kleinbedrijf", "Winkels en werkplaatsen.")
    assert titles(api(client, q="mkb")) == ["Ondernemers in het midden- en kleinbedrijf"]


def test_editor_synonym_change_applies_to_the_next_query(client, engine, make_lesson):
    make_lesson("Vergoeding voor de tuin", "Een tegemoetkoming voor schade aan de tuin.")
    assert titles(api(client, q="compensatie")) == []
    SynonymGroup.objects.create(terms="compensatie = vergoeding")
    assert titles(api(client, q="compensatie")) == ["Vergoeding voor de tuin"]


# --- facets ---------------------------------------------------------------------------------


@pytest.fixture
def facet_corpus(make_lesson):
    make_lesson(
        "Keukentafel A",
        "Gesprek aan de keukentafel.",
        fase="werkt",
        gemeente="Het Hogeland",
        themas=["veilig"],
        tags=["keukentafel"],
    )
    make_lesson(
        "Keukentafel B",
        "Weer een keukentafel.",
        fase="idee",
        gemeente="Oldambt",
        themas=["veilig", "leefbaar"],
    )
    make_lesson(
        "Keukentafel C",
        "Nog een keukentafel.",
        fase="werkt",
        gemeente="Oldambt",
        themas=["leefbaar"],
    )
    make_lesson("Iets anders", "Over verkeer.", fase="werkt", gemeente="Oldambt")


def test_facet_counts_reflect_the_query(client, engine, facet_corpus):
    data = api(client, q="keukentafel")
    assert data["total"] == 3
    assert facet(data, "fase") == {"werkt": 2, "idee": 1}
    assert facet(data, "gemeente") == {"oldambt": 2, "het-hogeland": 1}
    assert facet(data, "type") == {"les": 3}
    assert facet(data, "jaar") == {"2026": 3}


def test_values_within_a_facet_combine_with_or(client, engine, facet_corpus):
    data = api(client, q="keukentafel", fase=["werkt", "idee"])
    assert data["total"] == 3


def test_filters_across_facets_combine_with_and(client, engine, facet_corpus):
    data = api(client, q="keukentafel", fase="werkt", gemeente="oldambt")
    assert titles(data) == ["Keukentafel C"]


def test_counts_of_a_facet_ignore_its_own_filter_but_apply_the_others(client, engine, facet_corpus):
    data = api(client, q="keukentafel", fase="werkt", thema="leefbaar")
    assert titles(data) == ["Keukentafel C"]
    # fase counts: all matches that satisfy the thema filter, whatever their fase
    assert facet(data, "fase") == {"idee": 1, "werkt": 1}
    # thema counts: all matches with fase=werkt, whatever their thema
    assert facet(data, "thema") == {"veilig": 1, "leefbaar": 1}


@pytest.fixture
def ranked_corpus(make_lesson):
    """Lessons that match 'keukentafel' more and less strongly, in two gemeenten, and some
    that match only two of the three words of 'keukentafel dorp subsidie'."""
    make_lesson("Keukentafel in het dorp", "Een keukentafel.", gemeente="Oldambt")
    make_lesson("Keukentafelgesprekken", "Keukentafel, keukentafel.", gemeente="Het Hogeland")
    make_lesson("Overleg", "Ook een keukentafel, in het dorp.", gemeente="Oldambt")
    make_lesson("Gesprek", "Aan de keukentafel.", gemeente="Het Hogeland")
    make_lesson("Subsidie", "Subsidie voor het dorp aan de keukentafel.", gemeente="Oldambt")
    make_lesson("Dorpshuis", "Subsidie voor het dorp.", gemeente="Het Hogeland")
    make_lesson("Verkeer", "Over verkeer.", gemeente="Oldambt")


IN_GEMEENTE = {
    "oldambt": {"Keukentafel in het dorp", "Overleg", "Subsidie", "Verkeer"},
    "het-hogeland": {"Keukentafelgesprekken", "Gesprek", "Dorpshuis"},
}


# Oldambt keeps most of the matches of *keukentafel*, Het Hogeland fewer than half: the
# engine takes the database's top-k for the one and scores the kept matches by id for the
# other; the order must be the same either way. The relaxed query ranks by tiers.
@pytest.mark.parametrize(
    "q, gemeente",
    [
        ("keukentafel", "oldambt"),
        ("keukentafel", "het-hogeland"),
        ("keukentafel dorp subsidie", "oldambt"),
    ],
)
def test_a_filter_keeps_the_relevance_order_of_what_it_keeps(
    client, engine, ranked_corpus, q, gemeente
):
    everything = api(client, q=q)
    filtered = api(client, q=q, gemeente=gemeente)
    assert filtered["relaxed"] == everything["relaxed"]
    expected = [t for t in titles(everything) if t in IN_GEMEENTE[gemeente]]
    assert len(expected) >= 2
    assert titles(filtered) == expected


def test_relaxed_matching_ranks_a_whole_tier_larger_than_a_page(client, engine, make_lesson):
    # More lessons share the best tier (two of the three words) than the engine ranks again
    # for a page (10 on SQLite, 50 on PostgreSQL); the strongest of them was written last,
    # so it has the highest id. Relevance within the tier must still put it first.
    for i in range(55):
        make_lesson(
            f"Verslag {i}", f"Notulen {i}. Het dorp en de keukentafel kwamen kort ter sprake."
        )
    make_lesson("Keukentafel in het dorp", "Keukentafelgesprekken in het dorp: de keukentafel.")
    make_lesson("Subsidie", "Subsidie, verder niets.")
    data = api(client, q="keukentafel dorp subsidie")
    assert data["relaxed"]
    assert data["total"] == 56
    assert titles(data)[0] == "Keukentafel in het dorp"


def test_filter_on_a_tag_without_text(client, engine, facet_corpus):
    data = api(client, tag="keukentafel")
    assert titles(data) == ["Keukentafel A"]


def test_unknown_facet_value_gives_an_empty_normal_answer(client, engine, facet_corpus):
    data = api(client, q="keukentafel", gemeente="atlantis")
    assert data["total"] == 0


# --- snippets, sorting, paging, suggestions, picks ------------------------------------------


def test_snippet_marks_the_match_and_escapes_html(client, engine, make_lesson):
    make_lesson("Veilig wonen", "Voorwoord. <script>alert(1)</script> De woningen zijn versterkt.")
    result = api(client, q="woning")["results"][0]
    assert "<mark>woningen</mark>" in result["snippet"]
    assert "<script>" not in result["snippet"]


def test_sort_by_date_puts_newest_first(client, engine, make_lesson):
    import datetime

    make_lesson("Oud verhaal over loketten", "loket", datum=datetime.date(2020, 1, 1))
    make_lesson("Nieuw verhaal over loketten", "loket", datum=datetime.date(2026, 1, 1))
    assert titles(api(client, q="loket", sort="datum"))[0] == "Nieuw verhaal over loketten"


def test_pagination_splits_results(client, engine, make_lesson):
    for i in range(12):
        make_lesson(f"Schade melden deel {i}", "schade melden")
    first, second = api(client, q="schade"), api(client, q="schade", page=2)
    assert first["total"] == 12 and len(first["results"]) == 10 and len(second["results"]) == 2
    assert not set(titles(first)) & set(titles(second))


def test_misspelled_query_gets_a_suggestion(client, engine, make_lesson):
    make_lesson("Versterking van boerderijen", "De versterking duurde lang.")
    data = api(client, q="versterkng", exact="1")  # as typed: the corrected query not run
    assert data["suggestion"] == "versterking"


def test_autocomplete_completes_the_last_word(client, engine, make_lesson):
    make_lesson("Aanspreekpunt voor bewoners", "Een vast aanspreekpunt.")
    response = client.get("/api/zoeken/suggest/", {"q": "aansp"})
    assert "aanspreekpunt" in response.json()["suggestions"]


def test_editors_pick_comes_first(client, engine, make_lesson):
    make_lesson("Schade aan de schuur", "schade schade schade schade")
    picked = make_lesson("Overzicht van schadeloketten", "Waar meldt u schade?")
    SearchPromotion.objects.create(query=Query.get("schade"), page=picked, sort_order=0)
    assert titles(api(client, q="schade"))[0] == "Overzicht van schadeloketten"


def test_related_content_comes_from_the_engine(client, engine, make_lesson):
    from search.service import related

    # The source last: its "meer zoals dit" is stored when it is indexed.
    make_lesson("Consulent bij de boerderij", "Een consulent voor stallen en boer.")
    make_lesson("Verkeer in de wijk", "Drempels en fietspaden.")
    source = make_lesson("Consulent voor agrariërs", "De consulent hielp de boer met stallen.")
    from django.contrib.auth.models import AnonymousUser

    hits = related(source.pk, AnonymousUser())
    assert [h.title for h in hits][:1] == ["Consulent bij de boerderij"]


# --- visibility ---------------------------------------------------------------------------


@pytest.fixture
def secret_lesson(make_lesson):
    make_lesson("Openbare les over schade", "Schade aan huizen.", tags=["openbaar"])
    return make_lesson(
        "Vertrouwelijke escalatie",
        "Zorgmijders en schade: de geheimwoord aanpak.",
        zichtbaarheid="professionals",
        tags=["vertrouwelijk"],
        gemeente="Eemsdelta",
    )


def test_anonymous_never_sees_professional_content(client, engine, secret_lesson):
    data = api(client, q="schade")
    assert titles(data) == ["Openbare les over schade"]
    assert "vertrouwelijk" not in facet(data, "tag")
    assert "eemsdelta" not in facet(data, "gemeente")
    assert api(client, q="geheimwoord")["total"] == 0
    assert api(client, q="geheimwoordd")["suggestion"] is None
    assert client.get("/api/zoeken/suggest/", {"q": "geheim"}).json()["suggestions"] == []


def test_professional_sees_professional_content(client, engine, secret_lesson, professional):
    client.force_login(professional)
    data = api(client, q="schade")
    assert set(titles(data)) == {"Openbare les over schade", "Vertrouwelijke escalatie"}
    assert facet(data, "tag")["vertrouwelijk"] == 1
    assert (
        "geheimwoord" in client.get("/api/zoeken/suggest/", {"q": "geheim"}).json()["suggestions"]
    )


def test_html_page_hides_professional_content_from_anonymous(client, engine, secret_lesson):
    html = client.get("/zoeken/", {"q": "schade"}).content.decode()
    assert page_titles(html) == ["Openbare les over schade"]
    assert "Vertrouwelijke" not in page_text(html) and "vertrouwelijk" not in html


# --- the index follows the content ---------------------------------------------------------


def test_unpublished_lesson_leaves_the_index(
    client, engine, make_lesson, django_capture_on_commit_callbacks
):
    lesson = make_lesson("Tijdelijke les over drempels", "drempels")
    with django_capture_on_commit_callbacks(execute=True):
        lesson.unpublish()
    assert api(client, q="drempels")["total"] == 0


def test_deleted_lesson_leaves_the_index(client, engine, make_lesson):
    lesson = make_lesson("Verwijderde les over drempels", "drempels")
    lesson.delete()
    assert api(client, q="drempels")["total"] == 0


def test_tags_added_with_the_publish_are_indexed_at_once(client, engine, make_lesson):
    make_lesson("Les met label", "tekst", tags=["zonnepanelen"])
    assert titles(api(client, tag="zonnepanelen")) == ["Les met label"]


def test_check_reports_drift_and_rebuild_repairs_it(engine, make_lesson):
    from search.indexer import check

    make_lesson("Les een", "tekst")
    make_lesson("Les twee", "tekst")
    engine.clear()
    assert len(check(engine).missing) == 2
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert check(engine).ok


# --- analytics ------------------------------------------------------------------------------


def test_queries_are_logged_normalised_without_personal_data(client, engine, make_lesson):
    make_lesson("Loket in het dorp", "loket")
    client.get("/zoeken/", {"q": "  Lóket   "}, REMOTE_ADDR="10.1.2.3")
    client.get("/zoeken/", {"q": "onvindbaar"})
    logged = {log.query: log.results for log in QueryLog.objects.all()}
    assert logged == {"loket": 1, "onvindbaar": 0}
    fields = {f.name for f in QueryLog._meta.get_fields()}
    assert not fields & {"ip", "user", "user_id", "session"}


def test_report_lists_queries_without_results(client, engine, editor):
    client.get("/zoeken/", {"q": "asbest in schuren"})
    client.force_login(editor)
    html = client.get("/admin/reports/zoekvragen/").content.decode()
    assert "asbest in schuren" in html


def test_click_on_a_result_is_counted(client, engine, make_lesson):
    lesson = make_lesson("Loket in het dorp", "loket")
    client.get("/zoeken/", {"q": "loket"})
    log = QueryLog.objects.get()
    response = client.get(f"/zoeken/klik/{log.pk}/{lesson.pk}/")
    assert response.status_code == 302 and response["Location"] == lesson.url
    log.refresh_from_db()
    assert log.clicks == 1


# --- resilience and absurd input -----------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 100_000},
        {"q": '"woning'},
        {"q": 'a" OR "b'},
        {"q": "NEAR(a b)"},
        {"q": "woning*"},
        {"q": "-:^()"},
        {"q": "woning", "gemeente": "bestaat-niet"},
    ],
)
def test_absurd_input_gets_a_normal_page(client, engine, make_lesson, params):
    make_lesson("Woning", "woning")
    assert client.get("/zoeken/", params).status_code == 200
    assert client.get("/api/zoeken/", params).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a", "page": "-1"},
        {"q": "a", "page": "99999"},
        {"q": "a", "page": "x"},
        {"q": "a", "sort": "prijs"},
        {"q": "a", "gemeente": "<script>"},
    ],
)
def test_invalid_parameters_get_a_400_with_a_message(client, engine, params):
    page = client.get("/zoeken/", params)
    assert page.status_code == 400
    assert "Deze zoekopdracht kan niet" in page.content.decode()
    data = client.get("/api/zoeken/", params)
    assert data.status_code == 400 and data.json()["error"]


def test_a_view_restriction_hides_a_lesson_from_anonymous_search(
    client, engine, make_lesson, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    lesson = make_lesson("Les die afgeschermd wordt", "drempels")
    assert api(client, q="drempels")["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=lesson, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name="Professionals"))
    assert api(client, q="drempels")["total"] == 0


def test_a_new_slug_updates_the_url_in_the_index(
    client, engine, make_lesson, django_capture_on_commit_callbacks
):
    lesson = make_lesson("Les over drempels", "drempels")
    with django_capture_on_commit_callbacks(execute=True):
        lesson.slug = "nieuwe-slug"
        lesson.save_revision().publish()
    assert api(client, q="drempels")["results"][0]["url"].endswith("/nieuwe-slug/")


# --- large documents ---------------------------------------------------------------------


def test_a_document_with_megabytes_of_slide_text_indexes_and_stays_findable(
    client, engine, make_lesson
):
    # A kennisdag with hundreds of slides: PostgreSQL refuses a tsvector over 1 MB.
    from search.documents import build_document

    lesson = make_lesson("Alle sheets van de kennisdag", "Het draaiboek staat vooraan.")
    document = build_document(lesson)
    document.body += " " + " ".join(f"sheet{n}onderwerp" for n in range(100_000))
    engine.index([document])
    assert titles(api(client, q="draaiboek")) == ["Alle sheets van de kennisdag"]


def test_a_search_leaves_the_database_settings_of_the_transaction_as_they_were(
    client, engine, make_lesson
):
    from django.db import connection

    if connection.vendor != "postgresql" or engine.name != "database":
        pytest.skip("only the database engine on PostgreSQL changes a planner setting")
    make_lesson("Een les over woningen", "Woningen.")
    api(client, q="woning")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
