"""URLs of knelpunten."""

app_name = "knelpunten"

urlpatterns = []
