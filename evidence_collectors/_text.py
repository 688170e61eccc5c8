"""Turning documents into sections: Markdown, HTML and PDF, plus the legal references in headings.

Pure functions over bytes/text; no I/O besides reading the PDF bytes given. Untrusted text stays
inert: it is only measured, excerpted and matched against fixed patterns.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import yaml

__all__ = ["Section", "ParsedDoc", "parse_markdown", "parse_html", "parse_pdf", "heading_refs", "split_front_matter",
           "slug"]


@dataclass
class Section:
    heading: str
    level: int
    line: int | None  # 1-based line of the heading (Markdown/HTML); None for PDF
    page: int | None = None  # 1-based page (PDF)
    text: str = ""  # own body, up to the next heading of any level
    end_line: int | None = None
    parent: int | None = None  # index of the parent section
    total_text_length: int = 0  # own body plus every subsection's


@dataclass
class ParsedDoc:
    format: str
    title: str = ""
    text_length: int = 0
    sections: list[Section] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # front matter / <meta> / PDF info
    meta_error: str | None = None  # front matter that could not be read (with its line)
    page_count: int | None = None
    signature_fields: int | None = None
    section_source: str = "headings"  # headings | outline | heuristic


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:80] or "section"


# --- front matter ----------------------------------------------------------------------------------

_FM_END = re.compile(r"^(?:---|\.\.\.)\s*$")


def split_front_matter(text: str) -> tuple[dict[str, Any], str | None, int]:
    """(front matter mapping, error or None, number of lines it used). YAML via safe_load only."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, None, 0
    for i in range(1, len(lines)):
        if _FM_END.match(lines[i]):
            block = "\n".join(lines[1:i])
            try:
                data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                return {}, f"line {line}: front matter is not valid YAML ({getattr(exc, 'problem', exc)})", i + 1
            if data is None:
                return {}, None, i + 1
            if not isinstance(data, dict):
                return {}, "line 1: front matter is not a mapping", i + 1
            return data, None, i + 1
    return {}, "line 1: front matter starts with '---' but never ends", 0


# --- legal references in headings ------------------------------------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
          "XII": 12, "XIII": 13, "XIV": 14}
_ANNEX_RE = re.compile(
    r"\b(?i:annex)\s+(?P<annex>[IVX]{1,5})\b"
    r"(?:[\s,]*(?:(?i:point|section|pt\.?|§)\s*)?(?P<point>\d{1,2})\b"
    r"(?:\s*\(\s*(?P<letter>[a-z])\s*\)|\.(?P<letter2>[a-z])\b)?)?")
_ART_RE = re.compile(
    r"\b(?i:art(?:icle|\.)?)\s*(?P<art>\d{1,3})\b(?:\s*\(\s*(?P<para>\d{1,2})\s*\))?"
    r"(?:\s*\(\s*(?P<letter>[a-z])\s*\))?")
_NUM_RE = re.compile(
    r"^\s*(?:(?:section|§)\s*)?"
    r"(?:(?P<num>\d{1,3}(?:\.\d{1,3})*)(?:\s*\((?P<l1>[a-z])\)|\.(?P<l2>[a-z])(?=[\s.):]))?[.):]?"
    r"|\((?P<l3>[a-z])\)|(?P<l4>[a-z])[.)])(?=\s)", re.IGNORECASE)


@dataclass(frozen=True)
class Ref:
    """A reference to a provision: ('annex', 'IV', '2', 'b') or ('art', '17', '1', 'd')."""

    scheme: str
    head: str
    point: str | None = None
    letter: str | None = None

    def catalogue_id(self) -> str:
        base = f"annex_{self.head.lower()}" if self.scheme == "annex" else f"art{self.head}"
        return ".".join([base] + [p for p in (self.point, self.letter) if p])

    def label(self) -> str:
        if self.scheme == "annex":
            s = f"Annex {self.head}"
            if self.point:
                s += f" {self.point}" + (f"({self.letter})" if self.letter else "")
            return s
        s = f"Art. {self.head}" + (f"({self.point})" if self.point else "") + (f"({self.letter})" if self.letter else "")
        return s


def heading_number(heading: str) -> tuple[str | None, str | None, str | None]:
    """(normalised number like '2(b)', '2.1' or '(b)', its leading integer part, its letter)."""
    m = _NUM_RE.match(heading)
    if not m:
        return None, None, None
    num = m.group("num")
    letter = m.group("l1") or m.group("l2") or m.group("l3") or m.group("l4")
    if letter and not letter.islower():  # "A." headings are outline letters, not points (a)-(m)
        letter = letter.lower()
    if num and letter:
        return f"{num}({letter})", num, letter
    if num:
        return num, num, None
    return f"({letter})", None, letter


def heading_refs(heading: str) -> list[Ref]:
    refs: list[Ref] = []
    for m in _ANNEX_RE.finditer(heading):
        roman = m.group("annex").upper()
        if roman not in _ROMAN:
            continue
        refs.append(Ref("annex", roman, m.group("point"), m.group("letter") or m.group("letter2")))
    for m in _ART_RE.finditer(heading):
        refs.append(Ref("art", m.group("art"), m.group("para"), m.group("letter")))
    return refs


def resolve_refs(sections: list[Section]) -> list[list[Ref]]:
    """References per section: explicit in the heading, or completed from the nearest ancestor's.

    A heading "(b) Design specifications" under "Annex IV point 2" resolves to Annex IV 2(b); a heading
    "2(b) ..." under "Annex IV" resolves to Annex IV 2(b); a heading "(d) ..." under "Art 17(1)" to
    Art 17(1)(d).
    """
    out: list[list[Ref]] = []
    for s in sections:
        refs = heading_refs(s.heading)
        if not refs:
            anc = s.parent
            while anc is not None and not out[anc]:
                anc = sections[anc].parent
            if anc is not None:
                _num, point, letter = heading_number(s.heading)
                for r in out[anc]:
                    if r.letter:
                        continue
                    if r.point is None and point is not None and r.scheme == "annex":
                        refs.append(Ref(r.scheme, r.head, point.split(".")[0], letter))
                    elif r.point is not None and point is None and letter is not None:
                        refs.append(Ref(r.scheme, r.head, r.point, letter))
                    elif r.point is not None and point is not None and point.split(".")[0] == r.point and letter:
                        refs.append(Ref(r.scheme, r.head, r.point, letter))
        out.append(refs)
    return out


def _link_tree(sections: list[Section]) -> None:
    stack: list[int] = []
    for i, s in enumerate(sections):
        while stack and sections[stack[-1]].level >= s.level:
            stack.pop()
        s.parent = stack[-1] if stack else None
        stack.append(i)
    for i in range(len(sections) - 1, -1, -1):
        s = sections[i]
        s.total_text_length += len(s.text)
        if s.parent is not None:
            sections[s.parent].total_text_length += s.total_text_length


# --- Markdown --------------------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _inline_plain(text: str) -> str:
    t = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"[*_`]+", "", t)
    return t.strip()


def parse_markdown(text: str) -> ParsedDoc:
    meta, err, fm_lines = split_front_matter(text)
    lines = text.split("\n")
    doc = ParsedDoc(format="markdown", meta=meta, meta_error=err)
    body: list[str] = []
    fence: str | None = None
    cur: Section | None = None
    preamble: list[str] = []
    for idx in range(fm_lines, len(lines)):
        line = lines[idx]
        if fence is None:
            fm = _FENCE.match(line)
            if fm:
                fence = fm.group(1)[0] * 3
            else:
                m = _ATX.match(line)
                if m:
                    if cur is not None:
                        cur.text = "\n".join(body).strip()
                        cur.end_line = idx
                    heading = _inline_plain(m.group(2) or "")
                    cur = Section(heading=heading, level=len(m.group(1)), line=idx + 1)
                    doc.sections.append(cur)
                    body = []
                    continue
        elif line.lstrip().startswith(fence):
            fence = None
        (body if cur is not None else preamble).append(line)
    if cur is not None:
        cur.text = "\n".join(body).strip()
        cur.end_line = len(lines)
    _link_tree(doc.sections)
    body_text = "\n".join(lines[fm_lines:])
    doc.text_length = len(body_text.strip())
    doc.title = str(meta.get("title") or "") or next((s.heading for s in doc.sections if s.level == 1), "")
    return doc


# --- HTML ------------------------------------------------------------------------------------------


class _HTMLSections(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "head"}
    _BLOCK = {"p", "div", "li", "br", "tr", "section", "article", "table", "ul", "ol", "pre", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.heading: tuple[int, int, list[str]] | None = None  # level, line, text parts
        self.sections: list[Section] = []
        self.body: list[str] = []
        self.all_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = a.get("name") or a.get("property")
            if name:
                self.meta[name.lower()] = a.get("content", "")
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in self._SKIP and tag != "head":
            self.skip += 1
            return
        if re.fullmatch(r"h[1-6]", tag) and self.skip == 0:
            self._close_section()
            self.heading = (int(tag[1]), self.getpos()[0], [])
        elif tag in self._BLOCK:
            self.body.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self._SKIP and tag != "head":
            self.skip = max(0, self.skip - 1)
        elif re.fullmatch(r"h[1-6]", tag) and self.heading is not None:
            level, line, parts = self.heading
            self.sections.append(Section(heading=" ".join("".join(parts).split()), level=level, line=line))
            self.heading = None
            self.body = []

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        if self.heading is not None:
            self.heading[2].append(data)
            return
        self.body.append(data)
        self.all_text.append(data)

    def _close_section(self) -> None:
        if self.sections:
            self.sections[-1].text = _squash(self.body)
            self.sections[-1].end_line = self.getpos()[0]
        self.body = []

    def finish(self) -> None:
        if self.sections:
            self.sections[-1].text = _squash(self.body)
            self.sections[-1].end_line = self.getpos()[0]


def _squash(parts: list[str]) -> str:
    text = "".join(parts)
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln).strip()


def parse_html(text: str) -> ParsedDoc:
    p = _HTMLSections()
    p.feed(text)
    p.close()
    p.finish()
    _link_tree(p.sections)
    meta: dict[str, Any] = {}
    for k, v in sorted(p.meta.items()):
        meta[k] = v
    doc = ParsedDoc(format="html", meta=meta, sections=p.sections)
    doc.title = " ".join(p.title.split()) or next((s.heading for s in p.sections if s.level == 1), "")
    doc.text_length = len(_squash(p.all_text)) + sum(len(s.heading) for s in p.sections)
    return doc


# --- PDF -------------------------------------------------------------------------------------------

_HEUR_HEADING = re.compile(
    r"^(?:(?:annex|article|art\.|section|chapter)\s+[\dIVX]+.*|\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z].{2,100}|"
    r"\([a-m]\)\s+[A-Z].{2,100})$", re.IGNORECASE)


def _norm(s: str) -> str:
    return " ".join(s.split()).lower()


def parse_pdf(data: bytes) -> ParsedDoc:
    """Text per page with pypdf; sections from the PDF outline (bookmarks), else heading-like lines.

    Raises ValueError (with the reason) when the PDF cannot be parsed or is encrypted.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # pypdf raises various errors for unsupported encryption
                raise ValueError(f"PDF is encrypted ({exc})") from None
            if not ok:
                raise ValueError("PDF is encrypted with a password")
        pages = [(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata or {}
        meta = {str(k).lstrip("/").lower(): str(v) for k, v in info.items()}
        outline: list[tuple[int, str, int | None]] = []

        def walk(items: Any, level: int) -> None:
            for it in items:
                if isinstance(it, list):
                    walk(it, level + 1)
                else:
                    try:
                        pno = reader.get_destination_page_number(it)
                    except Exception:
                        pno = None
                    outline.append((level, " ".join(str(it.title).split()), pno))

        try:
            walk(reader.outline, 1)
        except Exception:
            outline = []
        fields = 0
        try:
            for f in (reader.get_fields() or {}).values():
                if f.get("/FT") == "/Sig":
                    fields += 1
        except Exception:
            fields = 0
    except PdfReadError as exc:
        raise ValueError(f"not a readable PDF ({exc})") from None
    except ValueError:
        raise
    except Exception as exc:  # pypdf may raise many things on damaged input
        raise ValueError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None

    doc = ParsedDoc(format="pdf", meta=meta, page_count=len(pages), signature_fields=fields)
    full = ""
    page_starts: list[int] = []
    for t in pages:
        page_starts.append(len(full))
        full += t + "\n"
    doc.text_length = len(full.strip())
    doc.title = " ".join(meta.get("title", "").split())

    def page_of(pos: int) -> int:
        n = 0
        for i, start in enumerate(page_starts):
            if start <= pos:
                n = i
        return n + 1

    marks: list[tuple[int, int, str, int]] = []  # (pos, level, heading, end of heading)
    if outline:
        doc.section_source = "outline"
        pos = 0
        low = full.lower()
        for level, title, pno in outline:
            start = page_starts[pno] if pno is not None and pno < len(page_starts) else pos
            found = _find_heading(low, _norm(title), max(start, pos) if pno is not None else pos)
            if found is None:
                found = _find_heading(low, _norm(title), pos)
            if found is None:
                marks.append((max(start, pos), level, title, max(start, pos)))
                continue
            marks.append((found[0], level, title, found[1]))
            pos = found[1]
    else:
        doc.section_source = "heuristic"
        offset = 0
        for line in full.split("\n"):
            s = line.strip()
            if s and len(s) <= 120 and _HEUR_HEADING.match(s):
                num, _p, _l = heading_number(s)
                level = (num.count(".") + 1) if num and num[0].isdigit() else (3 if num else 1)
                marks.append((offset, level, s, offset + len(line)))
            offset += len(line) + 1
    for i, (pos, level, heading, end) in enumerate(marks):
        nxt = marks[i + 1][0] if i + 1 < len(marks) else len(full)
        body = full[end:nxt] if nxt >= end else ""
        doc.sections.append(Section(heading=heading, level=level, line=None, page=page_of(pos),
                                    text=" ".join(body.split())))
    _link_tree(doc.sections)
    return doc


def _find_heading(low: str, title: str, start: int) -> tuple[int, int] | None:
    """Find a heading's text in the extracted text, tolerant of line breaks/spaces pypdf inserts."""
    if not title:
        return None
    words = [re.escape(w) for w in title.split()]
    pat = re.compile(r"\s*".join(words))
    m = pat.search(low, start)
    return (m.start(), m.end()) if m else None
