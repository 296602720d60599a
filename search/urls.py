"""URLs of the public search."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
]
