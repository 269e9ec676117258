from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .middleware import second_factor_not_required

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.verify, name="verify"),
    path("inloggen/instellen/", views.enrol, name="enrol"),
    path(
        "uitloggen/",
        second_factor_not_required(auth_views.LogoutView.as_view()),
        name="logout",
    ),
    path("sessie/", views.session_status, name="session_status"),
    path("sessie/verlengen/", views.session_extend, name="session_extend"),
]
