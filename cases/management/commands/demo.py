"""Build the demo caseload: a team, its people, residents with their network, and their case work.

Idempotent: a second run updates the same rows and adds none. Dates are
relative to the day it runs, so the demo always looks like this week.
The case work (trajectories, conversations, agreements, ticks) is built by
cases.demo.casework, only for residents that have no trajectory yet; step 2's
personal situation (cases.demo.situation) only for trajectories that have no
life domains yet. What they say comes from fixtures/demo/.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cases import documents, services
from cases.demo.access_log import build_access_log
from cases.demo.casework import build_casework
from cases.demo.day import build_the_day
from cases.demo.old_files import build_old_files
from cases.demo.residents import caseload
from cases.demo.situation import build_situations
from cases.models import (
    Conversation,
    HandedOverDocument,
    Offer,
    Team,
    User,
)
from cases.pdf import render_pdf

OFFERS = settings.BASE_DIR / "fixtures" / "offers.json"
PASSWORD = "samen-beslissen-demo"  # noqa: S105 - a demo login, refused outside DEBUG
TEAM = "Werk en Participatie Arnhem-Noord"
PEOPLE = [
    ("ingrid", "Ingrid", "Bakker", User.Role.TEAM_LEAD),
    ("sanne", "Sanne", "de Jong", User.Role.CONSULTANT),
    ("mehmet", "Mehmet", "Yılmaz", User.Role.CONSULTANT),
    ("linda", "Linda", "Visser", User.Role.CONSULTANT),
    ("beheer", "Peter", "Smit", User.Role.BEHEERDER),
    ("privacy", "Esther", "Mulder", User.Role.PRIVACY_OFFICER),
]
# The numbers residents call, on their afsprakenbriefje (fictional).
PHONES = {
    "ingrid": "026 123 45 60",
    "sanne": "026 123 45 61",
    "mehmet": "026 123 45 62",
    "linda": "026 123 45 63",
}


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
            newcomers = caseload(users, timezone.localdate())
            self.create_offers()
            built = build_casework(users, newcomers)
            # Before the situations: they give every closed trajectory its step 2 too.
            build_old_files(users)
            situations = build_situations()
            self.hand_over_a_letter()
            build_the_day(users, Team.objects.get(name=TEAM))
            build_access_log(users, timezone.localdate())
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
                    "team": team if role in (User.Role.CONSULTANT, User.Role.TEAM_LEAD) else None,
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
        services.hand_over_document(
            document=letter,
            pdf=render_pdf(letter.template_name, letter.context),
            how=HandedOverDocument.How.PRINTED,
            by=conversation.trajectory.resident.consultant,
            at=conversation.held_at + timedelta(minutes=50),  # printed as the conversation ended
        )

    def create_offers(self) -> None:
        """A fictional aanbod: the trajecten and interventies a municipality offers."""
        offers = json.loads(OFFERS.read_text(encoding="utf-8"))["offers"]
        for offer in offers:
            Offer.objects.update_or_create(
                name=offer["name"], defaults={k: v for k, v in offer.items() if k != "name"}
            )

    def print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo klaar. Inloggen op /inloggen/ met:"))
        for username, first_name, last_name, role in PEOPLE:
            self.stdout.write(f"  {username:<8} {first_name} {last_name} ({role.label})")
        self.stdout.write(f"Wachtwoord voor iedereen: {PASSWORD}")
