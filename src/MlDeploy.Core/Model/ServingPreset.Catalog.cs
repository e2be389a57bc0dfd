using System.Collections.Immutable;

namespace MlDeploy.Model;

/// <summary>The catalogue of presets. Each fact cites the page or source file it was read from (docs/PRESETS.md lists them).</summary>
public sealed partial record ServingPreset
{
    private const string SageMakerDocs = "https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html";
    private const string TgiRouter = "https://github.com/huggingface/text-generation-inference/blob/main/router/src/server.rs";
    private const string TgiMetrics = "https://huggingface.co/docs/text-generation-inference/reference/metrics";
    private const string TgiLauncher = "https://huggingface.co/docs/text-generation-inference/basic_tutorials/launcher";
    private const string TgiSageMakerEntrypoint = "https://github.com/huggingface/text-generation-inference/blob/main/sagemaker-entrypoint.sh";

    private static readonly ServingMetrics s_tgiMetrics = new()
    {
        LatencyHistogram = "tgi_request_duration",
        RequestCounter = "tgi_request_count",
        StatusLabel = null,
        SuccessCounter = "tgi_request_success",
        InFlightGauge = "tgi_queue_size",
    };

    /// <summary>Gets the SageMaker inference contract: 8080, <c>GET /ping</c>, <c>POST /invocations</c>, the model at <c>/opt/ml/model</c>.</summary>
    public static ServingPreset SageMaker { get; } = new()
    {
        Id = nameof(SageMaker),
        Name = "the SageMaker inference contract",
        ImagePort = 8080,
        LivenessPath = "/ping",
        ReadinessPath = "/ping",
        PredictPath = "/invocations",
        StartupTimeout = TimeSpan.FromMinutes(10),
        ModelDir = "/opt/ml/model",
        Metrics = null,
        Sources = [new("port 8080, /ping, /invocations, /opt/ml/model", SageMakerDocs)],
        Unverified = ["start-up allowance: the SDK's default, not a documented figure"],
    };

    /// <summary>Gets MLflow's pyfunc scoring server as packaged by <c>mlflow models build-docker</c> (SageMaker-compatible).</summary>
    public static ServingPreset Mlflow { get; } = new()
    {
        Id = nameof(Mlflow),
        Name = "MLflow (mlflow models build-docker)",
        ImagePort = 8080,
        LivenessPath = "/ping",
        ReadinessPath = "/ping",
        PredictPath = "/invocations",
        StartupTimeout = TimeSpan.FromMinutes(5),
        ModelDir = "/opt/ml/model",
        Metrics = null,
        Sources =
        [
            new("routes /ping, /health, /invocations; `mlflow models serve` listens on 5000 (-p)", "https://mlflow.org/docs/latest/genai/serving"),
            new("build-docker image: the model at /opt/ml/model (baked in, or mounted there)", "https://mlflow.org/docs/latest/api_reference/cli.html#mlflow-models-build-docker"),
            new("build-docker image: serves at port 8080 through the python_function flavor (build_docker's docstring)", "https://mlflow.org/docs/latest/api_reference/_modules/mlflow/models/python_api.html"),
            new("MLmodel file: flavors, signature, model_uuid, run_id, mlflow_version (decision 49)", "https://mlflow.org/docs/latest/ml/model/"),
            new("signature: deployment tools validate requests against it (decision 49)", "https://mlflow.org/docs/latest/ml/model/signatures"),
        ],
        Unverified =
        [
            "Prometheus metrics: the pyfunc scoring server documents none (MLServer, --enable-mlserver, is another server)",
        ],
    };

    /// <summary>Gets BentoML's HTTP server (<c>bentoml serve</c>, and the image <c>bentoml containerize</c> builds).</summary>
    public static ServingPreset BentoMl { get; } = new()
    {
        Id = nameof(BentoMl),
        Name = "BentoML",
        ImagePort = 3000,
        PortArgument = "--port",
        LivenessPath = "/healthz",
        ReadinessPath = "/readyz",
        PredictPath = "/predict",
        StartupTimeout = TimeSpan.FromMinutes(5),
        ModelDir = "/opt/ml/model",
        Metrics = new()
        {
            LatencyHistogram = "bentoml_service_request_duration_seconds",
            RequestCounter = "bentoml_service_request_total",
            StatusLabel = "http_response_code",
            InFlightGauge = "bentoml_service_request_in_progress",
        },
        Sources =
        [
            new("metrics and their labels", "https://docs.bentoml.com/en/latest/build-with-bentoml/observability/metrics.html"),
            new("bentoml serve on port 3000 (--port)", "https://docs.bentoml.com/en/latest/reference/bentoml/cli.html"),
            new("liveness /healthz, readiness /readyz (built-in Kubernetes probes)", "https://docs.bentoml.com/en/latest/build-with-bentoml/observability/index.html"),
        ],
        Unverified =
        [
            "prediction route: the name of the service's @bentoml.api method (/predict by convention); set PredictPath to yours",
            "model directory: a bento carries its models; the artifact at /opt/ml/model is read only by code that looks there",
        ],
    };

    /// <summary>Gets a KServe v2 / Open Inference Protocol server (the <c>kserve</c> Python ModelServer).</summary>
    public static ServingPreset KServeV2 { get; } = new()
    {
        Id = nameof(KServeV2),
        Name = "KServe v2 (Open Inference Protocol)",
        ImagePort = 8080,
        PortArgument = "--http_port",
        LivenessPath = "/v2/health/live",
        ReadinessPath = "/v2/health/ready",
        PredictPath = "/v2/models/{model}/infer",
        StartupTimeout = TimeSpan.FromMinutes(5),
        ModelDir = "/mnt/models",
        Metrics = null,
        Sources =
        [
            new("/v2/health/live, /v2/health/ready, /v2/models/<name>/infer", "https://kserve.github.io/website/docs/concepts/architecture/data-plane/v2-protocol"),
            new("port 8080 (--http_port), model at /mnt/models (storage initializer)", "https://kserve.github.io/website/latest/modelserving/v1beta1/custom/custom_model/"),
        ],
        Unverified =
        [
            "the model-directory argument (--model_dir in the framework servers)",
            "metric names of the Python ModelServer (request_predict_seconds and others)",
        ],
    };

    /// <summary>Gets Hugging Face Text Generation Inference in its SageMaker mode (the image's <c>sagemaker-entrypoint.sh</c>).</summary>
    public static ServingPreset TgiSageMaker { get; } = new()
    {
        Id = nameof(TgiSageMaker),
        Name = "Hugging Face TGI (SageMaker entrypoint)",
        ImagePort = 8080,
        LivenessPath = "/ping",
        ReadinessPath = "/ping",
        PredictPath = "/invocations",
        StartupTimeout = TimeSpan.FromMinutes(20),
        ModelDir = "/opt/ml/model",
        ModelVariable = "HF_MODEL_ID",
        Metrics = s_tgiMetrics,
        Sources =
        [
            new("launcher on --port 8080, HF_MODEL_ID becomes MODEL_ID", TgiSageMakerEntrypoint),
            new("/ping and /invocations routes (AWS SageMaker compatibility)", TgiRouter),
            new("metrics", TgiMetrics),
        ],
        Unverified = ["start-up allowance: 20 min is a judgement for a 7-13B model on local disk, not a documented figure"],
    };

    /// <summary>Gets Hugging Face Text Generation Inference (<c>ghcr.io/huggingface/text-generation-inference</c>).</summary>
    public static ServingPreset Tgi { get; } = new()
    {
        Id = nameof(Tgi),
        Name = "Hugging Face TGI",
        ImagePort = 80,
        PortArgument = "--port",
        LivenessPath = "/health",
        ReadinessPath = "/health",
        PredictPath = "/generate",
        StartupTimeout = TimeSpan.FromMinutes(20),
        ModelDir = "/data/model",
        ModelVariable = "MODEL_ID",
        Metrics = s_tgiMetrics,
        ContractMode = TgiSageMaker,
        Sources =
        [
            new("image listens on 80 (docker run -p 8080:80); --port; --model-id / MODEL_ID takes a local directory", TgiLauncher),
            new("routes /health, /generate, /metrics", TgiRouter),
            new("metrics tgi_request_duration, tgi_request_count, tgi_request_success, tgi_queue_size", TgiMetrics),
        ],
        Unverified = ["start-up allowance: 20 min is a judgement for a 7-13B model on local disk, not a documented figure"],
    };

    /// <summary>Gets vLLM's OpenAI-compatible server (<c>vllm serve</c>, image <c>vllm/vllm-openai</c>).</summary>
    public static ServingPreset Vllm { get; } = new()
    {
        Id = nameof(Vllm),
        Name = "vLLM (OpenAI-compatible server)",
        ImagePort = 8000,
        PortArgument = "--port",
        LivenessPath = "/health",
        ReadinessPath = "/health",
        PredictPath = "/v1/chat/completions",
        StartupTimeout = TimeSpan.FromMinutes(20),
        ModelDir = "/opt/ml/model",
        ModelArgument = "--model",
        Metrics = new()
        {
            LatencyHistogram = "vllm:e2e_request_latency_seconds",
            RequestCounter = null,
            StatusLabel = null,
            InFlightGauge = "vllm:num_requests_running",
        },
        Sources =
        [
            new("port 8000 (--port), /health, /v1/chat/completions, --model", "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html"),
            new("metrics on /metrics of the API server", "https://docs.vllm.ai/en/latest/usage/metrics.html"),
        ],
        Unverified =
        [
            "an error counter: vllm:request_success_total counts finished requests by reason, not failures, so errors are not alerted on",
            "SageMaker-style /ping and /invocations routes in recent releases (not used)",
        ],
    };

    /// <summary>Gets NVIDIA Triton Inference Server (<c>tritonserver</c>, HTTP/REST on the KServe v2 protocol).</summary>
    public static ServingPreset Triton { get; } = new()
    {
        Id = nameof(Triton),
        Name = "NVIDIA Triton",
        ImagePort = 8000,
        PortArgument = "--http-port",
        LivenessPath = "/v2/health/live",
        ReadinessPath = "/v2/health/ready",
        PredictPath = "/v2/models/{model}/infer",
        StartupTimeout = TimeSpan.FromMinutes(10),
        ModelDir = "/models",
        Args = ["tritonserver"],
        ModelArgument = "--model-repository",
        Metrics = new()
        {
            Port = 8002,
            LatencyHistogram = null,
            RequestCounter = null,
            StatusLabel = null,
            FailureCounter = "nv_inference_request_failure",
            SuccessCounter = "nv_inference_request_success",
            InFlightGauge = "nv_inference_pending_request_count",
        },
        Sources =
        [
            new("metrics on port 8002 (--metrics-port), nv_inference_request_success/failure, nv_inference_pending_request_count", "https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/user_guide/metrics.html"),
            new("HTTP on 8000 (--http-port), /v2/health/live, /v2/health/ready, /v2/models/<name>/infer, --model-repository=/models", "https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/getting_started/quickstart.html"),
        ],
        Unverified =
        [
            "a latency histogram: nv_inference_request_duration_us is a cumulative counter, so no p99 is computed",
            "the SageMaker mode (--allow-sagemaker, the image's serve script), so none is offered",
        ],
    };

    /// <summary>Gets every preset, in the order docs/PRESETS.md lists them.</summary>
    public static ImmutableArray<ServingPreset> All { get; } = [SageMaker, Mlflow, BentoMl, KServeV2, Tgi, TgiSageMaker, Vllm, Triton];
}
