#!/usr/bin/env python3
"""Dependency-free example model server (Python 3 standard library only).

Implements the Amazon SageMaker hosting contract (GET /ping, POST /invocations
on port 8080) and the Vertex AI custom-container contract (AIP_HTTP_PORT,
AIP_HEALTH_ROUTE, AIP_PREDICT_ROUTE). The model is a logistic regression stored
as JSON; see README.md for the full contract.

Usage:  python3 model_server.py [serve]       run the server (SageMaker passes "serve")
        python3 model_server.py healthcheck   exit 0 if the local server's /ping is 200
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import json
import math
import os
import re
import shutil
import signal
import socket
import sys
import tarfile
import tempfile
import threading
import time
import traceback
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

__version__ = "1.0.0"

DEFAULT_PORT = 8080
DEFAULT_BIND_HOST = "0.0.0.0"
DEFAULT_MODEL_DIR = "/opt/ml/model"
DEFAULT_SCRATCH_DIR = "/tmp/model"
DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024  # SageMaker real-time invocation payload limit
DEFAULT_KEEPALIVE_TIMEOUT = 75.0  # longer than typical 60 s load-balancer idle timeouts
DEFAULT_SHUTDOWN_GRACE = 8.0  # below docker stop's default 10 s kill timeout

HEALTH_ROUTES = ("/ping", "/healthz")
PREDICT_ROUTES = ("/invocations",)
EXECUTION_PARAMETERS_ROUTE = "/execution-parameters"  # SageMaker batch transform
METRICS_ROUTE = "/metrics"  # Prometheus text exposition; names match the SDK's Kubernetes monitoring contract

# Request latency buckets in seconds (Prometheus' client defaults, cumulative).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

MODEL_FILENAME = "model.json"
ARCHIVE_FILENAME = "model.tar.gz"
MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 10_000
MAX_EXTRACTED_BYTES = 1024 * 1024 * 1024

_CSV_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_DIGITS = re.compile(r"[0-9]{1,20}")


# --------------------------------------------------------------------------- logging


class JsonLogger:
    """Writes one JSON object per line. Thread-safe; never raises."""

    def __init__(self, stream: Optional[io.TextIOBase] = None) -> None:
        self.stream = stream  # None: resolve sys.stdout at write time
        self._lock = threading.Lock()

    def log(self, level: str, event: str, **fields: Any) -> None:
        record = {
            "ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": level,
            "event": event,
        }
        record.update(fields)
        line = json.dumps(record, default=str, separators=(",", ":")) + "\n"
        stream = self.stream if self.stream is not None else sys.stdout
        with self._lock:
            try:
                stream.write(line)
                stream.flush()
            except (OSError, ValueError):
                pass


# --------------------------------------------------------------------------- configuration


class Metrics:
    """Request counters and a latency histogram in the Prometheus text format (version 0.0.4).

    The names are the ones the SDK's ServiceMonitor and PrometheusRule read (PrometheusMonitoring in
    src/MlDeploy.Kubernetes): http_requests_total{code}, http_request_duration_seconds, http_requests_in_flight.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_code: dict = {}
        self._buckets = [0] * len(LATENCY_BUCKETS)
        self._count = 0
        self._sum = 0.0

    def observe(self, status: int, seconds: float) -> None:
        with self._lock:
            self._by_code[status] = self._by_code.get(status, 0) + 1
            self._count += 1
            self._sum += seconds
            for i, bound in enumerate(LATENCY_BUCKETS):
                if seconds <= bound:
                    self._buckets[i] += 1

    def render(self, in_flight: int) -> str:
        with self._lock:
            lines = [
                "# HELP http_requests_total Requests answered, by HTTP status code.",
                "# TYPE http_requests_total counter",
            ]
            lines += [f'http_requests_total{{code="{code}"}} {n}' for code, n in sorted(self._by_code.items())]
            lines += [
                "# HELP http_request_duration_seconds Time from the request line to the response, in seconds.",
                "# TYPE http_request_duration_seconds histogram",
            ]
            lines += [f'http_request_duration_seconds_bucket{{le="{bound}"}} {n}' for bound, n in zip(LATENCY_BUCKETS, self._buckets)]
            lines += [
                f'http_request_duration_seconds_bucket{{le="+Inf"}} {self._count}',
                f"http_request_duration_seconds_sum {self._sum!r}",
                f"http_request_duration_seconds_count {self._count}",
                "# HELP http_requests_in_flight Requests being handled right now.",
                "# TYPE http_requests_in_flight gauge",
                f"http_requests_in_flight {in_flight}",
            ]
        return "\n".join(lines) + "\n"


class ConfigError(ValueError):
    """Invalid environment configuration."""


def _env(env: Mapping[str, str], name: str) -> Optional[str]:
    value = env.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def resolve_port(env: Mapping[str, str]) -> int:
    """AIP_HTTP_PORT, then PORT, then 8080. 0 means "any free port" (tests)."""
    for name in ("AIP_HTTP_PORT", "PORT"):
        raw = _env(env, name)
        if raw is None:
            continue
        if not _DIGITS.fullmatch(raw) or int(raw) > 65535:
            raise ConfigError(f"{name}={raw!r} is not a valid TCP port (0-65535)")
        return int(raw)
    return DEFAULT_PORT


def _route(env: Mapping[str, str], name: str) -> Optional[str]:
    raw = _env(env, name)
    if raw is None:
        return None
    if any(ch.isspace() for ch in raw) or "?" in raw or "#" in raw:
        raise ConfigError(f"{name}={raw!r} is not a valid URL path")
    return raw if raw.startswith("/") else "/" + raw


def _positive_number(env: Mapping[str, str], name: str, default: float, cast: Callable[[str], Any]) -> Any:
    raw = _env(env, name)
    if raw is None:
        return default
    try:
        value = cast(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if not value > 0 or (isinstance(value, float) and not math.isfinite(value)):
        raise ConfigError(f"{name}={raw!r} must be positive")
    return value


@dataclass(frozen=True)
class Config:
    host: str = DEFAULT_BIND_HOST
    port: int = DEFAULT_PORT
    model_dir: str = DEFAULT_MODEL_DIR
    scratch_dir: str = DEFAULT_SCRATCH_DIR
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    health_routes: tuple = HEALTH_ROUTES
    predict_routes: tuple = PREDICT_ROUTES
    keepalive_timeout: float = DEFAULT_KEEPALIVE_TIMEOUT
    shutdown_grace: float = DEFAULT_SHUTDOWN_GRACE

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "Config":
        env = os.environ if env is None else env
        health = list(HEALTH_ROUTES)
        predict = list(PREDICT_ROUTES)
        extra_health = _route(env, "AIP_HEALTH_ROUTE")
        extra_predict = _route(env, "AIP_PREDICT_ROUTE")
        if extra_health and extra_health not in health:
            health.append(extra_health)
        if extra_predict and extra_predict not in predict:
            predict.append(extra_predict)
        return cls(
            host=_env(env, "BIND_HOST") or DEFAULT_BIND_HOST,
            port=resolve_port(env),
            model_dir=_env(env, "MODEL_DIR") or DEFAULT_MODEL_DIR,
            scratch_dir=_env(env, "SCRATCH_DIR") or DEFAULT_SCRATCH_DIR,
            max_body_bytes=_positive_number(env, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, int),
            health_routes=tuple(health),
            predict_routes=tuple(predict),
            keepalive_timeout=_positive_number(env, "KEEPALIVE_TIMEOUT_SECONDS", DEFAULT_KEEPALIVE_TIMEOUT, float),
            shutdown_grace=_positive_number(env, "SHUTDOWN_GRACE_SECONDS", DEFAULT_SHUTDOWN_GRACE, float),
        )


# --------------------------------------------------------------------------- model


class ModelError(Exception):
    """The model artifact is missing, unsafe or malformed."""


class InputError(ValueError):
    """The request payload is invalid (maps to HTTP 400)."""


def _finite_float(value: Any) -> Optional[float]:
    """float(value) for JSON numbers that are finite; None otherwise (bools excluded)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        result = float(value)
    except OverflowError:
        return None
    return result if math.isfinite(result) else None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-finite number {name} is not allowed")


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class LogisticRegressionModel:
    weights: tuple
    bias: float
    threshold: float = 0.5
    version: str = "unversioned"

    @property
    def n_features(self) -> int:
        return len(self.weights)

    @classmethod
    def from_dict(cls, doc: Any) -> "LogisticRegressionModel":
        if not isinstance(doc, dict):
            raise ModelError("model document must be a JSON object")
        weights = doc.get("weights")
        if not isinstance(weights, list) or not weights:
            raise ModelError('"weights" must be a non-empty list of numbers')
        parsed = [_finite_float(w) for w in weights]
        if any(w is None for w in parsed):
            raise ModelError('"weights" must contain only finite numbers')
        bias = _finite_float(doc.get("bias"))
        if bias is None:
            raise ModelError('"bias" must be a finite number')
        threshold = _finite_float(doc.get("threshold", 0.5))
        if threshold is None or not 0.0 <= threshold <= 1.0:
            raise ModelError('"threshold" must be a number between 0 and 1')
        kind = doc.get("type", "logistic_regression")
        if kind != "logistic_regression":
            raise ModelError(f'unsupported model "type" {str(kind)[:64]!r}; expected "logistic_regression"')
        names = doc.get("feature_names")
        if names is not None and (not isinstance(names, list) or len(names) != len(weights)
                                  or not all(isinstance(n, str) for n in names)):
            raise ModelError('"feature_names" must be a list of strings, one per weight')
        version = doc.get("version", "unversioned")
        if not isinstance(version, str) or not version or len(version) > 256:
            raise ModelError('"version" must be a non-empty string (max 256 chars)')
        return cls(weights=tuple(parsed), bias=bias, threshold=threshold, version=version)

    def predict(self, rows: Sequence[Sequence[float]]) -> list:
        n = self.n_features
        predictions = []
        for i, row in enumerate(rows):
            if len(row) != n:
                raise InputError(f"instance {i}: expected {n} features, got {len(row)}")
            z = self.bias
            for w, x in zip(self.weights, row):
                z += w * x
            if math.isnan(z):  # only reachable via inf - inf on extreme inputs
                raise InputError(f"instance {i}: feature values are out of the supported numeric range")
            score = _sigmoid(z)
            predictions.append({"score": score, "label": 1 if score >= self.threshold else 0})
        return predictions


def read_model_file(path: str) -> LogisticRegressionModel:
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size > MAX_MODEL_FILE_BYTES:
                raise ModelError(f"{path} exceeds {MAX_MODEL_FILE_BYTES} bytes")
            raw = fh.read(MAX_MODEL_FILE_BYTES + 1)
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ModelError(f"{path} is not valid JSON: {exc}") from None
    try:
        return LogisticRegressionModel.from_dict(doc)
    except ModelError as exc:
        raise ModelError(f"{path}: {exc}") from None


def _validate_members(members: Sequence[tarfile.TarInfo]) -> list:
    """Checks every member before anything is written; returns (member, path parts) to extract."""
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ModelError(f"archive has more than {MAX_ARCHIVE_MEMBERS} members")
    plan, seen, total = [], set(), 0
    for member in members:
        name = member.name
        if "\x00" in name or "\\" in name:
            raise ModelError(f"archive member {name!r} has an unsupported character")
        if name.startswith("/") or re.match(r"[A-Za-z]:", name):
            raise ModelError(f"archive member {name!r} has an absolute path")
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if ".." in parts:
            raise ModelError(f"archive member {name!r} escapes the extraction directory")
        if not (member.isfile() or member.isdir()):
            raise ModelError(f"archive member {name!r} is not a regular file or directory (links and devices are rejected)")
        if not parts:
            if member.isdir():
                continue
            raise ModelError(f"archive member {name!r} has an empty path")
        if member.isfile():
            key = tuple(parts)
            if key in seen:
                raise ModelError(f"archive member {name!r} appears more than once")
            seen.add(key)
            total += member.size
            if total > MAX_EXTRACTED_BYTES:
                raise ModelError(f"archive expands to more than {MAX_EXTRACTED_BYTES} bytes")
        plan.append((member, parts))
    return plan


def extract_archive(archive_path: str, scratch_root: str) -> str:
    """Safely extracts a (gzipped) tarball into a fresh directory under scratch_root.

    Absolute paths, '..' components, links and special files are rejected, and
    the whole archive is validated before the first byte is written.
    """
    try:
        os.makedirs(scratch_root, mode=0o700, exist_ok=True)
        dest = tempfile.mkdtemp(prefix="model-", dir=scratch_root)
    except OSError as exc:
        raise ModelError(f"cannot create scratch directory under {scratch_root}: {exc.strerror or exc}") from None
    try:
        with tarfile.open(archive_path, mode="r:*") as tar:
            plan = _validate_members(tar.getmembers())
            for member, parts in plan:
                target = os.path.join(dest, *parts)
                if member.isdir():
                    os.makedirs(target, mode=0o700, exist_ok=True)
                    continue
                os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                src = tar.extractfile(member)
                if src is None:
                    raise ModelError(f"archive member {member.name!r} cannot be read")
                with src, os.fdopen(os.open(target, flags, 0o600), "wb") as out:
                    shutil.copyfileobj(src, out, 1024 * 1024)
        return dest
    except ModelError:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        shutil.rmtree(dest, ignore_errors=True)
        raise ModelError(f"cannot extract {archive_path}: {exc}") from None


@dataclass(frozen=True)
class LoadedModel:
    model: LogisticRegressionModel
    source: str
    scratch_path: Optional[str] = None  # extraction directory to remove on shutdown


def load_model(model_dir: str, scratch_dir: str) -> LoadedModel:
    """Loads MODEL_DIR/model.json, or MODEL_DIR/model.tar.gz extracted into scratch_dir."""
    if not os.path.isdir(model_dir):
        raise ModelError(f"model directory {model_dir!r} does not exist or is not a directory")
    json_path = os.path.join(model_dir, MODEL_FILENAME)
    archive_path = os.path.join(model_dir, ARCHIVE_FILENAME)
    if os.path.isfile(json_path):
        return LoadedModel(read_model_file(json_path), json_path)
    if os.path.isfile(archive_path):
        extracted = extract_archive(archive_path, scratch_dir)
        try:
            inner = os.path.join(extracted, MODEL_FILENAME)
            if not os.path.isfile(inner):
                raise ModelError(f"{archive_path} does not contain {MODEL_FILENAME} at its root")
            return LoadedModel(read_model_file(inner), archive_path, extracted)
        except BaseException:
            shutil.rmtree(extracted, ignore_errors=True)
            raise
    raise ModelError(f"neither {MODEL_FILENAME} nor {ARCHIVE_FILENAME} found in {model_dir!r}")


def model_digest(directory: str) -> str:
    """The SDK's model digest (MlDeploy's ModelDigest): SHA-256 over sha256sum's lines for every regular file, sorted."""
    names = []
    for root, _, files in os.walk(directory):
        for name in files:
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path):
                names.append(os.path.relpath(path, directory).replace(os.sep, "/"))
    lines = []
    for name in sorted(names, key=lambda n: n.encode("utf-8")):
        digest = hashlib.sha256()
        with open(os.path.join(directory, name), "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {name}\n")
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def verify_model_digest(loaded: "LoadedModel", model_dir: str, expected: Optional[str]) -> None:
    """Refuses to serve files other than the release pinned (MODEL_SHA256), where no loader checked them (SageMaker,
    Azure ML, Vertex AI, Cloud Run): the digest is of the model as unpacked, so an archive is checked after extraction."""
    if not expected:
        return
    actual = model_digest(loaded.scratch_path or model_dir)
    if actual != expected:
        raise ModelError(f"model digest mismatch: the release pins sha256 {expected} but the files have {actual}")


# --------------------------------------------------------------------------- Vertex AI model delivery

# Vertex AI copies the uploaded artifact and names its gs:// folder in AIP_STORAGE_URI; it does not place the files in
# the container (Vertex AI docs, "Custom container requirements for inference": the container downloads them itself).
# The files are fetched with the instance's service-account token from the metadata server and the Cloud Storage JSON
# API, with the standard library only.
METADATA_TOKEN_URL = "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token"
GCS_MEDIA_URL = "https://storage.googleapis.com/storage/v1/b/{bucket}/o/{name}?alt=media"


class NotFound(Exception):
    """The object does not exist (HTTP 404)."""


def http_get(url: str, headers: Mapping[str, str], timeout: float = 60.0) -> bytes:
    """GET url; NotFound on 404, ModelError on any other failure."""
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=dict(headers)), timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise NotFound(url) from None
        raise ModelError(f"GET {url.split('?')[0]} failed: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise ModelError(f"GET {url.split('?')[0]} failed: {exc}") from None


def parse_gcs_uri(uri: str) -> tuple:
    """gs://bucket/folder -> ("bucket", "folder/"); the folder may be empty."""
    if not uri.startswith("gs://") or len(uri) <= len("gs://"):
        raise ModelError(f"AIP_STORAGE_URI={uri!r} is not a gs:// URI")
    bucket, _, folder = uri[len("gs://"):].partition("/")
    if not bucket:
        raise ModelError(f"AIP_STORAGE_URI={uri!r} names no bucket")
    folder = folder.strip("/")
    return bucket, (folder + "/") if folder else ""


def fetch_vertex_model(uri: str, dest_dir: str, get: Callable[[str, Mapping[str, str]], bytes] = http_get) -> str:
    """Downloads model.json (or model.tar.gz) from the AIP_STORAGE_URI folder into dest_dir; returns dest_dir."""
    from urllib.parse import quote
    bucket, folder = parse_gcs_uri(uri)
    try:
        token = json.loads(get(METADATA_TOKEN_URL, {"Metadata-Flavor": "Google"}).decode("utf-8"))["access_token"]
    except (NotFound, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"no access token from the metadata server: {exc}") from None
    for name in (MODEL_FILENAME, ARCHIVE_FILENAME):
        url = GCS_MEDIA_URL.format(bucket=quote(bucket, safe=""), name=quote(folder + name, safe=""))
        try:
            data = get(url, {"Authorization": f"Bearer {token}"})
        except NotFound:
            continue
        os.makedirs(dest_dir, exist_ok=True)
        with open(os.path.join(dest_dir, name), "wb") as out:
            out.write(data)
        return dest_dir
    raise ModelError(f"neither {MODEL_FILENAME} nor {ARCHIVE_FILENAME} found in {uri}")


def resolve_model_dir(config: "Config", env: Mapping[str, str], get: Callable[[str, Mapping[str, str]], bytes] = http_get) -> str:
    """MODEL_DIR when it holds the model; else, on Vertex AI (AIP_STORAGE_URI), a scratch copy of the uploaded artifact."""
    has_model = any(os.path.isfile(os.path.join(config.model_dir, n)) for n in (MODEL_FILENAME, ARCHIVE_FILENAME))
    uri = _env(env, "AIP_STORAGE_URI")
    if has_model or not uri:
        return config.model_dir
    return fetch_vertex_model(uri, os.path.join(config.scratch_dir, "vertex-model"), get)


# --------------------------------------------------------------------------- request parsing


def parse_json_instances(body: bytes) -> list:
    try:
        doc = json.loads(body.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise InputError("request body is not valid UTF-8") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"request body is not valid JSON: {exc}") from None
    if not isinstance(doc, dict) or "instances" not in doc:
        raise InputError('expected a JSON object with an "instances" key')
    instances = doc["instances"]
    if not isinstance(instances, list) or not instances:
        raise InputError('"instances" must be a non-empty list of feature lists')
    rows = []
    for i, instance in enumerate(instances):
        if not isinstance(instance, list):
            raise InputError(f"instance {i}: expected a list of numbers, got {type(instance).__name__}")
        row = []
        for j, value in enumerate(instance):
            number = _finite_float(value)
            if number is None:
                raise InputError(f"instance {i}, feature {j}: expected a finite number, got {type(value).__name__}")
            row.append(number)
        rows.append(row)
    return rows


def parse_csv_instances(body: bytes) -> list:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("request body is not valid UTF-8") from None
    rows = []
    try:
        for record in csv.reader(io.StringIO(text, newline="")):
            if not any(cell.strip() for cell in record):
                continue  # blank line
            i = len(rows)
            row = []
            for j, cell in enumerate(record):
                cell = cell.strip()
                number = float(cell) if _CSV_NUMBER.fullmatch(cell) else None
                if number is None or not math.isfinite(number):
                    raise InputError(f"instance {i}, feature {j}: expected a finite number")
                row.append(number)
            rows.append(row)
    except csv.Error as exc:
        raise InputError(f"request body is not valid CSV: {exc}") from None
    if not rows:
        raise InputError("CSV body contains no rows")
    return rows


PARSERS = {"application/json": parse_json_instances, "text/csv": parse_csv_instances}
ACCEPTED_CHARSETS = ("utf-8", "utf8", "us-ascii")


# --------------------------------------------------------------------------- HTTP layer


class HttpError(Exception):
    def __init__(self, status: int, message: str, *, headers: Iterable = (), close: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = tuple(headers)
        self.close = close


def _error_body(status: int, message: str) -> dict:
    return {"error": {"code": status, "message": message}}


class RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    server_version = "example-model-server/" + __version__
    sys_version = ""
    server: "ModelServer"

    # -- connection lifecycle ------------------------------------------------

    def setup(self) -> None:
        self.timeout = self.server.config.keepalive_timeout  # idle / slow-client socket timeout
        super().setup()
        self.server._track(self)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server._untrack(self)

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        finally:
            if not self.server._mark_idle(self):
                self.close_connection = True

    def parse_request(self) -> bool:
        # Called right after the request line arrives: start the clock, mark busy.
        self._t0 = time.perf_counter()
        self._logged = False
        self._body_pending = False
        self._request_id = uuid.uuid4().hex
        if not self.server._mark_busy(self):
            self.close_connection = True  # raced with shutdown closing this idle connection
            return False
        if not super().parse_request():
            return False
        supplied = self.headers.get("X-Request-Id", "")
        if _REQUEST_ID.fullmatch(supplied):
            self._request_id = supplied
        length = self.headers.get("Content-Length")
        self._body_pending = "Transfer-Encoding" in self.headers or (length is not None and length.strip() != "0")
        return True

    def handle_expect_100(self) -> bool:
        # Don't invite a body we are going to refuse; the handler answers 413 and closes.
        length = (self.headers.get("Content-Length") or "").strip()
        if _DIGITS.fullmatch(length) and int(length) > self.server.config.max_body_bytes:
            return True
        return super().handle_expect_100()

    # -- silence BaseHTTPRequestHandler's stderr logging; we log ourselves ----

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        pass

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- dispatch --------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        path = self.path.split("?", 1)[0]
        cfg = self.server.config
        method = "GET" if self.command == "HEAD" else self.command
        status, headers, close = 500, (), False
        try:
            if path in cfg.health_routes and method == "GET":
                status, payload = self._ping()
            elif path in cfg.predict_routes and method == "POST":
                status, payload = self._invoke()
            elif path == METRICS_ROUTE and method == "GET":
                self._send_text(200, self.server.metrics.render(self.server.in_flight()), "text/plain; version=0.0.4; charset=utf-8")
                return
            elif path == EXECUTION_PARAMETERS_ROUTE and method == "GET":
                status, payload = 200, {"MaxConcurrentTransforms": 1, "BatchStrategy": "MULTI_RECORD",
                                        "MaxPayloadInMB": max(1, cfg.max_body_bytes // (1024 * 1024))}
            elif path in cfg.health_routes or path in cfg.predict_routes or path == EXECUTION_PARAMETERS_ROUTE:
                allowed = "POST" if path in cfg.predict_routes else "GET, HEAD"
                if path in cfg.predict_routes and path in cfg.health_routes:
                    allowed = "GET, HEAD, POST"
                raise HttpError(405, f"method {self.command} is not allowed on {path}", headers=[("Allow", allowed)])
            else:
                raise HttpError(404, "not found")
        except HttpError as exc:
            status, payload, headers, close = exc.status, _error_body(exc.status, exc.message), exc.headers, exc.close
        except InputError as exc:
            status, payload = 400, _error_body(400, str(exc))
        except Exception:  # never let a request crash the worker; never log the payload
            self.server.logger.log("error", "unhandled_exception", path=path[:256], request_id=self._request_id,
                                   traceback=traceback.format_exc(limit=20))
            status, payload, close = 500, _error_body(500, "internal server error"), True
        self._send_json(status, payload, headers, close)

    def _ping(self):
        model = self.server.model
        if model is None or self.server.draining:
            return 503, {"status": "unavailable", "reason": "shutting down" if self.server.draining else "model not loaded"}
        return 200, {"status": "ok", "model_version": model.version}

    def _invoke(self):
        model = self.server.model
        if model is None:
            raise HttpError(503, "model not loaded", close=self._body_pending)
        raw_type = self.headers.get("Content-Type")
        if not raw_type:
            raise HttpError(415, "Content-Type header is required (application/json or text/csv)", close=True)
        mime, _, params = raw_type.partition(";")
        mime = mime.strip().lower()
        parser = PARSERS.get(mime)
        if parser is None:
            raise HttpError(415, f"unsupported content type {mime[:100]!r}; use application/json or text/csv", close=True)
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip().strip('"').lower() not in ACCEPTED_CHARSETS:
                raise HttpError(415, "only the utf-8 charset is supported", close=True)
        rows = parser(self._read_body())
        return 200, {"predictions": model.predict(rows), "model_version": model.version}

    def _read_body(self) -> bytes:
        if "Transfer-Encoding" in self.headers:
            raise HttpError(411, "chunked transfer encoding is not supported; send Content-Length", close=True)
        lengths = {v.strip() for v in self.headers.get_all("Content-Length", [])}
        if not lengths:
            raise HttpError(411, "Content-Length header is required", close=True)
        if len(lengths) > 1 or not _DIGITS.fullmatch(next(iter(lengths))):
            raise HttpError(400, "invalid Content-Length header", close=True)
        length = int(next(iter(lengths)))
        limit = self.server.config.max_body_bytes
        if length > limit:
            raise HttpError(413, f"request body exceeds the {limit} byte limit", close=True)
        if length == 0:
            raise HttpError(400, "request body is empty")
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            raise HttpError(408, "timed out reading the request body", close=True) from None
        if len(body) != length:
            raise HttpError(400, "request body is shorter than Content-Length", close=True)
        self._body_pending = False
        return body

    # -- responses ---------------------------------------------------------------

    def _send_json(self, status: int, payload: Any, headers: Iterable = (), close: bool = False) -> None:
        try:
            body = json.dumps(payload, separators=(",", ":"), allow_nan=False).encode("utf-8")
        except (TypeError, ValueError):
            status, body, close = 500, json.dumps(_error_body(500, "internal server error")).encode(), True
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Request-Id", self._request_id)
        for name, value in headers:
            self.send_header(name, value)
        if close or self._body_pending or self.server.draining:
            self.send_header("Connection", "close")  # also sets self.close_connection
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self._log_access(status)

    def _send_text(self, status: int, text: str, content_type: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Request-Id", self._request_id)
        if self._body_pending or self.server.draining:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self._log_access(status)

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """Protocol-level errors raised by BaseHTTPRequestHandler (bad request line, 414, 431, 501...)."""
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "Error"
        if not hasattr(self, "_request_id"):
            self._request_id = uuid.uuid4().hex
        body = json.dumps(_error_body(code, message or phrase)).encode("utf-8")
        self.close_connection = True
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", self._request_id)
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)
        self._log_access(code)

    def _log_access(self, status: int) -> None:
        if getattr(self, "_logged", False):
            return
        self._logged = True
        t0 = getattr(self, "_t0", None)
        elapsed = time.perf_counter() - t0 if t0 is not None else None
        latency = round(elapsed * 1000.0, 3) if elapsed is not None else None
        if elapsed is not None:
            self.server.metrics.observe(int(status), elapsed)
        path = getattr(self, "path", "") or ""
        self.server.logger.log(
            "info", "request",
            method=self.command, path=path.split("?", 1)[0][:256], status=int(status), latency_ms=latency,
            request_id=getattr(self, "_request_id", None), remote=self.client_address[0],
        )


class ModelServer(ThreadingHTTPServer):
    """ThreadingHTTPServer plus connection tracking for graceful, keep-alive aware draining."""

    daemon_threads = True
    block_on_close = False  # drain() bounds the wait instead of joining forever
    request_queue_size = 128

    def __init__(self, config: Config, logger: Optional[JsonLogger] = None,
                 model: Optional[LogisticRegressionModel] = None) -> None:
        self.config = config
        self.logger = logger or JsonLogger()
        self.model = model
        self.draining = False
        self.metrics = Metrics()
        self._conns: dict = {}  # handler -> busy?
        self._closed: set = set()
        self._cond = threading.Condition()
        super().__init__((config.host, config.port), RequestHandler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def in_flight(self) -> int:
        """Connections handling a request right now (the one asking included)."""
        with self._cond:
            return sum(1 for busy in self._conns.values() if busy)

    def _track(self, handler: RequestHandler) -> None:
        with self._cond:
            self._conns[handler] = False

    def _untrack(self, handler: RequestHandler) -> None:
        with self._cond:
            self._conns.pop(handler, None)
            self._closed.discard(handler)
            self._cond.notify_all()

    def _mark_busy(self, handler: RequestHandler) -> bool:
        with self._cond:
            if handler in self._closed:
                return False
            self._conns[handler] = True
            return True

    def _mark_idle(self, handler: RequestHandler) -> bool:
        """Returns False when the connection must not be reused."""
        with self._cond:
            if handler in self._conns:
                self._conns[handler] = False
            return not self.draining and handler not in self._closed

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # client went away; nothing to do
        self.logger.log("error", "connection_error", remote=str(client_address[0]),
                        traceback=traceback.format_exc(limit=20))

    def drain(self, grace: float) -> bool:
        """Stops accepting, closes idle keep-alive connections and waits up to `grace` seconds
        for in-flight requests. serve_forever() must already have returned. True if clean."""
        deadline = time.monotonic() + grace
        with self._cond:
            self.draining = True
        try:
            self.socket.close()  # refuse new connections right away
        except OSError:
            pass
        with self._cond:
            for handler, busy in list(self._conns.items()):
                if not busy:
                    self._closed.add(handler)
                    try:
                        handler.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            while self._conns:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return not self._conns


# --------------------------------------------------------------------------- process entry points


class UsageError(ValueError):
    pass


def parse_command(args: Sequence[str]) -> str:
    """SageMaker starts the container as `<image> serve`: accept (and ignore) a leading "serve"."""
    args = list(args)
    if not args or args == ["serve"]:
        return "serve"
    if args == ["healthcheck"]:
        return "healthcheck"
    raise UsageError(f"unsupported arguments {args!r}; expected no arguments, 'serve' or 'healthcheck' "
                     "(this image does not implement SageMaker training)")


class StopFlag:
    """Signal handler that only stores the signal number (async-signal safe; no locks taken)."""

    def __init__(self) -> None:
        self.signum: Optional[int] = None

    def __call__(self, signum: int, frame: Any = None) -> None:
        self.signum = signum

    def is_set(self) -> bool:
        return self.signum is not None


def _signal_name(signum: Optional[int]) -> Any:
    try:
        return signal.Signals(signum).name
    except (ValueError, TypeError):
        return signum


def run(config: Config, logger: JsonLogger, stop: StopFlag, poll_interval: float = 0.1) -> int:
    """Binds, loads the model (/ping answers 503 meanwhile), serves until `stop` is set."""
    try:
        server = ModelServer(config, logger)
    except OSError as exc:
        logger.log("error", "bind_failed", host=config.host, port=config.port, error=str(exc))
        return 1
    accept_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.25},
                                     name="http-accept", daemon=True)
    accept_thread.start()
    logger.log("info", "listening", host=config.host, port=server.port, version=__version__,
               health_routes=list(config.health_routes), predict_routes=list(config.predict_routes))
    loaded: Optional[LoadedModel] = None
    exit_code = 0
    try:
        started = time.perf_counter()
        try:
            model_dir = resolve_model_dir(config, os.environ)
            loaded = load_model(model_dir, config.scratch_dir)
            verify_model_digest(loaded, model_dir, _env(os.environ, "MODEL_SHA256"))
        except ModelError as exc:
            logger.log("error", "model_load_failed", model_dir=config.model_dir, error=str(exc))
            exit_code = 1
            return exit_code
        server.model = loaded.model
        logger.log("info", "model_loaded", model_version=loaded.model.version, n_features=loaded.model.n_features,
                   source=loaded.source, load_ms=round((time.perf_counter() - started) * 1000.0, 3))
        while not stop.is_set():
            time.sleep(poll_interval)
        logger.log("info", "shutdown_started", signal=_signal_name(stop.signum),
                   grace_seconds=config.shutdown_grace)
        return exit_code
    finally:
        server.shutdown()
        clean = server.drain(config.shutdown_grace if exit_code == 0 else 0.5)
        server.server_close()
        accept_thread.join(timeout=2)
        if loaded is not None and loaded.scratch_path:
            shutil.rmtree(loaded.scratch_path, ignore_errors=True)
        logger.log("info", "shutdown_complete", clean=clean, exit_code=exit_code)


def healthcheck(env: Mapping[str, str]) -> int:
    """Container HEALTHCHECK: GET /ping on the local server; 0 if 200, else 1."""
    try:
        port = resolve_port(env)
        host = _env(env, "BIND_HOST") or "127.0.0.1"
        if host in ("0.0.0.0", "::"):
            host = "127.0.0.1"
        conn = http.client.HTTPConnection(host, port, timeout=3)
        try:
            conn.request("GET", "/ping")
            return 0 if conn.getresponse().status == 200 else 1
        finally:
            conn.close()
    except (OSError, ConfigError, http.client.HTTPException):
        return 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    logger = JsonLogger()
    try:
        command = parse_command(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        logger.log("error", "usage_error", error=str(exc))
        return 2
    if command == "healthcheck":
        return healthcheck(os.environ)
    try:
        config = Config.from_env(os.environ)
    except ConfigError as exc:
        logger.log("error", "config_error", error=str(exc))
        return 2
    stop = StopFlag()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return run(config, logger, stop)


if __name__ == "__main__":
    sys.exit(main())
