"""factory_boy factories for users and content. Apps add their page factories here."""

import factory
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Test"
    password = factory.django.Password(PASSWORD)


def aanspreekpunt_lessons(make_lesson) -> list:
    """Two lessons about an aanspreekpunt in different gemeenten and thema's, one tagged:
    the small corpus the search page tests (HTTP and browser) filter and count on."""
    return [
        make_lesson(
            "Vast aanspreekpunt in Oosternieland",
            "Een vast aanspreekpunt hielp bewoners.",
            gemeente="Het Hogeland",
            themas=["veilig"],
            tags=["aanspreekpunt"],
        ),
        make_lesson(
            "Aanspreekpunt voor ondernemers",
            "Het mkb kreeg een aanspreekpunt.",
            gemeente="Oldambt",
            themas=["leefbaar"],
        ),
    ]
