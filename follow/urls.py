"""URLs of follow."""

app_name = "follow"

urlpatterns = []
