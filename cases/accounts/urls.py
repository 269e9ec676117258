from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from . import oidc, views
from .middleware import second_factor_not_required

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.verify, name="verify"),
    path("inloggen/instellen/", views.enrol, name="enrol"),
    # Single sign-on through the municipality's provider (404 without one); the second
    # address is the redirect URI the provider knows.
    path("inloggen/gemeente/", login_not_required(oidc.StartView.as_view()), name="oidc_start"),
    path(
        "inloggen/gemeente/terug/",
        login_not_required(oidc.CallbackView.as_view()),
        name="oidc_callback",
    ),
    path("uitloggen/", second_factor_not_required(views.LogoutView.as_view()), name="logout"),
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
