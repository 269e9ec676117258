from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from cases.views.home import home
from samenbeslissen import accessibility
from samenbeslissen.availability import health


@login_not_required
def favicon(request):
    """Browsers ask /favicon.ico of pages that name no icon, such as a PDF they show."""
    return redirect(static("favicon.svg"), permanent=True)


handler500 = "samenbeslissen.availability.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", favicon),
    path("gezond/", health, name="health"),
    path("toegankelijkheid/", accessibility.statement, name="accessibility_statement"),
    path("", include("cases.accounts.urls")),
    path("beheer/", admin.site.urls),
    path("werkwijze/", include("steps.urls")),
    path("", include("cases.urls")),
]
