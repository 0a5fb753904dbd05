# Extracts the statements reos sent for one request of each query from the PostgreSQL server log
# (log_statement = all for reos_service, requests fenced by marker statements) and writes them as
# pgbench scripts with the bound parameters substituted as literals (ops/load/compare.sh, issue 17).
#
# Usage: capture.py LOGFILE OFFSET ROLE@DATABASE OUT_DIR QUERY...
# The log window from byte OFFSET must hold `SELECT 'reos-capture:QUERY'` markers (one before each
# query's request) and a final `SELECT 'reos-capture:end'`. Writes OUT_DIR/pgbench-QUERY.sql and
# OUT_DIR/statements.json ({query: [statement, ...]}).
import json
import re
import sys

# Debian's default log_line_prefix '%m [%p] %q%u@%d ': "2026-12-06 10:00:00.123 UTC [4242] user@db LOG:  ..."
PREFIX = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (?:(\S*)@(\S*) )?([A-Z]+):  (.*)$")
STATEMENT = re.compile(r"^(?:statement|execute [^:]*): (.*)$", re.S)
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
PLACEHOLDER = re.compile(r"\$(\d+)(?!\d)")
MARKER = re.compile(r"^SELECT 'reos-capture:([\w-]+)'$")


def entries(path, offset):
    """(pid, user, database, level, message) per log entry, continuation lines joined."""
    with open(path, "rb") as f:
        f.seek(offset)
        text = f.read().decode("utf-8", "replace")
    current = None
    for line in text.split("\n"):
        m = PREFIX.match(line)
        if m:
            if current:
                yield current
            current = [int(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5)]
        elif current is not None:
            # Continuation of a multi-line statement (PostgreSQL writes the lines as they are).
            current[4] += "\n" + line
    if current:
        yield current


def substitute(sql, params):
    def repl(m):
        n = int(m.group(1))
        if n not in params:
            raise SystemExit(f"no value for ${n} in: {sql}")
        return params[n]

    return PLACEHOLDER.sub(repl, sql)


def split_simple(sql):
    """The statements of one simple-protocol query (reos's pipelined opening sends
    `BEGIN READ ONLY; SELECT set_config(...)` as one); none of reos's statements has a ';' in a
    literal."""
    return [part.strip() for part in sql.rstrip().rstrip(";").split(";") if part.strip()]


def waits(stmts):
    """The statements grouped by what reos waits for. A pipelined read-only request (it opens with
    `BEGIN READ ONLY`) sends its opening and the page (with the count) before waiting, then the
    page's children together, and queues its ROLLBACK without waiting (here: with the last group,
    so pgbench waits as often as reos does). Any other request waits for each statement."""
    if not stmts or not stmts[0].startswith("BEGIN READ ONLY"):
        return [[s] for s in stmts]
    on_properties = [i for i, s in enumerate(stmts) if 'FROM "properties"' in s]
    first = (on_properties[-1] if on_properties else 0) + 1
    rest = stmts[first:]
    if all(s == "ROLLBACK" for s in rest):
        return [stmts]
    return [stmts[:first], rest]


def main():
    path, offset, who, out_dir, *queries = sys.argv[1:]
    role, database = who.split("@", 1)
    windows = {}  # query -> list of [pid, sql, params]
    window = None
    last = None
    for pid, user, db, level, msg in entries(path, int(offset)):
        st = STATEMENT.match(msg) if level == "LOG" else None
        if st:
            marker = MARKER.match(st.group(1).strip())
            if marker:
                window = marker.group(1)
                if window != "end":
                    windows[window] = []
                last = None
                continue
        if window in (None, "end") or user != role or db != database:
            continue
        if st:
            last = [pid, st.group(1).strip(), None]
            windows[window].append(last)
        elif level == "DETAIL" and msg.startswith("parameters: ") and last is not None and last[0] == pid:
            last[2] = {int(n): v for n, v in PARAM.findall(msg)}
    captured = {}
    for q in queries:
        stmts = windows.get(q)
        if not stmts:
            raise SystemExit(f"capture: no statement of role {role} logged for query {q!r}")
        # A request's transaction runs on one pooled connection: keep the backend that ran the
        # statements on `properties` (background work of the server, if any, runs on others).
        pids = [p for p, sql, _ in stmts if "properties" in sql]
        if not pids:
            raise SystemExit(f"capture: no statement on properties for query {q!r}: {stmts}")
        pid = pids[0]
        mine = [(sql, params) for p, sql, params in stmts if p == pid]
        others = sorted({p for p, _, _ in stmts if p != pid})
        if others:
            print(f"capture: {q}: ignored statements of other backends {others}", file=sys.stderr)
        captured[q] = [substitute(sql, params or {}) for sql, params in mine]
        with open(f"{out_dir}/pgbench-{q}.sql", "w") as f:
            f.write(f"-- statements reos sent for one '{q}' request, captured from the PostgreSQL log\n")
            for group in waits(captured[q]):
                if len(group) > 1:
                    f.write("\\startpipeline\n")
                for sql in group:
                    # pgbench's pipeline mode takes one statement per command.
                    for part in split_simple(sql):
                        f.write(part + ";\n")
                if len(group) > 1:
                    f.write("\\endpipeline\n")
    with open(f"{out_dir}/statements.json", "w") as f:
        json.dump(captured, f, indent=2)
    for q, stmts in captured.items():
        print(f"capture: {q}: {len(stmts)} statements")


if __name__ == "__main__":
    main()
