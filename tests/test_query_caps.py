"""At most 15 queries for every page of the tour (issue 24), each measured on a real render:
nothing rendered is kept, so every request renders."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.page_tour import build_world, tour

pytestmark = pytest.mark.django_db

CAP = 15


def test_every_page_of_the_tour_renders_in_at_most_15_queries():
    world = build_world()
    clients, over = {}, []
    for page in tour(world):
        client = clients.get((page.role, page.host))
        if client is None:
            client = Client(HTTP_HOST=page.host)
            if world["people"][page.role] is not None:
                client.force_login(world["people"][page.role])
            clients[page.role, page.host] = client
        send = client.post if page.post is not None else client.get
        arguments = (page.path, page.post) if page.post is not None else (page.path,)
        send(*arguments)  # a first visit: the session's one-off reads (MFA enrolment)
        with CaptureQueriesContext(connection) as queries:
            response = send(*arguments)
        assert response.status_code == 200, (page.name, response.status_code)
        if len(queries) > CAP:
            over.append(f"{page.name}: {len(queries)} queries ({page.path})")
    assert not over, "\n".join(over)
