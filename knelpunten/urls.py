"""URLs of knelpunten, mounted at /knelpunten/ with namespace "knelpunten"."""

from django.urls import path

from knelpunten import views

app_name = "knelpunten"

urlpatterns = [
    path("", views.index, name="index"),
    path("melden/", views.report, name="report"),
    path("mijn/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
]
