"""The resident's documents in plain Dutch (B1): their fixed texts reach Flesch-Douma 65.

Each document is drawn from a case whose every piece of user data is the
marker "Xxx"; the marked words are removed again, so what is measured is
the text of our templates: headings, sentences, labels and dates. A line of
the PDF (a heading, a table cell) is read as one sentence, as a reader does.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import textstat

from cases import documents
from cases.models import Agreement, Conversation, Offer, SubGoal
from cases.pdf import render_pdf
from cases.plan.documents import plan_document
from cases.plan.selectors import plan_sheet

from .factories import (
    ActionFactory,
    ConversationFactory,
    DecisionFactory,
    GoalFactory,
    NetworkMemberFactory,
    OptionFactory,
    PlanFactory,
    ResidentFactory,
    TrajectoryFactory,
    UserFactory,
)
from .pdfs import pdf_lines

pytestmark = pytest.mark.django_db

MARK = "Xxx"
B1 = 65
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def fixed_text(text: str) -> str:
    sentences = []
    for line in text.splitlines():
        line = re.sub(rf"\S*{MARK}\S*", "", line, flags=re.IGNORECASE)
        line = " ".join(line.split()).strip(" ,:·-")
        if line:
            sentences.append(line if line[-1] in ".?!" else f"{line}.")
    return " ".join(sentences)


@pytest.fixture
def marked_conversation(team):
    consultant = UserFactory(
        first_name=MARK, last_name=MARK, phone=MARK, email=f"{MARK}@{MARK}.nl", team=team
    )
    team.name = MARK
    team.save()
    resident = ResidentFactory(consultant=consultant, first_name=MARK, last_name=MARK)
    member = NetworkMemberFactory(resident=resident, name=MARK)
    trajectory = TrajectoryFactory(resident=resident)
    conversation = ConversationFactory(
        trajectory=trajectory, held_at=datetime(2026, 1, 12, 10, tzinfo=AMSTERDAM)
    )
    return conversation, consultant, member


@pytest.fixture(params=["with agreements and a next appointment", "with neither"])
def letter(request, marked_conversation):
    conversation, consultant, member = marked_conversation
    if request.param == "with agreements and a next appointment":
        for owner, network_member in [("inwoner", None), ("netwerk", member), ("consulent", None)]:
            Agreement.objects.create(
                conversation=conversation,
                owner=owner,
                network_member=network_member,
                what=MARK,
                due_on=date(2026, 1, 19) if owner == "inwoner" else None,
            )
        Conversation.objects.create(
            trajectory=conversation.trajectory,
            status=Conversation.Status.PLANNED,
            held_at=datetime(2026, 1, 20, 14, tzinfo=AMSTERDAM),
            kind=Conversation.Kind.FOLLOW_UP,
            setting=Conversation.Setting.HOME_VISIT,
            created_by=consultant,
        )
    return documents.agreements_letter(conversation)


def assert_plain(text):
    textstat.set_lang("nl")
    score = textstat.flesch_reading_ease(fixed_text(text))
    assert score >= B1, f"Flesch-Douma {score} < {B1}: {fixed_text(text)}"


def test_the_afsprakenbriefje_is_in_plain_dutch(letter):
    assert_plain("\n".join(pdf_lines(render_pdf(letter.template_name, letter.context))))


def test_the_text_to_send_is_in_plain_dutch(letter):
    assert_plain(documents.agreements_text(letter))


def test_the_mail_that_carries_a_document_is_in_plain_dutch(letter):
    assert_plain(documents.mail_body(letter))


def test_where_we_meet_is_in_plain_dutch():
    assert_plain("\n".join(str(where) for where in documents.WHERE.values()))


@pytest.fixture
def marked_plan(marked_conversation):
    conversation, _consultant, _member = marked_conversation
    trajectory = conversation.trajectory
    plan = PlanFactory(trajectory=trajectory)
    goal = GoalFactory(plan=plan, in_own_words=MARK, why_it_matters=MARK)
    SubGoal.objects.create(goal=goal, text=MARK)
    offer = Offer.objects.create(name=MARK, kind="traject", provider=MARK, description=MARK)
    option = OptionFactory(
        plan=plan,
        offer=offer,
        title=MARK,
        expected_of_resident=MARK,
        expected_of_us=MARK,
        time=MARK,
        travel=MARK,
    )
    DecisionFactory(plan=plan, option=option, in_own_words=MARK, evaluation_on=date(2026, 3, 2))
    for owner in ("inwoner", "consulent", "aanbieder"):
        ActionFactory(plan=plan, owner=owner, provider=MARK, what=MARK, due_on=date(2026, 2, 2))
    return plan_document(plan_sheet(trajectory))


def test_the_doel_actieplan_is_in_plain_dutch(marked_plan):
    assert_plain("\n".join(pdf_lines(render_pdf(marked_plan.template_name, marked_plan.context))))


def test_who_read_the_file_is_in_plain_dutch(client_for, marked_conversation, team):
    conversation, consultant, _member = marked_conversation
    resident = conversation.trajectory.resident
    lead = UserFactory(first_name=MARK, last_name=MARK, role="teamleider", team=team)
    client_for(lead).get(f"/inwoners/{resident.pk}/")
    client_for(lead).get(f"/trajecten/{conversation.trajectory.pk}/doel-actieplan.pdf")
    pdf = client_for(consultant).get(f"/inwoners/{resident.pk}/ingezien.pdf").content
    assert_plain("\n".join(pdf_lines(pdf)))
