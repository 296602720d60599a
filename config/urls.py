"""URL configuration: the Wagtail admin, front-end login, robots.txt and security.txt, and
Wagtail's page serving last. Django's own admin is not installed (nothing needs it)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from kennisbank import views
from kennisbank.admin_access import chooser_browse, chooser_chosen_multiple, tag_autocomplete
from kennisbank.sitemap import sitemap

app_urls = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]

# A database that cannot be reached mid-request gives the 503 maintenance page.
handler500 = "kennisbank.middleware.database_unavailable_or_server_error"

urlpatterns = [
    # Ahead of Wagtail's own: tag suggestions and chooser pages limited to what the user may see.
    path("admin/choose-page/<int:parent_page_id>/", chooser_browse),
    path("admin/choose-page/chosen-multiple/", chooser_chosen_multiple),
    path("admin/tag-autocomplete/", tag_autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", tag_autocomplete),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap),
    path("", include((app_urls, "kennisbank"))),
    path("", include("search.urls")),
    path("leerloop/", include("leerloop.urls")),
    path("knelpunten/", include("knelpunten.urls")),
    path("volgen/", include("follow.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
