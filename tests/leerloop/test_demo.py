"""The demo: findings for each question (idempotent), and adoptions that tell a story."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from demo import kennisdagen as kennisdag_demo
from demo import leerloop as demo
from demo import lessons as lesson_demo
from kennisbank.models import Gebied
from leerloop import selectors
from leerloop.models import Bevinding, BevindingBron, BevindingLes, Voortgangsvraag
from lessons.models import Adoption


@pytest.fixture
def demo_lessons(db):
    # The order of demo.loader.LOADERS: lessons link to demo kennisdagen.
    kennisdag_demo.load()
    lesson_demo.load()


def _snapshot():
    return (
        sorted(Bevinding.objects.values_list("vraag", "titel", "periode_van", "periode_tot")),
        BevindingLes.objects.count(),
        BevindingBron.objects.count(),
    )


def test_demo_loader_is_idempotent(demo_lessons):
    demo.load()
    first = _snapshot()
    demo.load()
    assert _snapshot() == first
    assert len(first[0]) == len(demo.FINDINGS)


def test_demo_has_findings_for_every_question_citing_existing_lessons(demo_lessons):
    demo.load()
    assert set(Bevinding.objects.values_list("vraag", flat=True)) == set(Voortgangsvraag.values)
    cited = sum(len(item["lessen"]) for item in demo.FINDINGS)
    assert BevindingLes.objects.count() == cited  # every cited slug exists in the demo lessons
    assert all(b.is_voorbeeld and b.bevinding_html for b in Bevinding.objects.all())


def test_demo_adoptions_spread_between_all_startgebieden_over_time(demo_lessons, professional):
    startgebieden = set(Gebied.objects.filter(is_startgebied=True).values_list("name", flat=True))
    flows = selectors.adoption_flows(AnonymousUser())
    assert {flow.naar for flow in flows} == startgebieden
    # Scheemda's lesson that spread is for professionals only.
    assert startgebieden <= {flow.van for flow in selectors.adoption_flows(professional)}
    timeline = selectors.adoptions_per_quarter(AnonymousUser())
    assert len(timeline.labels) >= 4 and timeline.total >= 12
    # A professionals-only lesson was adopted too: the public sees fewer adoptions.
    assert Adoption.objects.count() > timeline.total


def test_demo_dashboard_renders(client, demo_lessons):
    demo.load()
    response = client.get(reverse("leerloop:dashboard"))
    assert response.status_code == 200
    assert "Eén vast aanspreekpunt geeft bewoners" in response.content.decode()
