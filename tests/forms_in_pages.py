"""The forms of a page as a browser sees them: their method, address, fields and buttons.

``forms_of(html, page_path)`` reads the markup the test client got back (the standard
library's HTML parser, nothing to install) and lists each ``<form>`` with what a person could
fill in or press, so a test can post it the way a browser would, or post what no browser
would (tests/test_bad_input.py).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # the input's type, or "textarea", "select", "select-multiple"
    value: str = ""
    checked: bool = False
    required: bool = False
    options: list = field(default_factory=list)  # (value, selected) of a select
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    method: str
    action: str
    enctype: str = ""
    fields: list = field(default_factory=list)
    buttons: list = field(default_factory=list)  # (name, value) of named submit buttons


class _Parser(HTMLParser):
    def __init__(self, page_path):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms = []
        self.form = None
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            action = attrs.get("action") or self.page_path
            self.form = Form(
                method=(attrs.get("method") or "get").lower(),
                action=urlsplit(urljoin(self.page_path, action))
                ._replace(scheme="", netloc="", fragment="")
                .geturl(),
                enctype=attrs.get("enctype", ""),
            )
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image"):
                self.form.buttons.append((name, attrs.get("value", "")))
                return
            if kind in ("reset", "button"):
                return
            self.form.fields.append(
                Field(
                    name,
                    kind,
                    attrs.get("value", "on" if kind in ("checkbox", "radio") else ""),
                    checked="checked" in attrs,
                    required="required" in attrs,
                    attrs=attrs,
                )
            )
        elif tag == "button" and name and attrs.get("type", "submit").lower() == "submit":
            self.form.buttons.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = Field(name, "textarea", required="required" in attrs, attrs=attrs)
            self.form.fields.append(self.textarea)
        elif tag == "select" and name:
            kind = "select-multiple" if "multiple" in attrs else "select"
            self.select = Field(name, kind, required="required" in attrs, attrs=attrs)
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
            self.select.options.append(self.option)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        if self.option is not None:
            self.option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "option" and self.option is not None:
            self._close_option()
        elif tag == "select" and self.select is not None:
            self._close_option()
            self.select = None

    def _close_option(self):
        if self.option is None:
            return
        value, selected, text = self.option
        self.select.options[-1] = (text.strip() if value is None else value, selected)
        self.option = None


def forms_of(html, page_path):
    parser = _Parser(page_path)
    parser.feed(html)
    parser.close()
    return parser.forms
