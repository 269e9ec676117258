from django.urls import path

from .views import (
    baggage,
    case_reviews,
    conversations,
    indicators,
    offers,
    residents,
    signals,
    team,
    trajectories,
)

app_name = "cases"
urlpatterns = [
    path("team/", team.team_overview, name="team"),
    path("team/overdragen/", team.reassign, name="reassign"),
    path("team/caseload.csv", team.team_csv, name="team_csv"),
    path("team/kernpunten/", indicators.overview, name="indicators"),
    path(
        "team/kernpunten/jij-beslist-mee/",
        indicators.told_decides_too_list,
        name="indicator_told",
    ),
    path("team/signalen/", signals.team_signals, name="team_signals"),
    path("team/signalen/<int:pk>/", signals.signal_respond, name="signal_respond"),
    path("signalen/", signals.my_signals, name="my_signals"),
    path("inwoners/<uuid:pk>/signaal/", signals.signal_create, name="signal_create"),
    path("inwoners/<uuid:pk>/bagage/", baggage.baggage, name="baggage"),
    path("team/casuistiek/", case_reviews.agenda, name="case_review_agenda"),
    path("team/casuistiek/<int:pk>/datum/", case_reviews.plan, name="case_review_plan"),
    path(
        "team/casuistiek/<int:pk>/uitkomst/",
        case_reviews.record_outcome,
        name="case_review_outcome",
    ),
    path("aanbod/", offers.offer_list, name="offers"),
    path("inwoners/", residents.resident_list, name="residents"),
    path("inwoners/nieuw/", residents.resident_create, name="resident_create"),
    path("inwoners/<uuid:pk>/", residents.resident_detail, name="resident"),
    path("inwoners/<uuid:pk>/bewerken/", residents.resident_edit, name="resident_edit"),
    path("inwoners/<uuid:pk>/traject/", trajectories.trajectory_start, name="trajectory_start"),
    path("inwoners/<uuid:pk>/casuistiek/", case_reviews.request_review, name="case_review_request"),
    path("trajecten/<uuid:pk>/", trajectories.trajectory_detail, name="trajectory"),
    path("trajecten/<uuid:pk>/stap/<int:number>/", trajectories.step_detail, name="step"),
    path("trajecten/<uuid:pk>/vinkjes/<int:item_pk>/", trajectories.tick_item, name="tick"),
    path("trajecten/<uuid:pk>/naar-stap/", trajectories.move_step, name="move_step"),
    path("trajecten/<uuid:pk>/nieuwe-ronde/", trajectories.new_round, name="new_round"),
    path("trajecten/<uuid:pk>/status/", trajectories.change_status, name="trajectory_status"),
    path(
        "trajecten/<uuid:pk>/gesprekken/nieuw/",
        conversations.conversation_create,
        name="conversation_create",
    ),
    path("gesprekken/<uuid:pk>/", conversations.conversation_detail, name="conversation"),
    path(
        "gesprekken/<uuid:pk>/bewerken/",
        conversations.conversation_edit,
        name="conversation_edit",
    ),
    path("afspraken/<int:pk>/gedaan/", conversations.agreement_done, name="agreement_done"),
    path("afspraken/<int:pk>/bewerken/", conversations.agreement_edit, name="agreement_edit"),
]
