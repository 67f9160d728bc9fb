"""The machinery of the role × page matrices: one world per case, every role walked inside it.

A matrix case builds its world (the rows its pages need, one person per role) once, then asks
each page as each role. Every request runs in a savepoint that is rolled back
(``transaction.atomic()`` + ``transaction.set_rollback(True)``), with a fresh client and an
empty cache, so what one role's POST changes (or a sign-in's session row) never reaches the
next role's: each (role, page) starts from the same world, as if it had been built for it
alone. The case collects every answer that differs from the table and fails once at the end,
naming the page, the role, and the expected and actual answer of each.

Every (role, page, expected answer) checked is counted; the suite prints the count at the end
(tests/conftest.py, also under pytest-xdist), and tests/test_access_counts.py holds the number
the matrices declare to at least what they checked before they were folded (BEFORE).

Answers: ``ok`` (200, or a redirect that is not to the login page), ``login`` (an anonymous
visitor is sent to sign in), ``403``, ``404``; anything else is its status code (``500``).
"""

import traceback

from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from portal.roles import needs_mfa

# Before the fold (commit a3bc0a6), the matrices made 1,395 (role, page, expected answer)
# checks in 1,128 parametrized cases, each building its own world:
#   tests/test_access_matrix.py   62 pages × 9 roles = 558 cases, + 6 staff decisions × 2
#                                 involved staff roles = 12 cases                      570
#   tests/consultations/test_access.py  21 pages × 9 roles = 189 cases, 7 problem-report
#                                 pages × 9 roles = 63 cases, 9 cases × 2 public pages 270
#   tests/councils/test_access.py  25 pages × 9 roles = 225 cases                      225
#   tests/practice/test_access.py  22 pages × 7 roles in 1 case                        154
#   tests/grants/test_permissions.py  15 pages × 8 roles in 15 cases                   120
#   tests/portal/test_contacts.py  8 pages × 7 roles = 56 cases                          56
BEFORE_CHECKS = 1395
BEFORE_CASES = 1128

_checks = 0
_checks_of_workers = 0


def checks_made():
    """How many (role, page, expected answer) checks this process, and the pytest-xdist
    workers that reported to it, have made."""
    return _checks + _checks_of_workers


def add_checks_of_worker(count):
    global _checks_of_workers
    _checks_of_workers += count


def outcome(response):
    """The answer of a response, as the matrices write it."""
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


def status(response):
    """The bare status code (the matrices that compare codes: 200, 302, 403, 404)."""
    return response.status_code


USER_FLAGS = {
    "staff": {"is_municipal_staff": True},
    "evaluator": {"is_evaluator": True},
    "council": {"is_council_member": True},
    "admin": {"is_superuser": True, "is_staff": True},
}
COMMUNITY_ROLES = {"member", "board", "leader"}


def person_for(role, community=None):
    """A new person of the role (None for ``anonymous``): the portal's flags, a TOTP device
    where staff need one, a membership of ``community`` for its roles."""
    from tests.communities.factories import MembershipFactory
    from tests.portal.factories import UserFactory

    if role == "anonymous":
        return None
    user = UserFactory(**USER_FLAGS.get(role, {}))
    if needs_mfa(user):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    if role in COMMUNITY_ROLES and community is not None:
        MembershipFactory(community=community, user=user, role=role)
    return user


def people_for(roles, community=None):
    return {role: person_for(role, community) for role in roles}


class Walk:
    """The answers of one case: ``ask`` each (page, role), then ``assert_all``.

    ``judge(response)`` turns a response into the answer compared with the table
    (``outcome`` by default; ``ask`` may take its own). ``then(response)``, if given, runs
    inside the savepoint after the request and returns what is wrong with the world it left
    (reported with the role and page), for checks that the request changed nothing it may not.
    """

    def __init__(self, judge=outcome):
        self.judge = judge
        self.wrong = []
        self.asked = 0

    def ask(
        self,
        page,
        role,
        person,
        expected,
        url,
        *,
        method="get",
        data=None,
        host=None,
        follow=False,
        judge=None,
        then=None,
    ):
        global _checks
        problems = []
        try:
            with transaction.atomic():
                cache.clear()
                client = Client(HTTP_HOST=host) if host else Client()
                if person is not None:
                    client.force_login(person)
                response = getattr(client, method)(url, data or {}, follow=follow)
                actual = (judge or self.judge)(response)
                if then is not None:
                    problems = list(then(response))
                transaction.set_rollback(True)
        except Exception as error:  # the answer of a view that raised, and where it did
            origin = traceback.extract_tb(error.__traceback__)[-1]
            actual = f"{type(error).__name__}: {error} ({origin.filename}:{origin.lineno})"
        cache.clear()
        _checks += 1
        self.asked += 1
        where = f"{page} ({method.upper()} {url}) as {role}"
        if actual != expected:
            self.wrong.append(f"{where}: expected {expected}, got {actual}")
        self.wrong.extend(f"{where}: {problem}" for problem in problems)

    def assert_all(self):
        assert self.asked, "the case asked no page"
        assert not self.wrong, f"{len(self.wrong)} of {self.asked} answers are wrong:\n  " + (
            "\n  ".join(self.wrong)
        )
