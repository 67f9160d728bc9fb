"""PDF documents rendered with WeasyPrint, in the reader's language, with embedded fonts.

``render_pdf("consultations/pdf/feedback_report.html", context, "lv")`` returns the bytes of
a PDF. Templates extend ``portal/pdf/base.html``, which links ``static/css/print.css``; that
stylesheet embeds DejaVu (Debian's fonts-dejavu-core, ``PORTAL_PDF_FONT_DIR``), whose
letters cover Latvian (ā č ē ģ ī ķ ļ ņ š ū ž).

Nothing is fetched over the network: the document's base URL is a placeholder origin, and
the URL fetcher serves only the portal's static files and the font files below it.
"""

import mimetypes
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

# Relative URLs in a PDF template resolve against this origin; it is never contacted.
PDF_ORIGIN = "https://pdf.portal.invalid"
FONT_PREFIX = "/fonts/"


def _static_file(name):
    try:
        found = finders.find(name)
        if found:
            return Path(found)
        path = Path(staticfiles_storage.path(name))  # collected (e.g. hashed) files
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return path if path.is_file() else None


def _font_file(name):
    if "/" in name or "\\" in name or not name.lower().endswith((".ttf", ".otf")):
        return None
    path = Path(settings.PORTAL_PDF_FONT_DIR) / name
    return path if path.is_file() else None


def local_file_for(url):
    """The local file a PDF may load for ``url``, or ``None`` for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != PDF_ORIGIN:
        return None
    path = unquote(parts.path)
    if ".." in path.split("/"):
        return None
    static_prefix = urlsplit(settings.STATIC_URL).path
    if path.startswith(static_prefix):
        return _static_file(path[len(static_prefix) :])
    if path.startswith(FONT_PREFIX):
        return _font_file(path[len(FONT_PREFIX) :])
    return None


def local_url_fetcher():
    """A WeasyPrint URL fetcher that refuses everything but local static files and fonts."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = local_file_for(url)
            if path is None:
                raise ValueError(f"PDFs load only the portal's static files and fonts: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return LocalOnlyFetcher()


def render_pdf(template, context, language):
    """Render ``template`` with ``context`` in ``language`` and return the PDF's bytes."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, context)
        document = HTML(string=html, base_url=f"{PDF_ORIGIN}/", url_fetcher=local_url_fetcher())
        return document.write_pdf()


def one_page_pdf(title: str) -> bytes:
    """A small one-page PDF that shows ``title`` (without its diacritics) in a standard font,
    made without WeasyPrint: the demo's papers and signed documents."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = plain.replace("\\", "/").replace("(", "[").replace(")", "]")
    stream = f"BT /F1 16 Tf 56 780 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
