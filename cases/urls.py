from django.urls import include, path

from .day import views as day
from .team import views as team
from .views import (
    baggage,
    conversations,
    documents,
    motivation,
    offers,
    residents,
    situation,
    trajectories,
)

app_name = "cases"
urlpatterns = [
    path("vandaag/", day.today, name="today"),
    path("team/", include("cases.team.urls")),
    path("", include("cases.logbook.urls")),
    path("", include("cases.rights.urls")),
    path("team/vernietigen/", include("cases.retention.urls")),
    path("signalen/", team.my_signals, name="my_signals"),
    path("inwoners/<uuid:pk>/signaal/", team.signal_create, name="signal_create"),
    path("inwoners/<uuid:pk>/casuistiek/", team.request_review, name="case_review_request"),
    path("inwoners/<uuid:pk>/bagage/", baggage.baggage, name="baggage"),
    path("aanbod/", offers.offer_list, name="offers"),
    path("inwoners/", residents.resident_list, name="residents"),
    path("inwoners/nieuw/", residents.resident_create, name="resident_create"),
    path("inwoners/<uuid:pk>/", residents.resident_detail, name="resident"),
    path("inwoners/<uuid:pk>/bewerken/", residents.resident_edit, name="resident_edit"),
    path("inwoners/<uuid:pk>/traject/", trajectories.trajectory_start, name="trajectory_start"),
    path("trajecten/<uuid:pk>/", trajectories.trajectory_detail, name="trajectory"),
    path("trajecten/<uuid:pk>/", include("cases.plan.urls")),
    path("trajecten/<uuid:pk>/stap/<int:number>/", trajectories.step_detail, name="step"),
    path("trajecten/<uuid:pk>/vinkjes/<int:item_pk>/", trajectories.tick_item, name="tick"),
    path("trajecten/<uuid:pk>/naar-stap/", trajectories.move_step, name="move_step"),
    path("trajecten/<uuid:pk>/nieuwe-ronde/", trajectories.new_round, name="new_round"),
    path("trajecten/<uuid:pk>/status/", trajectories.change_status, name="trajectory_status"),
    path("trajecten/<uuid:pk>/situatie/", situation.situation, name="situation"),
    path(
        "trajecten/<uuid:pk>/situatie/<slug:domain>/",
        situation.life_domain,
        name="life_domain",
    ),
    path("trajecten/<uuid:pk>/drijfveren/", motivation.motivation, name="motivation"),
    path(
        "trajecten/<uuid:pk>/gesprekken/nieuw/",
        conversations.conversation_create,
        name="conversation_create",
    ),
    path(
        "trajecten/<uuid:pk>/documenten/",
        documents.trajectory_documents,
        name="trajectory_documents",
    ),
    path("gesprekken/<uuid:pk>/", conversations.conversation_detail, name="conversation"),
    path(
        "gesprekken/<uuid:pk>/bewerken/",
        conversations.conversation_edit,
        name="conversation_edit",
    ),
    path(
        "gesprekken/<uuid:pk>/verzetten/",
        conversations.conversation_move,
        name="conversation_move",
    ),
    path(
        "gesprekken/<uuid:pk>/afzeggen/",
        conversations.conversation_close,
        name="conversation_close",
    ),
    path("gesprekken/<uuid:pk>/afspraken.pdf", documents.agreements_pdf, name="agreements_pdf"),
    path("gesprekken/<uuid:pk>/afspraak.ics", documents.appointment_ics, name="appointment_ics"),
    path("documenten/<uuid:pk>.pdf", documents.handed_over_document, name="handed_over_document"),
    path("afspraken/<int:pk>/gedaan/", conversations.agreement_done, name="agreement_done"),
    path("afspraken/<int:pk>/bewerken/", conversations.agreement_edit, name="agreement_edit"),
]
