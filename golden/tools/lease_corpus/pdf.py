"""A minimal hand-written PDF 1.4 writer and the page layout engine shared with the DOCX writer.

Standard Type 1 fonts only (Helvetica, Helvetica-Bold, Helvetica-Oblique, WinAnsiEncoding), one
Flate-compressed content stream per page, every line (and every table cell) its own text object
positioned with Tm/Td, Letter pages with 1-inch margins. Paragraphs are never split across a page
break, so a key sentence always sits on one page. No timestamps: output is byte-identical per input.
"""

import random
import zlib

# Helvetica / Helvetica-Bold advance widths (1/1000 em) for ASCII 32..126, from the AFM files.
_HELV = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
         556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
         1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
         667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
         333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
         556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584]
_HELVB = [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
          556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
          975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
          667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
          333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
          611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584]
_EXTRA = {"\u201c": (333, 500), "\u201d": (333, 500), "\u2019": (222, 278), "\u2018": (222, 278),
          "\u2013": (556, 556), "\u2014": (1000, 1000), "\u00a7": (556, 556), "\u2022": (350, 350),
          "\u00b6": (537, 556), "\u00e9": (556, 556), "\u00f1": (556, 611), "\u00bd": (834, 834)}

FONTS = {"F1": "Helvetica", "F2": "Helvetica-Bold", "F3": "Helvetica-Oblique"}

PAGE_W, PAGE_H = 612, 792


def char_width(c, font):
    o = ord(c)
    bold = font == "F2"
    if 32 <= o <= 126:
        return (_HELVB if bold else _HELV)[o - 32]
    if c in _EXTRA:
        return _EXTRA[c][1 if bold else 0]
    raise ValueError(f"character {c!r} not in the corpus repertoire")


def text_width(s, font, size):
    return sum(char_width(c, font) for c in s) * size / 1000.0


def wrap(segments, width, size, first_indent=0.0):
    """Greedy word wrap of [(font, text)] into lines of [(font, text)] runs.

    Returns [(runs, natural_width, n_spaces)]."""
    words = []  # (font, word, space_before)
    for font, text in segments:
        for k, w in enumerate(text.split(" ")):
            if w:
                words.append((font, w, k > 0))
    lines = []
    cur, cur_w, avail = [], 0.0, width - first_indent
    sp = 278 * size / 1000.0
    for font, w, space_before in words:
        ww = text_width(w, font, size)
        add = ww + (sp if cur and space_before else 0)
        if cur and cur_w + add > avail:
            lines.append(cur)
            cur, cur_w, avail = [], 0.0, width
            add = ww
        cur.append((font, w, space_before and bool(cur)))
        cur_w += add
    if cur:
        lines.append(cur)
    out = []
    for ln in lines:
        runs = []
        nsp = 0
        for font, w, sb in ln:
            piece = (" " if sb else "") + w
            nsp += 1 if sb else 0
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + piece)
            else:
                runs.append((font, piece))
        nat = sum(text_width(t, f, size) for f, t in runs)
        out.append((runs, nat, nsp))
    return out


DEFAULT_STYLE = dict(size=10.0, leading=12.5, gap=6.0, left=72.0, right=540.0, top=720.0,
                     bottom=72.0, justify=False, first_indent=0.0, heading_size=11.0,
                     heading_align="left", title_size=14.0, kern=False, td=False,
                     heading_upper=False, rule_headings=False)


class Layout:
    """Lays blocks out on pages. Result: pages (lists of draw ops) and placements per block."""

    def __init__(self, style, seed=0):
        self.st = dict(DEFAULT_STYLE)
        self.st.update(style)
        self.rng = random.Random(seed)

    # ---- measuring: every block becomes units [(height, items)], items [(dy, op)] ----
    def _para_items(self, segments, x, width, size, align, first_indent=0.0, leading=None):
        st = self.st
        leading = leading or st["leading"]
        lines = wrap(segments, width, size, first_indent)
        items = []
        for k, (runs, nat, nsp) in enumerate(lines):
            lx = x + (first_indent if k == 0 else 0)
            lw = width - (first_indent if k == 0 else 0)
            tw = 0.0
            if align == "center":
                lx = x + (width - nat) / 2
            elif align == "right":
                lx = x + width - nat
            elif align == "justify" and k < len(lines) - 1 and nsp:
                tw = (lw - nat) / nsp
            items.append((k * leading, ("text", lx, runs, size, tw)))
        return len(lines) * leading, items

    def units(self, b):
        st = self.st
        L, W = st["left"], st["right"] - st["left"]
        size = b.style.get("size", st["size"])
        if b.kind == "title":
            items, h = [], 0.0
            tsize = b.style.get("size", st["title_size"])
            for line in b.text.split("\n"):
                hh, it = self._para_items([("F2", line)], L, W, tsize, "center",
                                          leading=tsize * 1.35)
                items += [(h + dy, op) for dy, op in it]
                h += hh
            return [(h + b.style.get("after", 8), items)]
        if b.kind == "heading":
            hsize = b.style.get("size", st["heading_size"])
            text = b.text.upper() if st["heading_upper"] else b.text
            align = b.style.get("align", st["heading_align"])
            indent = b.style.get("indent", 0.0)
            h, items = self._para_items([("F2", text)], L + indent, W - indent, hsize, align,
                                        leading=hsize * 1.3)
            if st["rule_headings"]:
                items.append((h - hsize * 1.3 + 3, ("line", L, st["right"], 0.5)))
            return [(h + 2, items)]
        if b.kind == "para":
            indent = b.style.get("indent", 0.0)
            fi = b.style.get("first_indent", st["first_indent"])
            align = b.style.get("align", "justify" if st["justify"] else "left")
            font = "F2" if b.style.get("bold") else ("F3" if b.style.get("italic") else "F1")
            segs = ([("F2", b.lead)] if b.lead else []) + [(font, (" " if b.lead else "") + b.text)]
            h, items = self._para_items(segs, L + indent, W - indent, size, align, fi)
            return [(h, items)]
        if b.kind == "kv":
            lw = b.style.get("label_w", 170.0)
            indent = b.style.get("indent", 0.0)
            lfont = "F2" if b.style.get("label_bold", True) else "F1"
            out = []
            for label, value in b.rows:
                h1, it1 = self._para_items([(lfont, label)], L + indent, lw - 8, size, "left")
                h2, it2 = self._para_items([("F1", value)], L + indent + lw, W - lw - indent,
                                           size, "left")
                out.append((max(h1, h2) + b.style.get("row_gap", 2.0), it1 + it2))
            return out
        if b.kind == "table":
            pad = 4.0
            xs = [L + b.style.get("indent", 0.0)]
            for w in b.widths:
                xs.append(xs[-1] + w)
            tsize = b.style.get("size", st["size"] - 0.5)
            lead = tsize * 1.25
            out = []
            for r, row in enumerate(b.rows):
                font = "F2" if r < b.header else b.style.get("font", "F1")
                items, h = [], lead
                for c, cell in enumerate(row):
                    if cell == "":
                        continue
                    cw = b.widths[c] - 2 * pad
                    hh, it = self._para_items([(font, cell)], xs[c] + pad, cw, tsize,
                                              {"l": "left", "r": "right", "c": "center"}[
                                                  b.aligns[c]], leading=lead)
                    items += it
                    h = max(h, hh)
                h += 3.0
                if b.style.get("grid"):
                    items.append((-tsize - 1, ("rect", xs[0], xs[-1], h)))
                elif r == b.header - 1 or (r == 0 and b.header):
                    if r == b.header - 1:
                        items.append((h - tsize - 2, ("line", xs[0], xs[-1], 0.75)))
                if r == 0 and b.style.get("rules", True) and not b.style.get("grid"):
                    items.append((-tsize - 1, ("line", xs[0], xs[-1], 0.75)))
                out.append((h, items))
            if b.style.get("rules", True) and not b.style.get("grid") and out:
                h, items = out[-1]
                out[-1] = (h, items + [(h - tsize - 2, ("line", xs[0], xs[-1], 0.75))])
            return out
        raise ValueError(b.kind)

    def run(self, blocks):
        st = self.st
        pages = [[]]
        placements = []
        y = st["top"]
        hard = []  # page numbers (1-based) that start because of an explicit page break
        n = len(blocks)

        def new_page(hard_break=False):
            nonlocal y
            pages.append([])
            y = st["top"]
            if hard_break:
                hard.append(len(pages))

        def fits(h):
            return y - h + st["leading"] >= st["bottom"] - 0.01

        unit_cache = {}
        for i, b in enumerate(blocks):
            if b.kind == "pagebreak":
                if pages[-1]:
                    new_page(True)
                placements.append((len(pages), None))
                continue
            if b.kind == "spacer":
                y -= b.style.get("style_h", 12)
                placements.append((len(pages), None))
                continue
            us = unit_cache.pop(i, None) or self.units(b)
            for key in [k for k in unit_cache if k < i]:
                del unit_cache[key]
            gap = b.style.get("before", 0.0)
            if b.kind == "heading" and pages[-1]:
                gap = max(gap, st["gap"])
            if pages[-1] and gap:
                y -= gap
            if b.kind in ("heading", "title") and i + 1 < n:
                need = us[0][0]
                j = i + 1
                while j < n and blocks[j].kind == "heading":
                    nu = unit_cache.get(j) or self.units(blocks[j])
                    unit_cache[j] = nu
                    need += nu[0][0] + st["gap"]
                    j += 1
                if j < n and blocks[j].kind in ("para", "kv", "table"):
                    nxt = unit_cache.get(j) or self.units(blocks[j])
                    unit_cache[j] = nxt
                    k = 1 if blocks[j].kind != "table" else blocks[j].header + 2
                    need += sum(u[0] for u in nxt[:k])
                if pages[-1] and not fits(need):
                    new_page()
            if b.kind in ("table",) and b.header:
                head = us[:b.header]
                rows = us[b.header:]
                need = sum(u[0] for u in head) + (rows[0][0] if rows else 0)
                if pages[-1] and not fits(need if not b.style.get("keep") else
                                          sum(u[0] for u in us)):
                    new_page()
                first_page = len(pages)
                row_pages = []
                for hu in head:
                    self._put(pages[-1], y, hu)
                    y -= hu[0]
                    row_pages.append(len(pages))
                for ru in rows:
                    if not fits(ru[0]):
                        new_page()
                        if b.style.get("repeat_header", True):
                            for hu in head:
                                self._put(pages[-1], y, hu)
                                y -= hu[0]
                    self._put(pages[-1], y, ru)
                    y -= ru[0]
                    row_pages.append(len(pages))
                placements.append((first_page, row_pages))
            elif b.kind in ("kv", "table"):
                if pages[-1] and b.style.get("keep") and not fits(sum(u[0] for u in us)):
                    new_page()
                first_page = None
                row_pages = []
                for ru in us:
                    if pages[-1] and not fits(ru[0]):
                        new_page()
                    self._put(pages[-1], y, ru)
                    y -= ru[0]
                    row_pages.append(len(pages))
                    first_page = first_page or len(pages)
                placements.append((first_page, row_pages))
            else:
                h = us[0][0]
                if pages[-1] and not fits(h):
                    new_page()
                if not fits(h):
                    raise ValueError(f"block taller than a page: {b.text[:60]!r}")
                self._put(pages[-1], y, us[0])
                y -= h
                placements.append((len(pages), None))
            y -= b.style.get("after", st["gap"]) if b.kind != "title" else 0
        if not pages[-1]:
            pages.pop()
        return pages, placements, hard

    def _put(self, page, y, unit):
        for dy, op in unit[1]:
            page.append((y - dy, op))


def _esc(s):
    out = []
    for byte in s.encode("cp1252"):
        ch = chr(byte)
        if ch in "()\\":
            out.append("\\" + ch)
        elif byte < 32 or byte > 126:
            out.append(f"\\{byte:03o}")
        else:
            out.append(ch)
    return "(" + "".join(out) + ")"


def _num(v):
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class ContentWriter:
    """Turns draw ops into a content stream (with optional kerning noise)."""

    def __init__(self, style, rng):
        self.st = style
        self.rng = rng

    def show(self, text):
        if not self.st.get("kern") or len(text) < 6:
            return _esc(text) + " Tj"
        parts, i = [], 0
        while i < len(text):
            j = min(len(text), i + self.rng.randint(3, 12))
            parts.append(text[i:j])
            i = j
        arr = []
        for k, p in enumerate(parts):
            arr.append(_esc(p))
            if k < len(parts) - 1:
                arr.append(str(self.rng.choice([-18, -12, -8, 9, 15, 20, 27])))
        return "[" + " ".join(arr) + "] TJ"

    def text(self, x, y, runs, size, tw=0.0):
        out = ["BT"]
        if self.st.get("justify"):
            out.append(f"{_num(tw)} Tw")
        if self.st.get("td"):
            out.append(f"{_num(x)} {_num(y)} Td")
        else:
            out.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
        cur = None
        for font, t in runs:
            if font != cur:
                out.append(f"/{font} {_num(size)} Tf")
                cur = font
            out.append(self.show(t))
        out.append("ET")
        return "\n".join(out)

    def page(self, ops, extra):
        lines = ["0 g", "0 G"]
        for y, op in ops:
            kind = op[0]
            if kind == "text":
                _, x, runs, size, tw = op
                lines.append(self.text(x, y, runs, size, tw))
            elif kind == "line":
                _, x1, x2, w = op
                lines.append(f"{_num(w)} w {_num(x1)} {_num(y)} m {_num(x2)} {_num(y)} l S")
            elif kind == "rect":
                _, x1, x2, h = op
                lines.append(f"0.5 w {_num(x1)} {_num(y - h)} {_num(x2 - x1)} {_num(h)} re S")
        for (x, y, font, size, text, align) in extra:
            w = text_width(text, font, size)
            if align == "center":
                x = x - w / 2
            elif align == "right":
                x = x - w
            lines.append(self.text(x, y, [(font, text)], size))
        return ("\n".join(lines) + "\n").encode("latin-1")


class PdfFile:
    """Object table with correct xref offsets."""

    def __init__(self):
        self.objs = []

    def reserve(self):
        self.objs.append(None)
        return len(self.objs)

    def set(self, num, body):
        self.objs[num - 1] = body if isinstance(body, bytes) else body.encode("latin-1")

    def add(self, body):
        n = self.reserve()
        self.set(n, body)
        return n

    def stream(self, data, extra="", compress=True):
        if compress:
            data = zlib.compress(data, 9)
            extra += " /Filter /FlateDecode"
        return self.add(f"<< /Length {len(data)}{extra} >>\nstream\n".encode("latin-1") + data +
                        b"\nendstream")

    def bytes(self, root, info):
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for k, body in enumerate(self.objs, 1):
            offsets.append(len(out))
            out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objs) + 1}\n".encode()
        out += b"0000000000 65535 f \n"
        for o in offsets:
            out += f"{o:010d} 00000 n \n".encode()
        out += (f"trailer\n<< /Size {len(self.objs) + 1} /Root {root} 0 R /Info {info} 0 R >>\n"
                f"startxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)


def _pdf_text_string(s):
    return _esc(s)


def render(blocks, style, seed, title="Lease", footer=None):
    """Blocks -> (pdf bytes, page count, placements)."""
    lay = Layout(style, seed)
    pages, placements, _hard = lay.run(blocks)
    total = len(pages)
    cw = ContentWriter(lay.st, random.Random(seed + 7))
    pdf = PdfFile()
    catalog = pdf.reserve()
    pages_obj = pdf.reserve()
    fonts = {}
    for key, base in FONTS.items():
        fonts[key] = pdf.add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} "
                             f"/Encoding /WinAnsiEncoding >>")
    res = pdf.add("<< /Font << " + " ".join(f"/{k} {v} 0 R" for k, v in fonts.items()) +
                  " >> /ProcSet [/PDF /Text] >>")
    kids = []
    for p, ops in enumerate(pages, 1):
        extra = footer(p, total) if footer else []
        content = pdf.stream(cw.page(ops, extra))
        kids.append(pdf.add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W} "
                            f"{PAGE_H}] /Resources {res} 0 R /Contents {content} 0 R >>"))
    pdf.set(pages_obj, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                       f"/Count {len(kids)} >>")
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages_obj} 0 R >>")
    info = pdf.add(f"<< /Title {_pdf_text_string(title)} /Producer (reos lease corpus) >>")
    return pdf.bytes(catalog, info), total, placements


def render_scan(n_pages, seed):
    """A scanned-looking PDF: each page is one grey image XObject, no text operators at all."""
    rng = random.Random(seed)
    pdf = PdfFile()
    catalog = pdf.reserve()
    pages_obj = pdf.reserve()
    kids = []
    W, H = 255, 330
    for p in range(n_pages):
        rows = []
        line_rows = set()
        y = 30
        while y < H - 30:
            if rng.random() < 0.85:
                for k in range(4):
                    line_rows.add(y + k)
            y += rng.choice([7, 8, 9, 14])
        for r in range(H):
            row = bytearray()
            ink = r in line_rows
            end = rng.randint(150, 225) if ink else 0
            for c in range(W):
                v = 236 + rng.randint(-6, 6)
                if ink and 30 <= c < end and rng.random() < 0.55:
                    v = rng.randint(40, 120)
                row.append(v)
            rows.append(bytes(row))
        img = pdf.stream(b"".join(rows), f" /Type /XObject /Subtype /Image /Width {W} /Height {H}"
                                         f" /ColorSpace /DeviceGray /BitsPerComponent 8")
        content = pdf.stream(b"q\n612 0 0 792 0 0 cm\n/Im1 Do\nQ\n")
        kids.append(pdf.add(f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 612 792] "
                            f"/Resources << /XObject << /Im1 {img} 0 R >> /ProcSet [/PDF /ImageB] >>"
                            f" /Contents {content} 0 R >>"))
    pdf.set(pages_obj, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                       f"/Count {len(kids)} >>")
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages_obj} 0 R >>")
    info = pdf.add("<< /Producer (Scanner Pro 4.2) >>")
    return pdf.bytes(catalog, info)
