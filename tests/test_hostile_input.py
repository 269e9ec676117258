"""Hostile and hurried input never makes a server error: every form of every case page,
posted with values no one should type, and every page asked with odd query values.

The forms are read from the pages themselves (each <form method="post">, its fields with
the values the page gives them, and its submit buttons), so a new form on a page of the
permission matrix is covered without a new test.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from .test_access import MATRIX

pytestmark = pytest.mark.django_db

HOSTILE = {
    "nul": "Jan\x00Jansen",
    "megabyte": "x" * 1_000_000,
    "just too long": "x" * 301,
    "control": "regel\x07\x1b[31m\x0brood\x7f",
    "right-to-left": "\u202egnippilf\u202c \u2066isolate\u2069 \ufeff",
    "wrong type": "[object Object]",
    "empty": "",
}
# Query parameters the pages read.
QUERY = ["q", "sorteer", "ronde", "toon", "aantal", "consulent", "soort", "deel", "van", "tot"]
# Fields the page sets and a person never types: the form's own bookkeeping.
BOOKKEEPING = ("csrfmiddlewaretoken",)


class Forms(HTMLParser):
    """The post forms of a page: action, fields (name: value the page gives, and whether a
    person types it or chooses it), and the submit buttons' name and value."""

    def __init__(self, path):
        super().__init__()
        self.path, self.forms, self.form, self.textarea, self.select = path, [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            action = attrs.get("action") or attrs.get("hx-post") or self.path
            self.form = {"action": action, "typed": {}, "chosen": {}, "buttons": []}
            self.forms.append(self.form)
        elif self.form is None or name in BOOKKEEPING:
            return
        elif tag == "button" and name:
            self.form["buttons"].append((name, attrs.get("value", "")))
        elif tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs or name not in self.form["chosen"]:
                    self.form["chosen"][name] = attrs.get("value", "on")
            elif kind == "submit":
                self.form["buttons"].append((name, attrs.get("value", "")))
            elif kind == "hidden":  # set by the page, like a choice
                self.form["chosen"][name] = attrs.get("value", "")
            else:
                self.form["typed"][name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.form["typed"][name] = ""
        elif tag == "select" and name:
            self.select = name
        elif (
            tag == "option"
            and self.select
            and ("selected" in attrs or self.select not in self.form["chosen"])
        ):
            self.form["chosen"][self.select] = attrs.get("value", "")

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form["typed"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def pages(case):
    """Every page of the matrix its owner may read."""
    return [
        path.format(**case)
        for method, path, expected in MATRIX.values()
        if method == "get" and expected.get("alice") == 200
    ]


def submissions(client, case):
    """Each post form of the owner's pages once, with each of its submit buttons."""
    seen = set()
    for path in pages(case):
        page = client.get(path)
        if not page["Content-Type"].startswith("text/html"):
            continue  # a PDF or a calendar file has no forms
        parser = Forms(path)
        parser.feed(page.content.decode())
        for form in parser.forms:
            if form["action"] == reverse("accounts:logout"):
                continue  # logging out would end the test's session
            for button in form["buttons"] or [None]:
                key = (form["action"].split("?")[0], *sorted(form["typed"]), button)
                if key not in seen:
                    seen.add(key)
                    yield form, dict([button]) if button else {}


@pytest.mark.parametrize("value", HOSTILE, ids=list(HOSTILE))
def test_no_page_fails_on_odd_query_values(client_for, alice, lead, case, value):
    failed = []
    for user in (alice, lead):
        client = client_for(user)
        client.raise_request_exception = False  # a server error is counted, not raised
        for path in pages(case):
            response = client.get(path, {name: HOSTILE[value] for name in QUERY})
            if response.status_code >= 500:
                failed.append((user.username, path))
    assert failed == []


@pytest.mark.parametrize("value", HOSTILE, ids=list(HOSTILE))
def test_no_form_fails_on_hostile_values(client_for, alice, case, value):
    """Every typed field hostile at once, the choices as the page gives them; then every
    choice hostile, with the typed fields as given."""
    client = client_for(alice)
    client.raise_request_exception = False
    failed = []
    for form, button in submissions(client, case):
        typed = {name: HOSTILE[value] for name in form["typed"]}
        chosen = {name: HOSTILE[value] for name in form["chosen"]}
        for data in ({**form["chosen"], **typed}, {**form["typed"], **chosen}):
            response = client.post(form["action"], {**data, **button})
            if response.status_code >= 500:
                failed.append((form["action"], sorted(data), button))
    assert failed == []
