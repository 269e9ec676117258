"""The team lead's addresses, under /team/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.team_overview, name="team"),
    path("overdragen/", views.reassign, name="reassign"),
    path("caseload.csv", views.team_csv, name="team_csv"),
    path("evaluaties/", views.overdue_evaluation_list, name="overdue_evaluations"),
    path("kernpunten/", views.indicators_overview, name="indicators"),
    path("kernpunten.csv", views.indicators_csv, name="indicators_csv"),
    path("check-in.csv", views.check_ins_csv, name="check_ins_csv"),
    path("kernpunten/<slug:point>/", views.indicator_list, name="indicator_list"),
    path("signalen/", views.team_signals, name="team_signals"),
    path("signalen/<int:pk>/", views.signal_respond, name="signal_respond"),
    path("casuistiek/", views.case_review_agenda, name="case_review_agenda"),
    path("casuistiek/<int:pk>/datum/", views.case_review_plan, name="case_review_plan"),
    path("casuistiek/<int:pk>/uitkomst/", views.case_review_outcome, name="case_review_outcome"),
]
