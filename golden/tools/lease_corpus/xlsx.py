"""A minimal SpreadsheetML (.xlsx) writer and a reader used to verify what was written.

Cells: str (shared or inline string), int/Decimal (number), ("date", date, fmt) with fmt
"builtin14" or "mmddyyyy" (a real serial date cell), ("money", x), ("pct", x), ("num", x, style),
("bold", str), ("title", str), None (empty). Rows that are entirely empty are left out of the sheet
XML, as Excel does; row numbers keep their gaps.
"""

import datetime as dt
import io
import re
import zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal

from .ooxml import XML_DECL, package, xml_escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EPOCH = dt.date(1899, 12, 30)

# cellXfs index for each style key
XF = {None: 0, "builtin14": 1, "mmddyyyy": 2, "money": 3, "pct": 4, "int": 5, "bold": 6,
      "title": 7, "num2": 8, "pct1": 9}
STYLES = (XML_DECL + f'<styleSheet xmlns="{NS}">'
          '<numFmts count="3"><numFmt numFmtId="164" formatCode="mm/dd/yyyy"/>'
          '<numFmt numFmtId="165" formatCode="&quot;$&quot;#,##0.00"/>'
          '<numFmt numFmtId="166" formatCode="0.0%"/></numFmts>'
          '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
          '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
          '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>'
          '<fills count="2"><fill><patternFill patternType="none"/></fill>'
          '<fill><patternFill patternType="gray125"/></fill></fills>'
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="10">'
          '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
          '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
          '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
          '</cellStyles></styleSheet>')


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _num(x):
    if isinstance(x, Decimal):
        s = format(x.normalize(), "f")
        return s
    return str(x)


def write(rows, sheet="Rent Roll", widths=None, merges=(), inline=False, freeze=None):
    sst, sst_index = [], {}
    out = []
    ncols = max((len(r) for r in rows), default=1)
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = f"{col_name(c)}{r}"
            style = None
            if isinstance(v, tuple):
                kind = v[0]
                if kind == "date":
                    cells.append(f'<c r="{ref}" s="{XF[v[2]]}"><v>{(v[1] - EPOCH).days}</v></c>')
                    continue
                if kind in ("bold", "title"):
                    style, v = kind, v[1]
                else:
                    st = {"money": "money", "pct": "pct", "pct1": "pct1", "num2": "num2",
                          "int": "int"}[kind]
                    cells.append(f'<c r="{ref}" s="{XF[st]}"><v>{_num(v[1])}</v></c>')
                    continue
            if isinstance(v, str):
                s_attr = f' s="{XF[style]}"' if style else ""
                if inline:
                    cells.append(f'<c r="{ref}" t="inlineStr"{s_attr}><is><t xml:space="preserve">'
                                 f'{xml_escape(v)}</t></is></c>')
                else:
                    if v not in sst_index:
                        sst_index[v] = len(sst)
                        sst.append(v)
                    cells.append(f'<c r="{ref}" t="s"{s_attr}><v>{sst_index[v]}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{_num(v)}</v></c>')
        if cells:
            out.append(f'<row r="{r}" spans="1:{ncols}">' + "".join(cells) + "</row>")
    cols = ""
    if widths:
        cols = "<cols>" + "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                                  for i, w in enumerate(widths)) + "</cols>"
    pane = ""
    if freeze:
        pane = (f'<pane ySplit="{freeze}" topLeftCell="A{freeze + 1}" activePane="bottomLeft" '
                f'state="frozen"/>')
    mc = ""
    if merges:
        mc = f'<mergeCells count="{len(merges)}">' + "".join(
            f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    sheet_xml = (XML_DECL + f'<worksheet xmlns="{NS}" xmlns:r="{R_NS}">'
                 f'<dimension ref="A1:{col_name(ncols - 1)}{len(rows)}"/>'
                 f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
                 '<sheetFormatPr defaultRowHeight="15"/>' + cols + "<sheetData>" + "".join(out) +
                 "</sheetData>" + mc +
                 '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                 'footer="0.3"/></worksheet>')
    wb = (XML_DECL + f'<workbook xmlns="{NS}" xmlns:r="{R_NS}"><sheets>'
          f'<sheet name="{xml_escape(sheet, True)}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = [f'<Relationship Id="rId1" Type="{R_NS}/worksheet" Target="worksheets/sheet1.xml"/>',
            f'<Relationship Id="rId2" Type="{R_NS}/styles" Target="styles.xml"/>']
    ct = ['<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.styles+xml"/>']
    parts = []
    if not inline:
        rels.append(f'<Relationship Id="rId3" Type="{R_NS}/sharedStrings" '
                    'Target="sharedStrings.xml"/>')
        ct.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                  'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
        parts.append(("xl/sharedStrings.xml", XML_DECL + f'<sst xmlns="{NS}" count="{len(sst)}" '
                      f'uniqueCount="{len(sst)}">' + "".join(
                          f'<si><t xml:space="preserve">{xml_escape(s)}</t></si>' for s in sst)
                      + "</sst>"))
    content_types = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                     'content-types"><Default Extension="rels" ContentType="application/vnd.'
                     'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                     'ContentType="application/xml"/>' + "".join(ct) + "</Types>")
    root_rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 f'relationships"><Relationship Id="rId1" Type="{R_NS}/officeDocument" '
                 'Target="xl/workbook.xml"/></Relationships>')
    wb_rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
               'relationships">' + "".join(rels) + "</Relationships>")
    return package([("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                    ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", wb_rels),
                    ("xl/styles.xml", STYLES), ("xl/worksheets/sheet1.xml", sheet_xml)] + parts)


def read(data):
    """-> {row number: {column index: value}}; dates (by number format) come back as date."""
    z = zipfile.ZipFile(io.BytesIO(data))
    for name in z.namelist():
        ET.fromstring(z.read(name))
    n = "{" + NS + "}"
    sst = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(n + "si"):
            sst.append("".join(t.text or "" for t in si.iter(n + "t")))
    styles = ET.fromstring(z.read("xl/styles.xml"))
    custom = {int(f.get("numFmtId")): f.get("formatCode")
              for f in styles.iter(n + "numFmt")}
    xfs = [int(x.get("numFmtId")) for x in styles.find(n + "cellXfs").findall(n + "xf")]

    def is_date(fid):
        return fid in (14, 15, 16, 17, 22) or (fid in custom and re.search(r"[dy]", custom[fid])
                                               and "#" not in custom[fid])
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out = {}
    for row in sheet.iter(n + "row"):
        r = int(row.get("r"))
        vals = {}
        for c in row.findall(n + "c"):
            ref = c.get("r")
            letters = re.match(r"[A-Z]+", ref).group(0)
            ci = 0
            for ch in letters:
                ci = ci * 26 + ord(ch) - 64
            ci -= 1
            t = c.get("t")
            if t == "s":
                vals[ci] = sst[int(c.find(n + "v").text)]
            elif t == "inlineStr":
                vals[ci] = "".join(x.text or "" for x in c.iter(n + "t"))
            else:
                v = c.find(n + "v").text
                s = int(c.get("s", "0"))
                if is_date(xfs[s]):
                    vals[ci] = EPOCH + dt.timedelta(days=int(float(v)))
                else:
                    vals[ci] = Decimal(v)
        out[r] = vals
    return out
