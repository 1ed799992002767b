#!/usr/bin/python3
"""End-to-end test from a foreign client: Python with Debian's grpcio.

Uses the API the way a procurement system would: stubs generated from proto/
at test time, health checking and reflection, the catalogue, filtered and
paged lists, reads, error details decoded from google.rpc.Status, and
matching: a ranked, explained shortlist for a requirement, the BPO-vs-KPO
advisor and the loaded plugins.

Run by CTest (see tests/python/CMakeLists.txt) with the server binary, the
plugin folder, the proto roots and the test PostgreSQL cluster's directory as
arguments.
"""
import argparse
import collections
import datetime
import glob
import os
import shutil
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import unittest
import uuid

ARGS = None


def generate_stubs(out_dir):
    """Compiles the API and the protos it needs into Python modules."""
    # gRPC's own protos go under the module path "grpcapi/" (the proto package,
    # and so the wire names, stay grpc.health.v1 ...): the installed grpc
    # package is a regular package that generated modules cannot join.
    grpc_root = os.path.join(out_dir, "protos")
    for f in ("health/v1/health.proto", "reflection/v1alpha/reflection.proto"):
        os.makedirs(os.path.dirname(os.path.join(grpc_root, "grpcapi", f)), exist_ok=True)
        shutil.copy(os.path.join(ARGS.grpc_protos, "grpc", f), os.path.join(grpc_root, "grpcapi", f))
    roots = [ARGS.proto_root, ARGS.google_protos, grpc_root]
    files = sorted(glob.glob(os.path.join(ARGS.proto_root, "vendormatch/v1/*.proto")))
    files += [os.path.join(ARGS.google_protos, f) for f in (
        "google/api/annotations.proto", "google/api/http.proto",
        "google/api/field_behavior.proto", "google/api/resource.proto",
        "google/rpc/status.proto", "google/rpc/error_details.proto",
        "google/type/date.proto", "google/type/dayofweek.proto", "google/type/timeofday.proto")]
    files += [os.path.join(grpc_root, f) for f in (
        "grpcapi/health/v1/health.proto", "grpcapi/reflection/v1alpha/reflection.proto")]
    cmd = ["protoc", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}",
           "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin"]
    cmd += [f"-I{r}" for r in roots] + files
    subprocess.run(cmd, check=True)
    # No __init__.py files: "google" and "grpc" stay namespace packages that
    # merge with the installed google.protobuf and grpc.
    sys.path.insert(0, out_dir)


class BearerKey:
    """A client interceptor adding "authorization: Bearer KEY" to unary calls."""

    def __init__(self, key):
        self.header = ("authorization", f"Bearer {key}")

    def intercept_unary_unary(self, continuation, details, request):
        import grpc

        class Details(collections.namedtuple(
                "Details", ("method", "timeout", "metadata", "credentials", "wait_for_ready",
                            "compression")), grpc.ClientCallDetails):
            pass
        metadata = list(details.metadata or []) + [self.header]
        return continuation(Details(details.method, details.timeout, metadata, details.credentials,
                                    details.wait_for_ready, details.compression), request)


def _make_interceptor_class():
    import grpc
    return type("BearerKeyInterceptor", (BearerKey, grpc.UnaryUnaryClientInterceptor), {})


class ProcurementClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.tmp.cleanup)
        generate_stubs(cls.tmp.name)
        import grpc
        from vendormatch.v1 import matching_service_pb2_grpc, registry_service_pb2_grpc
        with open(os.path.join(ARGS.pg_dir, "url")) as url_file:
            cluster_url = url_file.read().strip()
        cls.db = "vmtest_py_" + uuid.uuid4().hex[:10]
        subprocess.run(["psql", "-q", cluster_url, "-c", f"CREATE DATABASE {cls.db}"], check=True)
        cls.addClassCleanup(subprocess.run, ["psql", "-q", cluster_url, "-c",
                                             f"DROP DATABASE IF EXISTS {cls.db} WITH (FORCE)"],
                            check=True)
        cls.cluster_url = cluster_url
        db_url = cluster_url.replace("postgresql:///postgres?", f"postgresql:///{cls.db}?")
        # The first admin key, as an operator would give it: in the environment.
        cls.admin_key = "vmk_" + secrets.token_urlsafe(32)
        cls.server = subprocess.Popen(
            [ARGS.server, "--listen=127.0.0.1:0", "--http_listen=127.0.0.1:0",
             f"--database_url={db_url}",
             f"--plugin_dir={ARGS.plugin_dir}"],
            stdout=subprocess.PIPE, text=True,
            env=dict(os.environ, VENDORMATCH_ADMIN_KEY=cls.admin_key))
        # The server logs (plugins loaded, ...) before "serving on ADDRESS".
        log = []
        cls.http_base = None
        for line in cls.server.stdout:
            log.append(line)
            if line.startswith("vendormatch: HTTP on "):
                cls.http_base = "http://" + line.strip().rsplit(" ", 1)[1]
            if "serving on" in line:
                break
        else:
            cls.server.kill()
            cls.server.wait()
            raise RuntimeError(f"server did not start: {''.join(log)!r}")
        cls.address = line.strip().rsplit(" ", 1)[1]
        # Stops the server even when the rest of set-up fails.
        cls.addClassCleanup(cls.stop_server)
        # Keep reading its log so a full pipe never blocks it.
        cls.log_reader = threading.Thread(target=lambda: cls.server.stdout.read(), daemon=True)
        cls.log_reader.start()
        cls.channel = grpc.insecure_channel(cls.address)
        # Every vendormatch call carries the key; health and reflection need none.
        keyed = grpc.intercept_channel(cls.channel, _make_interceptor_class()(cls.admin_key))
        cls.registry = registry_service_pb2_grpc.RegistryServiceStub(keyed)
        cls.matching = matching_service_pb2_grpc.MatchingServiceStub(keyed)
        cls.seed_registry()

    @classmethod
    def stop_server(cls):
        if cls.server.poll() is None:
            cls.server.kill()
            cls.server.wait()

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.stop_server()

    # The 10 KPO providers (py-000, py-003, ...) and the 20 BPO ones.
    KPO_COUNT = 10
    BPO_COUNT = 20

    @classmethod
    def seed_registry(cls):
        """An admin imports 30 providers: 10 KPO from India, 20 BPO from the Philippines.

        The KPO ones do market research and legal process outsourcing, hold
        ISO 27001 certificates valid through 2030 and have served legal
        clients; the BPO ones do customer support. Every provider has a rate
        card, and ratings that tie in pairs, so rankings have ties to break.
        """
        from google.type import date_pb2
        from vendormatch.v1 import provider_pb2, registry_service_pb2
        providers = []
        for i in range(30):
            kpo = i % 3 == 0
            p = provider_pb2.Provider(
                name=f"providers/py-{i:03d}",
                display_name=f"{'Insight' if kpo else 'Contact'} Partner {i:03d}",
                legal_name=f"Partner {i:03d} Ltd",
                headquarters_country="IN" if kpo else "PH",
                status=provider_pb2.Provider.STATUS_ACTIVE,
                service_models=[provider_pb2.SERVICE_MODEL_KPO if kpo else provider_pb2.SERVICE_MODEL_BPO],
                services=(["MARKET_RESEARCH", "LEGAL_PROCESS_OUTSOURCING"] if kpo
                          else ["CUSTOMER_SUPPORT"]),
                languages=["en"],
                industries=["LEGAL"] if kpo else ["RETAIL_ECOMMERCE"],
                declared_delivery_models=[provider_pb2.DELIVERY_MODEL_OFFSHORE])
            p.delivery_centers.add(country_code="IN" if kpo else "PH",
                                   city="Pune" if kpo else "Cebu City",
                                   time_zone="Asia/Kolkata" if kpo else "Asia/Manila",
                                   headcount=300, seats_available=40)
            p.rate_card.add(hourly_rate=provider_pb2.Money(currency_code="USD",
                                                           minor_units=2400 if kpo else 1100))
            p.quality.rating = 4.0 + 0.25 * ((i // 6) % 3)
            p.quality.review_count = 50
            p.quality.sla_attainment_percent = 97.0
            if kpo:
                p.certifications.add(code="ISO27001",
                                     issue_date=date_pb2.Date(year=2024, month=1, day=15),
                                     expiry_date=date_pb2.Date(year=2030, month=12, day=31))
            providers.append(p)
        cls.registry.ImportProviders(registry_service_pb2.ImportProvidersRequest(
            providers=providers, mode=registry_service_pb2.ImportProvidersRequest.MODE_CREATE),
            metadata=[("vendormatch-actor", "python-e2e")], timeout=30)
        cls.wait_for_snapshot(len(providers))

    @classmethod
    def wait_for_snapshot(cls, active):
        """Matching reads a snapshot that follows the registry a moment later
        (LISTEN/NOTIFY); a client that just wrote waits until it sees them."""
        import time
        from vendormatch.v1 import matching_service_pb2, requirement_pb2
        deadline = time.monotonic() + 20
        while True:
            reply = cls.matching.MatchProviders(matching_service_pb2.MatchProvidersRequest(
                requirement=requirement_pb2.Requirement(
                    services=["CUSTOMER_SUPPORT"], client_country="US",
                    client_time_zone="America/New_York"),
                top_k=1), timeout=10)
            if reply.candidates_considered == active:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"snapshot r{reply.snapshot_revision} holds "
                                     f"{reply.candidates_considered} of {active} providers")
            time.sleep(0.02)

    def test_health_reports_serving(self):
        from grpcapi.health.v1 import health_pb2, health_pb2_grpc
        health = health_pb2_grpc.HealthStub(self.channel)
        for service in ("", "vendormatch.v1.RegistryService", "vendormatch.v1.MatchingService"):
            reply = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            self.assertEqual(reply.status, health_pb2.HealthCheckResponse.SERVING)

    def test_reflection_lists_the_api(self):
        from grpcapi.reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
        stub = reflection_pb2_grpc.ServerReflectionStub(self.channel)
        replies = stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)
        names = {s.name for r in replies for s in r.list_services_response.service}
        self.assertIn("vendormatch.v1.RegistryService", names)
        self.assertIn("vendormatch.v1.MatchingService", names)
        self.assertIn("grpc.health.v1.Health", names)

    def test_calls_without_a_key_are_unauthenticated(self):
        import grpc
        from vendormatch.v1 import registry_service_pb2, registry_service_pb2_grpc
        anonymous = registry_service_pb2_grpc.RegistryServiceStub(self.channel)
        with self.assertRaises(grpc.RpcError) as caught:
            anonymous.ListCatalogEntries(registry_service_pb2.ListCatalogEntriesRequest(),
                                         timeout=5)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        self.assertIn("Bearer", caught.exception.details())

    def http(self, method, path, body=None, key=True):
        """One call over HTTP/JSON with the standard library: (status, JSON body, headers)."""
        import json
        import urllib.error
        import urllib.request
        request = urllib.request.Request(
            self.http_base + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-Request-Id": "py-http-1"})
        if key:
            request.add_header("Authorization", f"Bearer {self.admin_key}")
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status, json.load(reply), reply.headers
        except urllib.error.HTTPError as error:
            return error.code, json.load(error), error.headers

    def test_http_json_lists_gets_and_matches_like_grpc(self):
        status, listed, headers = self.http("GET", "/v1/providers?pageSize=5&filter=country%20%3D%20IN")
        self.assertEqual(status, 200)
        self.assertEqual(headers["X-Request-Id"], "py-http-1")
        self.assertEqual(len(listed["providers"]), 5)
        self.assertTrue(all(p["headquartersCountry"] == "IN" for p in listed["providers"]))
        self.assertIn("nextPageToken", listed)
        status, got, _ = self.http("GET", "/v1/providers/py-003")
        self.assertEqual(status, 200)
        self.assertEqual(got["provider"]["serviceModels"], ["SERVICE_MODEL_KPO"])
        self.assertEqual(got["provider"]["rateCard"][0]["hourlyRate"]["minorUnits"], "2400")
        status, matched, _ = self.http("POST", "/v1:matchProviders", {
            "requirement": {"services": ["LEGAL_PROCESS_OUTSOURCING"], "clientCountry": "US",
                            "clientTimeZone": "America/New_York"},
            "topK": 3})
        self.assertEqual(status, 200)
        self.assertEqual(len(matched["matches"]), 3)
        self.assertTrue(all(m["provider"].startswith("providers/py-")
                            for m in matched["matches"]))

    def test_http_errors_are_google_rpc_status_json(self):
        status, error, _ = self.http("GET", "/v1/providers/nobody-here")
        self.assertEqual(status, 404)
        self.assertEqual(error["code"], 5)
        self.assertIn("nobody-here", error["message"])
        status, error, _ = self.http("GET", "/v1/providers", key=False)
        self.assertEqual(status, 401)
        self.assertEqual(error["code"], 16)
        status, error, _ = self.http("POST", "/v1/providers?providerId=py-bad",
                                     {"displayName": ""})
        self.assertEqual(status, 400)
        types = {d["@type"] for d in error["details"]}
        self.assertIn("type.googleapis.com/google.rpc.BadRequest", types)

    def test_catalogue_names_service_models(self):
        from vendormatch.v1 import provider_pb2, registry_service_pb2
        reply = self.registry.ListCatalogEntries(
            registry_service_pb2.ListCatalogEntriesRequest(filter="service_model = BPO"), timeout=5)
        codes = {e.code for e in reply.catalog_entries}
        self.assertIn("CUSTOMER_SUPPORT", codes)
        self.assertTrue(all(e.service_model == provider_pb2.SERVICE_MODEL_BPO
                            for e in reply.catalog_entries))

    def test_filtered_list_pages_through_kpo_vendors(self):
        from vendormatch.v1 import registry_service_pb2
        names, token = [], ""
        while True:
            reply = self.registry.ListProviders(registry_service_pb2.ListProvidersRequest(
                filter='service_model = "KPO" AND country = IN', page_size=4, page_token=token),
                timeout=5)
            names += [p.name for p in reply.providers]
            token = reply.next_page_token
            if not token:
                break
        self.assertEqual(names, [f"providers/py-{i:03d}" for i in range(0, 30, 3)])

    def test_get_returns_money_in_minor_units(self):
        from vendormatch.v1 import registry_service_pb2
        p = self.registry.GetProvider(
            registry_service_pb2.GetProviderRequest(name="providers/py-001"), timeout=5).provider
        self.assertEqual(p.rate_card[0].hourly_rate.currency_code, "USD")
        self.assertEqual(p.rate_card[0].hourly_rate.minor_units, 1100)
        self.assertEqual(p.revision, 1)
        self.assertTrue(p.etag)

    def test_bad_filter_error_names_field_and_position(self):
        import grpc
        from google.rpc import error_details_pb2, status_pb2
        from vendormatch.v1 import registry_service_pb2
        with self.assertRaises(grpc.RpcError) as caught:
            self.registry.ListProviders(
                registry_service_pb2.ListProvidersRequest(filter="service_model = "), timeout=5)
        error = caught.exception
        self.assertEqual(error.code(), grpc.StatusCode.INVALID_ARGUMENT)
        details = dict(error.trailing_metadata())["grpc-status-details-bin"]
        status = status_pb2.Status.FromString(details)
        # A client finds each detail by its type (AIP-193: an ErrorInfo is always there).
        bad_request = error_details_pb2.BadRequest()
        info = error_details_pb2.ErrorInfo()
        self.assertTrue(any(d.Unpack(bad_request) for d in status.details))
        self.assertEqual(bad_request.field_violations[0].field, "filter")
        self.assertIn("position 17", bad_request.field_violations[0].description)
        self.assertTrue(any(d.Unpack(info) for d in status.details))
        self.assertEqual((info.reason, info.domain), ("INVALID_FIELD", "vendormatch.v1"))

    def test_unknown_provider_is_not_found(self):
        import grpc
        from vendormatch.v1 import registry_service_pb2
        with self.assertRaises(grpc.RpcError) as caught:
            self.registry.GetProvider(
                registry_service_pb2.GetProviderRequest(name="providers/nobody-home"), timeout=5)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.NOT_FOUND)

    def legal_research_requirement(self):
        """A US law firm's legal research, worked in New York hours, under NDA."""
        from google.type import date_pb2
        from vendormatch.v1 import provider_pb2, requirement_pb2
        start = datetime.date.today() + datetime.timedelta(days=60)
        return requirement_pb2.Requirement(
            services=["LEGAL_PROCESS_OUTSOURCING"],
            preferred_service_model=provider_pb2.SERVICE_MODEL_KPO,
            client_country="US",
            client_time_zone="America/New_York",
            rate_ceiling=provider_pb2.Money(currency_code="USD", minor_units=12000),
            headcount=5,
            start_date=date_pb2.Date(year=start.year, month=start.month, day=start.day),
            certifications=["ISO27001"],
            languages=["en"],
            industry="LEGAL",
            collaboration=requirement_pb2.LEVEL_HIGH)

    def test_match_ranks_and_explains_a_legal_research_shortlist(self):
        from vendormatch.v1 import matching_service_pb2, provider_pb2
        reply = self.matching.MatchProviders(matching_service_pb2.MatchProvidersRequest(
            requirement=self.legal_research_requirement(), profile="profiles/expertise_first",
            top_k=20), timeout=10)
        self.assertEqual(reply.profile, "profiles/expertise_first")
        self.assertGreaterEqual(reply.profile_revision, 1)
        self.assertGreaterEqual(reply.snapshot_revision, 1)
        self.assertIn("providers eligible", reply.summary)
        self.assertEqual(reply.candidates_considered, self.KPO_COUNT + self.BPO_COUNT)

        # The shortlist: every KPO provider fits (and only they do), each explained.
        self.assertTrue(reply.matches)
        self.assertEqual(len(reply.matches), reply.eligible_count)
        self.assertEqual(reply.eligible_count, self.KPO_COUNT)
        kpo_names = {f"providers/py-{i:03d}" for i in range(0, 30, 3)}
        for rank, match in enumerate(reply.matches, start=1):
            self.assertEqual(match.rank, rank)
            self.assertIn(match.provider, kpo_names)
            self.assertIn("LEGAL_PROCESS_OUTSOURCING", match.matched_services)
            self.assertTrue(match.scores, match.provider)
            for score in match.scores:
                self.assertTrue(score.plugin)
                self.assertTrue(score.reason, f"{match.provider} {score.plugin}")
                self.assertGreaterEqual(score.normalized_score, 0)
                self.assertLessEqual(score.normalized_score, 100)
            self.assertAlmostEqual(sum(s.contribution for s in match.scores), match.total_score,
                                   places=6)
            self.assertTrue(match.HasField("delivery"), match.provider)
            self.assertEqual(match.delivery.delivery_model, provider_pb2.DELIVERY_MODEL_OFFSHORE)
            self.assertEqual(match.delivery.country_code, "IN")
            self.assertTrue(match.delivery.rule)
        # Best first; equal totals in provider-name order.
        keys = [(-m.total_score, m.provider) for m in reply.matches]
        self.assertEqual(keys, sorted(keys))

        # The BPO providers fell at the services filter.
        outcomes = {o.plugin: o for o in reply.filter_outcomes}
        self.assertIn("services", outcomes)
        services = outcomes["services"]
        self.assertEqual(services.removed, self.BPO_COUNT)
        reasons = {r.reason: r.count for r in services.reasons}
        self.assertEqual(reasons.get("service_not_offered"), self.BPO_COUNT)
        self.assertIn(f"{self.BPO_COUNT} service_not_offered", reply.summary)

    def test_why_not_names_every_failing_filter(self):
        """A buyer asks why a BPO call centre is not on the legal shortlist.

        py-001 offers customer support only (no legal process outsourcing),
        is BPO where KPO is preferred, and holds no ISO 27001: three filters
        fail, and the answer must name all three, not the first."""
        from vendormatch.v1 import matching_service_pb2, provider_pb2
        plain = self.matching.MatchProviders(matching_service_pb2.MatchProvidersRequest(
            requirement=self.legal_research_requirement(), profile="profiles/expertise_first",
            top_k=5), timeout=10)
        reply = self.matching.MatchProviders(matching_service_pb2.MatchProvidersRequest(
            requirement=self.legal_research_requirement(), profile="profiles/expertise_first",
            top_k=5, explain_providers=["providers/py-001", "providers/py-003"]), timeout=30)
        self.assertEqual(list(reply.matches), list(plain.matches))  # the ranking is untouched
        why = reply.explanations[0]
        self.assertEqual(why.provider, "providers/py-001")
        self.assertEqual(why.status, provider_pb2.Provider.STATUS_ACTIVE)
        self.assertFalse(why.eligible)
        failing = {v.plugin: [r.code for r in v.reasons] for v in why.verdicts if not v.passed}
        self.assertEqual(set(failing), {"services", "service_model", "certifications"},
                         why.summary)
        self.assertIn("service_not_offered:LEGAL_PROCESS_OUTSOURCING", failing["services"])
        self.assertIn("missing_certification:ISO27001", failing["certifications"])
        for verdict in why.verdicts:
            for reason in verdict.reasons:
                self.assertTrue(reason.sentence, reason.code)
        for plugin in failing:
            self.assertIn(plugin, why.summary)
        # What it would take on the provider's side, tried by the service.
        provider_side = [s for s in why.suggestions if s.side == "provider"]
        self.assertTrue(provider_side, why)
        self.assertTrue(provider_side[0].eligible_after, provider_side[0])
        # A shortlisted KPO provider is placed, with its breakdown.
        placed = reply.explanations[1]
        self.assertTrue(placed.eligible)
        self.assertGreaterEqual(placed.match.rank, 1)
        self.assertTrue(placed.match.scores)

    def test_match_with_an_unknown_profile_names_the_field(self):
        import grpc
        from google.rpc import error_details_pb2, status_pb2
        from vendormatch.v1 import matching_service_pb2
        with self.assertRaises(grpc.RpcError) as caught:
            self.matching.MatchProviders(matching_service_pb2.MatchProvidersRequest(
                requirement=self.legal_research_requirement(), profile="profiles/no_such"),
                timeout=10)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        details = dict(caught.exception.trailing_metadata())["grpc-status-details-bin"]
        bad_request = error_details_pb2.BadRequest()
        self.assertTrue(any(d.Unpack(bad_request)
                            for d in status_pb2.Status.FromString(details).details))
        self.assertEqual([v.field for v in bad_request.field_violations], ["profile"])

    def test_advisor_recommends_kpo_for_expert_insight_work(self):
        from vendormatch.v1 import matching_service_pb2, provider_pb2, requirement_pb2
        reply = self.matching.RecommendServiceModel(
            matching_service_pb2.RecommendServiceModelRequest(work=requirement_pb2.WorkCharacteristics(
                routine=requirement_pb2.LEVEL_LOW, complexity=requirement_pb2.LEVEL_HIGH,
                expertise=requirement_pb2.LEVEL_HIGH, driver=requirement_pb2.DRIVER_INSIGHT,
                core_to_business=True)), timeout=5)
        self.assertEqual(reply.service_model, provider_pb2.SERVICE_MODEL_KPO)
        self.assertGreaterEqual(reply.confidence, 0.5)
        self.assertLessEqual(reply.confidence, 1.0)
        self.assertTrue(reply.criteria)
        for criterion in reply.criteria:
            self.assertTrue(criterion.criterion)
            self.assertTrue(criterion.explanation)
        self.assertIn("expertise", {c.criterion for c in reply.criteria})

    def test_list_plugins_shows_the_built_in_plugins(self):
        from vendormatch.v1 import matching_service_pb2
        reply = self.matching.ListPlugins(matching_service_pb2.ListPluginsRequest(), timeout=5)
        names = [p.name for p in reply.plugins]
        self.assertEqual(sorted(names), sorted([
            "services", "service_model", "delivery_model", "rate", "certifications", "languages",
            "capacity", "timezone_overlap", "quality", "industry", "collaboration", "diversity"]))
        for plugin in reply.plugins:
            self.assertTrue(plugin.version, plugin.name)
            self.assertTrue(plugin.stages, plugin.name)
            self.assertTrue(plugin.sdk_version, plugin.name)
            self.assertTrue(plugin.file.endswith(".so"), plugin.file)
        # Typed settings (SDK 3.0), with the old name -> default map beside them.
        quality = next(p for p in reply.plugins if p.name == "quality")
        floor = next(s for s in quality.settings if s.name == "rating_floor")
        self.assertEqual(floor.type, matching_service_pb2.SettingSpec.TYPE_NUMBER)
        self.assertEqual((floor.min, floor.max, floor.max_exclusive), (0, 5, True))
        self.assertEqual(floor.default_value, "3")
        self.assertEqual(quality.default_settings["rating_floor"], "3")

    def test_zz_sigterm_stops_the_server_cleanly(self):
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=30), 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--proto-root", required=True)
    parser.add_argument("--google-protos", required=True)
    parser.add_argument("--grpc-protos", required=True)
    parser.add_argument("--pg-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v"] + rest)
