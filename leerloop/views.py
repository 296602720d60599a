"""Views of leerloop."""

from django.shortcuts import render


def dashboard(request):
    return render(request, "leerloop/dashboard.html", {})
