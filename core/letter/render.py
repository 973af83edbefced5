"""Render a ReferralLetter to PDF bytes with reportlab platypus.

Named paragraph styles, a first page with room for the letterhead, "Page x of y" in the
footer counted per letter (each trial's letter may be sent on its own), tables that split
across pages with their header repeated, every string escaped before it becomes
Paragraph markup, and one embedded
CJK-capable font (WenQuanYi Micro Hei, subset) so Chinese and Japanese names print and
extract as text on any viewer.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from core.i18n import _, using_language
from core.letter.model import ReferralLetter, TrialLetter
from core.letter.model import Table as LetterTable
from resources import paths

FONT = "LetterSans"
_font_ready = False


def _register_font() -> None:
    global _font_ready
    if _font_ready:
        return
    font_file = paths.resource("fonts", "wqy-microhei.ttc")
    pdfmetrics.registerFont(TTFont(FONT, str(font_file), subfontIndex=0))
    _font_ready = True


def styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles of a letter."""
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5)
    return {
        "body": base,
        "letterhead_name": ParagraphStyle("letterhead_name", parent=base, fontSize=14, leading=17),
        "letterhead": ParagraphStyle("letterhead", parent=base, fontSize=9, leading=11.5,
                                     textColor=colors.HexColor("#333333")),
        "date": ParagraphStyle("date", parent=base, alignment=TA_RIGHT),
        "address": ParagraphStyle("address", parent=base, leading=12.5),
        "re": ParagraphStyle("re", parent=base, fontSize=11, leading=14, spaceBefore=6, spaceAfter=6),
        "heading": ParagraphStyle("heading", parent=base, fontSize=11, leading=14, spaceBefore=8,
                                  spaceAfter=3, textColor=colors.HexColor("#1F3A5F"), keepWithNext=1),
        "table_heading": ParagraphStyle("table_heading", parent=base, fontSize=11, leading=14, spaceBefore=8,
                                        spaceAfter=3, textColor=colors.HexColor("#1F3A5F")),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_head": ParagraphStyle("cell_head", parent=base, fontSize=8.5, leading=10.5,
                                    textColor=colors.white),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
    }


_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
_cjk_styles: dict[str, ParagraphStyle] = {}


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: markup characters are escaped, line breaks kept.

    Text with Chinese or Japanese characters wraps between any two characters (CJK
    rules); other text wraps at spaces, which is much cheaper to lay out.
    """
    if _CJK.search(text or ""):
        cjk = _cjk_styles.get(style.name)
        if cjk is None:
            cjk = _cjk_styles[style.name] = ParagraphStyle(f"{style.name}_cjk", parent=style, wordWrap="CJK")
        style = cjk
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


class _LetterStart(Flowable):
    """Zero-size marker at the start of each letter: pages from here on belong to it."""

    def __init__(self, index: int, trial_id: str, footer: str = "", language: str = "en"):
        super().__init__()
        self.index, self.trial_id, self.footer, self.language = index, trial_id, footer, language

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.letter_mark = (self.index, self.trial_id, self.footer, self.language)


class _NumberedCanvas(Canvas):
    """Holds every page until the end so each footer can say "Page x of y" in one pass,
    counted within the page's own letter (pages carry the mark of the letter they belong to)."""

    def __init__(self, *args, footer: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer_text = footer
        self.letter_mark: tuple[int, str, str, str] = (0, "", footer, "en")

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for state in self._pages:
            totals[state["letter_mark"][0]] = totals.get(state["letter_mark"][0], 0) + 1
        seen: dict[int, int] = {}
        for state in self._pages:
            index, trial_id, footer, language = state["letter_mark"]
            seen[index] = seen.get(index, 0) + 1
            self.__dict__.update(state)
            with using_language(language):
                self._draw_footer(trial_id, footer or self._footer_text, seen[index], totals[index])
            super().showPage()
        super().save()

    def _draw_footer(self, trial_id: str, footer: str, page: int, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(colors.HexColor("#555555"))
        y = 12 * mm
        self.drawString(20 * mm, y, footer[:140])
        number = _("Page {page} of {total}").format(page=page, total=total)
        self.drawRightString(A4[0] - 20 * mm, y, f"{trial_id}  ·  {number}" if trial_id else number)
        self.restoreState()


class _LetterDoc(BaseDocTemplate):
    """A4 pages with margins that leave room for the footer."""

    def __init__(self, buffer: io.BytesIO, letter: ReferralLetter, st: dict[str, ParagraphStyle]):
        super().__init__(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                         bottomMargin=22 * mm, title=_(letter.title), author=letter.letterhead.clinic_name,
                         subject=_("Referral letter"), creator="Trial eligibility assistant")
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])


def _table(table: LetterTable, st: dict[str, ParagraphStyle], widths: list[float]) -> Table:
    data = [[para(h, st["cell_head"]) for h in table.header]]
    data += [[para(c, st["cell"]) for c in row] for row in table.rows]
    # Split between rows (and inside a row taller than the space left) with the header
    # repeated, so a long table starts where it is and never leaves half a page empty.
    t = Table(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F3A5F")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F5F9")]),
    ]))
    return t


def _titled_table(title: str, table: LetterTable, st: dict[str, ParagraphStyle], widths: list[float]) -> list:
    """A heading and its table. Not kept together (that moves a long table whole to the next
    page): a new page only when the heading and the first rows would not fit."""
    return [CondPageBreak(30 * mm), para(title, st["table_heading"]), _table(table, st, widths)]


def _letterhead(letter: ReferralLetter, st: dict[str, ParagraphStyle], width: float) -> list:
    head = letter.letterhead
    lines = head.lines()
    text = [para(lines[0], st["letterhead_name"])] if lines else []
    text += [para(x, st["letterhead"]) for x in lines[1:]]
    logo = None
    if head.logo_path and Path(head.logo_path).is_file():
        try:
            logo = Image(head.logo_path)
            scale = min(30 * mm / logo.imageWidth, 22 * mm / logo.imageHeight)
            logo.drawWidth, logo.drawHeight = logo.imageWidth * scale, logo.imageHeight * scale
        except Exception:  # an unreadable logo must not stop the letter
            logo = None
    if logo is not None:
        block = Table([[text or "", logo]], colWidths=[width - 34 * mm, 34 * mm])
        block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [block, Spacer(1, 6 * mm)]
    # Room for the letterhead is kept even when settings leave it empty (printed paper).
    return text + [Spacer(1, 6 * mm if text else 28 * mm)]


def _trial_story(letter: ReferralLetter, tl: TrialLetter, st: dict[str, ParagraphStyle], width: float) -> list:
    story = _letterhead(letter, st, width)
    story.append(para(tl.date_line, st["date"]))
    story += [para(x, st["address"]) for x in tl.addressee]
    story.append(Spacer(1, 5 * mm))
    story.append(para(tl.re_line, st["re"]))
    story.append(para(tl.salutation, st["body"]))
    story.append(Spacer(1, 2 * mm))
    story.append(para(tl.opening, st["body"]))
    if tl.eligible_from or tl.before_enrolment:
        story.append(para(_("Before enrolment"), st["heading"]))
        if tl.eligible_from:
            story.append(para(tl.eligible_from, st["body"]))
        story += [para(f"• {x}", st["body"]) for x in tl.before_enrolment]
    story.append(para(_("Patient"), st["heading"]))
    story += [para(x, st["body"]) for x in tl.patient_lines]
    story.append(para(_("Clinical summary"), st["heading"]))
    story += [para(x, st["body"]) for x in tl.summary]
    if tl.treatments.rows:
        story += _titled_table(_("Treatment history"), tl.treatments, st,
                               [w * width for w in (0.28, 0.16, 0.16, 0.18, 0.22)])
    if tl.results.rows:
        story += _titled_table(_("Key results"), tl.results, st, [w * width for w in (0.4, 0.3, 0.3)])
    crit_widths = [w * width for w in (0.12, 0.5, 0.38)]
    for title, table in ((_("Criteria satisfied (inclusions met, exclusions absent)"), tl.criteria_met),
                         (_("Satisfied after the steps before enrolment or from a later date"), tl.criteria_later),
                         (_("To be confirmed by the study team"), tl.criteria_to_confirm),
                         (_("Criteria not satisfied"), tl.criteria_not_met)):
        if table.rows:
            story += _titled_table(title, table, st, crit_widths)
    if tl.tests_needed:
        story.append(para(_("Tests still needed"), st["heading"]))
        story += [para(f"• {x}", st["body"]) for x in tl.tests_needed]
    story.append(Spacer(1, 4 * mm))
    story.append(KeepTogether([
        para(tl.closing, st["body"]),
        Spacer(1, 14 * mm),
        para("_" * 34, st["body"]),
        para(tl.clinician_name or _("Referring clinician"), st["body"]),
        para(tl.clinician_role, st["small"]),
    ]))
    return story


def render_pdf(letter: ReferralLetter) -> bytes:
    """The letter as PDF bytes: one section per trial, each starting on a new page."""
    _register_font()
    st = styles()

    buffer = io.BytesIO()
    languages = {tl.language for tl in letter.letters}
    with using_language(languages.pop() if len(languages) == 1 else "en"):  # the PDF's title: the letters' language
        doc = _LetterDoc(buffer, letter, st)
    story: list = []
    for i, tl in enumerate(letter.letters):
        if i:
            story.append(PageBreak())
        story.append(_LetterStart(i, tl.trial_id, tl.footer, tl.language))
        with using_language(tl.language):  # the headings in the letter's language
            story += _trial_story(letter, tl, st, doc.width)
    if not story:
        story.append(para(_("No trial was chosen for this referral."), st["body"]))

    def canvas_maker(*args, **kwargs):
        return _NumberedCanvas(*args, footer=letter.footer, **kwargs)

    doc.build(story, canvasmaker=canvas_maker)
    return buffer.getvalue()
