"""Split eligibility text into numbered inclusion / exclusion items, keeping structure.

Handles heading variants ("Inclusion Criteria:", "Key exclusion criteria", text after the
colon on the same line), numbered, lettered, roman and bulleted lists nested by marker
style, hard-wrapped lines (joined back), inline "a) ... b) ..." sub-lists, and plain
paragraphs. Item text stays verbatim apart from joining wrapped lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.criteria import pdq_blocks
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode

_HEADING = re.compile(
    r"^\s*(?:[-*•#]+\s*)*(?:key\s+|main\s+|principal\s+|major\s+)?"
    r"(?P<kind>inclusion|exclusion|selection|eligibility)\s+criteria\b\s*"
    r"(?:\((?:[^)]{0,40})\))?\s*[:：]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Criteria for exclusion:" (NIH records write the heading this way round).
_HEADING_FOR = re.compile(
    r"^\s*(?:[-*•#]+\s*)*criteria\s+for\s+(?P<kind>inclusion|exclusion)\s*[:：]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BULLET = r"[-–—•*·▪●◦‣○■□➢►✓]"
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    # 1.2 / 1-1 / 1. / 1) / (1) / 1、 / 1． — the lookahead keeps "1.5 mg" from being a marker
    ("num", re.compile(r"^\(?(?P<label>\d{1,3}(?:[.-]\d{1,2})*)(?:[.)、．]|\)\.?)(?=\s|$|[^\d\s])\s*")),
    ("num_paren", re.compile(r"^\((?P<label>\d{1,3})\)\s*")),
    ("roman", re.compile(r"^\(?(?P<label>(?:i{1,3}|iv|vi{0,3}|ix|x))[.)]\s+", re.IGNORECASE)),
    ("alpha", re.compile(r"^\(?(?P<label>[a-zA-Z])[.)]\s+")),
    ("circled", re.compile(r"^(?P<label>[①-⑳])\s*")),
]
_BULLET_RE = re.compile(rf"^(?:{_BULLET}\s*)+")
_LEADIN = re.compile(r"[:：]\s*$")
_SENTENCE_END = re.compile(r"[.;。；!?]\s*$")
_WRAP_WIDTH = 60
# A line ending in "e.g." or "i.e." stops mid-sentence, whatever its final full stop says.
_ABBREVIATION_END = re.compile(r"(?:\b(?:e\.\s?g|i\.\s?e|vs|approx|incl|viz|cf)\.|\bet al\.)\s*$", re.IGNORECASE)
_INLINE_ALPHA = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[:：;,.]))\(?([a-h])\)\s+")
_CRITERION_LABEL = re.compile(r"\(\s*criterion\s+([\w.-]+)\s*\)\s*\.?\s*$", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>=^~|%&$])")


def unescape_markdown(text: str) -> str:
    """Undo markdown backslash escapes (``\\>=`` -> ``>=``) that registries export."""
    return _MD_ESCAPE.sub(r"\1", text)


@dataclass
class _Item:
    text: str
    label: str | None
    style: str | None  # marker style, None for unmarked lines
    children: list[_Item] = field(default_factory=list)
    lines: int = 1

    def node(self, kind: str) -> CriterionNode:
        label = self.label
        text = self.text.strip()
        if label is None:
            m = _CRITERION_LABEL.search(text)
            if m:
                label = m.group(1)
        node = CriterionNode(kind=kind, text=text, label=label,
                             children=[c.node(kind) for c in self.children])
        if not node.children and not pdq_blocks.split_block(node):  # a run-together PDQ section: its outline
            _split_inline_alpha(node)
        return node


def _split_inline_alpha(node: CriterionNode) -> None:
    """Turn "lead-in: a) x b) y c) z" inside one item into sub-items a, b, c."""
    matches = list(_INLINE_ALPHA.finditer(node.text))
    # Need a proper sequence a), b), ... starting at a.
    seq = []
    expected = "a"
    for m in matches:
        if m.group(1) == expected:
            seq.append(m)
            expected = chr(ord(expected) + 1)
    if len(seq) < 2:
        return
    lead = node.text[: seq[0].start()].strip()
    if not lead:
        return
    children = []
    for i, m in enumerate(seq):
        end = seq[i + 1].start() if i + 1 < len(seq) else len(node.text)
        children.append(CriterionNode(kind=node.kind, text=node.text[m.end():end].strip(),
                                      label=m.group(1)))
    node.text = lead
    node.children = children


def _marker(line: str) -> tuple[str | None, str | None, str]:
    """(style, label, rest) for a list line; (None, None, line) when unmarked."""
    stripped = line.strip()
    had_bullet = False
    m = _BULLET_RE.match(stripped)
    if m and m.end() < len(stripped) + 1:
        rest = stripped[m.end():]
        # "- " followed by a hyphenated word is still a bullet; "-5 mg" is not.
        if not (stripped[0] in "-–—" and rest[:1].isdigit() and m.end() == 1):
            stripped = rest
            had_bullet = True
    for style, pattern in _MARKERS:
        mm = pattern.match(stripped)
        if mm:
            rest = stripped[mm.end():]
            if style == "alpha" and not rest:
                continue
            return style, mm.group("label"), rest
    if had_bullet:
        return "bullet", None, stripped
    return None, None, stripped


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _text_column(line: str) -> int:
    """Where the text of a marked line starts ("  -  Text" -> 5): where its wrapped lines align."""
    expanded = line.expandtabs(4)
    stripped = expanded.lstrip()
    style, _label, rest = _marker(stripped)
    if style is None or not rest:
        return _indent(line)
    return len(expanded) - len(stripped) + stripped.index(rest[:10])


def _sibling_depth(stack: list[tuple[str | None, _Item]], style: str, indent: int,
                   indent_of: dict[int, int]) -> int | None:
    """Where to cut the stack of open items before adding a ``style`` item at ``indent``.

    Items nest by marker style ("1." holding "-" bullets); items of the same style nest
    by indentation ("* a" holding "  * b", as markdown exports write sub-lists). The new
    item becomes a child of what is left open; None means keep the whole stack.
    """
    same = [i for i, (s, _) in enumerate(stack) if s == style]
    if not same:
        return None
    indents = [indent_of.get(id(stack[i][1])) for i in same]
    if any(x is None for x in indents):
        return same[0]
    level = [i for i, x in zip(same, indents, strict=True) if abs(x - indent) <= 1]
    if level:
        return level[-1]
    if all(x < indent - 1 for x in indents):
        # Indented below every open item of its style: a sub-list of the innermost open
        # item that is less indented than it.
        for i in range(same[-1] + 1, len(stack)):
            x = indent_of.get(id(stack[i][1]))
            if x is not None and x >= indent:
                return i
        return None
    return same[0]


def _is_short(line: str) -> bool:
    return len(line.strip()) < 40


def _fills_line(line: str) -> bool:
    """A line long enough to have been hard-wrapped (registries wrap at about 80 columns)."""
    return len(line.expandtabs(4).rstrip()) >= _WRAP_WIDTH


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not _ABBREVIATION_END.search(line)


def _open_parenthesis(text: str) -> bool:
    return text.count("(") > text.count(")")


def _parse_items(lines: list[str]) -> list[_Item]:
    """Build the item tree from the lines of one section."""
    roots: list[_Item] = []
    # Stack of (style, item) from outermost to innermost open list item.
    stack: list[tuple[str | None, _Item]] = []
    last: _Item | None = None
    last_line = ""
    leadin_parent: _Item | None = None  # unmarked paragraph ending with ":"
    on_marker_line = False  # last_line opened the last marked item

    indent_of: dict[int, int] = {}  # id(item) -> indentation of its marker line

    for raw in lines:
        if not raw.strip():
            last_line = ""
            continue
        style, label, rest = _marker(raw)
        if style is not None:
            item = _Item(rest, label, style)
            indent = _indent(raw)
            indent_of[id(item)] = indent
            depth = _sibling_depth(stack, style, indent, indent_of)
            if depth is not None:
                del stack[depth:]
            if stack:
                stack[-1][1].children.append(item)
            elif leadin_parent is not None:
                leadin_parent.children.append(item)
                stack.append((None, leadin_parent))
            else:
                roots.append(item)
            stack.append((style, item))
            last = item
            last_line = raw
            on_marker_line = True
            continue
        # Unmarked line: continuation of the previous line, or a new item.
        text = rest
        prev_open = last_line and not _ends_sentence(last_line) and not _LEADIN.search(last_line)
        # A hard-wrapped list item whose sentence happens to end at a line end goes on while
        # the next line is aligned under the item's text ("  -  … environment.\n     Similarly, …").
        wrapped = (last is not None and last.style is not None and _fills_line(last_line) and _ends_sentence(last_line)
                   and not _LEADIN.search(last_line) and _indent(raw) > indent_of.get(id(last), 0) + 1
                   and _indent(raw) == (_text_column(last_line) if on_marker_line else _indent(last_line)))
        # A parenthesis left open runs on across a blank line ("(e.g. Patient\n\nrequiring … care)").
        bracketed = last is not None and _open_parenthesis(last.text) and text[:1].islower()
        if last is not None and (wrapped or bracketed or prev_open and (
                text[:1].islower() or not _is_short(last_line) or not text[:1].isalpha())):
            last.text = f"{last.text} {text}"
            last.lines += 1
            last_line = raw
            on_marker_line = False
            continue
        item = _Item(text, None, None)
        if last is not None and last_line and _LEADIN.search(last_line) and last.style is not None:
            # "1. Group heading:" followed by plain lines: they are its sub-items.
            last.children.append(item)
            stack.append(("plain", item))
        elif stack and stack[-1][0] == "plain":
            stack.pop()
            stack[-1][1].children.append(item)
            stack.append(("plain", item))
        elif last is not None and last.style is not None and last_line and _is_short(last_line) \
                and not last.children:
            # "4. Healthy person" then a sentence: the sentence belongs to that item.
            last.children.append(item)
            stack.append(("plain", item))
        else:
            stack.clear()
            roots.append(item)
            leadin_parent = item if _LEADIN.search(text) else None
        last = item
        last_line = raw
        on_marker_line = False
    return roots


def split_section(text: str, kind: str) -> list[CriterionNode]:
    """Items of one section whose kind is already known (inclusion or exclusion)."""
    lines = unescape_markdown(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return [item.node(kind) for item in _parse_items(lines)]


def split_criteria(text: str, default_kind: str = INCLUSION) -> list[CriterionNode]:
    """Split a whole eligibility section with its own headings into criterion nodes.

    Text before any heading belongs to ``default_kind``.
    """
    sections: list[tuple[str, list[str]]] = [(default_kind, [])]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line in lines:
        m = _HEADING.match(line) or _HEADING_FOR.match(line)
        if m and len(line.strip()) < 200:
            word = m.group("kind").casefold()
            kind = EXCLUSION if word == "exclusion" else INCLUSION
            sections.append((kind, []))
            rest = m.group("rest").strip()
            if rest:
                sections[-1][1].append(rest)
            continue
        sections[-1][1].append(line)
    nodes: list[CriterionNode] = []
    for kind, body in sections:
        if any(b.strip() for b in body):
            nodes.extend(split_section("\n".join(body), kind))
    return nodes


_INLINE_BULLET = re.compile(r"[ \t]*[•▪●◦][ \t]*")
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)][ \t]+(?=\S)")
_INLINE_HEADING = re.compile(r"(?<=[.;:])\s+([A-Z][\w/-]*(?:[ -][\w/-]+){0,3}:)\s*$")


def break_inline_lists(text: str) -> str:
    """Put list items that a registry ran together on one line back on lines of their own.

    "… criteria: • a • b" gets one line per bullet; "Pre-operative: 1. x. 2. y." one line
    per number, but only for a run 1, 2, 3… in order (so "0.5 mg" or "grade 2. Then" stay).
    Lines that are already short lists are left alone; wording is unchanged.
    """
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.count("•") + line.count("▪") + line.count("●") + line.count("◦") >= 2:
            head, *items = _INLINE_BULLET.split(line)
            if head.strip():
                out.append(head.rstrip())
            out.extend(f"  • {item.strip()}" for item in items if item.strip())
            continue
        out.extend(_break_numbers(line))
    return "\n".join(out)


def _break_numbers(line: str) -> list[str]:
    run: list[re.Match[str]] = []
    expected = 1
    for m in _INLINE_NUMBER.finditer(line):
        if int(m.group(1)) == expected:
            run.append(m)
            expected += 1
    if len(run) < 2:
        return [line]
    pieces: list[str] = []
    head = line[: run[0].start()].rstrip()
    for i, m in enumerate(run):
        end = run[i + 1].start() if i + 1 < len(run) else len(line)
        pieces.append(line[m.start():end].strip())
    lines: list[str] = []
    for text in [head, *pieces]:
        # "…the trial. Intra-operative:" before the next number is a heading of its own.
        h = _INLINE_HEADING.search(text)
        if h and h.start() > 0:
            lines.extend([text[: h.start()].strip(), h.group(1)])
        elif text:
            lines.append(text)
    return lines
