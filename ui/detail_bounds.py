"""Bounding what the detail pane renders, so any trial shows at once whatever its size.

``bound_trial(data)`` returns a copy of ``trial_to_dict`` output in which every long text
is cut to ELIDE_CHARS (an ``Elided`` string that remembers how long the whole was) and
every long list (sites, contacts, criteria items, other fields, list fields) to MAX_ROWS
entries. The ``ShowAll`` it returns beside the copy gives the whole text of anything cut,
as plain text, for the pane's "Show all (N characters)" links (shown paged, see
ui/full_text.py). Qt-free, so it is tested without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.catalog.record_fields import field_label, shown_fields
from core.i18n import _, pgettext

ELIDE_CHARS = 2_000  # one text shown in the pane; longer ones end in a Show all link
MAX_ROWS = 100  # entries of one list shown in the pane
SCHEME = "show"  # links "show:<key>" open the whole text

_LIST_FIELDS = ("registry_ids", "conditions", "keywords", "interventions", "collaborators", "status_notes")


class Elided(str):
    """The start of a text that was cut for display; ``total`` is the whole length and
    ``key`` names it for ShowAll (``link`` is the link's wording)."""

    key: str
    total: int
    link: str

    def __new__(cls, shown: str, key: str, total: int, link: str = "") -> Elided:
        obj = super().__new__(cls, shown)
        obj.key, obj.total = key, total
        obj.link = link or _("Show all ({n} characters)").format(n=f"{total:,}")
        return obj


class ShowAll:
    """Whole texts of what the pane cut: ``title(key)`` and ``text(key)`` (plain text)."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[str, Callable[[], str]]] = {}

    def add(self, key: str, title: str, text: Callable[[], str]) -> None:
        self._items[key] = (title, text)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def keys(self) -> list[str]:
        return list(self._items)

    def title(self, key: str) -> str:
        return self._items[key][0]

    def text(self, key: str) -> str:
        return self._items[key][1]()


def _text(value: Any, key: str, title: str, show: ShowAll) -> Any:
    if not isinstance(value, str) or len(value) <= ELIDE_CHARS:
        return value
    show.add(key, title, lambda: value)
    return Elided(value[:ELIDE_CHARS].rstrip() + "…", key, len(value))


def _more(key: str, total: int) -> Elided:
    return Elided("…", key, total, _("Show all {n} entries").format(n=f"{total:,}"))


def _rows_text(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    return "\n".join(", ".join(str(r.get(f)) for f in fields if r.get(f)) or _("(nothing stated)") for r in rows)


def _criteria_text(nodes: list[dict[str, Any]], depth: int = 0) -> str:
    lines = []
    for n in nodes:
        lines.append(f"{'    ' * depth}{n.get('label') or '•'} {n.get('text', '')}")
        if n.get("children"):
            lines.append(_criteria_text(n["children"], depth + 1))
    return "\n".join(lines)


def _bound_criteria(nodes: list[dict[str, Any]], kind: str, show: ShowAll, budget: list[int]) -> list[dict]:
    out = []
    for node in nodes:
        if budget[0] <= 0:
            break
        budget[0] -= 1
        copy = dict(node)
        copy["text"] = _text(node.get("text", ""), f"criterion:{node.get('key')}",
                             _criterion_title(kind, node.get("label") or node.get("key")), show)
        copy["children"] = _bound_criteria(node.get("children") or [], kind, show, budget)
        out.append(copy)
    return out


def _criterion_title(kind: str, label: str) -> str:
    return (_("Inclusion criterion {label}") if kind == "inclusion" else _("Exclusion criterion {label}")).format(
        label=label)


def _field_title(key: str) -> str:
    """A record field's name as a heading: the detail pane's own label when it has one."""
    return _field_titles().get(key) or key.replace("_", " ").capitalize()


def _row_title(key: str, number: int, field: str) -> str:
    """"Site 3: city", "Contact 1: email"."""
    template = _("Site {n}: {field}") if key == "sites" else _("Contact {n}: {field}")
    return template.format(n=number, field=_field_title(field))


def _count(nodes: list[dict[str, Any]]) -> int:
    return sum(1 + _count(n.get("children") or []) for n in nodes)


SITE_FIELDS = ("name", "city", "region", "country", "status")
CONTACT_FIELDS = ("name", "role", "affiliation", "email", "phone", "address")


def _field_titles() -> dict[str, str]:
    """Titles of the "Show all" windows (translated when asked, never at import)."""
    return {
    "title": pgettext("field", "Title"), "brief_title": pgettext("field", "Brief title"),
    "summary": pgettext("field", "Summary"), "description": pgettext("field", "Description"),
    "registry_ids": pgettext("field", "Registry IDs"), "conditions": pgettext("field", "Conditions"),
    "keywords": pgettext("field", "Keywords"), "interventions": pgettext("field", "Interventions"),
    "collaborators": pgettext("field", "Collaborators"), "status_notes": pgettext("field", "Status notes"),
    "name": pgettext("field", "Name"), "city": pgettext("field", "City"), "region": pgettext("field", "Region"),
    "country": pgettext("field", "Country"), "status": pgettext("field", "Status"),
    "role": pgettext("field", "Role"), "affiliation": pgettext("field", "Affiliation"),
    "email": pgettext("field", "Email"), "phone": pgettext("field", "Phone"), "address": pgettext("field", "Address"),
    }


def bound_trial(data: dict[str, Any], loaders: dict[str, Callable[[], list[dict[str, Any]]]] | None = None,
                ) -> tuple[dict[str, Any], ShowAll]:
    """A copy of ``data`` small enough to render at once, and the whole of what was cut.

    ``data`` may hold only the first rows of its sites / contacts (``sites_total`` says how
    many there are); ``loaders["sites"]()`` then reads them all when Show all is asked."""
    show = ShowAll()
    out = dict(data)
    for key, value in data.items():
        if isinstance(value, str):
            out[key] = _text(value, key, _field_title(key), show)
    for key in _LIST_FIELDS:
        items = list(data.get(key) or [])
        title = _field_title(key)
        bounded = [_text(v, f"{key}:{i}", title, show) for i, v in enumerate(items[:MAX_ROWS])]
        if len(items) > MAX_ROWS:
            show.add(key, title, lambda items=items: "\n".join(map(str, items)))
            bounded.append(_more(key, len(items)))
        out[key] = bounded
    for key, fields in (("sites", SITE_FIELDS), ("contacts", CONTACT_FIELDS)):
        rows = list(data.get(key) or [])
        total = max(len(rows), data.get(f"{key}_total") or 0)  # the read may have stopped early
        out[key] = [{f: _text(r.get(f), f"{key}:{i}:{f}", _row_title(key, i + 1, f), show)
                     for f in fields} for i, r in enumerate(rows[:MAX_ROWS])]
        out[f"{key}_total"] = total
        if total > MAX_ROWS:
            load = (loaders or {}).get(key, lambda rows=rows: rows)
            everything = (_("All {n} sites") if key == "sites" else _("All {n} contacts")).format(n=f"{total:,}")
            show.add(key, everything, lambda load=load, fields=fields: _rows_text(load(), fields))
    criteria = data.get("criteria") or {}
    out["criteria"] = {}
    out["criteria_total"] = {}
    for kind in ("inclusion", "exclusion"):
        nodes = criteria.get(kind) or []
        out["criteria"][kind] = _bound_criteria(nodes, kind, show, [MAX_ROWS])
        total = _count(nodes)
        out["criteria_total"][kind] = total
        if total > MAX_ROWS:
            everything = (_("All {n} inclusion criteria") if kind == "inclusion"
                          else _("All {n} exclusion criteria")).format(n=f"{total:,}")
            show.add(f"criteria:{kind}", everything, lambda nodes=nodes: _criteria_text(nodes))
    extra = data.get("extra") or {}
    items = sorted(extra.items())
    out["extra"] = {str(k)[:200]: _text(v, f"extra:{i}", field_label(str(k)[:200]), show)
                    for i, (k, v) in enumerate(items[:MAX_ROWS])}
    out["extra_total"] = len(items)
    if len(items) > MAX_ROWS:
        show.add("extra", _("All {n} other fields").format(n=f"{len(items):,}"),
                 lambda: "\n\n".join(_("{label}: {value}").format(label=k, value=v) for k, v in shown_fields(extra)))
    source = dict(data.get("source") or {})
    out["source"] = {k: _text(v, f"source:{k}", _("Source: {field}").format(field=k), show) for k, v in source.items()}
    return out, show
