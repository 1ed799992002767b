#!/usr/bin/env bash
# The HTTP/JSON API through curl, a client no one here wrote: probes, the
# OpenAPI document, keys, create / get / list / patch / lifecycle, a match,
# and errors as google.rpc.Status JSON with their HTTP status and details.
#
#   tests/http/curl_test.sh SERVER_BINARY PLUGIN_DIR PG_DIR
set -euo pipefail
server=${1:?usage: curl_test.sh SERVER PLUGIN_DIR PG_DIR}
plugins=${2:?}
pg_dir=${3:?}
work=$(mktemp -d)
cluster_url=$(cat "$pg_dir/url")
db="vmtest_curl_$$"
psql -q "$cluster_url" -c "CREATE DATABASE $db"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  psql -q "$cluster_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- server log (tail)" >&2
  tail -n 20 "$work/server.out" >&2 || true
  exit 1
}

key="vmk_curl_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
VENDORMATCH_ADMIN_KEY=$key "$server" --listen=127.0.0.1:0 --http_listen=127.0.0.1:0 \
  --database_url="${cluster_url/postgresql:\/\/\/postgres?/postgresql:\/\/\/$db?}" \
  --plugin_dir="$plugins" --log_format=text >"$work/server.out" 2>&1 &
pid=$!
for _ in $(seq 300); do
  grep -q "serving on" "$work/server.out" && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited"
  sleep 0.1
done
http=$(sed -n 's/^vendormatch: HTTP on //p' "$work/server.out")
[ -n "$http" ] || fail "no \"HTTP on\" line"
base="http://$http"

# call METHOD PATH BODY [curl args...]: the body in $work/body, the status
# in $work/status. BODY '' sends none.
call() {
  local method=$1 path=$2 body=$3
  shift 3
  local args=(-sS -o "$work/body" -w '%{http_code}' -X "$method" -D "$work/headers"
    -H "Authorization: Bearer $key" "$@")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  curl "${args[@]}" "$base$path" >"$work/status"
}
# json EXPR: evaluates a Python expression over the last body (as `j`).
json() { /usr/bin/python3 -c "import json,sys; j=json.load(open('$work/body')); print($1)"; }
expect_status() { [ "$(cat "$work/status")" = "$1" ] || fail "$2: HTTP $(cat "$work/status"), want $1: $(cat "$work/body")"; }
expect() { [ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"; }

# Probes and the document need no key.
curl -sSf "$base/healthz" >/dev/null || fail "/healthz"
curl -sSf "$base/readyz" | grep -q SERVING || fail "/readyz"
curl -sSf "$base/openapi.json" -o "$work/openapi.json" || fail "/openapi.json"
/usr/bin/python3 -c "import json; d=json.load(open('$work/openapi.json')); assert d['openapi'].startswith('3.'); assert '/v1/providers/{provider}' in d['paths']" ||
  fail "openapi.json is not the API's OpenAPI 3 document"

# No key: 401.
curl -sS -o "$work/body" -w '%{http_code}' "$base/v1/providers" >"$work/status"
expect_status 401 "no key"
expect "$(json 'j["code"]')" 16 "no key: google.rpc.Status code"

provider='{"displayName":"Curl Contact Centre","legalName":"Curl CC Ltd","headquartersCountry":"PH",
 "serviceModels":["SERVICE_MODEL_BPO"],"services":["CUSTOMER_SUPPORT"],"languages":["en"],
 "declaredDeliveryModels":["DELIVERY_MODEL_OFFSHORE"],
 "deliveryCenters":[{"countryCode":"PH","city":"Cebu City","timeZone":"Asia/Manila","headcount":200,"seatsAvailable":30}],
 "rateCard":[{"hourlyRate":{"currencyCode":"USD","minorUnits":"1200"}}]}'
call POST "/v1/providers?providerId=curl-cc" "$provider" -H "X-Request-Id: curl-create-1"
expect_status 200 "create"
expect "$(json 'j["provider"]["name"]')" providers/curl-cc "create: name"
grep -qi '^x-request-id: curl-create-1' "$work/headers" || fail "create: X-Request-Id not echoed"
etag=$(json 'j["provider"]["etag"]')

call GET /v1/providers/curl-cc ''
expect_status 200 "get"
expect "$(json 'j["provider"]["displayName"]')" "Curl Contact Centre" "get: displayName"
expect "$(json 'j["provider"]["status"]')" STATUS_PENDING "get: enum by name"

call GET "/v1/providers?pageSize=10&filter=country%20%3D%20PH" ''
expect_status 200 "list"
expect "$(json 'len(j["providers"])')" 1 "list: filtered"

call PATCH "/v1/providers/curl-cc?updateMask=description" \
  "{\"description\":\"Now with night shifts\",\"etag\":\"${etag//\"/\\\"}\"}"
expect_status 200 "patch"
expect "$(json 'j["provider"]["description"]')" "Now with night shifts" "patch: description"
# The etag is stale now: 409 with a reason.
call PATCH "/v1/providers/curl-cc?updateMask=description" \
  "{\"description\":\"again\",\"etag\":\"${etag//\"/\\\"}\"}"
expect_status 409 "stale etag"

call POST /v1/providers/curl-cc:activate '{}'
expect_status 200 "activate"
expect "$(json 'j["provider"]["status"]')" STATUS_ACTIVE "activate"

match='{"requirement":{"services":["CUSTOMER_SUPPORT"],"clientCountry":"US",
 "clientTimeZone":"America/New_York"},"topK":5}'
for _ in $(seq 100); do
  call POST /v1:matchProviders "$match"
  expect_status 200 "match"
  [ "$(json 'len(j.get("matches", []))')" -ge 1 ] && break
  sleep 0.1
done
expect "$(json 'j["matches"][0]["provider"]')" providers/curl-cc "match: first"

# Errors: unknown provider, bad JSON naming the field, wrong method, bad deadline.
call GET /v1/providers/nobody ''
expect_status 404 "unknown provider"
expect "$(json 'j["code"]')" 5 "unknown provider: code"
call POST /v1:matchProviders '{"requirement":{"servics":[]}}'
expect_status 400 "bad field"
grep -q servics "$work/body" || fail "bad field: the message does not name it"
call PUT /v1/providers/curl-cc '{}'
expect_status 405 "PUT"
grep -qi '^allow: GET, PATCH, DELETE' "$work/headers" || fail "405: no Allow header"
call GET /v1/providers '' -H 'grpc-timeout: soon'
expect_status 400 "bad grpc-timeout"
call GET '/v1/providers?$timeout=1ns' ''
expect_status 504 "a deadline already passed"

# The calls went through the gRPC path: one log line each, same method names.
grep -q 'vendormatch.v1.RegistryService/CreateProvider' "$work/server.out" ||
  fail "no rpc log line for the HTTP create"
grep -q 'request_id=curl-create-1 peer=127.0.0.1 transport=http' "$work/server.out" ||
  fail "the log line does not name the request id, the HTTP client and the transport"
echo "curl_test: every check passed"
