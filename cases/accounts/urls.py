from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

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
    path(
        "inloggen/wachtwoord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_set_done")
        ),
        name="password_set",
    ),
    path(
        "inloggen/wachtwoord/ingesteld/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_set_done",
    ),
    path("sessie/", views.session_status, name="session_status"),
    path("sessie/verlengen/", views.session_extend, name="session_extend"),
]
