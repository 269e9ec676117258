"""The destruction lists, under /team/vernietigen/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.destruction_lists, name="destruction_lists"),
    path("<int:pk>/goedkeuren/", views.approve, name="destruction_approve"),
    path("<int:pk>/afwijzen/", views.refuse, name="destruction_refuse"),
]
