"""The demo's residents and their network, from fixtures/demo/caseload.json.

A resident is found by name, so one a team lead handed over stays with their
new consultant when the demo runs again; one that is there already is changed
through services.update_resident only where the fixture says otherwise. A new
one is not registered here: cases.demo.casework registers them through
services.register_resident, a few days before their first trajectory started.
"""

from calendar import isleap
from datetime import date, timedelta

from cases import services
from cases.forms import NetworkMemberForm, ResidentForm
from cases.models import NetworkMember, Resident, User

from .data import load

# What the fixture says of a resident and a network member beyond their names: what their
# forms change. Instead of a date of birth it has an age and the days to the birthday.
DETAILS = [
    f for f in ResidentForm.Meta.fields if f not in ("first_name", "last_name", "date_of_birth")
]
MEMBER_DETAILS = [f for f in NetworkMemberForm.Meta.fields if f != "name"]

Newcomer = tuple[Resident, list[NetworkMember]]  # not saved yet


def birth_date(today: date, *, age: int, days_to_birthday: int) -> date:
    """The birth date of someone who is `age` today and has a birthday in that many days."""
    birthday = today + timedelta(days=days_to_birthday)
    year = birthday.year - age - (1 if days_to_birthday else 0)
    if (birthday.month, birthday.day) == (2, 29) and not isleap(year):
        return date(year, 2, 28)
    return birthday.replace(year=year)


def caseload(users: dict[str, User], today: date) -> list[Newcomer]:
    """Bring the residents that are there up to date; the new ones, to be registered."""
    newcomers = []
    for entry in load("caseload")["residents"]:
        details = {name: entry[name] for name in DETAILS}
        details["date_of_birth"] = birth_date(
            today, age=entry["age"], days_to_birthday=entry["birthday_in_days"]
        )
        members = [
            NetworkMember(name=m["name"], **{k: m[k] for k in MEMBER_DETAILS})
            for m in entry["network"]
        ]
        names = {"first_name": entry["first_name"], "last_name": entry["last_name"]}
        resident = Resident.objects.filter(**names).first()
        if resident is None:
            consultant = users[entry["consultant"]]
            newcomers.append((Resident(**names, **details, consultant=consultant), members))
        else:
            bring_up_to_date(resident, details, members)
    return newcomers


def bring_up_to_date(resident: Resident, details: dict, members: list[NetworkMember]) -> None:
    """Change what the fixture says otherwise, as a consultant would: nothing, mostly."""
    changed = {k: v for k, v in details.items() if getattr(resident, k) != v}
    stored = {m.name: m for m in resident.network.all()}
    network = []
    for member in members:
        known = stored.get(member.name)
        if known is None:
            network.append(member)
        elif any(getattr(known, k) != getattr(member, k) for k in MEMBER_DETAILS):
            for k in MEMBER_DETAILS:
                setattr(known, k, getattr(member, k))
            network.append(known)
    if changed or network:
        for name, value in changed.items():
            setattr(resident, name, value)
        services.update_resident(resident=resident, seen=resident.version, network=network)
