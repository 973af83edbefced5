"""Detail pane: every field the catalog holds on one trial, as read-only rich text.

Everything that comes from a record goes through ``esc`` (html.escape) before it is put
into the HTML, so markup in a source record is shown as text, never interpreted.

The page is bounded whatever the trial's size (ui/detail_bounds.py): long texts and long
lists are cut, each with a "Show all" link that opens the whole, paged, as plain text
(ui/full_text.py).
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote, unquote, urlparse

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextOption
from PySide6.QtWidgets import QTextBrowser

from core.catalog import status as st
from core.catalog.quality import trial_flags
from core.catalog.store import trial_contacts, trial_sites, trial_to_dict
from ui.catalog_model import format_years
from ui.detail_bounds import MAX_ROWS, SCHEME, Elided, ShowAll, bound_trial

_NOT_STATED = '<span style="color:#777777;">Not stated</span>'

_STYLE = """
<style>
h2 { margin-top: 0px; margin-bottom: 4px; }
h3 { margin-top: 14px; margin-bottom: 4px; color: #1f3b5a; }
td.k { color: #555555; padding-right: 10px; white-space: nowrap; }
td.lbl { font-weight: bold; padding-right: 6px; white-space: nowrap; }
th { text-align: left; background-color: #e8edf2; padding: 2px 6px; }
td.cell { padding: 2px 6px; }
</style>
"""


def esc(value: Any) -> str:
    """Record text as safe HTML (newlines kept as line breaks); a text cut for display
    ends with its Show all link."""
    text = html.escape(str(value), quote=True).replace("\n", "<br>")
    if isinstance(value, Elided):
        text += f' <a href="{SCHEME}:{quote(value.key, safe="")}">{html.escape(value.link)}</a>'
    return text


def _more_html(key: str, shown: int, total: int, noun: str) -> str:
    """"Showing the first 100 of 5,000 sites. Show all" under a list that was cut."""
    if total <= shown:
        return ""
    return (f'<p style="color:#555555;">Showing the first {shown:,} of {total:,} {noun}. '
            f'<a href="{SCHEME}:{quote(key, safe="")}">Show all {total:,} {noun}</a></p>')


def _or_not_stated(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return _NOT_STATED
    return esc(value)


def _join(values: list[Any] | None) -> str:
    items = [v for v in (values or []) if v not in (None, "")]
    if not items:
        return _NOT_STATED
    return "; ".join(esc(v) for v in items)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _NOT_STATED
    return "Yes" if value else "No"


def _safe_link(url: str | None) -> str:
    if not url:
        return _NOT_STATED
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return f'<a href="{html.escape(url, quote=True)}">{esc(url)}</a>'
    return esc(url)


def _status_html(code: str | None) -> str:
    label = esc(st.label(code))
    if code in st.OPEN_STATUSES:
        return f'<b style="color:#1b6e20;">{label}</b> (open to referral)'
    if code in st.CLOSED_STATUSES:
        return f'<b style="color:#8a1c1c;">{label}</b> (not taking patients)'
    return f"<b>{label}</b>"


def _site_status(text: str | None) -> str | None:
    code = st.normalize_status(text)
    return st.label(code) if code else text


def _date_html(value: str | None, kind: str | None = None) -> str:
    if not value:
        return _NOT_STATED
    return esc(value) + (f" ({esc(kind)})" if kind else "")


def _age_html(data: dict[str, Any]) -> str:
    lo, hi = data.get("min_age_years"), data.get("max_age_years")
    parts = [
        f"minimum {esc(format_years(lo))} years" if lo is not None else "no minimum stated",
        f"maximum {esc(format_years(hi))} years" if hi is not None else "no maximum stated",
    ]
    text = ", ".join(parts)
    if data.get("age_text"):
        text += f' &nbsp;<span style="color:#555555;">(as printed: “{esc(data["age_text"])}”)</span>'
    return text


def _rows(pairs: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<tr><td class="k" valign="top">{esc(k)}</td><td valign="top">{v}</td></tr>' for k, v in pairs
    )
    return f'<table cellspacing="0" cellpadding="2">{body}</table>'


def _grid(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    cell = '<td class="cell" valign="top" bgcolor="#ffffff">{}</td>'
    body = "".join("<tr>" + "".join(cell.format(_or_not_stated(c)) for c in row) + "</tr>" for row in rows)
    # Cell spacing over a grey table background draws the grid lines (CSS borders on
    # 100%-wide tables round up a pixel in QTextDocument and bring a horizontal scrollbar).
    return (f'<table cellspacing="1" cellpadding="2" width="100%" bgcolor="#c8d0d8">'
            f"<tr>{head}</tr>{body}</table>")


def _item_label(node: dict[str, Any]) -> str:
    label = (node.get("label") or "").strip()
    if not label:  # a bullet in the source: no printed number to show
        return "•"
    if label[-1] in ".)]:":
        return esc(label)
    return esc(label) + "."


def criteria_html(items: list[dict[str, Any]]) -> str:
    """Criteria with their printed labels ("1.", "1-1.", "a." or • for a bullet), sub-items
    nested under their parent, in document order."""
    if not items:
        return f"<p>{_NOT_STATED}</p>"
    rows = []
    for node in items:
        children = node.get("children") or []
        inner = esc(node.get("text", ""))
        if children:
            inner += criteria_html(children)
        rows.append(
            f'<tr><td class="lbl" valign="top" align="right">{_item_label(node)}</td>'
            f'<td valign="top">{inner}</td></tr>'
        )
    return f'<table cellspacing="0" cellpadding="2">{"".join(rows)}</table>'


def flags_html(flags: list[dict[str, str]]) -> str:
    if not flags:
        return ""
    items = "".join(f"<li>{esc(f.get('message', ''))}</li>" for f in flags)
    return (
        '<table width="100%" cellspacing="2" cellpadding="8" bgcolor="#e0b400">'
        '<tr><td bgcolor="#fff3cd">'
        f'<b style="color:#7a4b00;">⚠ Data-quality warnings ({len(flags)})</b>'
        f'<ul style="margin-top:4px; margin-bottom:0px;">{items}</ul></td></tr></table>'
    )


def merged_flags(data: dict[str, Any], computed: list[Any]) -> list[dict[str, str]]:
    """Flags computed now plus any stored with the trial, without duplicates."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for flag in list(computed) + list(data.get("flags") or []):
        if isinstance(flag, dict):
            item = {"code": str(flag.get("code", "")), "message": str(flag.get("message", flag))}
        elif hasattr(flag, "message"):
            item = {"code": str(getattr(flag, "code", "")), "message": str(flag.message)}
        else:
            item = {"code": "", "message": str(flag)}
        key = (item["code"], item["message"])
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def trial_html(data: dict[str, Any], flags: list[dict[str, str]]) -> str:
    """The whole detail page for one trial (``data`` as returned by trial_to_dict)."""
    return trial_page(data, flags)[0]


def trial_page(data: dict[str, Any], flags: list[dict[str, str]],
               loaders: dict[str, Any] | None = None) -> tuple[str, ShowAll]:
    """The detail page, bounded, and the whole texts of what it cut (for Show all)."""
    data, show = bound_trial(data, loaders)
    parts = [_STYLE]
    parts.append(f"<h2>{esc(data.get('title') or '')}</h2>")
    ids = data.get("registry_ids") or []
    id_line = esc(data.get("trial_id", ""))
    others = [i for i in ids if i != data.get("trial_id")]
    if others:
        id_line += " &nbsp;·&nbsp; also " + ", ".join(esc(i) for i in others)
    status_html = _status_html(data.get("status"))
    parts.append(f'<p style="margin-top:0px;"><b>{id_line}</b> &nbsp;·&nbsp; {status_html}</p>')
    parts.append(flags_html(flags))

    parts.append("<h3>Overview</h3>")
    parts.append(_rows([
        ("Trial ID", esc(data.get("trial_id", ""))),
        ("Registry IDs", _join(ids)),
        ("Title", _or_not_stated(data.get("title"))),
        ("Brief title", _or_not_stated(data.get("brief_title"))),
        ("Acronym", _or_not_stated(data.get("acronym"))),
        ("Conditions", _join(data.get("conditions"))),
        ("Keywords", _join(data.get("keywords"))),
        ("Interventions", _join(data.get("interventions"))),
        ("Phase", _or_not_stated(data.get("phase"))),
        ("Study type", _or_not_stated(data.get("study_type"))),
    ]))

    parts.append("<h3>Recruitment</h3>")
    notes = data.get("status_notes") or []
    parts.append(_rows([
        ("Status", _status_html(data.get("status"))),
        ("Status notes", _join(notes) if notes else _NOT_STATED),
        ("Start date", _date_html(data.get("start_date"))),
        ("End date", _date_html(data.get("end_date"), data.get("end_date_kind"))),
        ("First posted", _date_html(data.get("first_posted"))),
        ("Last updated", _date_html(data.get("last_updated"))),
        ("Target enrolment", _or_not_stated(data.get("enrollment"))),
        ("Sponsor", _or_not_stated(data.get("sponsor"))),
        ("Collaborators", _join(data.get("collaborators"))),
    ]))

    parts.append("<h3>Who can take part</h3>")
    sex = data.get("sex")
    parts.append(_rows([
        ("Age", _age_html(data)),
        ("Sex", esc(str(sex).capitalize()) if sex else _NOT_STATED),
        ("Healthy volunteers", _yes_no(data.get("healthy_volunteers"))),
    ]))

    criteria = data.get("criteria") or {}
    totals = data.get("criteria_total") or {}
    for kind in ("inclusion", "exclusion"):
        parts.append(f"<h3>{kind.capitalize()} criteria</h3>")
        parts.append(criteria_html(criteria.get(kind) or []))
        parts.append(_more_html(f"criteria:{kind}", MAX_ROWS, totals.get(kind, 0), f"{kind} criteria"))

    parts.append("<h3>Summary</h3>")
    parts.append(f"<p>{_or_not_stated(data.get('summary'))}</p>")
    if data.get("description"):
        parts.append("<h3>Description</h3>")
        parts.append(f"<p>{esc(data['description'])}</p>")

    sites = data.get("sites") or []
    parts.append(f"<h3>Sites ({data.get('sites_total', len(sites)):,})</h3>")
    if sites:
        parts.append(_grid(
            ["Name", "City", "Region", "Country", "Status"],
            [[s.get("name"), s.get("city"), s.get("region"), s.get("country"), _site_status(s.get("status"))]
             for s in sites],
        ))
        parts.append(_more_html("sites", len(sites), data.get("sites_total", 0), "sites"))
    else:
        parts.append(f"<p>{_NOT_STATED}</p>")

    contacts = data.get("contacts") or []
    parts.append(f"<h3>Contacts ({data.get('contacts_total', len(contacts)):,})</h3>")
    if contacts:
        # One small block per contact: six columns side by side do not fit a narrow pane.
        blocks = []
        for c in contacts:
            blocks.append(
                '<table width="100%" cellspacing="1" cellpadding="4" bgcolor="#c8d0d8" '
                'style="margin-bottom: 6px;"><tr><td bgcolor="#ffffff">'
                + _rows([(label, _or_not_stated(c.get(key))) for label, key in (
                    ("Name", "name"), ("Role", "role"), ("Affiliation", "affiliation"),
                    ("Email", "email"), ("Phone", "phone"), ("Address", "address"))])
                + "</td></tr></table>"
            )
        parts.append("".join(blocks))
        parts.append(_more_html("contacts", len(contacts), data.get("contacts_total", 0), "contacts"))
    else:
        parts.append(f"<p>{_NOT_STATED}</p>")

    source = data.get("source") or {}
    parts.append("<h3>Source</h3>")
    parts.append(_rows([
        ("Format", _or_not_stated(source.get("format"))),
        ("File", _or_not_stated(source.get("file"))),
        ("URL", _safe_link(source.get("url"))),
        ("Current as of", _date_html(source.get("current_as_of"))),
    ]))

    extra = data.get("extra") or {}
    parts.append("<h3>Other fields in the record</h3>")
    if extra:
        parts.append(_rows([(str(k), _or_not_stated(v)) for k, v in sorted(extra.items())]))
        parts.append(_more_html("extra", len(extra), data.get("extra_total", 0), "other fields"))
    else:
        parts.append(f"<p>{_NOT_STATED}</p>")
    return "".join(parts), show


class TrialDetail(QTextBrowser):
    """Read-only view of one trial; external links open in the system browser."""

    PLACEHOLDER = "Select a trial in the list to see everything the catalog holds on it."

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("trialDetail")
        # Links are handled here: web links open in the browser, "show:" links the whole text.
        self.setOpenLinks(False)
        self.anchorClicked.connect(self.open_link)
        self.show_all = ShowAll()
        self.full_text_dialog = None
        # Long e-mail addresses and URLs wrap instead of widening the page.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # Everything wraps, so a horizontal scrollbar would only ever appear for the pixel
        # QTextDocument sometimes rounds a 100%-wide table up by.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.trial_id: str | None = None
        self.show_placeholder()

    def loadResource(self, type_: int, url):  # noqa: N802 (Qt's name)
        """Load nothing a document names: record text is escaped, and this makes sure no
        image or style sheet in a record can make the pane open a local file."""
        return None

    def show_placeholder(self, text: str | None = None) -> None:
        self.trial_id = None
        self.show_all = ShowAll()
        self.setHtml(f'<p style="color:#777777;">{esc(text or self.PLACEHOLDER)}</p>')

    def show_trial(self, trial_id: str) -> bool:
        """Fill the pane with one trial; False (and a plain message) when it is not there."""
        data = trial_to_dict(trial_id, max_rows=MAX_ROWS)  # the first rows of long lists only
        if data is None:
            self.show_placeholder(f"The trial {trial_id} is no longer in the catalog.")
            return False
        flags = merged_flags(data, trial_flags(trial_id))
        self.trial_id = trial_id
        page, self.show_all = trial_page(data, flags, {"sites": lambda: trial_sites(trial_id),
                                                       "contacts": lambda: trial_contacts(trial_id)})
        self.setHtml(page)
        return True

    def open_link(self, url: QUrl) -> None:
        if url.scheme() == SCHEME:
            self.show_whole(unquote(url.path()))
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def show_whole(self, key: str):
        """Open the whole of a text or list the page cut (paged, plain text); the dialog."""
        if key not in self.show_all:
            return None
        from ui.full_text import FullTextDialog

        if self.full_text_dialog is not None:
            self.full_text_dialog.close()
        self.full_text_dialog = FullTextDialog(f"{self.trial_id}: {self.show_all.title(key)}",
                                               self.show_all.text(key), self.window())
        self.full_text_dialog.show()
        return self.full_text_dialog
