"""The demo's text: JSON files in fixtures/demo/, each read once.

caseload.json holds the residents, training_cases.json and training_plans.json
the three training cases written by hand; scenarios.json says where everyone
else stands, and conversations.json, situation.json and plans.json hold the
sentences their case work is made of. Each file explains itself in "_uitleg".
"""

import json
from functools import cache

from django.conf import settings

DATA = settings.BASE_DIR / "fixtures" / "demo"


@cache
def load(name: str) -> dict:
    """fixtures/demo/<name>.json. The same dict every time: read it, do not change it."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def by_step(texts: dict):
    """A JSON object keyed by step ("1" to "7") as a dict keyed by the step's number."""
    return {int(step): value for step, value in texts.items()}


def scored(items: list[dict]) -> dict[str, int]:
    """What the resident said, with the number they gave, in the file's order."""
    return {item["text"]: item["score"] for item in items}
