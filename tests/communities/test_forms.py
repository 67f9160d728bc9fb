"""The registration form: what a draft needs, what submitting needs, and the register number."""

import pytest
from django.utils import translation

from communities.forms.community import DecisionForm
from communities.models import Community
from tests.communities.forms import community_form
from tests.portal.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

REQUIRED_FOR_SUBMISSION = {
    "neighbourhoods",
    "description",
    "contact_name",
    "contact_email",
    "declared_residents",
    "founding_motives",
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def complete(neighbourhood):
    """Everything a submitted registration needs."""
    return {
        "name": "Katlakalna kopiena",
        "legal_form": Community.LegalForm.INFORMAL,
        "neighbourhoods": [neighbourhood.pk],
        "description": "Rīkojam talkas un apkaimes svētkus.",
        "founding_motives": ["events", "festivals"],
        "contact_name": "Līga Ozola",
        "contact_email": "liga@example.lv",
        "contact_phone": "+371 20000000",
        "declared_residents": "45",
        "residents_evidence": "Parakstu saraksts",
    }


def test_a_draft_needs_only_a_name():
    form = community_form({"name": "Jauna kopiena"})

    assert form.is_valid(), form.errors
    community = form.save()
    assert (community.name, community.legal_form) == ("Jauna kopiena", "informal")


def test_a_draft_without_a_name_is_refused():
    form = community_form({"name": "", "legal_form": "informal"})

    assert not form.is_valid()
    assert set(form.errors) == {"name"}


def test_a_complete_registration_can_be_submitted(complete):
    form = community_form(complete, submitting=True)

    assert form.is_valid(), form.errors


def test_submitting_asks_for_everything_staff_need():
    form = community_form({"name": "Jauna kopiena", "legal_form": "informal"}, submitting=True)

    assert not form.is_valid()
    assert set(form.errors) == REQUIRED_FOR_SUBMISSION
    assert form.errors["neighbourhoods"] == ["Choose at least one neighbourhood."]
    assert form.errors["founding_motives"] == ["Choose at least one reason, or describe another."]


@pytest.mark.parametrize("field", sorted(REQUIRED_FOR_SUBMISSION - {"founding_motives"}))
def test_each_required_field_is_required_on_its_own(complete, field):
    data = {**complete, field: [] if field == "neighbourhoods" else ""}

    form = community_form(data, submitting=True)

    assert not form.is_valid()
    assert set(form.errors) == {field}
    assert community_form(data).is_valid()  # a draft may still lack it


def test_another_reason_stands_in_for_the_listed_motives(complete):
    data = {**complete, "founding_motives": [], "founding_motive_other": "Kopīgs dārzs"}

    assert community_form(data, submitting=True).is_valid()


def test_only_neighbourhoods_can_be_chosen(complete):
    parish = NeighbourhoodFactory().parent
    data = {**complete, "neighbourhoods": [parish.pk]}

    form = community_form(data, submitting=True)

    assert not form.is_valid()
    assert set(form.errors) == {"neighbourhoods"}


@pytest.mark.parametrize("submitting", [False, True])
@pytest.mark.parametrize("number", ["4000812345", "400081234567", "4000812345a", "40008 12345"])
def test_register_number_must_have_exactly_11_digits(complete, submitting, number):
    data = {
        **complete,
        "legal_form": "association",
        "registered_on": "2019-03-12",
        "register_number": number,
    }

    form = community_form(data, submitting=submitting)

    assert not form.is_valid()
    assert set(form.errors) == {"register_number"}


def test_ten_digits_get_the_message_beside_the_field(complete):
    data = {
        **complete,
        "legal_form": "association",
        "registered_on": "2019-03-12",
        "register_number": "4000812345",
    }

    form = community_form(data)

    assert not form.is_valid()
    assert form.errors["register_number"] == [
        "A register number has exactly 11 digits, for example 40008123456."
    ]


def test_an_association_with_its_number_is_accepted(complete):
    data = {
        **complete,
        "legal_form": "association",
        "registered_on": "2019-03-12",
        "register_number": "40008123456",
    }

    form = community_form(data, submitting=True)

    assert form.is_valid(), form.errors
    assert form.save().register_number == "40008123456"


def test_an_association_without_a_number_may_be_saved_as_a_draft(complete):
    data = {
        **complete,
        "legal_form": "association",
        "registered_on": "2019-03-12",
        "register_number": "",
    }

    assert community_form(data).is_valid()


def test_an_association_without_a_number_cannot_be_submitted(complete):
    data = {
        **complete,
        "legal_form": "association",
        "registered_on": "2019-03-12",
        "register_number": "",
    }

    form = community_form(data, submitting=True)

    assert not form.is_valid()
    assert form.errors["register_number"] == [
        "A registered association must give its 11-digit register number."
    ]
    assert set(form.errors) == {"register_number"}


def test_an_informal_group_keeps_no_register_number(complete):
    data = {**complete, "legal_form": "informal", "register_number": "40008123456"}

    form = community_form(data, submitting=True)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["register_number"] == ""
    community = form.save(commit=False)
    assert community.register_number == ""


def test_an_informal_group_ignores_a_leftover_malformed_number(complete):
    """Someone typed part of a number, then chose "informal group": nothing to correct."""
    data = {**complete, "legal_form": "informal", "register_number": "40008"}

    form = community_form(data, submitting=True)

    assert form.is_valid(), form.errors
    assert form.save(commit=False).register_number == ""


def test_an_unknown_legal_form_is_refused(complete):
    form = community_form({**complete, "legal_form": "company"})

    assert not form.is_valid()
    assert set(form.errors) == {"legal_form"}


def test_returning_needs_a_reason_and_verifying_does_not():
    assert DecisionForm({"decision": "verify", "reason": ""}).is_valid()

    form = DecisionForm({"decision": "return", "reason": "  "})

    assert not form.is_valid()
    assert form.errors["reason"] == ["Explain what the community has to correct."]


def test_an_association_without_its_date_of_registration_cannot_be_submitted(complete):
    data = {**complete, "legal_form": "association", "register_number": "40008123456"}

    form = community_form(data, submitting=True)

    assert set(form.errors) == {"registered_on"}
    assert "the date the Register of Enterprises registered it" in form.errors["registered_on"][0]


def test_a_date_of_registration_in_the_future_is_refused(complete):
    data = {
        **complete,
        "legal_form": "association",
        "register_number": "40008123456",
        "registered_on": "2999-01-01",
    }

    form = community_form(data, submitting=True)

    assert set(form.errors) == {"registered_on"}


def test_an_informal_group_keeps_no_date_of_registration(complete):
    data = {**complete, "registered_on": "2019-03-12"}

    form = community_form(data, submitting=True)

    assert form.is_valid(), form.errors
    assert form.save().registered_on is None
