from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cases.views.residents import home

urlpatterns = [
    path("", home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("werkwijze/", include("steps.urls")),
    path("", include("cases.urls")),
]
