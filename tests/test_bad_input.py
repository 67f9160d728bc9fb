"""Bad input never answers 5xx (issue 25, item 9).

Every form of the page tour (tests/page_tour.py) is read from its page and sent back the way
no browser would: dates far out of range (9999-12-31, 0001-01-01), overlong strings, control
characters, tampered choices and object ids, wrong types, nothing at all. The role the page
is toured as sends each of these in turn, every field of the form filled with a sensible
value except the bad ones, so the bad value reaches the form's and the service's checks; the
other roles send everything bad at once, which finds views that read the input before they
check the permission. Each request runs in a savepoint that is rolled back, so every form
meets the same world. A 5xx (or an exception) anywhere fails the test, listing each.

The five cases the issue found first are also tested alone, each for its message beside the
field.
"""

import datetime
import functools
import io
import traceback
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.forms_in_pages import forms_of
from tests.page_tour import ROLES, build_world, tour

pytestmark = pytest.mark.django_db

FAR, EARLY = "9999-12-31", "0001-01-01"
HUGE = "99999999999999999999"  # above any 64-bit integer
CONTROL = "a\x00b\x07c\x1b[31m\u202ed\ufeff\r\ne\x7f"
OVERLONG = "Ā" + "garš teksts " * 1000
BAD_TEXT = CONTROL + OVERLONG
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DATE_KINDS = ("date", "datetime-local")
TEXT_KINDS = ("text", "textarea", "search", "email", "url", "tel", "password")
SKIP = {"csrfmiddlewaretoken"}


@functools.cache
def png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


class Upload(tuple):
    """A file to send: (name, content, content type), made anew for each request."""

    def make(self):
        return SimpleUploadedFile(*self)


def a_file(field):
    if "image" in field.attrs.get("accept", "") or "photo" in field.name:
        return Upload(("photo.png", png(), "image/png"))
    return Upload(("document.pdf", PDF, "application/pdf"))


def sensible(form):
    """``{name: value or [values]}``: the form as a careful person would fill it in."""
    data = {}
    today = timezone.localdate()
    dates = 0
    for field in form.fields:
        name, kind, value = field.name, field.kind, field.value
        if name in SKIP:
            continue
        if kind in ("checkbox", "radio"):
            chosen = data.setdefault(name, [])
            if field.checked and value:  # (the blank choice of a radio group is no answer)
                chosen.append(value)
            continue
        if kind in ("select", "select-multiple"):
            options = [v for v, _ in field.options if v]
            picked = [v for v, selected in field.options if selected and v]
            data[name] = picked or options[:1] or [""]
            continue
        if kind == "file":
            data[name] = a_file(field)
            continue
        if value.strip():
            data[name] = value
            continue
        if kind in DATE_KINDS:
            day = today + datetime.timedelta(days=30 + 10 * dates)
            dates += 1
            data[name] = day.isoformat() + ("T10:00" if kind == "datetime-local" else "")
        elif kind == "number":
            data[name] = (field.attrs.get("min") or "1") if field.required else ""
        elif kind == "email":
            data[name] = "parbaude@example.lv"
        elif kind == "url":
            data[name] = "https://example.lv/"
        elif kind == "tel":
            data[name] = "+371 20000000"
        elif kind == "hidden":
            data[name] = ""
        else:
            data[name] = "Pārbaude"
    # A group of boxes or buttons nobody ticked: the first one that means something ticked.
    first = {}
    for field in form.fields:
        if field.kind in ("checkbox", "radio") and field.value:
            first.setdefault(field.name, field.value)
    for name, chosen in list(data.items()):
        if isinstance(chosen, list) and not chosen and name in first:
            chosen.append(first[name])
    if form.buttons:
        data.setdefault(*form.buttons[0])
    return data


def kinds(form):
    return {field.name: field.kind for field in form.fields if field.name not in SKIP}


def _with(data, names, value):
    changed = dict(data)
    for name in names:
        changed[name] = value
    return changed


def variants(form):
    """``(label, data)``: one kind of bad input each, the rest sensible."""
    base = sensible(form)
    of_kind = kinds(form)
    by = {}
    for name, kind in of_kind.items():
        by.setdefault(kind, []).append(name)
    dates = [n for k in DATE_KINDS for n in by.get(k, [])]
    texts = [n for k in TEXT_KINDS for n in by.get(k, [])]
    single = [n for k in ("select", "radio") for n in by.get(k, [])]
    multiple = [n for k in ("select-multiple", "checkbox") for n in by.get(k, [])]
    hidden = [n for n in by.get("hidden", []) if not n.endswith("_FORMS")]
    numbers = by.get("number", [])
    found = [("sensible", base)]
    for name in dates:  # one at a time: the others stay in order around it
        time = "T23:59" if of_kind[name] == "datetime-local" else ""
        found.append((f"{name}={FAR}", _with(base, [name], FAR + time)))
    if dates:
        early = dict(base)
        for name in dates:
            early[name] = EARLY + ("T00:00" if of_kind[name] == "datetime-local" else "")
        found.append((f"every date {EARLY}", early))
    if texts:
        found.append(("overlong strings with control characters", _with(base, texts, BAD_TEXT)))
    buttons = [name for name, _value in form.buttons[:1]]  # a button's value is an id too
    if single or multiple or hidden or buttons:
        # Text where an id belongs; in a list of ids (ticked boxes), one no key can hold
        # (text in a list comes with the wrong types below).
        tampered = _with(base, single + hidden + buttons, "abc")
        found.append(("tampered choices and ids", _with(tampered, multiple, [HUGE])))
    if numbers:
        found.append(("numbers out of range", _with(base, numbers, HUGE)))
    wrong = dict(base)
    for name in numbers:
        wrong[name] = "NaN"
    for name in dates:
        wrong[name] = "2026-02-30"
    for name in of_kind:
        if of_kind[name] == "file":
            wrong[name] = "not a file"
        elif name not in numbers and name not in dates and of_kind[name] != "hidden":
            wrong[name] = ["1", "abc"]
    if of_kind:
        found.append(("wrong types", wrong))
    found.append(("nothing", dict(form.buttons[:1])))
    return found


def everything_bad(form):
    """All fields bad at once: what the roles the page is not for send."""
    data = {}
    for name, kind in kinds(form).items():
        if kind in DATE_KINDS:
            data[name] = FAR
        elif kind == "number":
            data[name] = HUGE
        elif kind in TEXT_KINDS:
            data[name] = CONTROL
        else:
            data[name] = "abc"
    data.update((name, "abc") for name, _value in form.buttons[:1])
    return data


def _fresh_files(data):
    """Uploaded files are read once per request: each request gets new ones."""
    return {
        key: value.make() if isinstance(value, Upload) else value for key, value in data.items()
    }


class Sender:
    """One client per role and host; each request inside a savepoint rolled back after."""

    def __init__(self, people):
        self.people = people
        self.clients = {}

    def client(self, role, host):
        client = self.clients.get((role, host))
        if client is None:
            client = Client(HTTP_HOST=host, raise_request_exception=False)
            if self.people[role] is not None:
                client.force_login(self.people[role])
            self.clients[role, host] = client
        return client

    def send(self, role, host, method, path, data):
        client = self.client(role, host)
        cookies = {key: morsel.value for key, morsel in client.cookies.items()}
        cache.clear()  # no rate limit counted from one request to the next
        try:
            with transaction.atomic():
                if method == "post":
                    response = client.post(path, _fresh_files(data))
                    # What was saved is shown next: the page the form leads to (the bad
                    # value may break that page rather than the form's).
                    if response.status_code == 302 and response["Location"].startswith("/lv/"):
                        followed = client.get(response["Location"])
                        if followed.status_code >= 500:
                            response = followed
                else:
                    response = client.get(path, {k: v for k, v in data.items() if k})
                transaction.set_rollback(True)
        finally:
            client.cookies = SimpleCookie()
            for key, value in cookies.items():
                client.cookies[key] = value
        return response


def _problem(role, label, method, path, response):
    where = f"{role} {method.upper()} {path} with {label}: {response.status_code}"
    if getattr(response, "exc_info", None):
        exc_type, exc, tb = response.exc_info
        frame = traceback.extract_tb(tb)[-1]
        where += f" {exc_type.__name__}: {exc} ({frame.filename}:{frame.lineno})"
    return where


def test_no_form_of_the_tour_answers_5xx():
    world = build_world()
    sender = Sender(world["people"])
    seen = set()
    problems = []
    for page in tour(world):
        response = sender.send(
            page.role, page.host, "post" if page.post else "get", page.path, page.post or {}
        )
        if response.status_code != 200:
            continue
        for form in forms_of(response.content.decode(), page.path):
            key = (page.host, form.method, form.action.split("?")[0], tuple(kinds(form)))
            if key in seen:
                continue
            seen.add(key)
            for label, data in variants(form):
                got = sender.send(page.role, page.host, form.method, form.action, data)
                if got.status_code >= 500:
                    problems.append(_problem(page.role, label, form.method, form.action, got))
            for role in ROLES:
                if role == page.role or form.method != "post":
                    continue
                got = sender.send(role, page.host, form.method, form.action, everything_bad(form))
                if got.status_code >= 500:
                    problems.append(_problem(role, "everything bad", form.method, form.action, got))
    assert len(seen) > 60, "the tour's pages lost their forms"
    assert not problems, f"{len(problems)} answers of 5xx:\n" + "\n".join(problems)


# The five cases the issue found, each alone: a message beside the field, nothing saved.

OUT_OF_RANGE = "Ievadiet datumu no 01.01.1900. līdz 31.12.2199."


def error_beside(response, field):
    """The messages shown beside ``field`` of the page's form."""
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    assert form[field].errors, form.errors
    assert f'id="{form[field].auto_id}_error"' in response.content.decode()
    return form[field].errors


def test_a_joint_opinion_dated_9999_12_31(client, community, leader):
    from communities.models import JointOpinion

    client.force_login(leader)
    response = client.post(
        f"/lv/communities/{community.slug}/opinions/add/",
        {"title": "Par parku", "sent_on": FAR, "addressee": "Dome", "summary": "Viedoklis."},
    )
    assert error_beside(response, "sent_on") == [OUT_OF_RANGE]
    assert not JointOpinion.objects.exists()
    assert client.get(community.get_absolute_url()).status_code == 200


def test_a_consultation_closing_on_9999_12_31(client, staff, settings):
    from consultations.models import Consultation
    from tests.portal.factories import NeighbourhoodFactory

    settings.PORTAL_REQUIRE_STAFF_MFA = False
    client.force_login(staff)
    response = client.post(
        "/lv/consultations/new/",
        {
            "title": "Attīstības programma",
            "kind": "planning",
            "description": "Projekts.",
            "neighbourhoods": [NeighbourhoodFactory().pk],
            "opens_on": timezone.localdate().isoformat(),
            "closes_on": FAR,
            "responsible": staff.pk,
        },
    )
    assert error_beside(response, "closes_on") == [OUT_OF_RANGE]
    assert not Consultation.objects.exists()


def test_a_tampered_community_in_the_round_s_reminder_form(client, community, leader, member):
    from grants.models import RoundReminder
    from tests.grants.factories import RoundFactory

    round_ = RoundFactory()
    url = f"/lv/grants/{round_.slug}/remind/"
    client.force_login(leader)
    for tampered in ("abc", HUGE, "-1", "", str(community.pk + 1000)):
        response = client.post(url, {"community": tampered, "remind": "1"})
        assert response.status_code == 200  # the round's page, the message beside the buttons
        page = response.content.decode()
        assert 'id="reminders_error"' in page
        assert "Izvēlieties kādu no kopienām, kuru vadāt vai kuras valdē esat." in page
    client.force_login(member)  # no community to choose: refused with the reason
    response = client.post(url, {"community": "abc", "remind": "1"})
    assert response.status_code == 403
    assert "Atgādinājumus var pieprasīt tikai kopienas" in response.content.decode()
    assert not RoundReminder.objects.exists()
    client.force_login(leader)
    assert client.post(url, {"community": community.pk, "remind": "1"}).status_code == 302
    assert RoundReminder.objects.filter(community=community).exists()


def test_tampered_tier_and_communities_on_the_subsidy_page(client, staff, community, settings):
    from decimal import Decimal

    from grants.models import Programme, SubsidyAward
    from grants.services.subsidies import add_tier
    from tests.grants.factories import ProgrammeFactory

    subsidy = ProgrammeFactory(kind=Programme.Kind.SUBSIDY, name="Dotācija kopienām")
    tier = add_tier(
        actor=None, programme=subsidy, name="Pamata", amount=Decimal("500"), min_events=0
    )
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    client.force_login(staff)
    url = f"/lv/grants/subsidies/{subsidy.slug}/"
    for tampered in ("abc", HUGE, "-1"):
        response = client.post(url, {"tier": tampered, "community": [community.pk]})
        assert error_beside(response, "tier") == ["Izvēlieties vienu no šīs programmas līmeņiem."]
        response = client.post(url, {"tier": tier.pk, "community": [community.pk, tampered]})
        assert error_beside(response, "community") == ["Atzīmējiet tikai sarakstā esošās kopienas."]
    assert not SubsidyAward.objects.exists()


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_date_field_of_the_portal_s_forms_refuses_days_out_of_range():
    """A new form's date goes through the kit too (``portal.forms.DateField``,
    ``DateTimeField`` or ``formfield_callback = dates_in_range``)."""
    import importlib
    import importlib.util
    import pkgutil

    from django import forms
    from django.apps import apps

    from portal.forms import plausible_day

    ours = set()
    for app in apps.get_app_configs():
        # The project's own apps (a virtualenv inside the checkout holds Django's too).
        if app.path.startswith(str(settings.BASE_DIR)) and "site-packages" not in app.path:
            ours.add(app.name.split(".")[0])
            for module in (f"{app.name}.forms", f"{app.name}.practice.forms"):
                parent = module.rsplit(".", 1)[0]
                if importlib.util.find_spec(parent) and importlib.util.find_spec(module):
                    package = importlib.import_module(module)
                    for sub in pkgutil.iter_modules(getattr(package, "__path__", [])):
                        importlib.import_module(f"{module}.{sub.name}")
    ours.discard("tests")
    unchecked = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in set(_subclasses(forms.BaseForm))
        if form.__module__.split(".")[0] in ours
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and plausible_day not in field.validators
    ]
    grants_forms = [
        f for f in _subclasses(forms.BaseForm) if f.__module__.startswith("grants.forms.")
    ]
    assert len(grants_forms) > 5
    assert not unchecked
