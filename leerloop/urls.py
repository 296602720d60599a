"""URLs of leerloop: the dashboard at /leerloop/."""

from django.urls import path

from leerloop import views

app_name = "leerloop"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
