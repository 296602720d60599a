"""Front-end login and logout in the site's own look (Django's auth views, our templates)."""

from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    template_name = "kennisbank/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "kennisbank/logged_out.html"
