#!/usr/bin/env python3
"""Steady load through the load balancer for the rolling restart (ops/cluster/rolling.sh).

Sends one GraphQL query at a fixed rate (each request on its own connection, from a pool of
threads so a slow answer never delays the schedule) until STOP_FILE exists, and writes a JSON
summary: requests sent, answered 200 with data and no errors, failed (with the first failures),
and answers per instance (x-reos-instance).

usage: load.py URL TOKEN RATE STOP_FILE OUT.json
"""
import concurrent.futures
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

QUERY = json.dumps({"query": "{ properties(first: 5) { totalCount edges { node { id } } } }"})


def one(url, token):
    u = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        conn.request("POST", "/graphql", QUERY, {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = conn.getresponse()
        body = r.read()
        instance = r.getheader("x-reos-instance") or "?"
        if r.status != 200:
            return False, instance, "HTTP %d: %s" % (r.status, body[:200])
        doc = json.loads(body)
        if doc.get("errors") or not doc.get("data"):
            return False, instance, "GraphQL errors: %s" % body[:200]
        return True, instance, None
    except Exception as e:  # a refused or reset connection is a failed request
        return False, "?", repr(e)
    finally:
        conn.close()


def main():
    url, token, rate, stop_file, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
    lock = threading.Lock()
    stats = {"sent": 0, "ok": 0, "failed": 0, "failures": [], "by_instance": {}}

    def record(result):
        ok, instance, error = result
        with lock:
            stats["by_instance"][instance] = stats["by_instance"].get(instance, 0) + 1
            if ok:
                stats["ok"] += 1
            else:
                stats["failed"] += 1
                if len(stats["failures"]) < 20:
                    stats["failures"].append(error)

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        n = 0
        while not os.path.exists(stop_file):
            due = started + n / rate
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            pool.submit(one, url, token).add_done_callback(lambda f: record(f.result()))
            n += 1
        stats["sent"] = n
    stats["rate_per_s"] = rate
    stats["duration_s"] = round(time.monotonic() - started, 1)
    with open(out, "w") as f:
        json.dump(stats, f, indent=2)
    print(json.dumps({k: stats[k] for k in ("sent", "ok", "failed", "by_instance")}))


if __name__ == "__main__":
    main()
