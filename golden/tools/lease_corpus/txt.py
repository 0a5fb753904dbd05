"""Plain-text writer: the same blocks as fixed-width text, with or without form-feed pages.

With form feeds, lines are paginated (a paragraph is never split across pages) and pages are
separated by \\f; without, the whole document is page 1. Optional hard wrapping and footers.
"""

import textwrap


def _wrap(text, width, indent=0, first=None, enabled=True):
    if not enabled:
        return [" " * (first if first is not None else indent) + text]
    return textwrap.wrap(text, width=width, initial_indent=" " * (first if first is not None
                                                                       else indent),
                         subsequent_indent=" " * indent, break_long_words=False,
                         break_on_hyphens=False) or [""]


def _table_lines(rows, aligns, header, pipes):
    cols = len(rows[0])
    w = [max(len(r[c]) for r in rows) for c in range(cols)]
    out = []
    for k, r in enumerate(rows):
        cells = []
        for c in range(cols):
            cells.append(r[c].rjust(w[c]) if aligns[c] == "r" else r[c].ljust(w[c]))
        out.append(("| " + " | ".join(cells) + " |") if pipes else "   ".join(cells).rstrip())
        if k == header - 1:
            out.append(("|" + "|".join("-" * (x + 2) for x in w) + "|") if pipes else
                       "   ".join("-" * x for x in w))
    return out


def block_lines(b, st):
    width = st.get("width", 80)
    wrap = st.get("wrap", True)
    if b.kind == "title":
        return [[ln.center(width).rstrip() for ln in b.text.split("\n")] + [""]]
    if b.kind == "heading":
        t = b.text.upper() if st.get("upper_headings") else b.text
        if b.style.get("align", st.get("heading_align")) == "center":
            t = t.center(width).rstrip()
        return [[t] + (["-" * len(t.strip())] if st.get("underline") else [])]
    if b.kind == "para":
        ind = int(b.style.get("indent", 0) / 7)
        fi = ind + (int(b.style.get("first_indent", st.get("first_indent", 0)) / 7))
        text = ((b.lead + " ") if b.lead else "") + b.text
        return [_wrap(text, width, ind, fi, wrap) + [""]]
    if b.kind == "kv":
        lw = st.get("label_cols", 28)
        out = []
        for label, value in b.rows:
            if st.get("leaders"):
                head = (label.rstrip(":") + " ").ljust(lw, ".") + " "
            else:
                head = label.ljust(lw)
            lines = _wrap(value, width - len(head), 0, 0, wrap)
            out.append([head + lines[0]] + [" " * len(head) + x for x in lines[1:]])
        out[-1] = out[-1] + [""]
        return out
    if b.kind == "table":
        lines = _table_lines(b.rows, b.aligns, b.header, st.get("pipes", False))
        # one unit per row: header rows (with their rule) stay together with the first row
        units = []
        k = 0
        for r in range(len(b.rows)):
            n = 2 if r == b.header - 1 else 1
            units.append(lines[k:k + n])
            k += n
        units[-1] = units[-1] + [""]
        return units
    if b.kind == "spacer":
        return [[""]]
    raise ValueError(b.kind)


def render(blocks, st):
    """Blocks -> (text, page count, placements)."""
    ff = st.get("formfeed", False)
    per_page = st.get("lines_per_page", 56)
    pages = [[]]
    placements = []
    for b in blocks:
        if b.kind == "pagebreak":
            if ff and pages[-1]:
                pages.append([])
            placements.append((len(pages), None))
            continue
        units = block_lines(b, st)
        row_pages = []
        for u in units:
            if ff and pages[-1] and len(pages[-1]) + len(u) > per_page:
                pages.append([])
            pages[-1].extend(u)
            row_pages.append(len(pages))
        placements.append((row_pages[0], row_pages if b.kind in ("kv", "table") else None))
    total = len(pages)
    out = []
    for p, lines in enumerate(pages, 1):
        body = "\n".join(lines).rstrip("\n") + "\n"
        if ff and st.get("footer"):
            body += "\n" + st["footer"](p, total) + "\n"
        out.append(body)
    text = "\f".join(out) if ff else "".join(out)
    return text, total, placements
