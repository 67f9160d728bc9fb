"""The consultation pages of the page tour (tests/page_tour.py), with long words in them."""

import datetime

from django.utils import timezone

from consultations.models import Consultation, MunicipalEvent
from consultations.services.problems import report_problem
from tests.consultations.factories import TODAY, ConsultationFactory, SubmissionFactory, answered

LONG_WORD = "Pilsētaslielākāsdaļasiedzīvotājukopsapulcesprotokols"


def build(*, leader, community, neighbourhood, staff):
    open_one = ConsultationFactory(
        title=f"Ābeļu ielas pārbūves projekts {LONG_WORD}",
        kind=Consultation.Kind.PLANNING,
        description=f"Projekts. {LONG_WORD}",
        easy_summary="Iela būs platāka.",
        venue=f"Kultūras nams, {LONG_WORD} iela 1",
        venue_step_free=True,
        remote_participation="Tiešsaistē.",
        short_period_reason=f"Valsts termiņš. {LONG_WORD}",
        neighbourhoods=[neighbourhood],
        responsible=staff,
    )
    closed = ConsultationFactory(
        title="Budžets 2027",
        kind=Consultation.Kind.BUDGET,
        opens_on=TODAY - datetime.timedelta(days=40),
        closes_on=TODAY - datetime.timedelta(days=1),
        responsible=staff,
    )
    waiting = SubmissionFactory(consultation=closed, text=f"Viedoklis. {LONG_WORD}")
    done = answered(
        SubmissionFactory(consultation=closed, author=leader, community=community, text=LONG_WORD)
    )
    SubmissionFactory(consultation=open_one, author=leader, text="Mans viedoklis.")
    event = MunicipalEvent.objects.create(
        municipality=open_one.municipality,
        title=f"Iedzīvotāju forums {LONG_WORD}",
        kind=MunicipalEvent.Kind.FORUM,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        venue=LONG_WORD,
        how_to_take_part=f"Pieteikties: {LONG_WORD}",
    )
    event.neighbourhoods.set([neighbourhood])
    report = report_problem(
        actor=leader,
        municipality=open_one.municipality,
        neighbourhood=neighbourhood,
        category="road",
        title=f"Bedre {LONG_WORD}",
        description=LONG_WORD,
        address=f"{LONG_WORD} iela 5",
        latitude=56.9,
        longitude=24.1,
    )
    return {
        "open": open_one,
        "closed": closed,
        "waiting": waiting,
        "done": done,
        "event": event,
        "report": report,
    }


def pages(page, data):
    """``page(name, role, path, post=None)`` for each consultation page."""
    open_one, closed = data["open"], data["closed"]
    waiting, done = data["waiting"], data["done"]
    return [
        page("consultation list", "anonymous", "/lv/consultations/"),
        page("consultation page", "anonymous", open_one.get_absolute_url()),
        page("consultation page (staff)", "staff", closed.get_absolute_url()),
        page("feedback page", "anonymous", f"/lv/consultations/{closed.slug}/feedback/"),
        page("submission form", "leader", f"/lv/consultations/{open_one.slug}/submit/"),
        page(
            "submission form with errors",
            "leader",
            f"/lv/consultations/{open_one.slug}/submit/",
            post={"send": "1"},
        ),
        page("my submissions", "leader", "/lv/consultations/mine/"),
        page("own submission", "leader", done.get_absolute_url()),
        page("followed neighbourhoods", "resident", "/lv/consultations/following/"),
        page("consultation form", "staff", "/lv/consultations/new/"),
        page("consultation edit form", "staff", f"/lv/consultations/{open_one.slug}/edit/"),
        page("submissions to answer", "staff", f"/lv/consultations/{closed.slug}/submissions/"),
        page(
            "answer form",
            "staff",
            f"/lv/consultations/{closed.slug}/answer/?s={waiting.pk}",
        ),
        page(
            "answer form with errors",
            "staff",
            f"/lv/consultations/{closed.slug}/answer/?s={waiting.pk}",
            post={"status": "accepted", "publish": "1"},
        ),
        page(
            "extension form",
            "staff",
            f"/lv/consultations/{closed.slug}/submissions/{waiting.pk}/extend/",
        ),
        page(
            "correcting an answer",
            "staff",
            f"/lv/consultations/{closed.slug}/submissions/{done.pk}/correct/",
        ),
        page("overdue answers", "staff", "/lv/consultations/overdue/"),
        page("participation index", "anonymous", "/lv/participation/"),
        page("participation index by audience", "anonymous", "/lv/participation/?by=audience"),
        page("events calendar", "staff", "/lv/consultations/events/"),
        page("event form", "staff", f"/lv/consultations/events/{data['event'].pk}/edit/"),
        page("removing an event", "staff", f"/lv/consultations/events/{data['event'].pk}/delete/"),
        page("problem reports", "anonymous", "/lv/reports/"),
        page("problem report form", "resident", "/lv/reports/new/"),
        page("problem report form with errors", "resident", "/lv/reports/new/", post={"send": "1"}),
        page("a problem report", "anonymous", data["report"].get_absolute_url()),
        page("a problem report (staff)", "staff", data["report"].get_absolute_url()),
        page("my problem reports", "leader", "/lv/reports/mine/"),
        page("reports to handle", "staff", "/lv/reports/queue/"),
    ]
