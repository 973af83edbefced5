"""The trial page as HTML: every field the catalog holds on one trial (the detail pane shows it).

Everything that comes from a record goes through ``esc`` (html.escape) before it is put
into the HTML, so markup in a source record is shown as text, never interpreted. Long texts
and lists are cut (ui/detail_bounds.py), each with a "Show all" link.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote, urlparse

from core.catalog import status as st
from core.catalog.record_fields import (
    field_label,
    field_value,
    kind_word,
    phase_text,
    role_text,
    sex_text,
    study_type_text,
)
from core.i18n import _, pgettext
from core.vocab.countries import country_name
from ui.catalog_model import format_years
from ui.detail_bounds import MAX_ROWS, SCHEME, Elided, ShowAll, bound_trial

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


def _not_stated() -> str:
    return '<span style="color:#777777;">' + html.escape(_("Not stated")) + "</span>"


def esc(value: Any) -> str:
    """Record text as safe HTML (newlines kept as line breaks); a text cut for display
    ends with its Show all link."""
    text = html.escape(str(value), quote=True).replace("\n", "<br>")
    if isinstance(value, Elided):
        text += f' <a href="{SCHEME}:{quote(value.key, safe="")}">{html.escape(value.link)}</a>'
    return text


# (what is shown, the link) under a list that was cut, per list.
def _more_words(kind: str) -> tuple[str, str]:
    return {
        "sites": (_("Showing the first {shown} of {total} sites."), _("Show all {total} sites")),
        "contacts": (_("Showing the first {shown} of {total} contacts."), _("Show all {total} contacts")),
        "inclusion": (_("Showing the first {shown} of {total} inclusion criteria."),
                      _("Show all {total} inclusion criteria")),
        "exclusion": (_("Showing the first {shown} of {total} exclusion criteria."),
                      _("Show all {total} exclusion criteria")),
        "extra": (_("Showing the first {shown} of {total} other fields."), _("Show all {total} other fields")),
    }[kind]


def _more_html(key: str, shown: int, total: int, kind: str) -> str:
    """"Showing the first 100 of 5,000 sites. Show all" under a list that was cut."""
    if total <= shown:
        return ""
    showing, link = (w.format(shown=f"{shown:,}", total=f"{total:,}") for w in _more_words(kind))
    return (f'<p style="color:#555555;">{html.escape(showing)} '
            f'<a href="{SCHEME}:{quote(key, safe="")}">{html.escape(link)}</a></p>')


def _or_not_stated(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return _not_stated()
    return esc(value)


def _join(values: list[Any] | None) -> str:
    items = [v for v in (values or []) if v not in (None, "")]
    if not items:
        return _not_stated()
    return "; ".join(esc(v) for v in items)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _not_stated()
    return esc(_("Yes") if value else _("No"))


def _safe_link(url: str | None) -> str:
    if not url:
        return _not_stated()
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return f'<a href="{html.escape(url, quote=True)}">{esc(url)}</a>'
    return esc(url)


def _status_html(code: str | None) -> str:
    label = esc(_(st.label(code)))
    if code in st.OPEN_STATUSES:
        return f'<b style="color:#1b6e20;">{label}</b> ' + esc(_("(open to referral)"))
    if code in st.CLOSED_STATUSES:
        return f'<b style="color:#8a1c1c;">{label}</b> ' + esc(_("(not taking patients)"))
    return f"<b>{label}</b>"


def _site_status(text: str | None) -> str | None:
    code = st.normalize_status(text)
    return _(st.label(code)) if code else text


def _date_html(value: str | None, kind: str | None = None) -> str:
    if not value:
        return _not_stated()
    if not kind:
        return esc(value)
    return esc(pgettext("a date and its kind", "{date} ({kind})").format(date=value, kind=kind_word(kind)))


def _age_html(data: dict[str, Any]) -> str:
    lo, hi = data.get("min_age_years"), data.get("max_age_years")
    parts = [
        _("minimum {n} years").format(n=format_years(lo)) if lo is not None else _("no minimum stated"),
        _("maximum {n} years").format(n=format_years(hi)) if hi is not None else _("no maximum stated"),
    ]
    text = esc(pgettext("list separator", ", ").join(parts))
    if data.get("age_text"):
        printed = esc(_("(as printed: “{text}”)").format(text=data["age_text"]))
        text += f' &nbsp;<span style="color:#555555;">{printed}</span>'
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
        return f"<p>{_not_stated()}</p>"
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
    heading = esc(_("Data-quality warnings ({n})").format(n=len(flags)))
    return (
        '<table width="100%" cellspacing="2" cellpadding="8" bgcolor="#e0b400">'
        '<tr><td bgcolor="#fff3cd">'
        f'<b style="color:#7a4b00;">⚠ {heading}</b>'
        f'<ul style="margin-top:4px; margin-bottom:0px;">{items}</ul></td></tr></table>'
    )


def merged_flags(data: dict[str, Any], computed: list[Any]) -> list[dict[str, str]]:
    """Flags computed now (first, in the app's language) plus any stored with the trial, without duplicates."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for flag in list(computed) + list(data.get("flags") or []):
        if isinstance(flag, dict):
            item = {"code": str(flag.get("code", "")), "message": str(flag.get("message", flag))}
        elif hasattr(flag, "message"):
            item = {"code": str(getattr(flag, "code", "")), "message": str(flag.message)}
        else:
            item = {"code": "", "message": str(flag)}
        # One flag per code: a stored flag's English words and the same flag computed now in the app's
        # language are one warning.
        key = (item["code"], "") if item["code"] else ("", item["message"])
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _h3(text: str) -> str:
    return f"<h3>{esc(text)}</h3>"


def _sex_word(sex: str) -> str:
    """The record's sex eligibility ("all", "female", "male") in the app's language."""
    return sex_text(sex) if sex.casefold() in ("all", "female", "male") else sex.capitalize()


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
        id_line += " &nbsp;·&nbsp; " + esc(_("also {ids}").format(ids=", ".join(others)))
    status_html = _status_html(data.get("status"))
    parts.append(f'<p style="margin-top:0px;"><b>{id_line}</b> &nbsp;·&nbsp; {status_html}</p>')
    parts.append(flags_html(flags))

    parts.append(_h3(_("Overview")))
    parts.append(_rows([
        (_("Trial ID"), esc(data.get("trial_id", ""))),
        (pgettext("field", "Registry IDs"), _join(ids)),
        (pgettext("field", "Title"), _or_not_stated(data.get("title"))),
        (pgettext("field", "Brief title"), _or_not_stated(data.get("brief_title"))),
        (_("Acronym"), _or_not_stated(data.get("acronym"))),
        (pgettext("field", "Conditions"), _join(data.get("conditions"))),
        (pgettext("field", "Keywords"), _join(data.get("keywords"))),
        (pgettext("field", "Interventions"), _join(data.get("interventions"))),
        (_("Phase"), _or_not_stated(phase_text(data.get("phase")))),
        (_("Study type"), _or_not_stated(study_type_text(data.get("study_type")))),
    ]))

    parts.append(_h3(_("Recruitment")))
    notes = data.get("status_notes") or []
    parts.append(_rows([
        (pgettext("field", "Status"), _status_html(data.get("status"))),
        (pgettext("field", "Status notes"), _join(notes) if notes else _not_stated()),
        (_("Start date"), _date_html(data.get("start_date"))),
        (_("End date"), _date_html(data.get("end_date"), data.get("end_date_kind"))),
        (_("First posted"), _date_html(data.get("first_posted"))),
        (_("Last updated"), _date_html(data.get("last_updated"))),
        (_("Target enrolment"), _or_not_stated(data.get("enrollment"))),
        (_("Sponsor"), _or_not_stated(data.get("sponsor"))),
        (pgettext("field", "Collaborators"), _join(data.get("collaborators"))),
    ]))

    parts.append(_h3(_("Who can take part")))
    sex = data.get("sex")
    parts.append(_rows([
        (_("Age"), _age_html(data)),
        (_("Sex"), esc(_sex_word(str(sex))) if sex else _not_stated()),
        (_("Healthy volunteers"), _yes_no(data.get("healthy_volunteers"))),
    ]))

    criteria = data.get("criteria") or {}
    totals = data.get("criteria_total") or {}
    for kind in ("inclusion", "exclusion"):
        parts.append(_h3(_("Inclusion criteria") if kind == "inclusion" else _("Exclusion criteria")))
        parts.append(criteria_html(criteria.get(kind) or []))
        parts.append(_more_html(f"criteria:{kind}", MAX_ROWS, totals.get(kind, 0), kind))

    parts.append(_h3(pgettext("field", "Summary")))
    parts.append(f"<p>{_or_not_stated(data.get('summary'))}</p>")
    if data.get("description"):
        parts.append(_h3(pgettext("field", "Description")))
        parts.append(f"<p>{esc(data['description'])}</p>")

    sites = data.get("sites") or []
    parts.append(_h3(_("Sites ({n})").format(n=f"{data.get('sites_total', len(sites)):,}")))
    if sites:
        parts.append(_grid(
            [pgettext("field", "Name"), pgettext("field", "City"), pgettext("field", "Region"),
             pgettext("field", "Country"), pgettext("field", "Status")],
            [[s.get("name"), s.get("city"), s.get("region"), country_name(s.get("country")),
              _site_status(s.get("status"))] for s in sites],
        ))
        parts.append(_more_html("sites", len(sites), data.get("sites_total", 0), "sites"))
    else:
        parts.append(f"<p>{_not_stated()}</p>")

    contacts = data.get("contacts") or []
    parts.append(_h3(_("Contacts ({n})").format(n=f"{data.get('contacts_total', len(contacts)):,}")))
    if contacts:
        # One small block per contact: six columns side by side do not fit a narrow pane.
        blocks = []
        for c in contacts:
            c = {**c, "role": role_text(c.get("role"))}  # a usual role in the language, another as written
            blocks.append(
                '<table width="100%" cellspacing="1" cellpadding="4" bgcolor="#c8d0d8" '
                'style="margin-bottom: 6px;"><tr><td bgcolor="#ffffff">'
                + _rows([(label, _or_not_stated(c.get(key))) for label, key in (
                    (pgettext("field", "Name"), "name"), (pgettext("field", "Role"), "role"),
                    (pgettext("field", "Affiliation"), "affiliation"), (pgettext("field", "Email"), "email"),
                    (pgettext("field", "Phone"), "phone"), (pgettext("field", "Address"), "address"))])
                + "</td></tr></table>"
            )
        parts.append("".join(blocks))
        parts.append(_more_html("contacts", len(contacts), data.get("contacts_total", 0), "contacts"))
    else:
        parts.append(f"<p>{_not_stated()}</p>")

    source = data.get("source") or {}
    parts.append(_h3(_("Source")))
    parts.append(_rows([
        (_("Format"), _or_not_stated(source.get("format"))),
        (_("File"), _or_not_stated(source.get("file"))),
        (_("URL"), _safe_link(source.get("url"))),
        (_("Current as of"), _date_html(source.get("current_as_of"))),
    ]))

    extra = data.get("extra") or {}
    parts.append(_h3(_("Other fields in the record")))
    if extra:
        parts.append(_rows([(field_label(k), _or_not_stated(v if isinstance(v, Elided) else field_value(k, v)))
                            for k, v in sorted(extra.items())]))
        parts.append(_more_html("extra", len(extra), data.get("extra_total", 0), "extra"))
    else:
        parts.append(f"<p>{_not_stated()}</p>")
    return "".join(parts), show
