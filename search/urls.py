"""URLs of the public search and its JSON API."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("zoeken/klik/<int:log_id>/<int:page_id>/", views.click, name="click"),
    path("api/zoeken/", views.search_api, name="api"),
    path("api/zoeken/suggest/", views.suggest_api, name="suggest"),
]
