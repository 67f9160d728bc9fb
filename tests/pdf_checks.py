"""Checks of a PDF the reports kit made: its text (pypdf) and its first page as an image
(pdftoppm) that is not blank. Shared by the tests of every report kind."""

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data):
    return len(PdfReader(io.BytesIO(data)).pages)


def assert_first_page_not_blank(data, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: bin/ensure-system-deps installs poppler-utils")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-gray", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = next(tmp_path.glob("p*.pgm")).read_bytes()
    pixels = image.split(b"\n", 3)[3]  # P5, size, maxval, then one byte a pixel
    assert min(pixels) < 128 and max(pixels) > 200  # text on paper, not a blank page


def download(client, report_url):
    """The PDF behind a report's page: its download link, fetched."""
    from django.urls import resolve, reverse

    pk = resolve(report_url).kwargs["pk"]
    response = client.get(reverse("report-download", args=[pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)
