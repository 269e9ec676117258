from django.urls import path

from . import views

app_name = "steps"
urlpatterns = [
    path("", views.method, name="method"),
    path("<int:number>/", views.step, name="step"),
]
