"""Who saw what: a resident's overview under /inwoners/<id>/, the whole log at /logboek/."""

from django.urls import path

from . import views

urlpatterns = [
    path("inwoners/<uuid:pk>/ingezien/", views.resident_access_log, name="resident_access_log"),
    path(
        "inwoners/<uuid:pk>/ingezien.pdf",
        views.resident_access_log_pdf,
        name="resident_access_log_pdf",
    ),
    path("logboek/", views.access_log, name="access_log"),
    path("logboek.csv", views.access_log_csv, name="access_log_csv"),
]
