"""An id no row can have matches nothing, also in an ``in`` list (issue 25, item 9): a
tampered choice of a form is a message beside the field, never an ``OverflowError``."""

import pytest
from django import forms

from communities.models import Membership
from portal.forms import posted_pk
from portal.models import Territory

pytestmark = pytest.mark.django_db

HUGE = 99999999999999999999  # more than 64 bits


def test_a_multiple_choice_with_an_id_out_of_range_is_a_message():
    field = forms.ModelMultipleChoiceField(queryset=Territory.objects.all())
    with pytest.raises(forms.ValidationError):
        field.clean([str(HUGE)])


def test_in_lookups_drop_ids_out_of_range():
    territory = Territory.objects.first()
    assert list(Territory.objects.filter(pk__in=[str(HUGE), -HUGE])) == []
    assert list(Territory.objects.filter(pk__in=[territory.pk, HUGE])) == [territory]
    assert list(Membership.objects.filter(community__in=[HUGE])) == []
    assert list(Membership.objects.filter(community_id__in=[HUGE])) == []


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("abc", None),
        ("-1", None),
        ("1e3", None),
        ("", None),
        (None, None),
        (str(HUGE), None),
        ("١٢", None),
    ],
)
def test_posted_pk(sent, read):
    assert posted_pk(sent) == read
