"""The machine-checkable part of PDF/UA-1 (ISO 14289-1) for the resident's documents, read
with pikepdf from the PDF's catalogue, fonts and structure tree.

`pdf_ua_problems(data)` lists what a reader (or reading software) would miss:
- tagged: /MarkInfo /Marked, a structure tree, each page's content in it (/StructParents),
  and the XMP metadata's PDF/UA identification;
- a title, shown as the window's title (/DisplayDocTitle), and the language (/Lang, Dutch);
- every font embedded (a font file in its descriptor);
- headings that start at H1 and skip no level going down, lists made of items with a body,
  and headings and list items in the structure's order as they come down the pages (the
  reading order; pypdf finds where their text is drawn).

Not checked here (a full validator such as veraPDF checks them): the tags' content against
what is drawn, alternative texts of figures, artifacts.
"""

from io import BytesIO
from itertools import pairwise

import pikepdf
from pypdf import PdfReader

HEADINGS = {f"/H{n}": n for n in range(1, 7)}


def pdf_ua_problems(data: bytes) -> list[str]:
    with pikepdf.open(BytesIO(data)) as pdf:
        root = pdf.Root
        problems = []
        if not root.get("/MarkInfo", {}).get("/Marked", False):
            problems.append("not marked as tagged (/MarkInfo /Marked)")
        if not str(root.get("/Lang", "")).startswith("nl"):
            problems.append(f"language is {root.get('/Lang')!r}, not Dutch")
        if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
            problems.append("the title is not shown as the window's title (/DisplayDocTitle)")
        with pdf.open_metadata() as meta:
            if not (meta.get("dc:title") or "").strip():
                problems.append("no title in the metadata (dc:title)")
            if meta.get("{http://www.aiim.org/pdfua/ns/id/}part") != "1":
                problems.append("no PDF/UA-1 identification in the metadata (pdfuaid:part)")
        for number, page in enumerate(pdf.pages, start=1):
            if "/StructParents" not in page.obj:
                problems.append(f"page {number}'s content is not in the structure tree")
            problems += [f"page {number}: {p}" for p in _unembedded_fonts(page)]
        tree = root.get("/StructTreeRoot")
        if tree is None:
            return [*problems, "no structure tree"]
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        role_map = tree.get("/RoleMap", {})
        elements = list(_walk(tree, role_map))
        problems += _heading_order([kind for kind, _element in elements])
        problems += _lists(elements, role_map)
        problems += _reading_order(data, tree, pages, role_map)
        return problems


def _unembedded_fonts(page) -> list[str]:
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    problems = []
    for name, font in fonts.items():
        for part in [font, *font.get("/DescendantFonts", [])]:
            descriptor = part.get("/FontDescriptor")
            if descriptor is None:
                continue
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {name} ({descriptor.get('/FontName')}) is not embedded")
    return problems


def _kind(element, role_map) -> str:
    kind = str(element.get("/S", ""))
    return str(role_map.get(kind, kind))


def _children(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(element, role_map):
    """(standard type, element) of each structure element, in the tree's order."""
    for kid in _children(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield _kind(kid, role_map), kid
            yield from _walk(kid, role_map)


def _heading_order(kinds: list[str]) -> list[str]:
    levels = [HEADINGS[kind] for kind in kinds if kind in HEADINGS]
    problems = []
    if levels and levels[0] != 1:
        problems.append(f"the first heading is H{levels[0]}, not H1")
    for before, after in pairwise(levels):
        if after > before + 1:
            problems.append(f"heading H{after} follows H{before}: a level skipped")
    return problems


def _lists(elements, role_map) -> list[str]:
    problems = []
    for kind, element in elements:
        kinds = [
            _kind(kid, role_map)
            for kid in _children(element)
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid
        ]
        if kind == "/L" and (not kinds or any(k not in ("/LI", "/Caption", "/L") for k in kinds)):
            problems.append(f"a list holds {kinds}, not list items")
        if kind == "/LI" and "/LBody" not in kinds:
            problems.append(f"a list item holds {kinds}, no /LBody")
    return problems


def _reading_order(data: bytes, tree, pages, role_map) -> list[str]:
    """Headings and list items, in the structure's order, come down the pages in that
    order: page by page, top to bottom, left to right on a line. (What is drawn first need
    not come first: a float is drawn before the text beside it.)"""
    where = _positions(data)
    found = []

    def first_position(element, page):
        page = element.get("/Pg", page)
        for kid in _children(element):
            if isinstance(kid, int) and page is not None:
                spot = where.get((pages.get(page.objgen), int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                spot = where.get((pages.get(kid.get("/Pg", page).objgen), int(kid["/MCID"])))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                spot = first_position(kid, page)
            else:
                spot = None
            if spot is not None:
                return spot
        return None

    def collect(element, page):
        page = element.get("/Pg", page) if "/S" in element else page
        for kid in _children(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                kind = _kind(kid, role_map)
                if kind in HEADINGS or kind == "/LI":
                    spot = first_position(kid, page)
                    if spot is not None:
                        found.append((spot, kind))
                collect(kid, page)

    collect(tree, None)
    if not found:
        return ["no heading or list item has text the structure points at"]
    return [
        f"{after[1]} at {after[0]} comes after {before[1]} at {before[0]} in the structure"
        " but above it on paper"
        for before, after in pairwise(found)
        if after[0] < before[0]
    ][:5]


def _positions(data: bytes) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Where each marked content's first text is: (page, mcid) -> (page, rounded distance
    from the top, rounded distance from the left)."""
    positions = {}
    for index, page in enumerate(PdfReader(BytesIO(data)).pages):
        open_ids = []
        height = float(page.mediabox.height)

        def before(operator, operands, cm, tm, open_ids=open_ids):
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else {}
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                open_ids.append(mcid)
            elif operator == b"BMC":
                open_ids.append(None)
            elif operator == b"EMC" and open_ids:
                open_ids.pop()

        def text(chunk, cm, tm, font, size, open_ids=open_ids, index=index, height=height):
            mcid = next((m for m in reversed(open_ids) if m is not None), None)
            if mcid is None or not chunk.strip() or (index, mcid) in positions:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            # Rounded to 3 points, so that the words of one line share their height.
            positions[(index, int(mcid))] = (index, round((height - y) / 3), round(x / 3))

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return positions
