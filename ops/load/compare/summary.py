# Summary of ops/load/compare.sh (issue 17): reads the run directory (wrk results, /proc CPU snapshots,
# pgbench output, captured statements, metadata) and writes compare.json and the bar chart PNG.
#
# Usage: summary.py RUN_DIR OUT_JSON OUT_PNG
# RUN_DIR holds meta.json (written by compare.sh), statements.json, pgbench-QUERY.sql, calibration-*.txt and
# one round-K directory per round with wrk-RUN.json, cpu-RUN-{before,after}.txt ("kind PID TICKS" lines),
# times-RUN-{before,after}.txt (bash `times`) and pgbench-QUERY.txt. Several rounds are averaged.
import datetime
import json
import os
import platform
import re
import sys

RUNS = [
    # run name, server, configuration, query
    ("reos_small", "reos", "reos, response cache off", "small"),
    ("reos_nested", "reos", "reos, response cache off", "nested"),
    ("reos_cached_nested", "reos", "reos, response cache on", "nested"),
    ("postgraphile_1w_small", "postgraphile", "PostGraphile, 1 worker", "small"),
    ("postgraphile_1w_nested", "postgraphile", "PostGraphile, 1 worker", "nested"),
    ("postgraphile_2w_small", "postgraphile", "PostGraphile, 2 workers", "small"),
    ("postgraphile_2w_nested", "postgraphile", "PostGraphile, 2 workers", "nested"),
]
QUERIES = ("small", "nested")


def ticks(path):
    out = {}
    with open(path) as f:
        for line in f:
            kind, pid, t = line.split()
            out[(kind, int(pid))] = int(t)
    return out


def children_cpu_s(path):
    """User + system seconds of the shell's children from bash's `times` (its second line)."""
    lines = open(path).read().split("\n")
    total = 0.0
    for part in lines[1].split():
        m = re.match(r"(\d+)m([\d.]+)s", part)
        total += int(m.group(1)) * 60 + float(m.group(2))
    return total


def cpu(run_dir, name, count, hz):
    """CPU of server and database processes over the measured window: ms per request, plus how
    busy the machine was and how much of it went to anything else (the load generator excluded)."""
    before = ticks(os.path.join(run_dir, f"cpu-{name}-before.txt"))
    after = ticks(os.path.join(run_dir, f"cpu-{name}-after.txt"))
    total = {"server": 0, "database": 0, "foreign": 0, "reaped": 0, "machine_busy": 0, "machine_all": 0}
    for key, t in after.items():
        # A process that started in the window (a new backend) counts whole.
        total[key[0]] += t - before.get(key, 0)
    # Backends that exited in the window: their whole life is in the postmaster's cutime+cstime
    # ("reaped"), so what they had spent before the window comes off again. What a backend of another
    # database ("foreign") spent in the window before exiting stays counted (it cannot be told apart).
    vanished = sum(t for key, t in before.items() if key[0] in ("database", "foreign") and key not in after)
    total["database"] += total.pop("reaped") - vanished
    per_request = {k: round(total[k] * 1000.0 / hz / count, 3) if count else None for k in ("server", "database")}
    load_s = children_cpu_s(os.path.join(run_dir, f"times-{name}-after.txt")) - children_cpu_s(
        os.path.join(run_dir, f"times-{name}-before.txt"))
    capacity = total["machine_all"] or 1
    other = total["machine_busy"] - total["server"] - total["database"] - load_s * hz
    machine = {
        "busy_share": round(total["machine_busy"] / capacity, 3),
        "load_generator_share": round(load_s * hz / capacity, 3),
        "other_processes_share": round(max(other, 0) / capacity, 3),
    }
    return per_request, machine


def calibration(run_dir):
    """Best of three timings of a fixed CPU loop before and after the runs (compare.sh `calibrate`)."""
    out = {}
    for when in ("start", "end"):
        path = os.path.join(run_dir, f"calibration-{when}.txt")
        if os.path.exists(path):
            out[when] = float(open(path).read())
    out["note"] = ("seconds for a fixed single-threaded Python loop, best of 3; start and end differing by more "
                   "than ~10% means the machine's speed drifted during the run")
    return out


def measure(round_dir, hz):
    """The wrk runs and pgbench runs of one round."""
    runs = {}
    for name, _, _, _ in RUNS:
        path = os.path.join(round_dir, f"wrk-{name}.json")
        if not os.path.exists(path):
            continue
        w = json.load(open(path))
        runs[name] = {
            "requests": w["requests"],
            "requests_per_s": round(w["requests_per_s"], 1),
            "p50_ms": round(w["latency_ms"]["p50"], 2),
            "p90_ms": round(w["latency_ms"]["p90"], 2),
            "p99_ms": round(w["latency_ms"]["p99"], 2),
            "max_ms": round(w["latency_ms"]["max"], 2),
            "errors": w["errors"],
            "error_detail": {
                "non_2xx": w["non2xx"],
                "graphql_errors_in_200": w["graphql_errors"],
                "socket": w["socket_errors"],
            },
        }
        runs[name]["cpu_ms_per_request"], runs[name]["machine_cpu"] = cpu(round_dir, name, w["requests"], hz)
    pgbench = {}
    for q in QUERIES:
        path = os.path.join(round_dir, f"pgbench-{q}.txt")
        if not os.path.exists(path):
            continue
        text = open(path).read()
        tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", text)
        lat = re.search(r"latency average = ([\d.]+) ms", text)
        done = re.search(r"number of transactions actually processed: (\d+)", text)
        failed = re.search(r"number of failed transactions: (\d+)", text)
        tx = int(done.group(1)) if done else 0
        per_tx, machine = cpu(round_dir, f"pgbench_{q}", tx, hz)
        pgbench[q] = {
            "tps": round(float(tps.group(1)), 1) if tps else None,
            "latency_avg_ms": float(lat.group(1)) if lat else None,
            "transactions": tx,
            "failed": int(failed.group(1)) if failed else None,
            "database_cpu_ms_per_transaction": per_tx["database"],
            "machine_cpu": machine,
        }
    return runs, pgbench


def average(items):
    """One round's figures as they are; several rounds' averaged (errors summed, worst machine share),
    with each round's headline figures kept under `rounds`."""
    if len(items) == 1:
        return items[0]

    def mean(values):
        values = [v for v in values if v is not None]
        return round(sum(values) / len(values), 3) if values else None

    out = {}
    for key, value in items[0].items():
        if key in ("errors", "requests", "transactions", "failed"):
            out[key] = sum(i[key] or 0 for i in items)
        elif key == "machine_cpu":
            out[key] = {k: max(i[key][k] for i in items) for k in value}
        elif key == "cpu_ms_per_request":
            out[key] = {k: mean([i[key][k] for i in items]) for k in value}
        elif key == "error_detail":
            out[key] = [i[key] for i in items]
        elif isinstance(value, (int, float)):
            out[key] = mean([i[key] for i in items])
    headline = ("requests_per_s", "p50_ms", "p99_ms", "tps", "errors", "cpu_ms_per_request",
                "database_cpu_ms_per_transaction")
    out["rounds"] = [{k: i[k] for k in headline if k in i} for i in items]
    return out


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def main():
    run_dir, out_json, out_png = sys.argv[1:4]
    meta = json.load(open(os.path.join(run_dir, "meta.json")))
    hz = int(meta["clk_tck"])
    n = int(meta["n"])
    rounds = sorted((d for d in os.listdir(run_dir) if d.startswith("round-")), key=lambda d: int(d.split("-")[1]))
    statements = json.load(open(os.path.join(run_dir, "statements.json")))
    per_round = [(os.path.join(run_dir, d), *measure(os.path.join(run_dir, d), hz)) for d in rounds]
    runs = {}
    for name, server, config, query in RUNS:
        seen = [r[name] for _, r, _ in per_round if name in r]
        if seen:
            runs[name] = {"server": server, "configuration": config, "query": query, **average(seen)}
    pgbench = {}
    for q in QUERIES:
        seen = [p[q] for _, _, p in per_round if q in p]
        if seen:
            pgbench[q] = {**average(seen),
                          "command": meta["pgbench_command"].replace("SCRIPT", f"pgbench-{q}.sql"),
                          "statements": statements[q],
                          # As pgbench ran them: \startpipeline groups are what reos sends before waiting.
                          "script": open(os.path.join(run_dir, f"pgbench-{q}.sql")).read().splitlines()}

    ratios, targets = {}, {}
    for q in QUERIES:
        reos = runs.get(f"reos_{q}")
        pgs = [r for k, r in runs.items() if r["server"] == "postgraphile" and r["query"] == q]
        best = max(pgs, key=lambda r: r["requests_per_s"]) if pgs else None
        ceiling = pgbench.get(q, {}).get("tps")
        if not reos:
            continue
        r = {
            "best_postgraphile": best["configuration"] if best else None,
            "reos_over_best_postgraphile_requests_per_s": ratio(reos["requests_per_s"], best and best["requests_per_s"]),
            "reos_p99_over_best_postgraphile_p99": ratio(reos["p99_ms"], best and best["p99_ms"]),
            "reos_over_pgbench_ceiling": ratio(reos["requests_per_s"], ceiling),
        }
        ratios[q] = r
        targets[q] = {
            "reos_at_least_2x_best_postgraphile": {
                "target": ">= 2.0", "value": r["reos_over_best_postgraphile_requests_per_s"],
                "met": bool(r["reos_over_best_postgraphile_requests_per_s"] and r["reos_over_best_postgraphile_requests_per_s"] >= 2.0)},
            "reos_p99_at_most_half_of_best_postgraphile": {
                "target": "<= 0.5", "value": r["reos_p99_over_best_postgraphile_p99"],
                "met": bool(r["reos_p99_over_best_postgraphile_p99"] is not None and r["reos_p99_over_best_postgraphile_p99"] <= 0.5)},
            "reos_at_least_75pct_of_pgbench_ceiling": {
                "target": ">= 0.75", "value": r["reos_over_pgbench_ceiling"],
                "met": bool(r["reos_over_pgbench_ceiling"] and r["reos_over_pgbench_ceiling"] >= 0.75)},
        }
        targets[q]["all_met"] = all(t["met"] for t in targets[q].values())
    cached = runs.get("reos_cached_nested")
    reference = meta["cached_reference_requests_per_s"]
    previous = None
    prev_path = os.path.join(run_dir, "previous-compare.json")
    if os.path.exists(prev_path):
        try:
            prev = json.load(open(prev_path))
            p = prev["runs"]["reos_cached_nested"]
            previous = {"requests_per_s": p["requests_per_s"], "p99_ms": p["p99_ms"], "date": prev.get("date"),
                        "reos_git_commit": prev.get("versions", {}).get("reos_git_commit"),
                        "duration": prev.get("load", {}).get("duration")}
        except (KeyError, ValueError, TypeError):
            previous = None
    # Quiet: nothing else took more than 5% of the machine in any measured window.
    shares = [r["machine_cpu"]["other_processes_share"] for r in runs.values()]
    shares += [p["machine_cpu"]["other_processes_share"] for p in pgbench.values()]
    worst = max(shares, default=0.0)
    quiet = {"quiet": worst <= 0.05, "worst_other_processes_share": worst, "threshold": 0.05}
    cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    mem_kb = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    out = {
        "what": "issue 17: reos (response cache off, rate limiting on) vs PostGraphile v4 over the same PostgreSQL "
        "database (RLS, RLS-bound role, the same ES256 bearer token verified and the tenant set transaction-locally "
        "by both), the same logical queries, one server at a time; plus pgbench running the statements reos sends.",
        "date": meta.get("started") or datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "load": {
            "rounds": meta.get("rounds", 1),
            "tool": "wrk (ops/load/compare/wrk.lua)", "threads": meta["threads"], "connections": meta["connections"],
            "warmup": meta["warmup"], "duration": meta["duration"],
            "errors_counted": "socket errors + non-2xx + 200 answers whose body contains \"errors\"; one answer per run re-checked for shape and data after the run",
        },
        "data": {"properties_in_tenant": n, "tenants": 5, "database": meta["database"],
                 "properties_policy": meta["policy"]},
        "queries": meta["queries"],
        "runs": runs,
        "pgbench_ceiling": pgbench,
        "ratios": ratios,
        "targets": targets,
        "targets_met": bool(targets) and all(t["all_met"] for t in targets.values()),
        # Other work on the machine lands on whichever runs it overlaps, so a run that was not quiet
        # can favour either server: its ratios do not count for the targets.
        "targets_verdict": (
            ("met" if all(t["all_met"] for t in targets.values()) else "not met") if quiet["quiet"] and targets
            else "no verdict: the machine was not quiet (machine_quiet); run again with nothing else running"
        ),
        "cached_path": {
            "run": "reos_cached_nested (response cache on, rate limiting on: the default configuration)",
            "requests_per_s": cached and cached["requests_per_s"],
            "p99_ms": cached and cached["p99_ms"],
            "previous_run": previous,
            "tolerance": "not slower: at least 90% of the previous run's requests/s (runs on this shared 2-core machine vary by about that much)",
            "not_slower_than_previous_run": (
                None if not (cached and previous) else cached["requests_per_s"] >= 0.9 * previous["requests_per_s"]
            ),
            "issue_reference_requests_per_s": reference,
            "issue_reference_note": "issue 17 quotes 34,000-37,000 req/s with the cache on for the repeated queries, "
            "configuration not recorded there (ops/load/run.sh's cached runs are with rate limiting off; rate limiting "
            "prices every request, cache hits included, by parse + validation); not comparable as a target",
        },
        "cpu_note": "cpu_ms_per_request: utime+stime from /proc/PID/stat over the measured window, divided by wrk's "
        "request count. server: reos's process, or PostGraphile's primary and all its workers; database: every child "
        "of the postmaster (background processes and the backends of this database, plus backends that exited in the "
        "window through the postmaster's cutime, less what they had spent before it). wrk's own CPU is not counted. machine_cpu: shares of the machine's "
        "whole capacity (all cores) over the window from /proc/stat: busy, spent by the load generator (wrk or "
        "pgbench), and by other processes (busy minus server, database and load generator): a high "
        "other_processes_share means the machine was not quiet.",
        "machine_quiet": quiet,
        "fairness": meta["fairness"],
        "machine": {"cores": os.cpu_count(), "cpu": cpu_model, "memory_gib": round(mem_kb / 1048576, 1),
                    "kernel": platform.release(),
                    "calibration_s": calibration(run_dir),
                    "note": "servers, PostgreSQL, wrk and pgbench share this machine"},
        "versions": meta["versions"],
        "run_dir": run_dir,
    }
    for name, r in runs.items():
        if r["errors"]:
            print(f"summary: WARNING: {name}: {r['errors']} errors {r['error_detail']}", file=sys.stderr)
    if not quiet["quiet"]:
        print(f"summary: WARNING: other processes used up to {worst:.0%} of the machine during a measured run "
              "(machine_cpu.other_processes_share); the figures are not those of a quiet machine", file=sys.stderr)
    os.makedirs(os.path.dirname(out_json) or ".", exist_ok=True)
    with open(out_json, "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    chart(out, out_png)
    print(json.dumps({"runs": {k: {x: v[x] for x in ("requests_per_s", "p50_ms", "p99_ms", "errors", "cpu_ms_per_request")}
                               for k, v in runs.items()},
                      "pgbench_tps": {q: v["tps"] for q, v in pgbench.items()},
                      "ratios": ratios, "targets_met": out["targets_met"], "machine_quiet": quiet}, indent=2))


def chart(out, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = out["runs"]
    series = [
        ("reos (cache off)", "reos_{}", "#c0392b"),
        ("PostGraphile, 1 worker", "postgraphile_1w_{}", "#2e86c1"),
        ("PostGraphile, 2 workers", "postgraphile_2w_{}", "#85c1e9"),
    ]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.8))
    for ax, q in zip(axes, QUERIES):
        labels, values, colors = [], [], []
        for label, key, color in series:
            r = runs.get(key.format(q))
            labels.append(label)
            values.append(r["requests_per_s"] if r else 0)
            colors.append(color)
        labels.append("pgbench ceiling\n(reos's statements)")
        values.append(out["pgbench_ceiling"].get(q, {}).get("tps") or 0)
        colors.append("#7f8c8d")
        x = range(len(values))
        bars = ax.bar(x, values, color=colors)
        ax.set_xticks(list(x))
        ax.set_xticklabels([l.replace(", ", ",\n", 1) if "\n" not in l else l for l in labels], fontsize=8)
        for b, v, label in zip(bars, values, labels):
            run = next((runs.get(k.format(q)) for l, k, _ in series if l == label), None)
            text = f"{v:,.0f}"
            if run:
                text += f"\np99 {run['p99_ms']:.0f} ms"
            ax.annotate(text, (b.get_x() + b.get_width() / 2, v), ha="center", va="bottom", fontsize=8,
                        xytext=(0, 2), textcoords="offset points")
        title = {"small": "small: first 10 properties, name", "nested": "nested: 50 properties, owners, leases, latest valuation, totalCount"}[q]
        best = max(values[1:3])
        if best and values[0]:
            ax.axhline(2 * best, color="#c0392b", ls="--", lw=1)
            ax.annotate("reos target: 2x best PostGraphile", (1.5, 2 * best), ha="center", va="bottom",
                        fontsize=7, color="#c0392b", xytext=(0, 2), textcoords="offset points")
        ax.set_title(title, fontsize=9)
        ax.set_ylabel("requests/s (pgbench: transactions/s)")
        ax.set_ylim(0, max(values + [2 * max(values[1:3]), 1]) * 1.25)
        ax.grid(axis="y", alpha=0.3)
    quiet = "" if out["machine_quiet"]["quiet"] else " (machine NOT quiet: see machine_quiet)"
    fig.suptitle(f"reos vs PostGraphile v4, same PostgreSQL with RLS; wrk {out['load']['connections']} connections, "
                 f"{out['load']['duration']}; {out['date'][:10]}{quiet}", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()
