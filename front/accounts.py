"""A person deletes their own account (GDPR, issue 16 item 8).

What must stay as a record stays, without the person: registrations, activity entries,
change requests, history rows and decisions keep their rows with the person's link emptied
(history rows read "deleted user"); memberships and join requests are ended and kept
without the person or their message. What is only theirs goes: the account, its email
addresses, second factors, messages written to them and their choices of emails, and the
drafts only they lead (with their files), the neighbourhoods they follow and their
questions to story authors. Opinions in consultations, problem reports, grant questions and
applications stay as the municipality's record without the person (their foreign keys are
``SET_NULL``; ``tests/portal/test_personal_data_whole.py``). Failed sign-ins naming one of
their addresses lose the address. The security log records the deletion by the account's
number only.

Refused, with the reason, while the account acts for a municipality or administers the
portal (an administrator removes that role first: the municipality keeps its staff's
decisions accountable), while it is a neighbourhood's contact person (the municipality
names another), and while the person is the only leader of a registered community (they
hand over leadership first). Also refused while records that must name the person stay: a
grant evaluator's conflict declarations and scores (the round's protocol names each
evaluator), and council seats, nominations, candidacies and election votes (the council's
seat history and the voters' list); the person asks the municipality about those records.
"""

from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities import people as community_people
from councils.models import Candidacy, Nomination, Term, Vote
from grants.models import ConflictDeclaration, Score
from portal.models import ContactPerson, Notification, SecurityEvent, StatusChange
from portal.roles import needs_mfa
from portal.security_log import record_security_event


def refusals(user):
    """Why ``user`` cannot delete their account yet, as sentences; empty when they can."""
    reasons = []
    if needs_mfa(user):
        reasons.append(
            _(
                "Your account acts for a municipality or administers the portal. Ask an "
                "administrator to remove that role first; the decisions you made stay in "
                "the records."
            )
        )
    if ContactPerson.objects.filter(user=user).exists():
        reasons.append(
            _(
                "You are a neighbourhood's contact person. Ask the municipality to name "
                "another contact person first."
            )
        )
    if (
        ConflictDeclaration.objects.filter(evaluator=user).exists()
        or Score.objects.filter(evaluator=user).exists()
    ):
        reasons.append(
            _(
                "You evaluated grant applications: your declarations and scores are part of "
                "the round's record, which names each evaluator. Ask the municipality about "
                "your data in it."
            )
        )
    if any(
        model.objects.filter(**{field: user}).exists()
        for model, field in (
            (Term, "member"),
            (Nomination, "nominee"),
            (Candidacy, "person"),
            (Vote, "voter"),
        )
    ):
        reasons.append(
            _(
                "You hold or held a council seat, were nominated, stood as a candidate or "
                "voted in a council election: the council's records name you. Ask the "
                "municipality about your data in them."
            )
        )
    return reasons + community_people.refusals(user)


def drafts_deleted_with(user):
    return community_people.drafts_deleted_with(user)


def _emails(user):
    addresses = {user.email.lower()}
    addresses.update(
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return sorted(addresses)


def _mark_history_rows(user):
    """History rows the person wrote will read "deleted user" instead of "system"."""
    for model in apps.get_models():
        if not issubclass(model, StatusChange):
            continue
        rows = list(model.objects.filter(actor=user).only("pk", "data"))
        for row in rows:
            row.data = {**row.data, "actor_deleted": True}
        model.objects.bulk_update(rows, ["data"], batch_size=500)


@transaction.atomic
def delete_account(*, user, request=None) -> None:
    """Delete ``user``'s account, keeping what must stay anonymised (see the module)."""
    reasons = refusals(user)
    if reasons:
        raise ValidationError(reasons, code="refused")
    emails = _emails(user)
    community_people.forget_person(user=user, emails=emails)
    _mark_history_rows(user)
    for email in emails:
        SecurityEvent.objects.filter(data__login__iexact=email).update(data={"login": ""})
        Notification.objects.filter(user=None, email__iexact=email).delete()
    # The account's number only: no name, no address.
    record_security_event(
        SecurityEvent.Kind.DELETED, request=request, actor=user, obj=user, data={"what": "account"}
    )
    user.delete()
