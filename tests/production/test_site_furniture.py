"""Site furniture: the footer links the toegankelijkheidsverklaring, privacyverklaring,
contact and colofon, Wagtail pages created by a migration and editable by Redacteuren."""

import pytest

from kennisbank.models import FOOTER_PAGES, InformatiePagina

pytestmark = pytest.mark.django_db


def test_the_migration_created_the_four_pages_live_with_starter_text():
    pages = {page.slug: page for page in InformatiePagina.objects.live()}
    assert set(pages) == {slug for slug, _ in FOOTER_PAGES}
    for slug, title in FOOTER_PAGES:
        assert pages[slug].title == title
        assert len(pages[slug].body) > 200


def test_every_page_footer_links_the_four_pages_and_they_answer(client, home_page):
    html = client.get("/").content.decode()
    for slug, title in FOOTER_PAGES:
        assert f'href="/{slug}/"' in html
        response = client.get(f"/{slug}/")
        assert response.status_code == 200
        assert title in response.content.decode()


def test_redacteuren_can_edit_the_pages(client, editor):
    page = InformatiePagina.objects.get(slug="contact")
    client.force_login(editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
