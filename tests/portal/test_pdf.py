"""``portal.pdf.render_pdf``: Latvian letters survive, fonts are embedded, nothing is fetched."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from portal.pdf import PDF_ORIGIN, local_file_for, local_url_fetcher, render_pdf

LATVIAN = "Ābols čaukstēja: ģimene īsi ķēra ļoti ņiprus šķērsielā ūdeņus, žēl!"
TEMPLATES_HERE = Path(__file__).parent / "templates"


@pytest.fixture
def sample_templates(settings):
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_HERE]
    settings.TEMPLATES = templates


def _render(language="lv"):
    context = {"title": "Kopienas pārskats", "text": LATVIAN, "when": datetime.date(2026, 3, 9)}
    return render_pdf("pdf_test/sample.html", context, language)


def _fonts(reader):
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            fonts.append((str(font["/BaseFont"]), described["/FontDescriptor"].get_object()))
    return fonts


def test_latvian_letters_come_back_out_of_the_pdf(sample_templates):
    pdf = _render()

    assert pdf.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert LATVIAN in text.replace("\n", " ")
    assert "Kopienas pārskats" in text


def test_the_print_stylesheets_font_is_embedded(sample_templates):
    """The family of ``print.css``, loaded through the fetcher, not a system fallback."""
    fonts = _fonts(PdfReader(io.BytesIO(_render())))

    assert fonts
    for name, descriptor in fonts:
        assert "Portal-Sans" in name
        assert any(key in descriptor for key in ("/FontFile2", "/FontFile3", "/FontFile"))


@pytest.mark.dates
def test_it_renders_in_the_language_asked_for(sample_templates):
    latvian = PdfReader(io.BytesIO(_render("lv"))).pages[0].extract_text()
    english = PdfReader(io.BytesIO(_render("en"))).pages[0].extract_text()

    assert "Statuss: lv 09.03.2026." in latvian  # dd.mm.gggg., with the closing dot
    assert "Status: en" in english


def test_the_fetcher_serves_the_print_stylesheet_and_the_fonts_only():
    stylesheet = local_url_fetcher().fetch(f"{PDF_ORIGIN}{settings.STATIC_URL}css/print.css")
    assert b"@font-face" in stylesheet.read()
    font = local_url_fetcher().fetch(f"{PDF_ORIGIN}/fonts/DejaVuSans.ttf")
    assert len(font.read()) > 100_000


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/tracker.png",
        "https://pdf.portal.invalid.example.com/static/css/print.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        f"{PDF_ORIGIN}/static/../../../etc/passwd",
        f"{PDF_ORIGIN}/static/%2e%2e/%2e%2e/etc/passwd",
        f"{PDF_ORIGIN}/fonts/../../../../etc/passwd",
        f"{PDF_ORIGIN}/fonts/sub/../DejaVuSans.ttf",
        f"{PDF_ORIGIN}/media/uploads/secret.pdf",
    ],
)
def test_the_fetcher_refuses_the_network_and_other_files(url):
    assert local_file_for(url) is None
    with pytest.raises(ValueError):
        local_url_fetcher().fetch(url)
