"""URLs of follow, mounted at /volgen/ (namespace "follow")."""

from django.urls import path

from follow import views

app_name = "follow"

urlpatterns = [
    path("", views.follow_list, name="list"),
    path("zoekopdracht/", views.follow_search, name="search"),
    path("pagina/<int:page_id>/", views.follow_page, name="page"),
    path("thema/<slug:slug>/", views.follow_thema, name="thema"),
    path("gebied/<slug:slug>/", views.follow_gebied, name="gebied"),
    path("<int:pk>/verwijderen/", views.remove, name="remove"),
    path("<int:pk>/frequentie/", views.set_frequency, name="frequency"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
