"""The resident's documents pass the machine-checkable part of PDF/UA-1 (tests/pdfua.py):
tagged, titled, in Dutch, fonts embedded, headings and lists in reading order."""

from datetime import date

import pytest

from cases.models import SubjectAccessExport
from cases.rights.tasks import make_copy
from tests.pdfua import pdf_ua_problems

pytestmark = pytest.mark.django_db


def documents(client, case) -> dict[str, bytes]:
    pdfs = {
        "doel-actieplan": f"/trajecten/{case['trajectory']}/doel-actieplan.pdf",
        "afsprakenbriefje": f"/gesprekken/{case['conversation']}/afspraken.pdf",
        "ingezien": f"/inwoners/{case['resident']}/ingezien.pdf",
    }
    found = {}
    for name, path in pdfs.items():
        response = client.get(path)
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf"
        found[name] = response.content
    return found


def test_each_document_is_tagged_for_pdf_ua(client_for, alice, resident, case):
    made = documents(client_for(alice), case)
    export = SubjectAccessExport.objects.create(
        resident=resident, asked_on=date(2026, 2, 1), made_by=alice
    )
    make_copy.call(export.pk)
    export.refresh_from_db()
    made["inzage"] = bytes(export.pdf)
    problems = {name: pdf_ua_problems(pdf) for name, pdf in made.items()}
    assert problems == {name: [] for name in made}


def test_the_check_finds_an_untagged_pdf():
    """A PDF drawn without tags, as WeasyPrint draws by default, fails each point."""
    from weasyprint import HTML

    plain = HTML(string="<html><h2>Kop</h2><ul><li>Een</li></ul></html>").write_pdf()
    problems = pdf_ua_problems(plain)
    assert "not marked as tagged (/MarkInfo /Marked)" in problems
    assert any("language" in problem for problem in problems)
    assert "no structure tree" in problems


def test_the_check_finds_headings_out_of_order():
    """Tagged, but a heading drawn above the first one while it comes after it, and a
    level skipped."""
    from weasyprint import HTML

    html = """<html lang="nl"><title>Proef</title>
      <h1 style="margin-top: 40mm">Eerst</h1><p>Tekst.</p>
      <h3 style="position: absolute; top: 0">Daarna</h3></html>"""
    problems = pdf_ua_problems(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    assert "heading H3 follows H1: a level skipped" in problems
    assert any("comes after /H1" in problem and "above it" in problem for problem in problems)
