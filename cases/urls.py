from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("inwoners/", views.resident_list, name="residents"),
    path("inwoners/nieuw/", views.resident_create, name="resident_create"),
    path("inwoners/<uuid:pk>/", views.resident_detail, name="resident"),
    path("inwoners/<uuid:pk>/bewerken/", views.resident_edit, name="resident_edit"),
]
