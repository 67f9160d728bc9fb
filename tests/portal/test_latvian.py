"""Latvian a resident reads (issue 26, item 7): numbers with their nouns in the right form and
case at 0, 1, 2, 10, 11, 21 and 22; the municipality's name in the case the sentence needs;
months in the locative where a sentence says when; one translation per meaning of "from";
email footers in the dative; what the profile says about who sees your name."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from grants.guidelines import guideline_warnings
from portal.dates import date_when
from portal.models import Municipality
from portal.outbox.kinds import get_kind
from tests.consultations.factories import ConsultationFactory
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

NUMBERS = (0, 1, 2, 10, 11, 21, 22)
D = datetime.date


def table(numbers, words):
    return list(zip(numbers, words, strict=True))


def in_latvian(function, *args, **kwargs):
    with translation.override("lv"):
        return function(*args, **kwargs)


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "words"),
    table(
        NUMBERS,
        ["0 dienu", "1 diena", "2 dienas", "10 dienas", "11 dienas", "21 diena", "22 dienas"],
    ),
)
def test_a_short_submission_period_is_written_in_its_form(days, words):
    deadline = datetime.datetime(2027, 3, 1, 12, tzinfo=datetime.UTC)
    warnings = in_latvian(
        guideline_warnings,
        announced_on=deadline.date() - datetime.timedelta(days=days),
        deadline=deadline,
        seminar_on=deadline.date() - datetime.timedelta(days=15),
        implementation_starts=None,
        implementation_ends=None,
    )
    assert f"Iesniegšanas periods ir {words}." in " ".join(warnings)


@pytest.mark.parametrize(
    ("days", "words"),
    table(
        (0, 1, 2, 10, 11, 22, 31),
        ["0 dienu", "1 dienu", "2 dienas", "10 dienas", "11 dienas", "22 dienas", "31 dienu"],
    ),
)
def test_the_seminar_is_days_before_the_deadline_in_the_accusative(days, words):
    deadline = D(2027, 3, 1)
    warnings = in_latvian(
        guideline_warnings,
        announced_on=None,
        deadline=deadline,
        seminar_on=deadline - datetime.timedelta(days=days),
        implementation_starts=None,
        implementation_ends=None,
    )
    assert f"Pieteikumu seminārs ir {words} pirms termiņa." in " ".join(warnings)


@pytest.mark.parametrize(
    ("days", "words"),
    table(
        (1, 2, 10, 11, 21, 22, 31),
        ["(1 diena)", "(2 dienas)", "(10 dienas)", "(11 dienas)", "(21 diena)", "(22 dienas)"]
        + ["(31 diena)"],
    ),
)
def test_the_consultation_page_says_how_many_days_it_is_open(client, days, words):
    opens = D(2027, 1, 4)
    consultation = ConsultationFactory(
        opens_on=opens, closes_on=opens + datetime.timedelta(days=days - 1)
    )
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert words in page


@pytest.mark.parametrize(
    ("minimum", "words"),
    table(
        NUMBERS,
        ["vismaz 0 dienu", "vismaz 1 dienu", "vismaz 2 dienas", "vismaz 10 dienas"]
        + ["vismaz 11 dienas", "vismaz 21 dienu", "vismaz 22 dienas"],
    ),
)
def test_the_shortest_period_is_at_least_n_days_in_the_accusative(
    client, municipality, minimum, words
):
    Municipality.objects.filter(pk=municipality.pk).update(min_consultation_days=minimum)
    consultation = ConsultationFactory(short_period_reason="Steidzams jautājums.")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert f"Šāda veida apspriešanas notiek {words}." in page


@pytest.mark.parametrize(
    ("days", "words"),
    table(
        NUMBERS,
        ["pēc 0 dienām", "pēc 1 dienas", "pēc 2 dienām", "pēc 10 dienām", "pēc 11 dienām"]
        + ["pēc 21 dienas", "pēc 22 dienām"],
    ),
)
def test_an_agreement_ends_in_n_days(days, words):
    class Agreement:
        title = "Parka kopšana"

    subject = in_latvian(
        render_to_string,
        "communities/agreements/emails/agreement_ending_subject.txt",
        {"agreement": Agreement(), "days": days},
    )
    assert f"Līgums beidzas {words}: Parka kopšana" in subject


# Messages whose number is a setting (a limit, an age, a notice): the catalogue's forms.
FORMS = [
    (
        ("A story has at most %(n)s photo.", "A story has at most %(n)s photos."),
        "ne vairāk kā {n} {word}.",
        ["fotoattēlu", "fotoattēls", "fotoattēli"],
    ),
    (
        (
            "You have asked %(n)s question in the last 24 hours; ask again tomorrow.",
            "You have asked %(n)s questions in the last 24 hours; ask again tomorrow.",
        ),
        "esat uzdevis {n} {word};",
        ["jautājumu", "jautājumu", "jautājumus"],
    ),
    (
        (
            "Candidates must be at least %(age)s and live in the council's territory.",
            "Candidates must be at least %(age)s and live in the council's territory.",
        ),
        "vismaz {n} {word} veciem",
        ["gadu", "gadu", "gadus"],
    ),
    (
        (
            "The meeting is announced later than %(days)s working day before it (by "
            "%(date)s). Say why: the reason is shown with the meeting.",
            "The meeting is announced later than %(days)s working days before it (by "
            "%(date)s). Say why: the reason is shown with the meeting.",
        ),
        "vēlāk nekā {n} darba {word} pirms",
        ["dienu", "dienu", "dienas"],
    ),
]


def expected_word(n, zero, one, many):
    if n == 0:
        return zero
    return one if n % 10 == 1 and n % 100 != 11 else many


@pytest.mark.parametrize(("messages", "pattern", "words"), FORMS)
def test_each_number_takes_its_form(messages, pattern, words):
    for n in NUMBERS:
        values = {"n": n, "age": n, "days": n, "date": "05.01.2027."}
        text = in_latvian(ngettext, *messages, n) % values
        assert pattern.format(n=n, word=expected_word(n, *words)) in text, text


# --- the municipality's name in its cases --------------------------------------------------


@pytest.fixture
def kekava():
    return MunicipalityFactory(name="Ķekavas novads", slug="kekavas-novads", hosts=["kekava.test"])


def test_the_name_takes_the_case_the_sentence_needs(kekava):
    client = Client(HTTP_HOST="kekava.test")
    participation = client.get(reverse("participation")).content.decode()
    assert "Viss, kur Ķekavas novada iedzīvotāji" in participation
    open_data = client.get(reverse("practice:open-data")).content.decode()
    assert "Lejupielādējiet Ķekavas novada publiskos datus" in open_data
    with translation.override("lv"):
        assert (kekava.genitive, kekava.locative, kekava.dative) == (
            "Ķekavas novada",
            "Ķekavas novadā",
            "Ķekavas novadam",
        )
    english = client.get(reverse("participation").replace("/lv/", "/en/")).content.decode()
    assert "Everything open in Ķekavas novads where" in english


def test_staff_of_the_installation_keep_the_cases_in_the_admin(client, admin_user, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    riga = MunicipalityFactory(name="Rīga", slug="riga", hosts=["riga.test"])
    with translation.override("lv"):
        assert riga.genitive == "Rīga"  # nothing to work it out from
    client.force_login(admin_user)
    form = client.get(f"/lv/admin/portal/municipality/{riga.pk}/change/")
    assert "name_genitive" in form.content.decode()
    data = {
        key: value if value is not None else ""
        for key, value in form.context["adminform"].form.initial.items()
        if not isinstance(value, list | datetime.datetime)
    }
    data.update(
        name="Rīga",
        name_genitive="Rīgas",
        name_locative="Rīgā",
        name_dative="Rīgai",
        **{
            "hosts-TOTAL_FORMS": "1",
            "hosts-INITIAL_FORMS": "1",
            "hosts-0-id": riga.hosts.get().pk,
            "hosts-0-municipality": riga.pk,
            "hosts-0-name": "riga.test",
            "hosts-0-is_primary": "on",
        },
    )
    response = client.post(f"/lv/admin/portal/municipality/{riga.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = Client(HTTP_HOST="riga.test").get(reverse("participation")).content.decode()
    assert "Viss, kur Rīgas iedzīvotāji" in page


def test_the_demo_files_carry_the_cases(tmp_path):
    from front.demo import load_territories
    from portal.territory_files import load_municipality

    municipality, _ = load_municipality(load_territories(), hosts=["kekava.test"])
    assert (municipality.name_genitive, municipality.name_locative) == (
        "Ķekavas novada",
        "Ķekavas novadā",
    )


# --- dates ---------------------------------------------------------------------------------


def test_a_date_after_ends_on_takes_the_locative():
    assert in_latvian(date_when, D(2027, 1, 5)) == "2027. gada 5. janvārī"
    assert in_latvian(date_when, D(2026, 3, 18)) == "2026. gada 18. martā"
    with translation.override("en"):
        assert date_when(D(2027, 1, 5)) == "5 January 2027"

    class Agreement:
        title = "Parka kopšana"

        class community:
            name = "Upes kaimiņi"

    body = in_latvian(
        render_to_string,
        "communities/agreements/emails/agreement_ending.txt",
        {"agreement": Agreement(), "due": D(2027, 1, 5), "user": UserFactory.build()},
    )
    assert "beidzas 2027. gada 5. janvārī." in body


# --- one msgid per meaning -----------------------------------------------------------------


def test_the_amount_of_a_round_reads_from_and_up_to(client):
    from tests.grants.factories import RoundFactory

    round_ = RoundFactory(min_request=Decimal("500.00"), max_request=Decimal("3000.00"))
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "iepriekšējais statuss" not in page
    assert "no 500,00" in page and "līdz 3" in page


def test_a_status_change_still_reads_previous_status():
    from communities.models import CommunityStatusChange

    with translation.override("lv"):
        assert str(CommunityStatusChange._meta.get_field("from_status").verbose_name) == (
            "iepriekšējais statuss"
        )


# --- email footers and the profile ---------------------------------------------------------


def test_the_footer_says_to_whom_the_portal_sends_in_the_dative():
    footer = in_latvian(
        render_to_string,
        "portal/emails/unsubscribe_footer.txt",
        {"kind": get_kind("consultation-answer-given"), "url": "https://x.test/u/"},
    )
    assert "portāls sūta iesniedzējam." in footer


def test_the_profile_does_not_claim_only_leaders_see_your_name(client):
    client.force_login(UserFactory())
    page = client.get(reverse("profile")).content.decode()
    assert "Jūsu vārdu redz tikai pašvaldība" not in page
    assert "pie kandidatūras vēlēšanās" in page


def test_a_status_agrees_with_the_noun_it_describes():
    """One English word, a label per meaning: a round (kārta) is "slēgta", a problem report
    (ziņojums) "slēgts"; a consultation (apspriešana) "publicēta"; an application
    (pieteikums) "iesniegts"."""
    from communities.models import Membership
    from consultations.models import Consultation, ProblemReport
    from councils.models import Nomination
    from grants.models import Application, Round

    with translation.override("lv"):
        assert str(Round.Status.CLOSED.label) == "slēgta"
        assert str(ProblemReport.Status.CLOSED.label) == "slēgts"
        assert str(Consultation.Status.PUBLISHED.label) == "publicēta"
        assert str(Application.Status.SUBMITTED.label) == "iesniegts"
        assert str(Nomination.Status.DECLINED.label) == "izvirzītais atteicās"
        assert str(Membership.Status.DECLINED.label) == "pieteikums noraidīts"


def test_every_kind_names_its_audience_in_the_dative():
    """The audience is read after "sūta": a word of it is in the dative (-am, -ai, -iem, …)."""
    import re

    from portal.outbox.kinds import all_kinds

    dative = re.compile(r"\w+(am|em|iem|ām|ēm|ai|ei|im|īm|um)\b")
    with translation.override("lv"):
        nominative = [k.code for k in all_kinds() if not dative.search(str(k.audience))]
    assert not nominative


@pytest.mark.parametrize(
    ("age", "words"),
    [("0-7", "līdz 7 dienām"), ("8-30", "8–30 dienas"), ("91-", "vairāk nekā 90 dienas")],
)
def test_the_problem_queue_names_an_age_range_in_its_form(client, staff, settings, age, words):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    client.force_login(staff)
    page = client.get(reverse("problems:report-queue"), {"age": age}).content.decode()
    assert f"Tikai ziņojumi, kas gaida atbildi {words} kopš ziņošanas." in page
