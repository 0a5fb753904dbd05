"""Entry point: python3 golden/tools/lease_corpus --out golden   (from the repository root).

Also works as `PYTHONPATH=golden/tools python3 -m lease_corpus --out golden`. Writes golden/lease
(corpus, scans, bench) and golden/rent-roll (corpus, bench), checks everything it wrote, and prints
a summary. Deterministic: the same command always writes byte-identical files.
"""

import argparse
import collections
import os
import shutil
import sys

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    __package__ = "lease_corpus"

from lease_corpus import build, check, rent_rolls  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="golden", help="the golden/ directory (default: golden)")
    ap.add_argument("--no-check", action="store_true", help="skip the read-back checks")
    args = ap.parse_args(argv)
    out = args.out
    for sub in (("lease", "corpus"), ("lease", "bench"), ("lease", "scans"),
                ("rent-roll", "corpus"), ("rent-roll", "bench")):
        p = os.path.join(out, *sub)
        if os.path.isdir(p):
            shutil.rmtree(p)  # generated directories only; README.md files are kept
    summary = build.build_leases(out)
    build.build_bench(out)
    build.build_scan(out)
    rolls = rent_rolls.build(out)
    if not args.no_check:
        n = check.check_tree(out)
        m = check.check_rolls(out)
        print(f"checked {n} lease truth files and {m} rent-roll files")
    by = collections.OrderedDict()
    for stem, layout, kind, fmt, pages in summary:
        e = by.setdefault(layout, {"kind": kind, "pdf": 0, "docx": 0, "txt": 0, "pages": []})
        e[fmt] += 1
        if fmt == "pdf":
            e["pages"].append(pages)
    print(f"{'layout':34} {'kind':12} {'pdf':>4} {'docx':>4} {'txt':>4}  pdf pages")
    for layout, e in by.items():
        pg = f"{min(e['pages'])}-{max(e['pages'])}" if e["pages"] else "-"
        print(f"{layout:34} {e['kind']:12} {e['pdf']:4d} {e['docx']:4d} {e['txt']:4d}  {pg}")
    tot = collections.Counter(s[3] for s in summary)
    print(f"{'total':34} {'':12} {tot['pdf']:4d} {tot['docx']:4d} {tot['txt']:4d}  "
          f"({len(summary)} documents)")
    rc = collections.Counter((t["kind"], t["layout"], t["format"]) for t in rolls)
    for (kind, layout, fmt), n in sorted(rc.items()):
        print(f"rent roll  {kind:12} {layout:26} {fmt:5} x{n}")
    print("bench: lease/bench/lease-20-pages.pdf, rent-roll/bench/multifamily-5000.{csv,xlsx}; "
          "scan: lease/scans/scan-1.pdf")


if __name__ == "__main__":
    main()
