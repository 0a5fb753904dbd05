"""A minimal WordprocessingML (.docx) writer for the lease corpus.

Paragraphs with runs split at random points (mid-word too, as Word does), bold lead-ins,
proofing marks, real <w:tbl> tables, <w:br w:type="page"/> for hard page breaks and
<w:lastRenderedPageBreak/> where the shared layout engine (pdf.Layout) put a soft page break.
Truth page numbers for a DOCX therefore count: 1 + hard page breaks + lastRenderedPageBreak marks.
"""

import random

from .ooxml import XML_DECL, package, xml_escape
from .pdf import Layout

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class _Doc:
    def __init__(self, rng, style):
        self.rng = rng
        self.st = style
        self.body = []
        self.rsid = "00" + "".join(rng.choice("0123456789ABCDEF") for _ in range(6))

    def runs(self, text, bold=False, italic=False, marker=False, size=None):
        """Split text into several runs; occasionally mid-word."""
        rng = self.rng
        pieces = []
        i = 0
        n = len(text)
        while i < n:
            if rng.random() < 0.35 or n - i < 8:
                j = n
            else:
                j = min(n, i + rng.randint(4, 60))
            pieces.append(text[i:j])
            i = j
        rpr = ""
        if bold or italic or size:
            rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (
                f'<w:sz w:val="{int(size * 2)}"/>' if size else "") + "</w:rPr>"
        out = []
        for k, p in enumerate(pieces):
            if k and rng.random() < 0.08:
                out.append('<w:proofErr w:type="spellStart"/>')
            lr = "<w:lastRenderedPageBreak/>" if (marker and k == 0) else ""
            out.append(f'<w:r>{rpr}{lr}<w:t xml:space="preserve">{xml_escape(p)}</w:t></w:r>')
        return "".join(out)

    def para(self, inner, ppr=""):
        self.body.append(f'<w:p w:rsidR="{self.rsid}"><w:pPr>{ppr}</w:pPr>{inner}</w:p>')


def render(blocks, style, seed, pdf_style):
    """Blocks -> (docx bytes, page count, placements). Pages follow the shared layout engine."""
    rng = random.Random(seed)
    lay = Layout(pdf_style, seed)
    pages, placements, hard = lay.run(blocks)
    d = _Doc(rng, style)
    justify = style.get("justify", False)
    kv_table = style.get("kv_table", False)
    cur_page = 1

    def marker_for(p):
        nonlocal cur_page
        m = p > cur_page and p not in hard
        cur_page = max(cur_page, p)
        return m

    for b, (page, row_pages) in zip(blocks, placements):
        if b.kind == "pagebreak":
            if page in hard and page > cur_page:
                d.body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
                cur_page = page
            continue
        if b.kind == "spacer":
            d.para("")
            continue
        if b.kind == "title":
            first = True
            for line in b.text.split("\n"):
                d.para(d.runs(line, bold=True, marker=first and marker_for(page)),
                       '<w:pStyle w:val="Title"/><w:jc w:val="center"/>')
                first = False
            continue
        if b.kind == "heading":
            align = b.style.get("align", pdf_style.get("heading_align", "left"))
            jc = '<w:jc w:val="center"/>' if align == "center" else ""
            lvl = "Heading1" if b.style.get("level", 1) == 1 else "Heading2"
            d.para(d.runs(b.text, marker=marker_for(page)), f'<w:pStyle w:val="{lvl}"/>{jc}')
            continue
        if b.kind == "para":
            ppr = ""
            ind = b.style.get("indent", 0)
            fi = b.style.get("first_indent", pdf_style.get("first_indent", 0))
            if ind or fi:
                ppr += f'<w:ind w:left="{int(ind * 20)}" w:firstLine="{int(fi * 20)}"/>'
            align = b.style.get("align", "justify" if justify else "left")
            if align in ("justify", "center"):
                ppr += f'<w:jc w:val="{"both" if align == "justify" else "center"}"/>'
            m = marker_for(page)
            inner = ""
            if b.lead:
                inner += d.runs(b.lead + " ", bold=True, marker=m)
                m = False
            inner += d.runs(b.text, bold=b.style.get("bold", False),
                            italic=b.style.get("italic", False), marker=m)
            d.para(inner, ppr)
            continue
        if b.kind == "kv" and not kv_table:
            lw = int(b.style.get("label_w", 170) * 20)
            for (label, value), p in zip(b.rows, row_pages):
                inner = d.runs(label, bold=b.style.get("label_bold", True), marker=marker_for(p))
                inner += "<w:r><w:tab/></w:r>" + d.runs(value)
                d.para(inner, f'<w:tabs><w:tab w:val="left" w:pos="{lw}"/></w:tabs>'
                              f'<w:ind w:left="{lw}" w:hanging="{lw}"/>')
            continue
        if b.kind in ("kv", "table"):
            if b.kind == "kv":
                lw = b.style.get("label_w", 170)
                widths = [lw, 468 - lw]
                rows = [list(r) for r in b.rows]
                header = 0
                aligns = ["l", "l"]
                grid = False
            else:
                widths, rows, header, aligns = b.widths, b.rows, b.header, b.aligns
                grid = b.style.get("grid", False) or b.style.get("rules", True)
            borders = ("<w:tblBorders>" + "".join(
                f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                for s in ("top", "left", "bottom", "right", "insideH", "insideV")) +
                "</w:tblBorders>") if grid else ""
            x = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
                 f'{borders}<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>']
            x += [f'<w:gridCol w:w="{int(w * 20)}"/>' for w in widths]
            x.append("</w:tblGrid>")
            for r, (row, p) in enumerate(zip(rows, row_pages)):
                m = marker_for(p)
                trpr = "<w:trPr><w:tblHeader/></w:trPr>" if r < header else ""
                x.append(f"<w:tr>{trpr}")
                for c, cell in enumerate(row):
                    jc = {"r": '<w:jc w:val="right"/>', "c": '<w:jc w:val="center"/>'}.get(
                        aligns[c], "")
                    inner = d.runs(cell, bold=(r < header) or (b.kind == "kv" and c == 0),
                                   marker=m and c == 0) if cell else ""
                    x.append(f'<w:tc><w:tcPr><w:tcW w:w="{int(widths[c] * 20)}" w:type="dxa"/>'
                             f'</w:tcPr><w:p><w:pPr>{jc}</w:pPr>{inner}</w:p></w:tc>')
                x.append("</w:tr>")
            x.append("</w:tbl>")
            d.body.append("".join(x))
            d.para("")
            continue
        raise ValueError(b.kind)

    footer = style.get("footer_text")
    sect = ('<w:sectPr>' + (f'<w:footerReference w:type="default" r:id="rId2"/>' if footer else "")
            + '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" '
              'w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
              '</w:sectPr>')
    document = (XML_DECL + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>' +
                "".join(d.body) + sect + "</w:body></w:document>")
    font = style.get("font", "Times New Roman")
    sz = int(style.get("size", 11) * 2)
    styles = (XML_DECL + f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
              f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/><w:sz w:val="{sz}"/>'
              '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr>'
              '</w:pPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              '</w:style>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
              '<w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>'
              '<w:rPr><w:b/><w:caps/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
              '<w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr>'
              '<w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
              '</w:style></w:styles>')
    rels = [f'<Relationship Id="rId1" Type="{R_NS}/styles" Target="styles.xml"/>']
    parts_extra = []
    ct_extra = ""
    if footer:
        rels.append(f'<Relationship Id="rId2" Type="{R_NS}/footer" Target="footer1.xml"/>')
        ftr = (XML_DECL + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:jc w:val="center"/>'
               f'</w:pPr><w:r><w:t xml:space="preserve">{xml_escape(footer)} Page </w:t></w:r>'
               '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
               '<w:r><w:t xml:space="preserve"> of </w:t></w:r>'
               '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>')
        parts_extra.append(("word/footer1.xml", ftr))
        ct_extra = ('<Override PartName="/word/footer1.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
    content_types = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                     'content-types"><Default Extension="rels" ContentType="application/'
                     'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                     'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                     'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                     'document.main+xml"/><Override PartName="/word/styles.xml" ContentType='
                     '"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                     + ct_extra + '</Types>')
    root_rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 f'relationships"><Relationship Id="rId1" Type="{R_NS}/officeDocument" '
                 'Target="word/document.xml"/></Relationships>')
    doc_rels = (XML_DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships">' + "".join(rels) + "</Relationships>")
    data = package([("[Content_Types].xml", content_types), ("_rels/.rels", root_rels),
                    ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels),
                    ("word/styles.xml", styles)] + parts_extra)
    return data, len(pages), placements
