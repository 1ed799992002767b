#!/usr/bin/python3
"""End-to-end test from a foreign client: Python with Debian's grpcio.

Uses the API the way a procurement system would: stubs generated from proto/
at test time, health checking and reflection, the catalogue, filtered and
paged lists, reads, and error details decoded from google.rpc.Status.

Run by CTest (see tests/CMakeLists.txt) with the server binary, the proto
roots and the test PostgreSQL cluster's directory as arguments.
"""
import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
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


class ProcurementClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        generate_stubs(cls.tmp.name)
        import grpc
        from vendormatch.v1 import registry_service_pb2_grpc
        cluster_url = open(os.path.join(ARGS.pg_dir, "url")).read().strip()
        cls.db = "vmtest_py_" + uuid.uuid4().hex[:10]
        subprocess.run(["psql", "-q", cluster_url, "-c", f"CREATE DATABASE {cls.db}"], check=True)
        cls.cluster_url = cluster_url
        db_url = cluster_url.replace("postgresql:///postgres?", f"postgresql:///{cls.db}?")
        cls.server = subprocess.Popen(
            [ARGS.server, "--listen=127.0.0.1:0", f"--database_url={db_url}"],
            stdout=subprocess.PIPE, text=True)
        line = cls.server.stdout.readline()
        if "serving on" not in line:
            cls.server.kill()
            raise RuntimeError(f"server did not start: {line!r}")
        cls.address = line.strip().rsplit(" ", 1)[1]
        cls.channel = grpc.insecure_channel(cls.address)
        cls.registry = registry_service_pb2_grpc.RegistryServiceStub(cls.channel)
        cls.seed_registry()

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        if cls.server.poll() is None:
            cls.server.kill()
            cls.server.wait()
        subprocess.run(["psql", "-q", cls.cluster_url, "-c",
                        f"DROP DATABASE IF EXISTS {cls.db} WITH (FORCE)"], check=True)
        cls.tmp.cleanup()

    @classmethod
    def seed_registry(cls):
        """An admin imports 30 providers: 10 KPO from India, 20 BPO from the Philippines."""
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
                services=["MARKET_RESEARCH"] if kpo else ["CUSTOMER_SUPPORT"],
                languages=["en"],
                declared_delivery_models=[provider_pb2.DELIVERY_MODEL_OFFSHORE])
            p.delivery_centers.add(country_code="IN" if kpo else "PH",
                                   city="Pune" if kpo else "Cebu City",
                                   time_zone="Asia/Kolkata" if kpo else "Asia/Manila",
                                   headcount=300, seats_available=40)
            p.rate_card.add(hourly_rate=provider_pb2.Money(currency_code="USD",
                                                           minor_units=2400 if kpo else 1100))
            providers.append(p)
        cls.registry.ImportProviders(registry_service_pb2.ImportProvidersRequest(
            providers=providers, mode=registry_service_pb2.ImportProvidersRequest.MODE_CREATE),
            metadata=[("vendormatch-actor", "python-e2e")], timeout=30)

    def test_health_reports_serving(self):
        from grpcapi.health.v1 import health_pb2, health_pb2_grpc
        health = health_pb2_grpc.HealthStub(self.channel)
        for service in ("", "vendormatch.v1.RegistryService"):
            reply = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            self.assertEqual(reply.status, health_pb2.HealthCheckResponse.SERVING)

    def test_reflection_lists_the_api(self):
        from grpcapi.reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
        stub = reflection_pb2_grpc.ServerReflectionStub(self.channel)
        replies = stub.ServerReflectionInfo(
            iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)
        names = {s.name for r in replies for s in r.list_services_response.service}
        self.assertIn("vendormatch.v1.RegistryService", names)
        self.assertIn("grpc.health.v1.Health", names)

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
        bad_request = error_details_pb2.BadRequest()
        self.assertTrue(status.details[0].Unpack(bad_request))
        self.assertEqual(bad_request.field_violations[0].field, "filter")
        self.assertIn("position 17", bad_request.field_violations[0].description)

    def test_unknown_provider_is_not_found(self):
        import grpc
        from vendormatch.v1 import registry_service_pb2
        with self.assertRaises(grpc.RpcError) as caught:
            self.registry.GetProvider(
                registry_service_pb2.GetProviderRequest(name="providers/nobody-home"), timeout=5)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_zz_sigterm_stops_the_server_cleanly(self):
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=30), 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--proto-root", required=True)
    parser.add_argument("--google-protos", required=True)
    parser.add_argument("--grpc-protos", required=True)
    parser.add_argument("--pg-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v"] + rest)
