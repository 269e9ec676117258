"""Step 2: the personal situation per life domain, willen and kunnen, and ons beeld."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.models import LifeDomain, PersonalSituation, SituationChange

from .queries import ACCESS_LOG

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def page_url(trajectory):
    return f"/trajecten/{trajectory.pk}/situatie/"


def domain_url(trajectory, domain):
    return f"/trajecten/{trajectory.pk}/situatie/{domain}/"


def fill_domain(client, trajectory, domain="werk", version=0, headers=None, **fields):
    data = {f"{domain}-version": str(version)}
    data |= {f"{domain}-{name}": value for name, value in fields.items()}
    return client.post(domain_url(trajectory, domain), data, headers=headers)


def fill_picture(client, trajectory, version=0, **fields):
    """Save the picture from the step's page (one form: only this part filled in)."""
    data = {"beeld-version": str(version), "naar": "ons-beeld"}
    data |= {f"beeld-{name}": value for name, value in fields.items()}
    return client.post(page_url(trajectory), data)


def fill_page(client, trajectory, parts: dict, versions=None, naar=""):
    """The step's page as the browser posts it: every part, `parts` filled in."""
    versions = versions or {}
    data = {"naar": naar}
    for prefix in [*LifeDomain.Domain.values, "beeld"]:
        data[f"{prefix}-version"] = str(versions.get(prefix, 0))
        for name, value in parts.get(prefix, {}).items():
            data[f"{prefix}-{name}"] = value
    return client.post(page_url(trajectory), data)


WORK = {
    "situation": "Werkt al negentien jaar in de houtwerkplaats; die gaat over drie maanden dicht.",
    "wish": "Weer werk met hout, met een vaste dagindeling.",
    "limits": "Veranderingen maken hem onrustig.",
    "helps": "Een vaste baas die hem begrijpt; zijn moeder.",
    "phase": "verkennen",
}


def test_a_life_domain_is_saved_with_who_and_when(client_for, alice, trajectory):
    client = client_for(alice)
    response = fill_domain(client, trajectory, **WORK)
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(trajectory)}#gebied-werk"
    work = LifeDomain.objects.get(trajectory=trajectory, domain="werk")
    assert (work.wish, work.phase, work.updated_by, work.version) == (
        WORK["wish"],
        "verkennen",
        alice,
        1,
    )
    page = client.get(page_url(trajectory)).content.decode()
    assert "Werk is opgeslagen." in page
    assert "Bijgewerkt op" in page
    assert "door Alice Aarts" in page
    assert WORK["limits"] in page


def test_the_dossier_shows_the_domains_at_a_glance(client_for, alice, trajectory):
    client = client_for(alice)
    fill_domain(client, trajectory, **WORK)
    fill_picture(
        client,
        trajectory,
        picture="Johan wil blijven werken met hout en heeft daarbij vastigheid nodig.",
        recognised="ja",
        reaction="Ja, dat ben ik.",
    )
    page = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    overview = page[page.index('id="situatie-titel"') : page.index('id="open-titel"')]
    assert 'class="phase phase--verkennen">Verkennen</span>' in overview
    assert "Weer werk met hout, met een vaste dagindeling." in overview
    assert overview.count("nog niet besproken") == 6  # the other domains
    assert "Johan wil blijven werken met hout" in overview
    assert "herkend: ja" in overview
    assert "“Ja, dat ben ik.”" in overview


def test_every_change_is_on_the_timeline_with_its_old_and_new_phase(client_for, alice, trajectory):
    client = client_for(alice)
    fill_domain(client, trajectory, **WORK)
    fill_domain(client, trajectory, version=1, **(WORK | {"phase": "kiezen"}))
    changes = list(SituationChange.objects.values_list("subject", "changes"))
    assert changes[0] == ("werk", {"phase": ["verkennen", "kiezen"]})
    assert changes[1][1]["wish"] == ["", WORK["wish"]]
    timeline = client.get(f"/inwoners/{trajectory.resident.pk}/", {"toon": "beeld"})
    page = timeline.content.decode()
    assert page.count("Levensgebied werk bijgewerkt door Alice Aarts") == 2
    assert "Fase: Verkennen → Kiezen" in page
    assert "Wat de inwoner wil: “Weer werk met hout, met een vaste dagindeling.”" in page


def test_saving_without_a_change_writes_nothing(client_for, alice, trajectory):
    client = client_for(alice)
    fill_domain(client, trajectory, **WORK)
    response = fill_domain(client, trajectory, version=1, **WORK)
    assert response.status_code == 302
    assert SituationChange.objects.count() == 1
    assert LifeDomain.objects.get().version == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Vul minstens één ding in"),
        ({"wish": "x" * 2001}, "Dit is te lang: schrijf het korter op, in hooguit 2000 tekens."),
        ({"phase": "vliegen"}, "Selecteer een geldige keuze."),
    ],
)
def test_it_refuses_bad_input_at_the_field_and_keeps_what_was_typed(
    client_for, alice, trajectory, fields, message
):
    typed = {"situation": "Woont bij zijn ouders."} if fields else {}
    response = fill_domain(client_for(alice), trajectory, **typed, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Controleer wat je hebt ingevuld" in page
    if typed:
        assert "Woont bij zijn ouders." in page
    assert not LifeDomain.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"recognised": "ja", "wanting": "Aan het werk"},
            "picture",
            "Schrijf eerst ons beeld op",
        ),
        (
            {"picture": "Een harde werker", "reaction": "Klopt niet helemaal"},
            "recognised",
            "Kies of de inwoner zich herkent in het beeld.",
        ),
        (
            {"picture": "Een harde werker", "recognised": "nee"},
            "reaction",
            "Schrijf op wat de inwoner zei",
        ),
    ],
)
def test_the_picture_is_checked_with_the_resident_in_their_own_words(
    client_for, alice, trajectory, fields, field, message
):
    response = fill_picture(client_for(alice), trajectory, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    error = page[page.index(f'id="id_beeld-{field}_error"') :]
    assert message in error[: error.index("</p>")]
    for typed in fields.values():
        if len(typed) > 3:
            assert typed in page
    assert not PersonalSituation.objects.exists()


def test_willen_kunnen_and_the_picture_are_saved_and_dated(client_for, alice, trajectory):
    client = client_for(alice)
    response = fill_picture(
        client,
        trajectory,
        wanting="Wil graag blijven werken, liefst met hout.",
        able="Kan goed ordenen en opruimen; nieuwe situaties zijn zwaar.",
        picture="Een trouwe werker die vastigheid nodig heeft.",
        recognised="deels",
        reaction="Ik ben niet zwaar, ik moet gewoon wennen.",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(trajectory)}#ons-beeld"
    saved = PersonalSituation.objects.get(trajectory=trajectory)
    assert (saved.recognised, saved.updated_by) == ("deels", alice)
    page = client.get(page_url(trajectory)).content.decode()
    assert "Ik ben niet zwaar, ik moet gewoon wennen." in page
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert "Willen, kunnen en ons beeld bijgewerkt" not in dossier  # asked for, below
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/", {"toon": "beeld"}).content.decode()
    assert "Willen, kunnen en ons beeld bijgewerkt door Alice Aarts" in dossier
    assert "Herkent zich erin: — → Gedeeltelijk" in dossier


def test_the_page_saves_every_part_typed_in_one_go(client_for, alice, trajectory):
    client = client_for(alice)
    response = fill_page(
        client,
        trajectory,
        {
            "financien": {"situation": "Schulden bij de energieleverancier."},
            "leren": {"wish": "Een cursus Nederlands."},
            "beeld": {"wanting": "Aan de slag."},
        },
        naar="gebied-leren",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(trajectory)}#gebied-leren"
    saved = dict(LifeDomain.objects.values_list("domain", "situation"))
    assert saved == {"financien": "Schulden bij de energieleverancier.", "leren": ""}
    assert LifeDomain.objects.get(domain="leren").wish == "Een cursus Nederlands."
    assert PersonalSituation.objects.get().wanting == "Aan de slag."
    page = client.get(page_url(trajectory)).content.decode()
    assert "Opgeslagen: Leren en opleiding, Financiën, willen, kunnen en ons beeld." in page
    # The others stay as they were, unsaved and empty: nothing recorded for them.
    assert set(SituationChange.objects.values_list("subject", flat=True)) == {
        "financien",
        "leren",
        SituationChange.PICTURE,
    }


def test_a_refused_part_saves_nothing_and_keeps_everything_typed(client_for, alice, trajectory):
    response = fill_page(
        client_for(alice),
        trajectory,
        {
            "financien": {"situation": "Schulden bij de energieleverancier."},
            "leren": {"phase": "vliegen"},
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Selecteer een geldige keuze." in page
    assert "Schulden bij de energieleverancier." in page
    assert not LifeDomain.objects.exists()


def test_a_late_part_keeps_the_whole_page_as_typed(client_for, alice, trajectory):
    client = client_for(alice)
    fill_domain(client, trajectory, **WORK)
    fill_domain(client, trajectory, version=1, **(WORK | {"wish": "Een baan in een magazijn."}))
    response = fill_page(
        client,
        trajectory,
        {
            "werk": WORK | {"wish": "Iets met dieren."},
            "wonen": {"wish": "Een eigen kamer."},
        },
        versions={"werk": 1},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Zo staat het nu opgeslagen" in page
    assert "Een baan in een magazijn." in page
    assert "Iets met dieren." in page and "Een eigen kamer." in page
    assert not LifeDomain.objects.filter(domain="wonen").exists()  # all or none


def test_a_post_without_a_part_leaves_that_part_alone(client_for, alice, trajectory):
    client = client_for(alice)
    fill_domain(client, trajectory, **WORK)
    fill_picture(client, trajectory, wanting="Aan de slag.")
    assert LifeDomain.objects.get().wish == WORK["wish"]


def test_a_late_save_does_not_overwrite_an_earlier_one(client_for, alice, trajectory):
    client = client_for(alice)
    fill_domain(client, trajectory, **WORK)
    # Two tabs opened at version 1: the first saves, then the second.
    fill_domain(client, trajectory, version=1, **(WORK | {"wish": "Een baan in een magazijn."}))
    response = fill_domain(
        client, trajectory, version=1, **(WORK | {"wish": "Iets met dieren, zegt hij nu."})
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste." in page
    assert "Zo staat het nu opgeslagen" in page
    assert "Een baan in een magazijn." in page  # what is stored, to compare
    assert "Iets met dieren, zegt hij nu." in page  # what the late one typed, kept
    assert 'name="werk-version" value="2"' in page  # saving again is deliberate
    assert LifeDomain.objects.get().wish == "Een baan in een magazijn."
    assert SituationChange.objects.count() == 2


def test_two_people_filling_in_a_new_domain_do_not_overwrite_each_other(
    client_for, alice, trajectory
):
    client = client_for(alice)
    fill_domain(client, trajectory, wish="Eerst ingevuld.")
    response = fill_domain(client, trajectory, wish="Later ingevuld, op hetzelfde moment geopend.")
    assert "Iemand anders heeft dit opgeslagen" in response.content.decode()
    assert LifeDomain.objects.get().wish == "Eerst ingevuld."


def test_a_colleague_creating_it_at_the_same_moment_loses_nothing(alice, trajectory):
    """The check on version 0 and the write cannot be split by a colleague's save: the
    unique row per domain refuses the second one."""
    from cases.forms import LifeDomainForm

    part = LifeDomain(trajectory=trajectory, domain="werk")
    form = LifeDomainForm(
        {"werk-version": "0", "werk-wish": "Tweede"}, instance=part, prefix="werk"
    )
    assert form.is_valid()
    LifeDomain.objects.create(trajectory=trajectory, domain="werk", wish="Eerste", updated_by=alice)
    with pytest.raises(services.StaleEdit) as stale:
        services.save_situation(part=part, values=form.values(), seen=form.seen_version, by=alice)
    assert stale.value.current.wish == "Eerste"


def test_htmx_edits_a_row_of_the_dossier_in_place(client_for, alice, trajectory):
    client = client_for(alice)
    form = client.get(domain_url(trajectory, "wonen"), headers=HTMX).content.decode()
    assert form.lstrip().startswith('<tr id="gebied-wonen" class="domains__editing">')
    assert "<html" not in form
    assert "<legend>Wonen</legend>" in form
    assert 'name="wonen-version" value="0"' in form
    assert "autofocus" in form
    response = fill_domain(
        client, trajectory, "wonen", headers=HTMX, wish="Een eigen plek", phase="kiezen"
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert row.lstrip().startswith('<tr id="gebied-wonen">')
    assert "Een eigen plek" in row
    assert ">Kiezen</span>" in row
    assert "opgeslagen" in row
    cancelled = client.get(domain_url(trajectory, "wonen"), {"weergave": "rij"}, headers=HTMX)
    assert "Een eigen plek" in cancelled.content.decode()
    assert "<textarea" not in cancelled.content.decode()


def test_htmx_gets_the_form_back_with_its_errors_in_the_row(client_for, alice, trajectory):
    response = fill_domain(client_for(alice), trajectory, "wonen", headers=HTMX, phase="vliegen")
    assert response.status_code == 400  # the base template's htmx config swaps it in
    row = response.content.decode()
    assert row.lstrip().startswith('<tr id="gebied-wonen" class="domains__editing">')
    assert "Selecteer een geldige keuze." in row
    assert not LifeDomain.objects.exists()


def test_without_javascript_the_dossier_links_to_the_domains_form(client_for, alice, trajectory):
    client = client_for(alice)
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert f'href="{page_url(trajectory)}#gebied-wonen"' in dossier
    response = client.get(domain_url(trajectory, "wonen"))
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(trajectory)}#gebied-wonen"
    page = client.get(page_url(trajectory)).content.decode()
    assert 'id="gebied-wonen"' in page
    assert f'action="{page_url(trajectory)}"' in page  # the whole page is one form


def test_the_step_two_page_links_to_the_situation(client_for, alice, trajectory):
    page = client_for(alice).get(f"/trajecten/{trajectory.pk}/stap/2/").content.decode()
    assert f'href="{page_url(trajectory)}"' in page


def test_an_unknown_domain_is_not_found(client_for, alice, trajectory):
    assert client_for(alice).get(domain_url(trajectory, "sport")).status_code == 404


def test_the_team_lead_reads_but_does_not_change(client_for, alice, lead, trajectory):
    fill_domain(client_for(alice), trajectory, **WORK)
    client = client_for(lead)
    page = client.get(page_url(trajectory)).content.decode()
    assert WORK["helps"] in page
    assert "<textarea" not in page
    dossier = client.get(f"/inwoners/{trajectory.resident.pk}/").content.decode()
    assert "Weer werk met hout" in dossier
    assert "aanpassen</span>" not in dossier
    row = client.get(domain_url(trajectory, "werk"), headers=HTMX).content.decode()
    assert "<textarea" not in row
    assert fill_domain(client, trajectory, version=1, wish="Anders").status_code == 403
    assert fill_picture(client, trajectory, picture="Anders").status_code == 403
    assert LifeDomain.objects.get().wish == WORK["wish"]


def test_a_closed_trajectory_is_read_only(client_for, alice, trajectory):
    client = client_for(alice)
    fill_domain(client, trajectory, **WORK)
    services.set_trajectory_status(trajectory=trajectory, status="afgesloten", outcome="werk")
    assert "<textarea" not in client.get(page_url(trajectory)).content.decode()
    assert fill_domain(client, trajectory, version=1, wish="Anders").status_code == 403


@pytest.mark.parametrize("changes", [1, 12])
def test_the_page_runs_a_fixed_number_of_queries(
    client_for, alice, trajectory, changes, django_assert_num_queries
):
    client = client_for(alice)
    for i in range(changes):
        domain = LifeDomain.Domain.values[i % 7]
        version = LifeDomain.objects.filter(domain=domain).values_list("version", flat=True)
        fill_domain(client, trajectory, domain, version=next(iter(version), 0), wish=f"Wens {i}")
    # session, user, trajectory, its life domains with who updated them, the picture
    with django_assert_num_queries(6 + ACCESS_LOG):
        response = client.get(page_url(trajectory))
    assert response.status_code == 200


def test_the_rows_in_place_run_a_fixed_number_of_queries(
    client_for, alice, trajectory, django_assert_num_queries
):
    client = client_for(alice)
    fill_domain(client, trajectory, "wonen", wish="Een eigen plek")
    # session, user, trajectory, the domain
    with django_assert_num_queries(5 + ACCESS_LOG):
        response = client.get(domain_url(trajectory, "wonen"), headers=HTMX)
    assert response.status_code == 200
    # and to save: the same four, then within a savepoint (two statements) claim
    # the version, save and record the change
    with django_assert_num_queries(10 + ACCESS_LOG):
        response = fill_domain(
            client, trajectory, "wonen", version=1, headers=HTMX, wish="Een huis"
        )
    assert response.status_code == 200


def test_a_part_saved_by_a_command_is_dated_by_its_clock(client_for, alice, trajectory):
    """save_situation takes the stored part and plain values, and stamps `at`."""
    at = timezone.now().replace(microsecond=0) - timedelta(days=9)
    work = services.save_situation(
        part=LifeDomain(trajectory=trajectory, domain="werk"),
        values={"wish": WORK["wish"], "phase": "verkennen"},
        seen=0,
        by=alice,
        at=at,
    )
    assert (work.version, work.updated_at, work.updated_by) == (1, at, alice)
    later = at + timedelta(days=3)
    services.save_situation(
        part=work, values={"wish": WORK["wish"], "phase": "kiezen"}, seen=1, by=alice, at=later
    )
    work.refresh_from_db()
    assert (work.phase, work.version, work.updated_at) == ("kiezen", 2, later)
    assert list(SituationChange.objects.values_list("changes", "changed_at")) == [
        ({"phase": ["verkennen", "kiezen"]}, later),
        ({"wish": ["", WORK["wish"]], "phase": ["", "verkennen"]}, at),
    ]
    unchanged = services.save_situation(
        part=work, values={"phase": "kiezen"}, seen=2, by=alice, at=later
    )
    assert unchanged.version == 2
    assert SituationChange.objects.count() == 2
    page = (
        client_for(alice)
        .get(f"/inwoners/{trajectory.resident.pk}/", {"toon": "beeld"})
        .content.decode()
    )
    entry = page[: page.index("Levensgebied werk bijgewerkt door Alice Aarts")]
    assert f'datetime="{timezone.localtime(later).isoformat()}"' in entry[-300:]
