"""The document model shared by the PDF, DOCX and TXT writers: a flat list of blocks.

A template builds blocks (title, heading, paragraph, label/value list, table, page break,
spacer); each block, or each row of a table or label/value list, may carry the truth field names
whose value it states. The writers lay the blocks out and report the page each block and row
landed on, which is how the truth's `pages_of` is filled in.
"""


class Block:
    """One layout unit. kind: title|heading|para|kv|table|pagebreak|spacer."""

    __slots__ = ("kind", "text", "lead", "tags", "rows", "row_tags", "widths", "aligns",
                 "header", "style")

    def __init__(self, kind, text="", lead="", tags=(), rows=None, row_tags=None, widths=None,
                 aligns=None, header=0, **style):
        self.kind = kind
        self.text = text
        self.lead = lead
        self.tags = list(tags)
        self.rows = rows
        self.row_tags = row_tags
        self.widths = widths
        self.aligns = aligns
        self.header = header
        self.style = style


def title(text, **kw):
    return Block("title", text, **kw)


def heading(text, tags=(), **kw):
    return Block("heading", text, tags=tags, **kw)


def para(text, lead="", tags=(), **kw):
    return Block("para", text, lead=lead, tags=tags, **kw)


def kv(rows, row_tags=None, **kw):
    """Label/value lines. rows: [(label, value)]; row_tags: [[field, ...], ...]."""
    return Block("kv", rows=rows, row_tags=row_tags or [[] for _ in rows], **kw)


def table(rows, widths, aligns=None, header=1, row_tags=None, **kw):
    """rows of cell strings; widths in points (sum <= 468); aligns 'l'|'r'|'c' per column."""
    return Block("table", rows=rows, widths=widths, aligns=aligns or ["l"] * len(widths),
                 header=header, row_tags=row_tags or [[] for _ in rows], **kw)


def pagebreak():
    return Block("pagebreak")


def spacer(h=12):
    return Block("spacer", style_h=h)


def field_pages(blocks, placements):
    """{field: first page} from per-block placements [(page, [row pages] or None)]."""
    out = {}
    for b, (page, row_pages) in zip(blocks, placements):
        for f in b.tags:
            out[f] = min(out.get(f, page), page)
        if b.row_tags and row_pages:
            for tags, p in zip(b.row_tags, row_pages):
                for f in tags:
                    out[f] = min(out.get(f, p), p)
    return out
