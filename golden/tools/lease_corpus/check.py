"""Self-checks of the written corpus: our own PDF xref/stream parser, DOCX and TXT page counts, and
that literal truth values (parties, street, suite, area) really appear on their `pages_of` page."""

import io
import json
import os
import re
import zipfile
import zlib
import xml.etree.ElementTree as ET


def _unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == 0x5C:
            n = s[i + 1]
            if 0x30 <= n <= 0x37:
                j = i + 1
                while j < i + 4 and j < len(s) and 0x30 <= s[j] <= 0x37:
                    j += 1
                out.append(int(s[i + 1:j], 8))
                i = j
                continue
            out.append({0x6E: 10, 0x72: 13, 0x74: 9}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return out.decode("cp1252")


_STR = rb"\((?:\\.|[^\\)])*\)"


def pdf_pages(data):
    """Parse our PDFs via the xref table; return [page text] (one line per text object)."""
    assert data.startswith(b"%PDF-1.4")
    sx = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    assert data[sx:sx + 4] == b"xref"
    m = re.match(rb"xref\s+0 (\d+)\s+", data[sx:])
    n = int(m.group(1))
    pos = sx + m.end()
    offs = {}
    for k in range(n):
        entry = data[pos + 20 * k: pos + 20 * k + 20]
        assert len(entry) == 20 and entry[-2:] in (b" \n", b"\r\n"), entry
        if entry[17:18] == b"n":
            offs[k] = int(entry[:10])
    objs = {}
    for k, o in offs.items():
        assert data[o:].startswith(f"{k} 0 obj".encode()), (k, o)
        end = data.index(b"endobj", o)
        objs[k] = data[o + len(f"{k} 0 obj\n"):end]
    trailer = data[data.index(b"trailer", sx):]
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    pages_ref = int(re.search(rb"/Pages (\d+) 0 R", objs[root]).group(1))
    kids = [int(x) for x in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[([^\]]*)\]",
                                                               objs[pages_ref]).group(1))]
    out = []
    for kid in kids:
        cref = re.search(rb"/Contents (\d+) 0 R", objs[kid])
        body = objs[int(cref.group(1))]
        ln = int(re.search(rb"/Length (\d+)", body).group(1))
        raw = body[body.index(b"stream\n") + 7:][:ln]
        content = zlib.decompress(raw) if b"/FlateDecode" in body[:body.index(b"stream")] else raw
        lines = []
        for bt in re.findall(rb"(?m)^BT\n(.*?)\nET$", content, re.S):
            parts = []
            for m2 in re.finditer(rb"(" + _STR + rb")\s*Tj|\[((?:" + _STR + rb"|\s|-?\d+)*)\]\s*TJ",
                                  bt):
                if m2.group(1):
                    parts.append(_unescape(m2.group(1)[1:-1]))
                else:
                    parts += [_unescape(x[1:-1]) for x in re.findall(_STR, m2.group(2))]
            lines.append("".join(parts))
        out.append("\n".join(lines))
    return out


def pdf_has_text_ops(data):
    return any(re.search(rb"(^|\s)BT\s", p) for p in _streams(data, skip_images=True))


def _streams(data, skip_images=False):
    for m in re.finditer(rb"<<([^>]*(?:>>[^>]*)?)>>\nstream\n", data):
        if skip_images and b"/Image" in m.group(1):
            continue
        ln = int(re.search(rb"/Length (\d+)", m.group(1)).group(1))
        raw = data[m.end():m.end() + ln]
        try:
            yield zlib.decompress(raw)
        except zlib.error:
            yield raw


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_pages(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    for name in z.namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            ET.fromstring(z.read(name))
    root = ET.fromstring(z.read("word/document.xml"))
    pages = [[]]
    for el in root.iter():
        if el.tag == W + "br" and el.get(W + "type") == "page":
            pages.append([])
        elif el.tag == W + "lastRenderedPageBreak":
            pages.append([])
        elif el.tag == W + "t":
            pages[-1].append(el.text or "")
        elif el.tag in (W + "p", W + "tab"):
            pages[-1].append(" ")
    return ["".join(p) for p in pages]


def norm(s):
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def check_lease(path, truth):
    data = open(path, "rb").read()
    fmt = truth["format"]
    if fmt == "pdf":
        pages = pdf_pages(data)
    elif fmt == "docx":
        pages = docx_pages(data)
    else:
        text = data.decode("utf-8")
        pages = text.split("\f")
    assert len(pages) == truth["pages"], (path, len(pages), truth["pages"])
    f, po = truth["fields"], truth["pages_of"]
    probes = {"landlord": f["landlord"], "tenant": f["tenant"], "suite": f["suite"],
              "area_sf": f"{f['area_sf']:,}" if f["area_sf"] else None,
              "premises_address": (f["premises_address"] or "").split(",")[0]}
    for k, v in probes.items():
        if v is None:
            continue
        page = norm(pages[po[k] - 1])
        assert norm(v) in page, (path, k, v, po[k])
        if k in ("landlord", "tenant"):
            for p in pages[:po[k] - 1]:
                assert norm(v) not in norm(p), (path, "earlier page states", k)
    return len(pages)


def check_tree(root):
    """Check every lease in golden/lease; returns a count."""
    n = 0
    for sub in ("corpus", "bench"):
        d = os.path.join(root, "lease", sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".truth.json"):
                t = json.load(open(os.path.join(d, name)))
                doc = os.path.join(d, name[:-len(".truth.json")] + "." + t["format"])
                check_lease(doc, t)
                n += 1
    scan = open(os.path.join(root, "lease", "scans", "scan-1.pdf"), "rb").read()
    assert not pdf_has_text_ops(scan) and b"/Font" not in scan and b"/Image" in scan
    return n


def _cells_match(cells, t):
    vals = [norm(str(v)).rstrip(" *") for v in cells]
    for key in ("tenant", "suite", "unit", "unit_type"):
        v = t.get(key)
        if v is not None:
            assert norm(v) in vals, (key, v, cells)
    a = t["area_sf"]
    assert any(norm(str(v)).replace(",", "") in (str(a), f"{a}.0", f"{a}") for v in cells), (a, cells)


def check_rolls(root):
    """Re-read every roll (csv module / our XLSX reader) and match truth rows to physical rows."""
    import csv
    from . import xlsx as X
    n = 0
    for sub in ("corpus", "bench"):
        d = os.path.join(root, "rent-roll", sub)
        for name in sorted(os.listdir(d)):
            if not name.endswith(".truth.json"):
                continue
            t = json.load(open(os.path.join(d, name)))
            stem = name[:-len(".truth.json")]
            for fmt in t.get("formats", [t["format"]]):
                data = open(os.path.join(d, f"{stem}.{fmt}"), "rb").read()
                if fmt == "csv":
                    recs = list(csv.reader(io.StringIO(data.decode("utf-8"))))
                    assert len(recs) == len(data.decode("utf-8").splitlines())
                    rows = {i + 1: r for i, r in enumerate(recs)}
                else:
                    rows = {r: [v for _, v in sorted(c.items())] for r, c in X.read(data).items()}
                hdr = [norm(str(v)) for v in rows[t["header_row"]] if str(v).strip()]
                assert len(hdr) >= 3, hdr
                for tr in t["rows"]:
                    cells = rows.get(tr["row"], [])
                    nonblank = [c for c in cells if str(c).strip()]
                    if tr["kept"]:
                        _cells_match(cells, tr)
                    elif tr["reason"] == "blank":
                        assert not nonblank, (stem, tr, cells)
                    else:
                        assert nonblank, (stem, tr)
                last = max(rows)
                assert t["rows"][-1]["row"] == last, (stem, last)
                n += 1
    return n
