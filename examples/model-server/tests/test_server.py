"""Tests for the example model server (stdlib unittest; loopback traffic only).

Run from the repository root:
    python3 -m unittest discover -s examples/model-server/tests -v
"""

import contextlib
import http.client
import io
import json
import math
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import unittest

SERVER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, SERVER_DIR)

import model_server as ms  # noqa: E402

SERVER_SCRIPT = os.path.join(SERVER_DIR, "model_server.py")
SAMPLE_MODEL = os.path.join(SERVER_DIR, "model", "model.json")

WEIGHTS = [0.5, -1.25, 2.0, 0.125]
BIAS = -0.75
MODEL_DOC = {"weights": WEIGHTS, "bias": BIAS, "threshold": 0.5, "version": "test-1.2.3"}
SECRET = "7.77777"  # a feature value that must never show up in logs


def expected_score(row):
    """Independent reference implementation: sigmoid(w . x + b)."""
    z = BIAS + sum(w * x for w, x in zip(WEIGHTS, row))
    return 1.0 / (1.0 + math.exp(-z))


def write_model(directory, doc=MODEL_DOC, name="model.json"):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(doc if isinstance(doc, str) else json.dumps(doc))
    return path


def write_tar(path, members):
    """members: list of (arcname, bytes | None for a dir | ('symlink', target))."""
    with tarfile.open(path, "w:gz") as tar:
        for name, payload in members:
            info = tarfile.TarInfo(name)
            if payload is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif isinstance(payload, tuple):
                info.type = tarfile.SYMTYPE
                info.linkname = payload[1]
                tar.addfile(info)
            else:
                info.size = len(payload)
                tar.addfile(info, io.BytesIO(payload))
    return path


def make_config(**overrides):
    values = {"host": "127.0.0.1", "port": 0, "model_dir": "/nonexistent", "scratch_dir": "/nonexistent",
              "shutdown_grace": 2.0}
    values.update(overrides)
    return ms.Config(**values)


@contextlib.contextmanager
def running_server(config=None, model=None):
    logs = io.StringIO()
    server = ms.ModelServer(config or make_config(), ms.JsonLogger(logs), model=model)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server, logs
    finally:
        server.shutdown()
        server.drain(1.0)
        server.server_close()
        thread.join(2)


def request(server, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        raw = resp.read()
        payload = json.loads(raw) if raw else None
        return resp.status, resp, payload
    finally:
        conn.close()


def raw_exchange(server, data):
    """Sends raw bytes, returns (status, json body) of the first response."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(data)
        resp = http.client.HTTPResponse(sock)
        resp.begin()
        return resp.status, json.loads(resp.read())


def post_json(server, doc, path="/invocations"):
    body = doc if isinstance(doc, (str, bytes)) else json.dumps(doc)
    return request(server, "POST", path, body, {"Content-Type": "application/json"})


def post_csv(server, text, content_type="text/csv"):
    return request(server, "POST", "/invocations", text, {"Content-Type": content_type})


# --------------------------------------------------------------------------- unit tests


class ConfigTests(unittest.TestCase):
    def test_port_precedence(self):
        self.assertEqual(ms.Config.from_env({}).port, 8080)
        self.assertEqual(ms.Config.from_env({"PORT": "9000"}).port, 9000)
        self.assertEqual(ms.Config.from_env({"PORT": "9000", "AIP_HTTP_PORT": "7000"}).port, 7000)
        self.assertEqual(ms.Config.from_env({"PORT": "9000", "AIP_HTTP_PORT": ""}).port, 9000)

    def test_invalid_port_is_a_config_error(self):
        for bad in ("abc", "70000", "-1", "80.5"):
            with self.subTest(port=bad), self.assertRaises(ms.ConfigError):
                ms.Config.from_env({"PORT": bad})

    def test_defaults(self):
        cfg = ms.Config.from_env({})
        self.assertEqual(cfg.model_dir, "/opt/ml/model")
        self.assertEqual(cfg.scratch_dir, "/tmp/model")
        self.assertEqual(cfg.max_body_bytes, 6 * 1024 * 1024)
        self.assertEqual(cfg.health_routes, ("/ping", "/healthz"))
        self.assertEqual(cfg.predict_routes, ("/invocations",))

    def test_vertex_routes_are_aliases(self):
        cfg = ms.Config.from_env({"AIP_HEALTH_ROUTE": "/v1/health", "AIP_PREDICT_ROUTE": "v1/models/m:predict"})
        self.assertEqual(cfg.health_routes, ("/ping", "/healthz", "/v1/health"))
        self.assertEqual(cfg.predict_routes, ("/invocations", "/v1/models/m:predict"))


class CommandTests(unittest.TestCase):
    def test_serve_argument_is_accepted(self):
        self.assertEqual(ms.parse_command(["serve"]), "serve")
        self.assertEqual(ms.parse_command([]), "serve")
        self.assertEqual(ms.parse_command(["healthcheck"]), "healthcheck")

    def test_unknown_arguments_are_rejected(self):
        for args in (["train"], ["serve", "--debug"], ["--help"]):
            with self.subTest(args=args), self.assertRaises(ms.UsageError):
                ms.parse_command(args)


class ModelLoadingTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="model-server-test-")
        self.model_dir = os.path.join(self.tmp, "model")
        self.scratch = os.path.join(self.tmp, "scratch")
        os.mkdir(self.model_dir)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def load(self):
        return ms.load_model(self.model_dir, self.scratch)

    def test_loads_model_json(self):
        write_model(self.model_dir)
        loaded = self.load()
        self.assertEqual(loaded.model.weights, tuple(WEIGHTS))
        self.assertEqual(loaded.model.bias, BIAS)
        self.assertEqual(loaded.model.version, "test-1.2.3")
        self.assertIsNone(loaded.scratch_path)

    def test_sample_model_is_valid(self):
        model = ms.read_model_file(SAMPLE_MODEL)
        self.assertEqual(model.n_features, 4)

    def test_loads_model_tarball_into_scratch_dir(self):
        for arcname in ("model.json", "./model.json"):
            with self.subTest(arcname=arcname):
                write_tar(os.path.join(self.model_dir, "model.tar.gz"),
                          [(arcname, json.dumps(MODEL_DOC).encode()), ("extra/notes.txt", b"hi")])
                loaded = self.load()
                self.assertEqual(loaded.model.version, "test-1.2.3")
                self.assertTrue(loaded.scratch_path.startswith(self.scratch + os.sep))
                self.assertTrue(os.path.isfile(os.path.join(loaded.scratch_path, "extra", "notes.txt")))
                shutil.rmtree(loaded.scratch_path)

    def test_model_json_takes_precedence_over_tarball(self):
        write_model(self.model_dir)
        write_tar(os.path.join(self.model_dir, "model.tar.gz"), [("../evil", b"x")])
        self.assertEqual(self.load().model.version, "test-1.2.3")

    def assert_unsafe_tar_rejected(self, members, message):
        write_tar(os.path.join(self.model_dir, "model.tar.gz"), members)
        with self.assertRaisesRegex(ms.ModelError, message):
            self.load()
        # Nothing was written anywhere: no escaped files, no leftover extraction dirs.
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "evil.json")))
        self.assertEqual(os.listdir(self.scratch), [])

    def test_path_traversal_tar_is_rejected(self):
        self.assert_unsafe_tar_rejected(
            [("model.json", json.dumps(MODEL_DOC).encode()), ("../evil.json", b"{}")], "escapes")
        self.assert_unsafe_tar_rejected(
            [("model.json", json.dumps(MODEL_DOC).encode()), ("sub/../../evil.json", b"{}")], "escapes")

    def test_absolute_path_tar_is_rejected(self):
        evil = os.path.join(self.tmp, "evil.json")
        self.assert_unsafe_tar_rejected([("model.json", b"{}"), (evil, b"{}")], "absolute")

    def test_links_in_tar_are_rejected(self):
        self.assert_unsafe_tar_rejected([("model.json", ("symlink", "/etc/passwd"))], "not a regular file")

    def test_corrupt_tarball_is_rejected(self):
        with open(os.path.join(self.model_dir, "model.tar.gz"), "wb") as fh:
            fh.write(b"\x1f\x8b\x08\x00garbage")
        with self.assertRaisesRegex(ms.ModelError, "cannot extract"):
            self.load()

    def test_tarball_without_model_json_is_rejected(self):
        write_tar(os.path.join(self.model_dir, "model.tar.gz"), [("other.json", b"{}")])
        with self.assertRaisesRegex(ms.ModelError, "does not contain model.json"):
            self.load()
        self.assertEqual(os.listdir(self.scratch), [])

    def test_missing_model_is_an_error(self):
        with self.assertRaisesRegex(ms.ModelError, "neither model.json nor model.tar.gz"):
            self.load()
        with self.assertRaisesRegex(ms.ModelError, "does not exist"):
            ms.load_model(os.path.join(self.tmp, "nope"), self.scratch)

    def test_malformed_models_are_rejected(self):
        cases = {
            "not json": "{nope",
            "not an object": "[1, 2]",
            "no weights": {"bias": 0},
            "empty weights": {"weights": [], "bias": 0},
            "string weight": {"weights": [1, "2"], "bias": 0},
            "bool weight": {"weights": [True], "bias": 0},
            "nan weight": '{"weights": [NaN], "bias": 0}',
            "missing bias": {"weights": [1.0]},
            "bad threshold": {"weights": [1.0], "bias": 0, "threshold": 1.5},
            "bad version": {"weights": [1.0], "bias": 0, "version": 3},
            "bad type": {"weights": [1.0], "bias": 0, "type": "xgboost"},
            "bad feature names": {"weights": [1.0], "bias": 0, "feature_names": ["a", "b"]},
        }
        for label, doc in cases.items():
            with self.subTest(case=label):
                write_model(self.model_dir, doc)
                with self.assertRaises(ms.ModelError):
                    self.load()


class ModelDigestTests(unittest.TestCase):
    """The server's check must agree with the digest the SDK computes and exports (MlDeploy's ModelDigest)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="model-server-digest-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_sample_model_digest_equals_the_one_the_sdk_exports(self):
        golden = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "MlDeploy.Tests", "Golden", "Programs",
                              "example-stack.staging.yaml")
        with open(golden, encoding="utf-8") as f:
            exported = [l.split(":", 1)[1].strip().strip('"') for l in f if l.startswith("  fraud-scorer-model-sha256:")]
        self.assertEqual([ms.model_digest(os.path.dirname(SAMPLE_MODEL))], exported)

    def test_other_bytes_are_refused_naming_both_digests(self):
        write_model(self.tmp)
        loaded = ms.load_model(self.tmp, os.path.join(self.tmp, "scratch"))
        pinned = ms.model_digest(self.tmp)
        ms.verify_model_digest(loaded, self.tmp, pinned)
        with open(os.path.join(self.tmp, "model.json"), "a", encoding="utf-8") as f:
            f.write(" ")
        with self.assertRaisesRegex(ms.ModelError, f"the release pins sha256 {pinned} but the files have [0-9a-f]{{64}}"):
            ms.verify_model_digest(loaded, self.tmp, pinned)

    def test_an_archive_is_checked_as_unpacked(self):
        unpacked = os.path.join(self.tmp, "unpacked")
        os.mkdir(unpacked)
        write_model(unpacked)
        model_dir = os.path.join(self.tmp, "model")
        os.mkdir(model_dir)
        with open(os.path.join(unpacked, "model.json"), "rb") as f:
            write_tar(os.path.join(model_dir, "model.tar.gz"), [("model.json", f.read())])
        loaded = ms.load_model(model_dir, os.path.join(self.tmp, "scratch"))
        ms.verify_model_digest(loaded, model_dir, ms.model_digest(unpacked))


class VertexDeliveryTests(unittest.TestCase):
    """AIP_STORAGE_URI: Vertex AI names the uploaded artifact's gs:// folder; the server fetches it itself."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="model-server-vertex-")
        self.model_dir = os.path.join(self.tmp, "empty-model-dir")
        os.mkdir(self.model_dir)
        self.config = ms.Config(model_dir=self.model_dir, scratch_dir=os.path.join(self.tmp, "scratch"))
        source = os.path.join(self.tmp, "source")
        os.mkdir(source)
        write_model(source)
        with open(os.path.join(source, ms.MODEL_FILENAME), "rb") as f:
            self.model_bytes = f.read()
        self.requests = []

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def fake_get(self, objects):
        def get(url, headers):
            self.requests.append((url, dict(headers)))
            if url == ms.METADATA_TOKEN_URL:
                self.assertEqual({"Metadata-Flavor": "Google"}, dict(headers))
                return json.dumps({"access_token": "tok", "expires_in": 3599}).encode()
            self.assertEqual({"Authorization": "Bearer tok"}, dict(headers))
            if url in objects:
                return objects[url]
            raise ms.NotFound(url)
        return get

    def test_model_json_is_fetched_from_the_storage_uri_folder(self):
        url = "https://storage.googleapis.com/storage/v1/b/acme-models/o/vertex%2Fcopy%2Fmodel.json?alt=media"
        env = {"AIP_STORAGE_URI": "gs://acme-models/vertex/copy/"}

        model_dir = ms.resolve_model_dir(self.config, env, self.fake_get({url: self.model_bytes}))

        self.assertEqual(os.path.join(self.config.scratch_dir, "vertex-model"), model_dir)
        self.assertEqual(self.model_bytes, open(os.path.join(model_dir, ms.MODEL_FILENAME), "rb").read())
        ms.load_model(model_dir, self.config.scratch_dir)

    def test_tarball_is_fetched_when_there_is_no_model_json(self):
        base = "https://storage.googleapis.com/storage/v1/b/acme-models/o/"
        get = self.fake_get({base + "m%2Fmodel.tar.gz?alt=media": b"tarball"})

        model_dir = ms.fetch_vertex_model("gs://acme-models/m", os.path.join(self.tmp, "out"), get)

        self.assertEqual(b"tarball", open(os.path.join(model_dir, ms.ARCHIVE_FILENAME), "rb").read())
        self.assertEqual([ms.METADATA_TOKEN_URL, base + "m%2Fmodel.json?alt=media", base + "m%2Fmodel.tar.gz?alt=media"], [u for u, _ in self.requests])

    def test_model_dir_with_a_model_wins_over_the_storage_uri(self):
        write_model(self.model_dir)

        self.assertEqual(self.model_dir, ms.resolve_model_dir(self.config, {"AIP_STORAGE_URI": "gs://b/f"}, self.fake_get({})))
        self.assertEqual([], self.requests)

    def test_empty_folder_and_bad_uris_are_model_errors(self):
        with self.assertRaisesRegex(ms.ModelError, "neither model.json nor model.tar.gz found in gs://b/f"):
            ms.fetch_vertex_model("gs://b/f", os.path.join(self.tmp, "out"), self.fake_get({}))
        for uri in ("s3://b/f", "gs://", "gs:///f"):
            with self.assertRaises(ms.ModelError):
                ms.parse_gcs_uri(uri)


class ParsingTests(unittest.TestCase):
    def test_csv_parsing(self):
        rows = ms.parse_csv_instances(b"1, 2,3,4\r\n\r\n-0.5,1e-3,+.5,6.\n")
        self.assertEqual(rows, [[1.0, 2.0, 3.0, 4.0], [-0.5, 0.001, 0.5, 6.0]])

    def test_csv_rejects_non_finite_and_junk(self):
        for text in (b"nan,1,2,3", b"inf,1,2,3", b"1_0,1,2,3", b"a,b,c,d", b"\n\n", b"\xff\xfe"):
            with self.subTest(text=text), self.assertRaises(ms.InputError):
                ms.parse_csv_instances(text)

    def test_extreme_values_do_not_crash(self):
        model = ms.LogisticRegressionModel(weights=(2.0, 2.0), bias=0.0)
        self.assertEqual(model.predict([[1e308, 0.0]])[0]["score"], 1.0)
        self.assertEqual(model.predict([[-1e308, 0.0]])[0]["score"], 0.0)
        with self.assertRaises(ms.InputError):
            model.predict([[1e308, -1e308]])  # inf - inf


# --------------------------------------------------------------------------- HTTP tests


class ServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._ctx = running_server(model=ms.LogisticRegressionModel.from_dict(MODEL_DOC))
        cls.server, cls.logs = cls._ctx.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls._ctx.__exit__(None, None, None)

    def assert_error(self, result, status, fragment=""):
        code, resp, payload = result
        self.assertEqual(code, status, payload)
        self.assertEqual(resp.getheader("Content-Type"), "application/json")
        self.assertEqual(payload["error"]["code"], status)
        self.assertIn(fragment, payload["error"]["message"])

    def test_ping_and_healthz_ok_when_loaded(self):
        for path in ("/ping", "/healthz", "/ping?probe=1"):
            with self.subTest(path=path):
                status, _, payload = request(self.server, "GET", path)
                self.assertEqual(status, 200)
                self.assertEqual(payload, {"status": "ok", "model_version": "test-1.2.3"})
        status, resp, payload = request(self.server, "HEAD", "/ping")
        self.assertEqual(status, 200)
        self.assertIsNone(payload)

    def test_json_invocation_returns_exact_scores(self):
        rows = [[1, 2, 3, 4], [0.5, 0.25, -1, 8], [0, 0, 0, 0]]
        status, resp, payload = post_json(self.server, {"instances": rows})
        self.assertEqual(status, 200, payload)
        self.assertEqual(payload["model_version"], "test-1.2.3")
        self.assertEqual(len(payload["predictions"]), 3)
        for row, pred in zip(rows, payload["predictions"]):
            self.assertAlmostEqual(pred["score"], expected_score(row), places=15)
            self.assertEqual(pred["label"], 1 if expected_score(row) >= 0.5 else 0)
        # Hand-checked values: z = 3.75, -1.8125 and -0.75 (bias only).
        scores = [p["score"] for p in payload["predictions"]]
        self.assertAlmostEqual(scores[0], 0.9770226300899744, places=14)
        self.assertAlmostEqual(scores[1], 0.1403362494900832, places=14)
        self.assertAlmostEqual(scores[2], 0.320821300824607, places=14)
        self.assertEqual([p["label"] for p in payload["predictions"]], [1, 0, 0])
        self.assertTrue(resp.getheader("X-Request-Id"))

    def test_csv_invocation_returns_exact_scores(self):
        status, _, payload = post_csv(self.server, "1,2,3,4\r\n\n0.5, 0.25, -1, 8\n", "text/csv; charset=utf-8")
        self.assertEqual(status, 200, payload)
        self.assertEqual([p["label"] for p in payload["predictions"]], [1, 0])
        for row, pred in zip([[1, 2, 3, 4], [0.5, 0.25, -1, 8]], payload["predictions"]):
            self.assertAlmostEqual(pred["score"], expected_score(row), places=15)

    def test_wrong_feature_count_is_400(self):
        self.assert_error(post_json(self.server, {"instances": [[1, 2, 3]]}), 400, "expected 4 features, got 3")
        self.assert_error(post_csv(self.server, "1,2,3,4\n1,2,3,4,5\n"), 400, "instance 1: expected 4 features")

    def test_non_numeric_input_is_400(self):
        for row in (["1", 2, 3, 4], [True, 2, 3, 4], [None, 2, 3, 4], [[1], 2, 3, 4], [{"a": 1}, 2, 3, 4]):
            with self.subTest(row=row):
                self.assert_error(post_json(self.server, {"instances": [row]}), 400, "expected a finite number")
        self.assert_error(post_json(self.server, '{"instances": [[NaN, 1, 2, 3]]}'), 400, "not valid JSON")
        self.assert_error(post_json(self.server, '{"instances": [[1e999, 1, 2, 3]]}'), 400, "finite number")
        self.assert_error(post_csv(self.server, "1,two,3,4\n"), 400, "expected a finite number")
        self.assert_error(post_csv(self.server, "a,b,c,d\n1,2,3,4\n"), 400)

    def test_malformed_json_is_400(self):
        cases = {
            "{nope": "not valid JSON",
            b"\xff\xfe{}": "not valid UTF-8",
            "[[1, 2, 3, 4]]": '"instances" key',
            '{"instances": []}': "non-empty list",
            '{"instances": [1, 2, 3, 4]}': "expected a list of numbers",
            "[" * 100000: "not valid JSON",
        }
        for body, fragment in cases.items():
            with self.subTest(body=body[:20]):
                self.assert_error(post_json(self.server, body), 400, fragment)

    def test_empty_body_is_400(self):
        self.assert_error(post_json(self.server, b""), 400, "empty")

    def test_unsupported_content_type_is_415(self):
        self.assert_error(post_csv(self.server, "1,2,3,4", "text/plain"), 415, "unsupported content type")
        self.assert_error(post_csv(self.server, "1,2,3,4", "text/csv; charset=latin-1"), 415, "utf-8")
        self.assert_error(request(self.server, "POST", "/invocations", "1,2,3,4"), 415, "Content-Type")

    def test_body_over_limit_is_rejected_without_reading_it(self):
        limit = 6 * 1024 * 1024
        status, payload = raw_exchange(
            self.server,
            b"POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {limit + 1}\r\n\r\n".encode())
        self.assertEqual(status, 413)
        self.assertIn("limit", payload["error"]["message"])

    def test_missing_content_length_and_chunked_are_411(self):
        status, _ = raw_exchange(self.server, b"POST /invocations HTTP/1.1\r\nHost: x\r\n"
                                              b"Content-Type: text/csv\r\n\r\n")
        self.assertEqual(status, 411)
        status, _ = raw_exchange(self.server, b"POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                                              b"Transfer-Encoding: chunked\r\n\r\n7\r\n1,2,3,4\r\n0\r\n\r\n")
        self.assertEqual(status, 411)

    def test_protocol_errors_get_json_bodies(self):
        headers = b"".join(b"X-H%d: v\r\n" % i for i in range(150))
        status, payload = raw_exchange(self.server, b"GET /ping HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
        self.assertEqual(status, 431)
        self.assertEqual(payload["error"]["code"], 431)
        # An unparseable request line is answered HTTP/0.9-style (body only), then closed.
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as sock:
            sock.sendall(b"GARBAGE\r\n\r\n")
            data = b"".join(iter(lambda: sock.recv(4096), b""))
        self.assertEqual(json.loads(data)["error"]["code"], 400)

    def test_unknown_path_and_wrong_method(self):
        self.assert_error(request(self.server, "GET", "/nope"), 404)
        code, resp, _ = request(self.server, "GET", "/invocations")
        self.assertEqual(code, 405)
        self.assertEqual(resp.getheader("Allow"), "POST")
        self.assert_error(request(self.server, "POST", "/ping", "{}", {"Content-Type": "application/json"}), 405)

    def test_execution_parameters(self):
        status, _, payload = request(self.server, "GET", "/execution-parameters")
        self.assertEqual(status, 200)
        self.assertEqual(payload["MaxPayloadInMB"], 6)

    def test_keep_alive_survives_client_errors(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=5)
        try:
            for body, expected in (("1,2,3,4", 200), ("1,x,3,4", 400), ("0,0,0,0", 200)):
                conn.request("POST", "/invocations", body=body, headers={"Content-Type": "text/csv"})
                resp = conn.getresponse()
                resp.read()
                self.assertEqual(resp.status, expected)
                self.assertNotEqual(resp.getheader("Connection"), "close")
        finally:
            conn.close()

    def test_concurrent_requests(self):
        results, errors = [], []

        def worker(k):
            try:
                for i in range(10):
                    row = [k, i, -k, 0.5]
                    status, _, payload = post_json(self.server, {"instances": [row]})
                    results.append((status, payload["predictions"][0]["score"], expected_score(row)))
            except Exception as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 160)
        for status, got, want in results:
            self.assertEqual(status, 200)
            self.assertAlmostEqual(got, want, places=15)

    def test_structured_request_logs_without_bodies(self):
        marker = "log-check-" + SECRET
        post_json(self.server, {"instances": [[float(SECRET), 1, 2, 3]]}, path="/invocations?tag=" + marker)
        post_csv(self.server, f"{SECRET},1,2\n")
        time.sleep(0.05)
        lines = [json.loads(line) for line in self.logs.getvalue().splitlines()]
        requests = [rec for rec in lines if rec["event"] == "request"]
        self.assertTrue(requests)
        for rec in requests:
            for key in ("ts", "level", "method", "path", "status", "latency_ms"):
                self.assertIn(key, rec)
            self.assertIsInstance(rec["latency_ms"], float)
        self.assertTrue(any(r["path"] == "/invocations" and r["status"] == 400 for r in requests))
        self.assertNotIn(SECRET, self.logs.getvalue())


class MetricsTests(unittest.TestCase):
    """/metrics serves what the SDK's ServiceMonitor and PrometheusRule read."""

    def test_metrics_count_requests_by_code_and_latency(self):
        with running_server() as (server, _):
            request(server, "GET", "/ping")
            request(server, "GET", "/nope")
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            try:
                conn.request("GET", "/metrics")
                resp = conn.getresponse()
                text = resp.read().decode("utf-8")
            finally:
                conn.close()
        self.assertEqual(200, resp.status)
        self.assertTrue(resp.getheader("Content-Type").startswith("text/plain; version=0.0.4"))
        self.assertIn('http_requests_total{code="503"} 1', text)  # no model loaded: /ping answers 503
        self.assertIn('http_requests_total{code="404"} 1', text)
        self.assertIn('http_request_duration_seconds_bucket{le="+Inf"} 2', text)
        self.assertIn("http_request_duration_seconds_count 2", text)
        self.assertIn("# TYPE http_request_duration_seconds histogram", text)
        self.assertIn("http_requests_in_flight 1", text)  # the scrape itself

    def test_histogram_buckets_are_cumulative(self):
        metrics = ms.Metrics()
        metrics.observe(200, 0.003)
        metrics.observe(200, 0.3)
        metrics.observe(500, 20.0)
        text = metrics.render(0)
        self.assertIn('http_request_duration_seconds_bucket{le="0.005"} 1', text)
        self.assertIn('http_request_duration_seconds_bucket{le="0.5"} 2', text)
        self.assertIn('http_request_duration_seconds_bucket{le="10.0"} 2', text)
        self.assertIn('http_request_duration_seconds_bucket{le="+Inf"} 3', text)
        self.assertIn('http_requests_total{code="500"} 1', text)


class NotReadyTests(unittest.TestCase):
    def test_ping_is_503_until_model_loaded(self):
        with running_server() as (server, _):
            status, _, payload = request(server, "GET", "/ping")
            self.assertEqual(status, 503)
            self.assertEqual(payload["reason"], "model not loaded")
            self.assertEqual(post_csv(server, "1,2,3,4")[0], 503)
            server.model = ms.LogisticRegressionModel.from_dict(MODEL_DOC)
            self.assertEqual(request(server, "GET", "/ping")[0], 200)


class VertexRouteTests(unittest.TestCase):
    def test_aip_routes_are_served(self):
        cfg = ms.Config.from_env({"AIP_HTTP_PORT": "0", "BIND_HOST": "127.0.0.1",
                                  "AIP_HEALTH_ROUTE": "/health", "AIP_PREDICT_ROUTE": "/v1/models/demo:predict"})
        with running_server(cfg, ms.LogisticRegressionModel.from_dict(MODEL_DOC)) as (server, _):
            self.assertEqual(request(server, "GET", "/health")[0], 200)
            self.assertEqual(request(server, "GET", "/ping")[0], 200)
            status, _, payload = post_json(server, {"instances": [[1, 2, 3, 4]], "parameters": {}},
                                           path="/v1/models/demo:predict")
            self.assertEqual(status, 200)
            self.assertAlmostEqual(payload["predictions"][0]["score"], expected_score([1, 2, 3, 4]), places=15)


class DrainTests(unittest.TestCase):
    def test_drain_closes_idle_keepalive_connections_promptly(self):
        model = ms.LogisticRegressionModel.from_dict(MODEL_DOC)
        server = ms.ModelServer(make_config(keepalive_timeout=30.0), ms.JsonLogger(io.StringIO()), model=model)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        try:
            conn.request("GET", "/ping")
            self.assertEqual(conn.getresponse().read() and 200, 200)  # connection now idle, kept alive
            started = time.monotonic()
            server.shutdown()
            self.assertTrue(server.drain(2.0))
            self.assertLess(time.monotonic() - started, 1.0)
        finally:
            conn.close()
            server.server_close()
            thread.join(2)


# --------------------------------------------------------------------------- process tests


class ProcessTests(unittest.TestCase):
    """Runs the real entry point the way the container does: `python model_server.py serve`."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="model-server-proc-")
        self.model_dir = os.path.join(self.tmp, "model")
        self.scratch = os.path.join(self.tmp, "scratch")
        os.mkdir(self.model_dir)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def spawn(self, *args):
        env = {k: v for k, v in os.environ.items() if k not in ("PORT", "AIP_HTTP_PORT", "AIP_HEALTH_ROUTE",
                                                                 "AIP_PREDICT_ROUTE")}
        env.update(PORT="0", BIND_HOST="127.0.0.1", MODEL_DIR=self.model_dir, SCRATCH_DIR=self.scratch,
                   PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1", SHUTDOWN_GRACE_SECONDS="2")
        proc = subprocess.Popen([sys.executable, SERVER_SCRIPT, *args], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        self.addCleanup(self._reap, proc)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
        return proc, lines

    @staticmethod
    def _reap(proc):
        if proc.poll() is None:
            proc.kill()
        proc.wait(5)
        proc.stdout.close()
        proc.stderr.close()

    @staticmethod
    def wait_for_event(lines, event, timeout=4.0):
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                record = json.loads(lines.get(timeout=deadline - time.monotonic()))
            except queue.Empty:
                break
            seen.append(record)
            if record["event"] == event:
                return record, seen
        raise AssertionError(f"no {event!r} log line; saw {seen}")

    def test_serve_argument_tarball_model_and_sigterm(self):
        write_tar(os.path.join(self.model_dir, "model.tar.gz"), [("model.json", json.dumps(MODEL_DOC).encode())])
        proc, lines = self.spawn("serve")
        listening, _ = self.wait_for_event(lines, "listening")
        loaded, _ = self.wait_for_event(lines, "model_loaded")
        self.assertEqual(loaded["model_version"], "test-1.2.3")
        port = listening["port"]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/ping")
        self.assertEqual(conn.getresponse().status, 200)
        conn.close()
        self.assertEqual(len(os.listdir(self.scratch)), 1)  # extracted under SCRATCH_DIR
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(5), 0)
        done, _ = self.wait_for_event(lines, "shutdown_complete")
        self.assertTrue(done["clean"])
        self.assertEqual(os.listdir(self.scratch), [])  # scratch cleaned up
        self.assertEqual(proc.stderr.read(), "")

    def test_missing_model_fails_fast(self):
        proc, lines = self.spawn("serve")
        self.assertEqual(proc.wait(5), 1)
        record, _ = self.wait_for_event(lines, "model_load_failed")
        self.assertEqual(record["level"], "error")
        self.assertIn("neither model.json nor model.tar.gz", record["error"])

    def test_unknown_command_exits_2(self):
        proc, lines = self.spawn("train")
        self.assertEqual(proc.wait(5), 2)
        self.wait_for_event(lines, "usage_error")


if __name__ == "__main__":
    unittest.main()
