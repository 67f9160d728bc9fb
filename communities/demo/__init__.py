"""The communities' demo rows: communities in every state, their members and activity.

Called by ``front.demo.build_all`` once the municipalities, territories and demo
accounts exist. New communities and entries are written through the services; their past
(a history months long) is then dated back, and moves of that past go through
``portal.history.move_to`` without the emails the services would send, since nobody should
be told today about a decision of last year. Every function is idempotent: rows are keyed on
slugs and titles; running again updates them in place. Dates are relative to today.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.history import move_to

from ..models import (
    Community,
    CommunityStatusChange,
    Event,
    JointOpinion,
    Membership,
    MembershipChange,
)
from ..services.activity import record_event, record_joint_opinion
from ..services.registration import create_community
from . import kekava, riga

STAMPS = {Community.Status.SUBMITTED: "submitted_at", Community.Status.VERIFIED: "verified_at"}
DETAILS = (
    "name",
    "description",
    "founding_motives",
    "legal_form",
    "register_number",
    "registered_on",
    "contact_name",
    "contact_email",
    "contact_phone",
    "declared_residents",
    "residents_evidence",
)
# The demo communities of each municipality, by its slug.
DATA = {"kekavas-novads": kekava, "riga": riga}


def days_ago(days, hour=10):
    """An aware datetime ``days`` before now, at a plausible office hour."""
    moment = timezone.localtime() - timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _last(month, day):
    """The most recent ``month``/``day`` on or before today (a yearly tradition's date)."""
    today = timezone.localdate()
    candidate = date(today.year, month, day)
    return candidate if candidate <= today else date(today.year - 1, month, day)


def _event_date(spec):
    if "yearly" in spec:
        return _last(*spec["yearly"])
    return timezone.localdate() + timedelta(days=spec["days"])


def _details(spec):
    details = {key: spec.get(key, "" if key != "declared_residents" else None) for key in DETAILS}
    # The register's date, some years back (an informal group has none).
    years = spec.get("registered_years_ago")
    details["registered_on"] = (
        date(timezone.localdate().year - years, 3, 12) if years is not None else None
    )
    return details


def _register(spec, *, municipality, leader, neighbourhoods):
    """A new demo community, registered by its leader through the service, dated back."""
    community = create_community(
        actor=leader, municipality=municipality, neighbourhoods=neighbourhoods, **_details(spec)
    )
    if community.slug != spec["slug"]:
        Community.objects.filter(pk=community.pk).update(slug=spec["slug"])
        community.slug = spec["slug"]
    return community


def _write_history(community, steps, users):
    """Walk a new community through its demo past; every step writes a history row."""
    first_at = days_ago(steps[0][2], hour=9)
    community.status_changes.update(at=first_at)
    Membership.objects.filter(community=community).update(requested_at=first_at)
    MembershipChange.objects.filter(membership__community=community).update(at=first_at)
    stamps = {"created_at": first_at, "updated_at": first_at}
    for status, actor, days, reason in steps[1:]:
        when = days_ago(days, hour=11 + len(stamps) % 5)
        change = move_to(
            community, status, actor=users[actor], reason=reason, stamp=STAMPS.get(status)
        )
        CommunityStatusChange.objects.filter(pk=change.pk).update(at=when)
        if status in STAMPS:
            stamps[STAMPS[status]] = when
        stamps["updated_at"] = when
    Community.objects.filter(pk=community.pk).update(**stamps)


def _add_member(community, user, role, status, days, leader):
    """A membership with its past: the request, then the leader's decision."""
    decided = status != Membership.Status.PENDING
    membership, created = Membership.objects.get_or_create(
        community=community,
        user=user,
        defaults={
            "role": role,
            "status": status,
            "decided_by": leader if decided else None,
            "decided_at": days_ago(days - 1) if decided else None,
        },
    )
    if not created:
        return membership
    Membership.objects.filter(pk=membership.pk).update(requested_at=days_ago(days))
    request = membership.changes.create(actor=user, to_status=Membership.Status.PENDING)
    MembershipChange.objects.filter(pk=request.pk).update(at=days_ago(days))
    if decided:
        decision = membership.changes.create(
            actor=leader, from_status=Membership.Status.PENDING, to_status=status
        )
        MembershipChange.objects.filter(pk=decision.pk).update(at=days_ago(days - 1))
    return membership


def build_communities(municipality, users, territories, specs):
    """The demo communities in their states with history and members; by slug."""
    communities = {}
    for spec in specs:
        leader = users[spec["leader"]]
        neighbourhoods = [territories[slug] for slug in spec["neighbourhoods"]]
        community = Community.objects.of(municipality).filter(slug=spec["slug"]).first()
        if community is None:
            community = _register(
                spec, municipality=municipality, leader=leader, neighbourhoods=neighbourhoods
            )
            _write_history(community, spec["history"], users)
            community.refresh_from_db()
        else:  # the demo's own rows, brought back to the data as shipped
            details = _details(spec)
            sort_name, search_text = Community.search_fields(
                details["name"], details["description"]
            )
            Community.objects.filter(pk=community.pk).update(
                **details, sort_name=sort_name, search_text=search_text
            )
            community.refresh_from_db()
            community.neighbourhoods.set(neighbourhoods)
        for email, role, status, days in spec.get("members", []):
            _add_member(community, users[email], role, status, days, leader)
        communities[community.slug] = community
    return communities


def _entry(model, community, author, title, fields, record):
    """An entry keyed on its title: recorded through the service when new."""
    entry = model.objects.filter(community=community, title=title).first()
    if entry is not None:
        model.objects.filter(pk=entry.pk).update(**fields)
        return
    try:
        record(actor=author, community=community, title=title, **fields)
    except ValidationError as error:
        if error.code != "year_locked":
            raise
        # Its year's record has locked since the demo was written: kept as evidence.
        model.objects.create(community=community, title=title, created_by=author, **fields)


def build_activity(communities, events_by, opinions_by):
    """Events and joint opinions of the verified and active communities, keyed on titles."""
    for slug, events in events_by.items():
        community = communities[slug]
        author = community.memberships.filter(role=Membership.Role.LEADER).first().user
        for spec in events:
            fields = {
                "date": _event_date(spec),
                "place": spec["place"],
                "kind": spec["kind"],
                "attendance": spec.get("attendance"),
                "participation_forms": spec["forms"],
                "description": spec.get("description", ""),
                "step_free_venue": spec.get("step_free", False),
            }
            _entry(Event, community, author, spec["title"], fields, record_event)
    for slug, opinions in opinions_by.items():
        community = communities[slug]
        author = community.memberships.filter(role=Membership.Role.LEADER).first().user
        for spec in opinions:
            fields = {
                "sent_on": timezone.localdate() + timedelta(days=spec["days"]),
                "addressee": spec["addressee"],
                "summary": spec["summary"],
            }
            _entry(
                JointOpinion,
                community,
                author,
                spec["title"],
                fields,
                record_joint_opinion,
            )


def build(municipality, *, users, territories):
    """The municipality's demo communities and their activity record."""
    data = DATA[municipality.slug]
    communities = build_communities(municipality, users, territories, data.COMMUNITIES)
    build_activity(communities, data.EVENTS, data.OPINIONS)
    return communities


def counts():
    return {
        "communities": Community.objects.count(),
        "memberships": Membership.objects.count(),
        "community status changes": CommunityStatusChange.objects.count(),
        "events": Event.objects.count(),
        "joint opinions": JointOpinion.objects.count(),
    }
