"""Editors: Redacteuren maintain the synonyms; admin lists say Ja/Nee, not True/False."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_redacteuren_open_and_add_synonyms_from_their_menu(client, editor):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Synoniemen" in dashboard
    assert client.get("/admin/snippets/search/synonymgroup/").status_code == 200
    assert client.get("/admin/snippets/search/synonymgroup/add/").status_code == 200


def test_professionals_cannot_open_the_synonyms(client, professional):
    client.force_login(professional)
    assert client.get("/admin/snippets/search/synonymgroup/").status_code in (302, 403)


def test_admin_lists_show_ja_nee_instead_of_true_false(client, editor):
    client.force_login(editor)
    html = client.get("/admin/snippets/kennisbank/gebied/").content.decode()
    assert re.search(r"<td[^>]*>\s*(Ja|Nee)\s*</td>", html)
    assert "True" not in html and "False" not in html
