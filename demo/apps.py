"""App config for the demo content; installed in the development and test settings only."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Voorbeeldinhoud"
