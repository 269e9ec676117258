"""Registering, finding and changing residents."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from cases import services
from cases.models import NetworkMember, Resident
from cases.versions import StaleEdit

from .factories import ResidentFactory
from .queries import ACCESS_LOG

pytestmark = pytest.mark.django_db

EMPTY_NETWORK = {
    "netwerk-TOTAL_FORMS": "2",
    "netwerk-INITIAL_FORMS": "0",
    "netwerk-MIN_NUM_FORMS": "0",
    "netwerk-MAX_NUM_FORMS": "1000",
}


def registration(**changes):
    data = {
        "first_name": "Emma",
        "infix": "",
        "last_name": "Jansen",
        "date_of_birth": "2004-02-11",
        "phone": "06-12345678",
        "email": "emma@example.org",
        "street_address": "Steenstraat 12",
        "postcode": "6828ca",
        "city": "Arnhem",
        "preferred_channel": "whatsapp",
        "language": "Nederlands",
        "notes": "Wil graag het huis uit.",
        **EMPTY_NETWORK,
        "netwerk-0-name": "Kees Jansen",
        "netwerk-0-role": "mantelzorger",
        "netwerk-0-relation": "vader",
        "netwerk-0-phone": "06-87654321",
        "netwerk-0-joins_conversations": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_it_registers_a_resident_with_a_network_member(client_for, alice):
    response = client_for(alice).post("/inwoners/nieuw/", registration(), follow=True)
    emma = Resident.objects.get(last_name="Jansen")
    assert response.redirect_chain[-1][0] == f"/inwoners/{emma.pk}/"
    assert emma.consultant == alice
    assert emma.postcode == "6828 CA"
    page = response.content.decode()
    assert "Emma Jansen is ingeschreven." in page
    assert "Kees Jansen" in page
    assert "komt mee naar gesprekken" in page
    member = NetworkMember.objects.get(resident=emma)
    assert (member.role, member.relation, member.joins_conversations) == (
        "mantelzorger",
        "vader",
        True,
    )


def test_it_ignores_the_empty_network_blocks(client_for, alice):
    client_for(alice).post("/inwoners/nieuw/", registration(**{"netwerk-0-name": ""}))
    # The block had other fields filled: the name is then required.
    assert not Resident.objects.exists()
    client_for(alice).post(
        "/inwoners/nieuw/",
        registration(
            **{f"netwerk-0-{f}": None for f in ("name", "role", "relation", "phone")},
            **{"netwerk-0-joins_conversations": None},
        ),
    )
    emma = Resident.objects.get()
    assert not emma.network.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "Vul de voornaam in."),
        ({"last_name": "  "}, "last_name", "Vul de achternaam in."),
        ({"date_of_birth": ""}, "date_of_birth", "Vul de geboortedatum in."),
        ({"date_of_birth": "31-02-1990"}, "date_of_birth", "Vul een geldige datum in"),
        ({"email": "emma@"}, "email", "Dit is geen e-mailadres."),
        ({"postcode": "68281"}, "postcode", "Een postcode is vier cijfers en twee letters"),
        ({"phone": "0612"}, "phone", "minstens tien cijfers"),
        (
            {"preferred_channel": "email", "email": ""},
            "email",
            "de inwoner wil afspraken per e-mail ontvangen",
        ),
        (
            {"preferred_channel": "whatsapp", "phone": ""},
            "phone",
            "de inwoner wil afspraken via WhatsApp",
        ),
        (
            {"preferred_channel": "post", "street_address": ""},
            "street_address",
            "de inwoner wil afspraken per post ontvangen",
        ),
        ({"netwerk-0-name": ""}, None, "Vul de naam in."),
        ({"netwerk-0-email": "geen-adres"}, None, "Dit is geen e-mailadres."),
    ],
)
def test_it_refuses_bad_input_with_a_dutch_message_and_keeps_the_rest(
    client_for, alice, changes, field, message
):
    response = client_for(alice).post("/inwoners/nieuw/", registration(**changes))
    assert response.status_code == 400
    assert not Resident.objects.exists()
    page = response.content.decode()
    assert message in page
    if field:
        assert message in " ".join(response.context["form"].errors[field])
    # What was typed elsewhere is still there.
    assert 'value="Wil graag het huis uit."' in page or "Wil graag het huis uit." in page
    assert "Kees Jansen" in page or changes.get("netwerk-0-name") == ""
    assert "Controleer wat je hebt ingevuld" in page


def test_it_refuses_a_date_of_birth_in_the_future(client_for, alice):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(alice).post(
        "/inwoners/nieuw/", registration(date_of_birth=tomorrow.isoformat())
    )
    assert "De geboortedatum ligt in de toekomst." in response.content.decode()
    assert 'value="Emma"' in response.content.decode()
    assert not Resident.objects.exists()


def test_it_accepts_a_dutch_date(client_for, alice):
    client_for(alice).post("/inwoners/nieuw/", registration(date_of_birth="11-02-2004"))
    assert Resident.objects.get().date_of_birth.isoformat() == "2004-02-11"


def test_it_shows_the_resident_with_age_contact_and_network(client_for, alice, resident):
    page = client_for(alice).get(f"/inwoners/{resident.pk}/").content.decode()
    assert "Johan de Wit" in page
    assert "14 maart 1988" in page
    assert f"{resident.age} jaar" in page
    assert "06-12345678" in page
    assert "Maria de Wit" in page
    assert "Mantelzorger · moeder" in page


def test_it_finds_residents_by_name(client_for, alice, resident):
    ResidentFactory(consultant=alice, first_name="Emma", last_name="Jansen")
    client = client_for(alice)
    page = client.get("/inwoners/", {"q": "de wit"}).content.decode()
    assert "Johan de Wit" in page
    assert "Emma Jansen" not in page
    page = client.get("/inwoners/", {"q": "xyz"}).content.decode()
    assert "Geen inwoner gevonden met “xyz”." in page


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("ozturk", "Gülsüm Öztürk"),
        ("OZTÜRK", "Gülsüm Öztürk"),
        ("danielle", "Daniëlle Aarts"),
        ("yilmaz", "Mehmet Yılmaz"),
        ("gulsum ozt", "Gülsüm Öztürk"),
        ("26-12-1992", "Hodan Abdi"),
        ("26-12-92", "Hodan Abdi"),
        ("1992-12-26", "Hodan Abdi"),
        ("06 1234 5678", "Hodan Abdi"),
        ("+31612345678", "Hodan Abdi"),
        ("0612345678", "Hodan Abdi"),
        ("6811ab", "Daniëlle Aarts"),
        ("6811 AB", "Daniëlle Aarts"),
        ("6811", "Daniëlle Aarts"),
    ],
)
def test_search_ignores_accents_and_finds_by_birth_phone_and_postcode(
    client_for, alice, typed, found
):
    people = {
        "Gülsüm Öztürk": {"first_name": "Gülsüm", "last_name": "Öztürk"},
        "Daniëlle Aarts": {"first_name": "Daniëlle", "last_name": "Aarts", "postcode": "6811 AB"},
        "Mehmet Yılmaz": {"first_name": "Mehmet", "last_name": "Yılmaz"},
        "Hodan Abdi": {
            "first_name": "Hodan",
            "last_name": "Abdi",
            "date_of_birth": date(1992, 12, 26),
            "phone": "06-12345678",
        },
    }
    for fields in people.values():
        ResidentFactory(consultant=alice, **fields)
    page = client_for(alice).get("/inwoners/", {"q": typed}).content.decode()
    results = page[page.index('id="resultaten"') :]
    assert found in results
    for other in set(people) - {found}:
        assert other not in results


def test_the_database_folds_accents_as_python_does(resident):
    from cases.search import FOLD_FROM, FOLD_TWO, Fold, fold

    typed = "Gülsüm Öztürk, Daniëlle, Yılmaz, ÆRØ, Straße, İstanbul, Þór " + FOLD_FROM
    typed += "".join(letter for letter, _two in FOLD_TWO)
    Resident.objects.filter(pk=resident.pk).update(notes=typed)
    folded = Resident.objects.annotate(folded=Fold("notes")).get(pk=resident.pk).folded
    assert folded == fold(typed)
    assert folded.startswith("gulsum ozturk, danielle, yilmaz, aero, strasse, istanbul, thor ")
    assert folded.isascii()


def test_the_same_name_and_birth_asks_whether_the_resident_exists(client_for, alice, bob):
    hodan = ResidentFactory(
        consultant=alice, first_name="Hodan", last_name="Abdi", date_of_birth=date(1992, 12, 26)
    )
    ResidentFactory(consultant=bob, first_name="Emma", last_name="Jansen", phone="06-12345678")
    client = client_for(alice)
    again = registration(first_name="HODAN", last_name="Abdi", date_of_birth="26-12-1992")
    response = client.post("/inwoners/nieuw/", again)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bestaat deze inwoner al?" in page
    assert f'href="/inwoners/{hodan.pk}/"' in page
    assert "geboren 26 december 1992" in page
    assert 'value="Steenstraat 12"' in page  # nothing typed is lost
    assert "Emma Jansen" not in page  # bob's resident with the same phone is not named
    assert Resident.objects.count() == 2
    response = client.post("/inwoners/nieuw/", {**again, "toch": "1"}, follow=True)
    assert "HODAN Abdi is ingeschreven." in response.content.decode()
    assert Resident.objects.filter(last_name="Abdi").count() == 2


@pytest.mark.parametrize(
    "same", [{"email": "EMMA@example.org"}, {"phone": "+31 6 1234 5678"}], ids=["e-mail", "phone"]
)
def test_the_same_e_mail_or_phone_asks_too(client_for, alice, same):
    ResidentFactory(
        consultant=alice,
        first_name="Emma",
        last_name="de Boer",
        email="emma@example.org",
        phone="06-12345678",
    )
    response = client_for(alice).post(
        "/inwoners/nieuw/", registration(first_name="Anna", **same, preferred_channel="persoonlijk")
    )
    assert "Bestaat deze inwoner al?" in response.content.decode()
    assert "Emma de Boer" in response.content.decode()


def test_someone_else_registers_without_a_question(client_for, alice):
    ResidentFactory(
        consultant=alice, first_name="Emma", last_name="Jansen", date_of_birth=date(1990, 1, 1)
    )
    response = client_for(alice).post("/inwoners/nieuw/", registration(phone="06-11112222"))
    assert response.status_code == 302
    assert Resident.objects.count() == 2


def test_the_search_answers_htmx_with_only_the_results(client_for, alice, resident):
    response = client_for(alice).get("/inwoners/", {"q": "johan"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="resultaten"')
    assert "Johan de Wit" in page
    assert "<html" not in page


def test_it_saves_changes_to_a_resident(client_for, alice, resident):
    member = resident.network.get()
    data = registration(
        first_name="Johan",
        last_name="Wit",
        infix="de",
        version=str(resident.version),
        **{
            "netwerk-INITIAL_FORMS": "1",
            "netwerk-0-id": str(member.pk),
            "netwerk-0-name": "Maria de Wit",
            "netwerk-0-relation": "moeder",
            "netwerk-1-name": "Ahmed Benali",
            "netwerk-1-role": "begeleider",
        },
    )
    response = client_for(alice).post(f"/inwoners/{resident.pk}/bewerken/", data, follow=True)
    assert "De gegevens zijn opgeslagen." in response.content.decode()
    resident.refresh_from_db()
    assert resident.phone == "06-12345678"
    assert resident.version == 2
    assert sorted(resident.network.values_list("name", flat=True)) == [
        "Ahmed Benali",
        "Maria de Wit",
    ]


def test_it_removes_a_network_member_on_request(client_for, alice, resident):
    member = resident.network.get()
    data = registration(
        version=str(resident.version),
        **{
            "netwerk-INITIAL_FORMS": "1",
            "netwerk-0-id": str(member.pk),
            "netwerk-0-name": member.name,
            "netwerk-0-DELETE": "on",
        },
    )
    client_for(alice).post(f"/inwoners/{resident.pk}/bewerken/", data)
    assert not resident.network.exists()


def johans_details(**changes):
    """The edit form's data for Johan, leaving his network as it is."""
    data = registration(first_name="Johan", infix="de", last_name="Wit", **changes)
    return {key: value for key, value in data.items() if not key.startswith("netwerk-0-")}


def test_a_late_save_does_not_overwrite_an_earlier_one(client_for, alice, resident):
    client = client_for(alice)
    url = f"/inwoners/{resident.pk}/bewerken/"
    opened = str(resident.version)
    # Someone else saves first.
    client.post(url, johans_details(version=opened, phone="06-11111111"))
    # The late one, based on the same version.
    response = client.post(
        url, johans_details(version=opened, phone="06-22222222", notes="Mijn aantekening")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste." in page
    assert "Zo staat het nu opgeslagen" in page
    assert "06-11111111" in page  # what is stored, to compare
    assert 'value="06-22222222"' in page  # what the late one typed, kept
    assert "Mijn aantekening" in page
    resident.refresh_from_db()
    assert resident.phone == "06-11111111"
    # Saving again, now deliberately, goes through.
    client.post(url, johans_details(version=str(resident.version), phone="06-22222222"))
    resident.refresh_from_db()
    assert resident.phone == "06-22222222"


@pytest.mark.parametrize("size", [3, 30])
def test_the_caseload_runs_a_fixed_number_of_queries(
    client_for, alice, size, django_assert_num_queries
):
    ResidentFactory.create_batch(size, consultant=alice)
    client = client_for(alice)
    # session, user with team, how many residents, a page of them with their consultant
    with django_assert_num_queries(5 + ACCESS_LOG):
        response = client.get("/inwoners/")
    assert response.status_code == 200
    assert len(response.context["residents"]) == size


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Jan\x00", "Hier staat een teken in dat niet getypt kan worden."),
        ("j" * 101, "Zoek met hooguit 100 tekens."),
    ],
)
def test_a_refused_search_says_why_and_keeps_what_was_typed(client_for, alice, typed, message):
    ResidentFactory(consultant=alice, first_name="Jan", last_name="Jansen")
    response = client_for(alice).get("/inwoners/", {"q": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "j" * 101 in page or "Jan" in page  # the search box still holds it
    assert "Jan Jansen" in page  # the caseload, unfiltered


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": "Em\x1bma"}, "Hier staat een teken in dat niet getypt kan worden."),
        ({"last_name": "Jan\x00sen"}, "Hier staat een teken in dat niet getypt kan worden."),
        ({"notes": "x" * 2001}, "Dit is te lang: schrijf het korter op, in hooguit 2000 tekens."),
        (
            {"first_name": "E" * 101},
            "Dit is te lang: schrijf het korter op, in hooguit 100 tekens.",
        ),
    ],
)
def test_untypable_characters_and_texts_over_their_limit_are_refused_at_the_field(
    client_for, alice, changes, message
):
    response = client_for(alice).post("/inwoners/nieuw/", registration(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Resident.objects.exists()


def test_registering_and_changing_are_dated_by_the_clock(alice):
    """The services take plain data and `at`, so a command registers a resident the way
    the form does, on the day it happened."""
    registered = timezone.now().replace(microsecond=0) - timedelta(days=30)
    resident = services.register_resident(
        resident=Resident(first_name="Emma", last_name="Jansen", date_of_birth=date(2004, 2, 11)),
        network=[NetworkMember(name="Kees Jansen", role="mantelzorger", relation="vader")],
        consultant=alice,
        at=registered,
    )
    resident.refresh_from_db()
    assert (resident.consultant, resident.created_at, resident.updated_at) == (
        alice,
        registered,
        registered,
    )
    kees = resident.network.get()
    assert kees.relation == "vader"
    changed = registered + timedelta(days=2)
    resident.city = "Velp"
    services.update_resident(
        resident=resident,
        seen=1,
        network=[NetworkMember(name="Ria Jansen", role="familie")],
        removed=[kees],
        at=changed,
    )
    resident.refresh_from_db()
    assert (resident.city, resident.version) == ("Velp", 2)
    assert (resident.created_at, resident.updated_at) == (registered, changed)
    assert list(resident.network.values_list("name", flat=True)) == ["Ria Jansen"]


def test_a_change_based_on_an_older_version_is_refused_by_the_service(alice, resident):
    resident.city = "Velp"
    with pytest.raises(StaleEdit):
        services.update_resident(resident=resident, seen=resident.version - 1)
    resident.refresh_from_db()
    assert resident.city == "Arnhem"


def edit_with_network(resident, members, *, delete=0, **changes):
    """What the browser sends for Johan's edit form with every member of his network on it,
    the first `delete` of them ticked "verwijderen"."""
    data = johans_details(version=str(resident.version), **changes)
    data.update(
        {"netwerk-TOTAL_FORMS": str(len(members)), "netwerk-INITIAL_FORMS": str(len(members))}
    )
    for number, member in enumerate(members):
        prefix = f"netwerk-{number}-"
        data.update(
            {
                prefix + "id": str(member.pk),
                prefix + "resident": str(resident.pk),
                prefix + "name": member.name,
                prefix + "role": member.role,
                prefix + "relation": member.relation,
                prefix + "phone": member.phone,
                prefix + "email": member.email,
            }
        )
        if number < delete:
            data[prefix + "DELETE"] = "on"
    return data


def test_a_network_grown_past_its_limit_can_still_be_saved_smaller(client_for, alice, resident):
    """150 members make a form of over a thousand fields: it is answered with the limit and
    the way out, never a bare 400, and once members are removed the change is saved."""
    NetworkMember.objects.bulk_create(
        NetworkMember(resident=resident, name=f"Buur {n}", role="anders") for n in range(149)
    )
    members = list(resident.network.all())
    assert len(members) == 150
    client = client_for(alice)
    url = f"/inwoners/{resident.pk}/bewerken/"

    response = client.post(url, edit_with_network(resident, members, phone="06-33333333"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Een netwerk telt hier ten hoogste 50 mensen" in page
    assert 'value="06-33333333"' in page  # what was typed stays in the form
    resident.refresh_from_db()
    assert resident.network.count() == 150

    response = client.post(
        url, edit_with_network(resident, members, delete=100, phone="06-33333333")
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.phone == "06-33333333"
    assert resident.network.count() == 50


def test_a_registration_with_more_than_fifty_in_the_network_is_refused(client_for, alice):
    members = {"netwerk-TOTAL_FORMS": "51"}
    for number in range(51):
        members[f"netwerk-{number}-name"] = f"Buur {number}"
        members[f"netwerk-{number}-role"] = "anders"
    response = client_for(alice).post("/inwoners/nieuw/", registration(**members))
    assert response.status_code == 400
    assert "Een netwerk telt hier ten hoogste 50 mensen" in response.content.decode()
    assert not Resident.objects.filter(last_name="Jansen").exists()


def test_a_request_with_too_many_fields_gets_a_dutch_page(client_for, alice, resident):
    data = {f"veld{number}": "x" for number in range(3000)}
    response = client_for(alice).post(f"/inwoners/{resident.pk}/bewerken/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er ging iets mis met wat je verstuurde" in page
    assert "Bad Request" not in page


# Text anyone may type: a name is written as text, never as markup.
HOSTILE = "<script>alert(1)</script> \"quoted\" 'single' & more"


def test_names_full_of_html_show_as_text_in_the_caseload(client_for, alice, lead):
    ResidentFactory(
        consultant=alice,
        first_name=HOSTILE,
        last_name="Test",
        needs_interpreter=True,
        language=HOSTILE,
        new_to_consultant=True,
    )
    for user in (alice, lead):  # the lead's list of the whole team has the consultant too
        page = client_for(user).get("/inwoners/").content.decode()
        rows = page[page.index("<tbody>") : page.index("</tbody>")]
        assert "<script>alert(1)" not in rows
        assert f">{escape(HOSTILE)} Test</a>" in rows
        assert f'<span class="tag">tolk: {escape(HOSTILE)}</span>' in rows
