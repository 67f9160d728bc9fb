"""``{% url %}`` keeps each address it worked out (``portal/templatetags/addresses.py``): the
same text as Django's ``reverse`` for every language, URL configuration and kind of
argument, and never an address of another language or configuration."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from portal.templatetags.addresses import AddressNode, _address


def rendered(source, **context):
    return Template(source).render(Context(context))


def test_every_url_tag_is_the_kept_one():
    template = Template("{% url 'home' %}")
    assert isinstance(template.nodelist[0], AddressNode)


def test_the_address_is_reverse_s_in_each_language():
    _address.cache_clear()
    for language in ("lv", "en", "lv"):
        with translation.override(language):
            assert rendered("{% url 'home' %}") == reverse("home")
            assert rendered(
                "{% url 'communities:community-detail' slug %}", slug="kopiena-1"
            ) == reverse("communities:community-detail", args=["kopiena-1"])
            assert rendered(
                "{% url 'communities:community-detail' slug=slug %}", slug="kopiena-2"
            ) == reverse("communities:community-detail", kwargs={"slug": "kopiena-2"})
    with translation.override("en"):
        english = rendered("{% url 'home' %}")
    with translation.override("lv"):
        assert rendered("{% url 'home' %}") != english
    assert _address.cache_info().hits > 0


@pytest.mark.urls("tests.portal.urls_elsewhere")
def test_another_url_configuration_gets_its_own_addresses():
    with translation.override("lv"):
        assert rendered("{% url 'home' %}") == "/elsewhere/"


def test_arguments_that_are_not_plain_are_reversed_each_time():
    class Slug:
        def __init__(self, text):
            self.text = text

        def __str__(self):
            return self.text

    slug = Slug("pirmais")
    with translation.override("lv"):
        first = rendered("{% url 'communities:community-detail' slug %}", slug=slug)
        slug.text = "otrais"  # the same object, another address
        second = rendered("{% url 'communities:community-detail' slug %}", slug=slug)
    assert first.endswith("/pirmais/") and second.endswith("/otrais/")


def test_as_variable_and_a_missing_name_behave_as_django_s():
    with translation.override("lv"):
        assert rendered("{% url 'no-such-page' as link %}[{{ link }}]") == "[]"
        with pytest.raises(NoReverseMatch):
            rendered("{% url 'no-such-page' %}")
        assert rendered("{% url 'home' as link %}<{{ link }}>") == f"<{reverse('home')}>"


def test_a_changed_setting_forgets_the_kept_addresses():
    with translation.override("lv"):
        rendered("{% url 'home' %}")
        assert _address.cache_info().currsize
        with override_settings(ROOT_URLCONF="tests.portal.urls_elsewhere"):
            assert _address.cache_info().currsize == 0
            assert rendered("{% url 'home' %}") == "/elsewhere/"
        assert rendered("{% url 'home' %}") == reverse("home")
