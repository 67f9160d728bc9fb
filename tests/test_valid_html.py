"""Every page is valid HTML: the W3C Nu Html Checker finds no error on the tour's pages,
and each has a description for search engines and link previews.

The pages of tests/page_tour.py are fetched with the Django test client as the role that
sees the most of them, on their own host, saved as files, and checked in one run of the
checker (npm's ``vnu-jar``, run with Java), so its start-up is paid once.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.page_tour import build_world, tour

pytestmark = pytest.mark.django_db

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def checker():
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing: run `bin/ensure-system-deps --browser` (as root it installs "
            "Debian's default-jre-headless).",
            pytrace=False,
        )
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make deps` (package.json installs vnu-jar).")
    return [java, "-jar", str(VNU)]


def fetch(pages, people):
    """``{file name: (page, html)}``, each page fetched as its role on its host."""
    clients = {}
    found = {}
    for number, page in enumerate(pages, start=1):
        client = clients.get((page.role, page.host))
        if client is None:
            client = Client(HTTP_HOST=page.host)
            if people[page.role] is not None:
                client.force_login(people[page.role])
            clients[page.role, page.host] = client
        post = page.post is not None
        response = client.post(page.path, page.post) if post else client.get(page.path)
        assert response.status_code == 200, (page.name, page.path, response.status_code)
        assert response["Content-Type"].startswith("text/html"), page.name
        found[f"{number:02d}.html"] = (page, response.content.decode())
    return found


def test_every_page_is_valid_html(tmp_path):
    command = checker()
    world = build_world()
    pages = fetch(tour(world), world["people"])
    for name, (_, html) in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")

    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *sorted(pages)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the checker did not answer in JSON:\n{result.stdout}\n{result.stderr}")

    problems = []
    for page, html in pages.values():
        found = DESCRIPTION.search(html)
        if found is None or len(found.group(1).split()) < 5:
            problems.append(f"{page.name} ({page.path}): no <meta name=description> of a sentence")
    for message in messages:
        file_name = message.get("url", "").rsplit("/", 1)[-1]
        page = pages[file_name][0] if file_name in pages else None
        where = f"{page.name} ({page.role}, {page.host}{page.path})" if page else file_name
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())[:160]
        problems.append(f"{where}, line {line}: {message['message']}\n    {extract}")
    assert not problems, "the pages are not valid:\n" + "\n".join(problems)
    assert result.returncode == 0, result.stderr
