"""The Markdown preview in the admin: the body field offers it, and it shows the same
sanitized HTML readers get."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/admin/lessen/markdown-voorbeeld/"


def test_edit_form_offers_a_markdown_preview_button(client, make_lesson, editor):
    lesson = make_lesson("Les met voorbeeld", "## Aanpak\nTekst")
    client.force_login(editor)
    html = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "data-markdown-preview-button" in html and URL in html


def test_preview_renders_sections_with_anchors(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"body": "## Wat werkte\nGoed **overleg**."})
    assert '<h2 id="wat-werkte">Wat werkte</h2>' in response.content.decode()
    assert "<strong>overleg</strong>" in response.content.decode()


def test_preview_output_is_sanitized(client, editor):
    client.force_login(editor)
    html = client.post(URL, {"body": "<script>alert(1)</script>[x](javascript:alert(1))"})
    text = html.content.decode()
    assert "<script" not in text and "javascript:" not in text


def test_preview_is_not_available_outside_the_admin(client):
    assert client.post(URL, {"body": "x"}).status_code == 302
