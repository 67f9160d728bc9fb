"""The role × page matrices check at least as many (role, page, expected answer) triples as
they did before they were folded into one world per case (tests/access.py, BEFORE_CHECKS)."""

from tests import access
from tests import test_access_matrix as communities
from tests.consultations import test_access as consultations
from tests.councils import test_access as councils
from tests.grants import test_permissions as grants
from tests.portal import test_contacts as contacts
from tests.practice import test_access as practice

MATRICES = {
    "communities and the portal": communities,
    "consultations": consultations,
    "councils": councils,
    "good practice": practice,
    "grants": grants,
    "contact persons": contacts,
}


def test_the_matrices_declare_no_fewer_checks_than_before_the_fold():
    counts = {name: len(module.declared()) for name, module in MATRICES.items()}
    total = sum(counts.values())
    assert total >= access.BEFORE_CHECKS, (
        f"the access matrices declare {total} (role, page, expected answer) checks, fewer than "
        f"the {access.BEFORE_CHECKS} they made before the fold: {counts}"
    )


def test_each_declared_check_is_a_role_and_page_of_its_own():
    for name, module in MATRICES.items():
        triples = module.declared()
        pairs = {(role, page) for role, page, _expected in triples}
        assert len(pairs) == len(triples), name
