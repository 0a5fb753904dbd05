# Response checks of ops/load/compare.sh (issue 17): reduces a reos or PostGraphile answer of the
# `small` or `nested` query to the same comparable data, and fails when two answers differ or when
# an answer has the wrong shape.
#
# Usage:
#   check.py same QUERY REOS_FILE POSTGRAPHILE_FILE [N]  -- both answers hold the same data
#   check.py shape QUERY SERVER FILE REFERENCE_FILE [N]   -- one answer (after a load run) has the
#                                                            expected shape and equals the reference
# SERVER is `reos` or `postgraphile`. N (default 10000) is the tenant's property count (totalCount).
import json
import sys
from collections import Counter


def load(path):
    with open(path) as f:
        doc = json.load(f)
    if not isinstance(doc, dict) or doc.get("errors") or "data" not in doc:
        raise SystemExit(f"{path}: not a data answer: {json.dumps(doc)[:500]}")
    return doc["data"]


def nodes(conn):
    """Children of a list field: reos returns a list, PostGraphile a connection with `nodes`."""
    if isinstance(conn, dict):
        conn = conn["nodes"]
    return conn


def normal(query, server, data):
    """The comparable content of an answer: queries alias PostGraphile's fields to reos's names."""
    props = data["properties"]
    edges = props["edges"]
    if query in ("small", "small-names"):
        return {"names": [e["node"]["name"] for e in edges]}
    out = {"totalCount": props["totalCount"], "properties": []}
    for e in edges:
        n = e["node"]
        owners = nodes(n["owners"])
        leases = nodes(n["leases"])
        latest = n["latestValuation"]
        if server == "postgraphile":
            latest = (nodes(latest) or [None])[0]
        item = {
            "sharePct": sorted(Counter(float(o["sharePct"]) for o in owners).items()),
            "tenantNames": sorted(Counter(x["tenantName"] for x in leases).items()),
            "latestValue": None if latest is None or latest["value"] is None else float(latest["value"]),
        }
        if "name" in n:
            item["name"] = n["name"]
        out["properties"].append(item)
    return out


def expect_shape(query, got, n):
    if query.startswith("small"):
        names = got["names"]
        assert len(names) == 10 and all(isinstance(x, str) and x for x in names), f"small: {names}"
    else:
        assert got["totalCount"] == n, f"totalCount {got['totalCount']} != {n}"
        props = got["properties"]
        assert len(props) == 50, f"{len(props)} properties instead of 50"
        for p in props:
            assert p["sharePct"] and p["tenantNames"] and p["latestValue"] is not None, f"incomplete property {p}"


def main():
    cmd, query = sys.argv[1], sys.argv[2]
    if cmd == "same":
        reos_file, pg_file = sys.argv[3], sys.argv[4]
        n = int(sys.argv[5]) if len(sys.argv) > 5 else 10000
        a = normal(query, "reos", load(reos_file))
        b = normal(query, "postgraphile", load(pg_file))
        expect_shape(query, a, n)
        expect_shape(query, b, n)
        if a != b:
            diff = next(
                (i for i, (x, y) in enumerate(zip(a.get("properties", []), b.get("properties", []))) if x != y), None
            )
            detail = f" (first differing property #{diff}: {a['properties'][diff]} vs {b['properties'][diff]})" if diff is not None else ""
            raise SystemExit(f"{query}: reos and PostGraphile answers differ{detail}:\n{json.dumps(a)[:800]}\n{json.dumps(b)[:800]}")
        print(f"check: {query}: reos and PostGraphile agree")
    elif cmd == "shape":
        server, path, ref = sys.argv[3], sys.argv[4], sys.argv[5]
        n = int(sys.argv[6]) if len(sys.argv) > 6 else 10000
        got = normal(query, server, load(path))
        expect_shape(query, got, n)
        if got != normal(query, server, load(ref)):
            raise SystemExit(f"{path}: answer differs from the one checked before the load run")
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        raise SystemExit(f"check {' '.join(sys.argv[1:3])}: {e}")
