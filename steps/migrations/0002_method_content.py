"""Load the method content of gemeente Arnhem and TNO from fixtures/method.json.

Reads only the keys this migration knows, through the historical models, so
that later changes to the models or the fixture do not break a fresh install.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "method.json"


def load_method(apps, schema_editor):
    Tool = apps.get_model("steps", "Tool")
    Step = apps.get_model("steps", "Step")
    ChecklistItem = apps.get_model("steps", "ChecklistItem")
    Prompt = apps.get_model("steps", "Prompt")
    if Step.objects.exists():
        return
    content = json.loads(FIXTURE.read_text(encoding="utf-8"))
    tools = {
        t["name"]: Tool.objects.create(name=t["name"], description=t["description"])
        for t in content["tools"]
    }
    for s in content["steps"]:
        step = Step.objects.create(
            number=s["number"],
            title=s["title"],
            summary=s["summary"],
            description=s["description"],
            existing_moments=s["existing_moments"],
        )
        step.tools.set([tools[name] for name in s["tools"]])
        ChecklistItem.objects.bulk_create(
            ChecklistItem(step=step, phase=item["phase"], text=item["text"], position=i)
            for i, item in enumerate(s["checklist"], start=1)
        )
        Prompt.objects.bulk_create(
            Prompt(step=step, text=text, position=i)
            for i, text in enumerate(s["prompts"], start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("steps", "0001_method")]

    operations = [migrations.RunPython(load_method, migrations.RunPython.noop)]
