#!/usr/bin/python3
"""Helper of tests/bench/rpc-load (run with Debian's /usr/bin/python3).

  rpc_load.py bodies DIR --proto-root P --google-protos G NAME=REQUIREMENT.yaml...
      Writes DIR/health.bin (an empty grpc.health.v1.HealthCheckRequest) and
      DIR/NAME.bin (a vendormatch.v1.MatchProvidersRequest for the requirement,
      profile "profiles/balanced", top_k 10), each as one gRPC message: a 5-byte
      frame header (0 = uncompressed, 4-byte big-endian length) and the bytes.
      The Python modules are generated with protoc into DIR/py at run time.
  rpc_load.py free-port
      Prints a free TCP port on 127.0.0.1.
  rpc_load.py match-info MATCH.json INFO.json
      Reads the output of "vendormatchctl --json match", writes the figures the
      report shows to INFO.json and prints candidates_considered (0 if none).
  rpc_load.py measure --server-pid PID --metrics URL --out RUN.json -- h2load ...
      Runs the h2load command, keeps its output next to RUN.json, and records
      the wall time, h2load's CPU time, the server's CPU time (/proc/PID/stat),
      the whole machine's busy CPU time (/proc/stat: what else ran) and the
      change in the server's vendormatch_rpc_requests_total by method and code.
  rpc_load.py report --runs DIR --out FILE.json --meta KEY=VALUE...
      Reads DIR/*.run.json (and the h2load per-request logs they name), prints
      the table and writes the figures as JSON.
"""
import argparse
import glob
import json
import os
import resource
import socket
import struct
import subprocess
import sys
import time
import urllib.request


def frame(message: bytes) -> bytes:
    return b"\0" + struct.pack(">I", len(message)) + message


def cmd_bodies(args):
    import yaml

    py = os.path.join(args.dir, "py")
    os.makedirs(py, exist_ok=True)
    google = [os.path.join(args.google_protos, f) for f in (
        "google/api/annotations.proto", "google/api/http.proto",
        "google/api/field_behavior.proto", "google/api/resource.proto",
        "google/type/date.proto", "google/type/dayofweek.proto", "google/type/timeofday.proto")]
    ours = sorted(glob.glob(os.path.join(args.proto_root, "vendormatch/v1/*.proto")))
    subprocess.run(["protoc", f"--python_out={py}", f"-I{args.proto_root}",
                    f"-I{args.google_protos}"] + ours + google, check=True)
    # No __init__.py files: "google" stays a namespace package that merges
    # with the installed google.protobuf (as in tests/python/e2e_test.py).
    sys.path.insert(0, py)
    from google.protobuf import json_format
    from vendormatch.v1 import matching_service_pb2

    with open(os.path.join(args.dir, "health.bin"), "wb") as out:
        out.write(frame(b""))  # HealthCheckRequest{service: ""}: no bytes
    for spec in args.requirements:
        name, path = spec.split("=", 1)
        with open(path) as f:
            requirement = yaml.safe_load(f)
        request = matching_service_pb2.MatchProvidersRequest(profile="profiles/balanced", top_k=10)
        json_format.ParseDict(requirement, request.requirement)
        body = request.SerializeToString()
        with open(os.path.join(args.dir, f"{name}.bin"), "wb") as out:
            out.write(frame(body))
        # The same request as the HTTP listener takes it (protobuf's JSON mapping).
        with open(os.path.join(args.dir, f"{name}.json"), "w") as out:
            out.write(json_format.MessageToJson(request, indent=None))
        print(f"rpc-load: {name}: MatchProvidersRequest of {len(body)} bytes from {path}")


def cmd_free_port(_args):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def cmd_match_info(args):
    try:
        with open(args.match) as f:
            match = json.load(f)
    except (OSError, ValueError):
        match = {}
    info = {"candidates_considered": match.get("candidatesConsidered", 0),
            "eligible_count": match.get("eligibleCount", 0),
            "results": len(match.get("matches", [])),
            "summary": match.get("summary", "")}
    with open(args.info, "w") as f:
        json.dump(info, f)
    print(info["candidates_considered"])


def server_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime 14 and stime 15 (1-based).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU seconds spent busy by the whole machine, over all cores (/proc/stat)."""
    with open("/proc/stat") as f:
        ticks = [int(v) for v in f.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def rpc_counts(url):
    counts = {}
    with urllib.request.urlopen(url, timeout=5) as response:
        for line in response.read().decode().splitlines():
            if not line.startswith("vendormatch_rpc_requests_total{"):
                continue
            labels, value = line.rsplit(" ", 1)
            parts = dict(kv.split("=", 1) for kv in labels[labels.index("{") + 1:-1].split(","))
            key = f'{parts["method"].strip(chr(34))} {parts["code"].strip(chr(34))}'
            counts[key] = float(value)
    return counts


def cmd_measure(args):
    stem = args.out[:-len(".run.json")] if args.out.endswith(".run.json") else args.out
    before_counts = rpc_counts(args.metrics)
    before_server = server_cpu_seconds(args.server_pid)
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_machine = machine_busy_seconds()
    start = time.monotonic()
    with open(stem + ".h2load.txt", "w") as out:
        rc = subprocess.run(args.command, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.monotonic() - start
    machine = machine_busy_seconds() - before_machine
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    server = server_cpu_seconds(args.server_pid) - before_server
    after_counts = rpc_counts(args.metrics)
    delta = {k: v - before_counts.get(k, 0) for k, v in after_counts.items()
             if v - before_counts.get(k, 0) > 0}
    record = {
        # The API key is left out of the record.
        "command": ["authorization: Bearer <key>" if a.lower().startswith("authorization:") else a
                    for a in args.command],
        "exit_status": rc,
        "wall_s": wall,
        "h2load_cpu_s": (after_children.ru_utime - before_children.ru_utime) +
                        (after_children.ru_stime - before_children.ru_stime),
        "server_cpu_s": server,
        "machine_busy_cpu_s": machine,
        "server_calls_by_method_and_code": delta,
        "h2load_output": stem + ".h2load.txt",
        "log_file": next((a.split("=", 1)[1] for a in args.command
                          if a.startswith("--log-file=")), None),
    }
    with open(args.out, "w") as f:
        json.dump(record, f, indent=1)
    if rc != 0:
        sys.stdout.write(open(stem + ".h2load.txt").read())
        sys.exit(f"rpc-load: h2load exited with status {rc}")


def parse_h2load(text):
    out = {}
    for line in text.splitlines():
        words = line.split()
        if line.startswith("finished in"):
            out["h2load_req_per_s"] = float(words[3])
        elif line.startswith("requests:"):
            for count, what in zip(words[1::2], words[2::2]):
                out["requests_" + what.strip(",")] = int(count)
        elif line.startswith("status codes:"):
            out["http_2xx"] = int(words[2])
        elif line.startswith("time for request:"):
            out["h2load_time_for_request"] = dict(zip(("min", "max", "mean", "sd"), words[3:7]))
    return out


def nearest_rank(sorted_values, q):
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * q // 100))  # ceil(n * q / 100)
    return sorted_values[int(rank) - 1]


def cmd_report(args):
    meta = dict(m.split("=", 1) for m in args.meta)
    runs = []
    warmup_non_ok = {}
    for path in sorted(glob.glob(os.path.join(args.runs, "*.run.json"))):
        with open(path) as f:
            run = json.load(f)
        name = os.path.basename(path)[:-len(".run.json")]
        phase, _, label = name.partition("-")
        if phase != "load":
            # A timed (-D) run abandons the calls in flight at its end; the
            # server may count those as failed. More than that is reported.
            with open(run["h2load_output"]) as f:
                h2 = parse_h2load(f.read())
            abandoned = h2.get("requests_started", 0) - h2.get("requests_done", 0)
            bad = {k: v for k, v in run["server_calls_by_method_and_code"].items()
                   if not k.endswith(" OK")}
            if sum(bad.values()) > abandoned:
                warmup_non_ok[label] = bad
            continue
        with open(run["h2load_output"]) as f:
            run.update(parse_h2load(f.read()))
        durations = []
        statuses = {}
        ends = []
        with open(run["log_file"]) as f:
            for line in f:
                cols = line.split("\t")
                if len(cols) >= 3:
                    durations.append(int(cols[2]) / 1000.0)
                    statuses[cols[1]] = statuses.get(cols[1], 0) + 1
                    ends.append(int(cols[0]) + int(cols[2]))
        # Calls finished in each whole second of the run (to see drift).
        if ends:
            first = min(ends)
            per_second = [0] * ((max(ends) - first) // 1_000_000 + 1)
            for end in ends:
                per_second[(end - first) // 1_000_000] += 1
            run["calls_per_second_of_run"] = per_second[:-1] or per_second
        durations.sort()
        run["label"] = label
        run["logged_requests"] = len(durations)
        run["logged_http_status"] = statuses
        run["latency_ms"] = {
            "p50": nearest_rank(durations, 50), "p99": nearest_rank(durations, 99),
            "mean": sum(durations) / len(durations) if durations else None,
            "max": durations[-1] if durations else None}
        done = run.get("requests_succeeded", 0)
        run["cores_used"] = (run["server_cpu_s"] + run["h2load_cpu_s"]) / run["wall_s"]
        # Everything else that ran meanwhile (other users of the machine).
        run["other_cores_used"] = max(0.0, run["machine_busy_cpu_s"] / run["wall_s"] -
                                      run["cores_used"])
        run["server_cpu_us_per_call"] = run["server_cpu_s"] / done * 1e6 if done else None
        run["h2load_cpu_us_per_call"] = run["h2load_cpu_s"] / done * 1e6 if done else None
        bad = {k: v for k, v in run["server_calls_by_method_and_code"].items()
               if not k.endswith(" OK")}
        run["server_non_ok_calls"] = bad
        info_path = os.path.join(args.runs, label + ".info.json")
        if os.path.exists(info_path):
            with open(info_path) as f:
                run.update(json.load(f))
        runs.append(run)
    order = ["health", "health_no_key", "match_kpo_narrow", "match_bpo_broad",
             "http_readyz", "http_match_kpo_narrow", "http_match_bpo_broad"]
    runs.sort(key=lambda r: order.index(r["label"]) if r["label"] in order else len(order))
    floor = next((r for r in runs if r["label"] == "health"), None)
    goal = float(meta.get("goal_share", 0.6))
    for r in runs:
        r["share_of_health_floor"] = r["h2load_req_per_s"] / floor["h2load_req_per_s"]
        if r["label"].startswith("match"):
            r["goal_met"] = r["share_of_health_floor"] >= goal

    print(f"RPC throughput: a warm-up round ({meta.get('warmup', '?')} s per call), then "
          f"about {meta.get('duration', '?')} s per call (-n from the warm-up's rate); "
          f"h2load -c {meta.get('clients')} -m {meta.get('streams')} -t {meta.get('threads')}; "
          f"server --log_level={meta.get('log_level')}; {meta.get('providers')} providers")
    header = (f"{'call':<18} {'eligible':>10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'mean ms':>8} {'srv CPU µs':>10} {'h2l CPU µs':>10} {'cores':>6} {'others':>6} "
              f"{'of floor':>9}")
    print(header)
    for r in runs:
        lat = r["latency_ms"]
        eligible = (f"{r['eligible_count']}/{r['candidates_considered']}"
                    if "eligible_count" in r else "")
        share = "floor" if r["label"] == "health" else f"{100 * r['share_of_health_floor']:.1f} %"
        print(f"{r['label']:<18} {eligible:>10} {r['h2load_req_per_s']:>9.0f} {lat['p50']:>8.3f} "
              f"{lat['p99']:>8.3f} {lat['mean']:>8.3f} {r['server_cpu_us_per_call']:>10.1f} "
              f"{r['h2load_cpu_us_per_call']:>10.1f} {r['cores_used']:>6.2f} "
              f"{r['other_cores_used']:>6.2f} {share:>9}")
    print("srv/h2l CPU µs: the server's and h2load's CPU time (user + system) per call; "
          f"cores: both together, CPU s per wall s (of {meta.get('cpus', '?')}); "
          "others: the rest of the machine's busy cores meanwhile (/proc/stat)")
    failures = []
    for r in runs:
        if r["server_non_ok_calls"]:
            failures.append(f"{r['label']}: server counted non-OK calls {r['server_non_ok_calls']}")
        if r.get("requests_failed") or r.get("requests_errored") or r.get("requests_timeout"):
            failures.append(f"{r['label']}: h2load counted failures")
    for r in runs:
        if r["label"].startswith("match"):
            print(f"goal: {r['label']} reaches {100 * r['share_of_health_floor']:.1f} % of the "
                  f"health-check floor (goal >= {100 * goal:.0f} %): "
                  f"{'met' if r['goal_met'] else 'missed'}")
    by_label = {r["label"]: r for r in runs}
    for r in runs:
        grpc_run = by_label.get(r["label"][len("http_"):]) if r["label"].startswith("http_") else None
        if grpc_run is None or not r["label"].startswith("http_match"):
            continue
        r["share_of_grpc"] = r["h2load_req_per_s"] / grpc_run["h2load_req_per_s"]
        print(f"HTTP/JSON vs gRPC: {grpc_run['label']}: {r['h2load_req_per_s']:.0f} vs "
              f"{grpc_run['h2load_req_per_s']:.0f} req/s ({100 * r['share_of_grpc']:.0f} %), "
              f"p50 {r['latency_ms']['p50']:.3f} vs {grpc_run['latency_ms']['p50']:.3f} ms, "
              f"server CPU {r['server_cpu_us_per_call']:.0f} vs "
              f"{grpc_run['server_cpu_us_per_call']:.0f} µs per call")
    for label, bad in warmup_non_ok.items():
        print(f"rpc-load: warning: in the warm-up of {label} the server counted non-OK calls {bad}",
              file=sys.stderr)
    result = {"meta": meta, "goal_share_of_health_floor": goal, "runs": runs,
              "warmup_non_ok_calls": warmup_non_ok, "failures": failures}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"figures written to {args.out}", flush=True)
    for failure in failures:
        print(f"rpc-load: FAILED: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("bodies")
    p.add_argument("dir")
    p.add_argument("--proto-root", required=True)
    p.add_argument("--google-protos", required=True)
    p.add_argument("requirements", nargs="+")
    p.set_defaults(fn=cmd_bodies)
    p = sub.add_parser("free-port")
    p.set_defaults(fn=cmd_free_port)
    p = sub.add_parser("match-info")
    p.add_argument("match")
    p.add_argument("info")
    p.set_defaults(fn=cmd_match_info)
    p = sub.add_parser("measure")
    p.add_argument("--server-pid", required=True, type=int)
    p.add_argument("--metrics", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("command", nargs=argparse.REMAINDER)
    p.set_defaults(fn=cmd_measure)
    p = sub.add_parser("report")
    p.add_argument("--runs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--meta", nargs="*", default=[])
    p.set_defaults(fn=cmd_report)
    args = parser.parse_args()
    if getattr(args, "command", None) and args.command[0] == "--":
        args.command = args.command[1:]
    args.fn(args)


if __name__ == "__main__":
    main()
