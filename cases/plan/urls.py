"""The doel-actieplan's addresses, under /trajecten/<id>/."""

from django.urls import path

from . import views

urlpatterns = [
    path("doel-actieplan/", views.plan, name="plan"),
    path("doel-actieplan.pdf", views.plan_pdf, name="plan_pdf"),
    path("evaluatie.ics", views.evaluation_ics, name="evaluation_ics"),
    path("doel-actieplan/samen/", views.plan_together, name="plan_together"),
    path("doel-actieplan/besluit/", views.decision, name="plan_decision"),
    path("doel-actieplan/evaluatie/", views.evaluation, name="plan_evaluation"),
    path(
        "doel-actieplan/aantal-mogelijkheden/",
        views.max_options,
        name="plan_max_options",
    ),
    path("doel-actieplan/<slug:part>/nieuw/", views.part_create, name="plan_part_create"),
    path("doel-actieplan/<slug:part>/<int:item>/", views.part_edit, name="plan_part_edit"),
    path(
        "doel-actieplan/<slug:part>/<int:item>/weghalen/",
        views.part_remove,
        name="plan_part_remove",
    ),
    path(
        "doel-actieplan/<slug:part>/<int:item>/verplaatsen/",
        views.part_move,
        name="plan_part_move",
    ),
]
