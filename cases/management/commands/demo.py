"""Build the demo caseload: a team, its people, residents with their network, and their case work.

Idempotent: a second run updates the same rows and adds none. Dates are
relative to the day it runs, so the demo always looks like this week.
The case work (trajectories, conversations, agreements, ticks) is built by
cases.demo.casework, only for residents that have no trajectory yet; step 2's
personal situation only for trajectories that have no life domains yet.
"""

import calendar
import json
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cases import documents, services
from cases.demo.casework import build_casework, build_situations
from cases.models import (
    Conversation,
    HandedOverDocument,
    NetworkMember,
    Offer,
    Resident,
    Team,
    User,
)
from cases.pdf import render_pdf

FIXTURE = settings.BASE_DIR / "fixtures" / "demo_caseload.json"
OFFERS = settings.BASE_DIR / "fixtures" / "offers.json"
PASSWORD = "samen-beslissen-demo"  # noqa: S105 - a demo login, refused outside DEBUG
TEAM = "Werk en Participatie Arnhem-Noord"
PEOPLE = [
    ("ingrid", "Ingrid", "Bakker", User.Role.TEAM_LEAD),
    ("sanne", "Sanne", "de Jong", User.Role.CONSULTANT),
    ("mehmet", "Mehmet", "Yılmaz", User.Role.CONSULTANT),
    ("linda", "Linda", "Visser", User.Role.CONSULTANT),
    ("beheer", "Peter", "Smit", User.Role.BEHEERDER),
]
# The numbers residents call, on their afsprakenbriefje (fictional).
PHONES = {
    "ingrid": "026 123 45 60",
    "sanne": "026 123 45 61",
    "mehmet": "026 123 45 62",
    "linda": "026 123 45 63",
}


def birth_date(today: date, *, age: int, days_to_birthday: int) -> date:
    """The birth date of someone who is `age` today and has a birthday in that many days."""
    birthday = today + timedelta(days=days_to_birthday)
    year = birthday.year - age - (1 if days_to_birthday else 0)
    if (birthday.month, birthday.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return birthday.replace(year=year)


class Command(BaseCommand):
    help = "Maak de demo-caseload aan (of werk hem bij) en toon de logins."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "De demo maakt accounts met een bekend wachtwoord. "
                "Draai hem alleen op een ontwikkelmachine, met DEBUG=true."
            )
        with transaction.atomic():
            users = self.create_people()
            self.create_residents(users)
            self.create_offers()
            built = build_casework(users)
            situations = build_situations()
            self.hand_over_a_letter()
        if built:
            self.stdout.write(f"Trajecten en gesprekken aangemaakt voor {built} inwoners.")
        if situations:
            self.stdout.write(
                f"Persoonlijke situatie (stap 2) vastgelegd in {situations} trajecten."
            )
        self.print_logins()

    def create_people(self) -> dict[str, User]:
        team, _ = Team.objects.get_or_create(name=TEAM)
        users = {}
        for username, first_name, last_name, role in PEOPLE:
            user, created = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "role": role,
                    "team": None if role == User.Role.BEHEERDER else team,
                    "email": f"{username}@example.org",
                    "phone": PHONES.get(username, ""),
                },
            )
            if created:
                user.set_password(PASSWORD)
                user.save(update_fields=["password"])
            users[username] = user
        return users

    def hand_over_a_letter(self) -> None:
        """Johan took the afsprakenbriefje of his last conversation home, on paper."""
        conversation = (
            Conversation.objects.filter(
                trajectory__resident__first_name="Johan",
                trajectory__resident__last_name="Wit",
                status=Conversation.Status.HELD,
            )
            .select_related("trajectory__resident__consultant")
            .order_by("-held_at")
            .first()
        )
        if conversation is None or conversation.handed_over_documents.exists():
            return
        letter = documents.agreements_letter(conversation)
        stored = services.hand_over_document(
            document=letter,
            pdf=render_pdf(letter.template_name, letter.context),
            how=HandedOverDocument.How.PRINTED,
            by=conversation.trajectory.resident.consultant,
        )
        # Printed as the conversation ended, not when the demo ran.
        HandedOverDocument.objects.filter(pk=stored.pk).update(
            created_at=conversation.held_at + timedelta(minutes=50)
        )

    def create_offers(self) -> None:
        """A fictional aanbod: the trajecten and interventies a municipality offers."""
        offers = json.loads(OFFERS.read_text(encoding="utf-8"))["offers"]
        for offer in offers:
            Offer.objects.update_or_create(
                name=offer["name"], defaults={k: v for k, v in offer.items() if k != "name"}
            )

    def create_residents(self, users: dict[str, User]) -> None:
        today = timezone.localdate()
        for entry in json.loads(FIXTURE.read_text(encoding="utf-8"))["residents"]:
            born = birth_date(today, age=entry["age"], days_to_birthday=entry["birthday_in_days"])
            details = {
                "infix": entry["infix"],
                "date_of_birth": born,
                "phone": entry["phone"],
                "email": entry["email"],
                "street_address": entry["street_address"],
                "postcode": entry["postcode"],
                "city": entry["city"],
                "preferred_channel": entry["preferred_channel"],
                "language": entry["language"],
                "needs_interpreter": entry["needs_interpreter"],
                "notes": entry["notes"],
            }
            # Found by name, so a resident a team lead handed over stays with
            # their new consultant when the demo runs again.
            resident, _ = Resident.objects.update_or_create(
                first_name=entry["first_name"],
                last_name=entry["last_name"],
                defaults=details,
                create_defaults={**details, "consultant": users[entry["consultant"]]},
            )
            for member in entry["network"]:
                NetworkMember.objects.update_or_create(
                    resident=resident,
                    name=member["name"],
                    defaults={
                        key: member[key]
                        for key in ("role", "relation", "phone", "email", "joins_conversations")
                    },
                )

    def print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo klaar. Inloggen op /inloggen/ met:"))
        for username, first_name, last_name, role in PEOPLE:
            self.stdout.write(f"  {username:<8} {first_name} {last_name} ({role.label})")
        self.stdout.write(f"Wachtwoord voor iedereen: {PASSWORD}")
