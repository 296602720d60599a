"""A landelijk knelpunt (no gebied, no gemeente) can be reported; without either it must say so."""

import pytest
from django.urls import reverse

from knelpunten.models import Knelpunt

pytestmark = pytest.mark.django_db
URL = reverse("knelpunten:report")


def test_a_landelijk_knelpunt_is_accepted_without_gebied_or_gemeente(
    client, professional, valid_data
):
    client.force_login(professional)
    data = {**valid_data, "gebied": "", "gemeente": "", "landelijk": "on"}
    assert client.post(URL, data).status_code == 302
    knelpunt = Knelpunt.objects.get()
    assert knelpunt.gebied is None and knelpunt.gemeente is None


def test_landelijk_with_a_gemeente_is_refused_with_a_dutch_message(
    client, professional, valid_data
):
    client.force_login(professional)
    response = client.post(URL, {**valid_data, "landelijk": "on"})
    assert response.status_code == 200
    assert "Een landelijk knelpunt heeft geen gebied of gemeente" in response.content.decode()
    assert not Knelpunt.objects.exists()


def test_the_form_offers_the_landelijk_choice(client, professional):
    client.force_login(professional)
    assert 'name="landelijk"' in client.get(URL).content.decode()
