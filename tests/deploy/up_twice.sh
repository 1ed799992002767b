#!/usr/bin/env bash
# deploy/local/up as a developer runs it, twice from one checkout: the first
# serves the sample registry over gRPC and HTTP; the second refuses at once,
# naming why, and leaves the first (and its PostgreSQL) serving; Ctrl-C
# (SIGINT) stops the first cleanly.
#
#   tests/deploy/up_twice.sh REPO BUILD_DIR
set -euo pipefail
repo=${1:?usage: up_twice.sh REPO BUILD_DIR}
build=${2:?}
work=$(mktemp -d)
# The private cluster's folder must be reachable by the postgres user.
pg=/tmp/vm-up-twice-$$
export VENDORMATCH_BUILD_DIR=$build VENDORMATCH_LOCAL_PG_DIR=$pg VENDORMATCH_NO_BUILD=1
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export VENDORMATCH_LISTEN=127.0.0.1:$(free_port) VENDORMATCH_HTTP_LISTEN=127.0.0.1:$(free_port)
export VENDORMATCH_METRICS_LISTEN=127.0.0.1:$(free_port)
first=""
cleanup() {
  [ -n "$first" ] && kill -INT "$first" 2>/dev/null && wait "$first" 2>/dev/null
  "$repo/tests/pg/cluster" stop "$pg" >/dev/null 2>&1 || true
  rm -rf "$work" "$pg" "$pg.lock"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "--- first up:" >&2; tail -n 20 "$work/first.out" >&2; exit 1; }

setsid "$repo/deploy/local/up" >"$work/first.out" 2>&1 &
first=$!
for _ in $(seq 600); do
  grep -q "Ctrl-C stops" "$work/first.out" && break
  kill -0 "$first" 2>/dev/null || fail "the first up exited"
  sleep 0.2
done
grep -q "Ctrl-C stops" "$work/first.out" || fail "the first up did not come up in 120 s"
grep -q "JSON over HTTP on http://$VENDORMATCH_HTTP_LISTEN" "$work/first.out" ||
  fail "up does not print the HTTP address"

if "$repo/deploy/local/up" >"$work/second.out" 2>&1; then
  fail "the second up started"
fi
grep -q "another deploy/local/up is serving" "$work/second.out" ||
  { cat "$work/second.out" >&2; fail "the second up did not say why it refused"; }

key=$(sed -n 's/^up: admin API key (in .*): //p' "$work/first.out")
curl -sSf -H "Authorization: Bearer $key" "http://$VENDORMATCH_HTTP_LISTEN/v1/providers?pageSize=1" \
  >/dev/null || fail "the first up stopped serving after the second one tried"

kill -INT -- "-$first"
wait "$first" || fail "the first up did not exit 0 on Ctrl-C"
first=""
grep -q "stopped the private PostgreSQL" "$work/first.out" || fail "PostgreSQL was not stopped"
echo "up_twice: the second up refused; the first served on and stopped cleanly"
