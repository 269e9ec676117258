"""Step 2 of the demo: the personal situation per life domain, and ons beeld.

Built in its own pass, for every trajectory in or past step 2 that has no life
domains yet: a second run adds nothing, and a demo database made before step 2
existed gets them too. The three training cases are written by hand in
fixtures/demo/training_cases.json ("situation"); everyone else gets them from
their story and the sentences in fixtures/demo/situation.json. Each part is
saved through services.save_situation, dated when step 2 was worked on.
"""

import random
from datetime import datetime, timedelta

from django.db.models import Q

from cases import services
from cases.models import Conversation, LifeDomain, PersonalSituation, Trajectory

from .data import load
from .stories import SEED, Story

# Per life domain other than work a few profiles; for work, for the picture and the
# resident's reaction to it (by whether they recognised themself: ja, deels, nee)
# the sentences to say with the story's words.
TEXT = load("situation")


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def situation_fields(story: Story, trajectory: Trajectory, rng) -> tuple[dict, dict]:
    """Life domains and the picture for a generated resident."""
    work_phase = "kiezen" if trajectory.current_step <= 4 and trajectory.cycle == 1 else "verkennen"
    domains = {
        "werk": {
            "situation": story.say(rng.choice(TEXT["work_situations"])),
            "wish": first_upper(story.say("{doel}")) + ".",
            "limits": first_upper(story.say(rng.choice(TEXT["work_limits"]))),
            "helps": first_upper(story.say(rng.choice(TEXT["work_helps"]))),
            "phase": work_phase,
        }
    }
    for domain in rng.sample(sorted(TEXT["domains"]), rng.randint(2, 4)):
        profile = rng.choice(TEXT["domains"][domain])
        domains[domain] = {**profile, "wish": story.say(profile["wish"])}
    recognised = rng.choice(["ja", "ja", "ja", "deels", "nee"])
    picture = {
        "wanting": story.say(rng.choice(TEXT["wanting"])),
        "able": story.say(rng.choice(TEXT["able"])),
        "picture": story.say(rng.choice(TEXT["pictures"])),
        "recognised": recognised,
        "reaction": rng.choice(TEXT["reactions"][recognised]),
    }
    return domains, picture


def step_two_moment(trajectory: Trajectory) -> datetime | None:
    """When step 2 was worked on: just before the move to step 3, or in the last conversation."""
    moved_on = (
        trajectory.step_changes.filter(from_step=2, to_step=3, cycle=1)
        .order_by("changed_at")
        .first()
    )
    if moved_on:
        return moved_on.changed_at - timedelta(minutes=10)
    last = trajectory.conversations.filter(status=Conversation.Status.HELD).first()
    return last.held_at + timedelta(minutes=45) if last else None


def write_situation(trajectory: Trajectory, domains: dict, picture: dict | None, at) -> None:
    """Step 2 as the consultant filled it in: a domain a minute, then the picture."""
    by = trajectory.resident.consultant
    for n, (domain, values) in enumerate(domains.items()):
        part = LifeDomain(trajectory=trajectory, domain=domain)
        services.save_situation(
            part=part, values=values, seen=0, by=by, at=at + timedelta(minutes=n)
        )
    if picture:
        part = PersonalSituation(trajectory=trajectory)
        services.save_situation(
            part=part, values=picture, seen=0, by=by, at=at + timedelta(minutes=8)
        )


def build_situations() -> int:
    """Give each trajectory in or past step 2 without life domains its personal situation;
    returns how many got one.

    Past step 2 a trajectory has its domains and ons beeld; one in step 2 now
    has only a few domains so far. Where the work went on to step 5, the work
    domain's phase moved on to verkrijgen when it did.
    """
    training = {
        (e["first_name"], e["last_name"]): e["situation"] for e in load("training_cases")["cases"]
    }
    trajectories = (
        Trajectory.objects.filter(life_domains__isnull=True)
        .filter(Q(current_step__gte=2) | Q(cycle__gt=1) | Q(status=Trajectory.Status.CLOSED))
        .select_related("resident__consultant")
        .order_by("resident__last_name", "resident__first_name", "started_on")
    )
    built = 0
    for trajectory in trajectories:
        at = step_two_moment(trajectory)
        if at is None:
            continue
        resident = trajectory.resident
        rng = random.Random(f"{SEED}/stap-2/{resident.full_name}/{trajectory.status}")  # noqa: S311
        in_step_two = trajectory.current_step == 2 and trajectory.cycle == 1
        hand_written = training.get((resident.first_name, resident.last_name))
        if hand_written and trajectory.is_open:
            picture = {k: v for k, v in hand_written.items() if k != "domains"}
            write_situation(trajectory, hand_written["domains"], picture, at)
        else:
            story = Story(resident, resident.network.all(), rng)
            domains, picture = situation_fields(story, trajectory, rng)
            if in_step_two:
                domains, picture = dict(list(domains.items())[:3]), None
            write_situation(trajectory, domains, picture, at)
            to_five = trajectory.step_changes.filter(from_step=4, to_step=5, cycle=1).first()
            if to_five:
                work = LifeDomain.objects.get(trajectory=trajectory, domain="werk")
                services.save_situation(
                    part=work,
                    values={"phase": LifeDomain.Phase.GETTING},
                    seen=work.version,
                    by=resident.consultant,
                    at=to_five.changed_at,
                )
        built += 1
    return built
