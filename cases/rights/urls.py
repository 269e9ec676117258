"""The resident's rights, under /inwoners/<id>/."""

from django.urls import path

from . import views

urlpatterns = [
    path("inwoners/<uuid:pk>/beperken/", views.restriction, name="restriction"),
    path("inwoners/<uuid:pk>/wissen/", views.erasure, name="erasure"),
    path("inwoners/<uuid:pk>/inzage/", views.copy, name="copy"),
    path("inwoners/<uuid:pk>/inzage/<int:export>.zip", views.copy_download, name="copy_download"),
]
