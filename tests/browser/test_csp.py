"""Under the site's Content-Security-Policy (the one production sends), the pages still work
in Chromium and the browser reports no violation: home, search with autocomplete, a lesson,
the leerloop charts, a dossier and the Wagtail admin login and dashboard."""

import pytest

from tests import factories
from tests.browser_fixtures import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations from the DOM event and the console."""
    console = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    def violations():
        return page.evaluate("window.__cspViolations || []") + console

    page.csp_violations = violations
    return page


@pytest.fixture
def lesson(watched, make_lesson):  # page first: the live server's database is set up
    return make_lesson(
        "Vast aanspreekpunt in Oosternieland",
        "Een vast aanspreekpunt hielp bewoners.",
        themas=["veilig"],
        tags=["aanspreekpunt"],
    )


def test_public_pages_have_no_csp_violations(watched, lesson, axe_violations):
    for url in ["/", lesson.url, "/leerloop/", "/lessen/", "/kennisdagen/", "/dossiers/"]:
        response = watched.goto(url)
        assert response.status == 200, url
        assert "Content-Security-Policy" in response.headers or (
            "content-security-policy" in response.headers
        )
        watched.wait_for_load_state("networkidle")
        assert watched.csp_violations() == [], url
    assert axe_violations(watched) == []


def test_search_autocomplete_works_under_the_csp(watched, lesson):
    watched.goto("/zoeken/")
    watched.get_by_label("Zoekterm").press_sequentially("aansp", delay=30)
    # (wait_for_function would evaluate a string, which the policy rightly forbids)
    watched.locator("#q-suggestions option").first.wait_for(state="attached", timeout=5000)
    assert watched.csp_violations() == []


def test_leerloop_charts_render_under_the_csp(watched, lesson):
    watched.goto("/leerloop/")
    watched.wait_for_load_state("networkidle")
    assert watched.locator("svg").count() > 0
    assert watched.csp_violations() == []


def test_admin_login_and_dashboard_have_no_csp_violations(watched, lesson):
    user = factories.UserFactory(username="beheer", is_superuser=True, is_staff=True)
    user.set_password("beheer-wachtwoord-1")
    user.save()
    watched.goto("/admin/login/")
    watched.wait_for_load_state("networkidle")
    assert watched.csp_violations() == []
    watched.fill("input[name=username]", "beheer")
    watched.fill("input[name=password]", "beheer-wachtwoord-1")
    watched.locator("form button[type=submit]").first.click()
    watched.wait_for_url("**/admin/")
    watched.wait_for_load_state("networkidle")
    assert watched.csp_violations() == []
    watched.goto(f"/admin/pages/{lesson.pk}/edit/")
    watched.wait_for_load_state("networkidle")
    assert watched.csp_violations() == []
    # The editor's widgets came up (they start from inline scripts: SECURE_CSP_ADMIN).
    assert watched.locator("[data-chooser-url], .chooser").count() > 0


def test_kennisdag_dossier_and_knelpunt_pages_have_no_csp_violations(
    watched, lesson, make_kennisdag, make_dossier, professional
):
    kennisdag = make_kennisdag()
    dossier = make_dossier(key_lessons=[(lesson, "Het bewijs.")])
    professional.set_password("professional-wachtwoord-1")
    professional.save()
    for url in [kennisdag.url, dossier.url]:
        assert watched.goto(url).status == 200, url
        watched.wait_for_load_state("networkidle")
        assert watched.csp_violations() == [], url
    login(watched, "professional", "professional-wachtwoord-1")
    for url in ["/knelpunten/melden/", "/knelpunten/"]:
        assert watched.goto(url).status == 200, url
        watched.wait_for_load_state("networkidle")
        assert watched.csp_violations() == [], url
