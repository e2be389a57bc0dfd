using System.Collections.Immutable;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Validation;

public class ValidationTests
{
    private static readonly ModelDeployment s_valid = SampleDeployments.CpuEndpoint();
    private static readonly Waiver s_isolationWaiver = new("MLS-NET-06", "serverless endpoints cannot be isolated");

    public static TheoryData<string, Func<ModelDeployment, ModelDeployment>, string> BadInputs => new()
    {
        { "name not DNS", d => d with { Name = "Fraud_Model" }, "deployments[Fraud_Model].name: 'Fraud_Model' is not a valid deployment name (use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)" },
        { "name too long", d => d with { Name = new string('a', 33) }, $"deployments[{new string('a', 33)}].name: '{new string('a', 33)}' is not a valid deployment name (use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit)" },
        { "smoke payload empty", d => d with { Smoke = new SmokeTest(string.Empty) }, "deployments[fraud].smoke.payload: is empty (give a request the model accepts, e.g. {\"instances\": [[1.0, 2.0]]})" },
        { "smoke payload too large", d => d with { Smoke = new SmokeTest(new string('x', SmokeTest.MaxPayloadBytes + 1)) }, "deployments[fraud].smoke.payload: is 65537 bytes, more than 65536 (a smoke request is one small sample; send load tests some other way)" },
        { "smoke content type", d => d with { Smoke = new SmokeTest("{}") { ContentType = "json" } }, "deployments[fraud].smoke.contentType: 'json' is not a media type (use type/subtype, e.g. application/json or text/csv)" },
        { "smoke expects an error", d => d with { Smoke = new SmokeTest("{}") { ExpectStatus = 500 } }, "deployments[fraud].smoke.expectStatus: 500 is not a success status (expect a status from 200 to 299: a smoke test proves the model answers)" },
        { "smoke body check empty", d => d with { Smoke = new SmokeTest("{}") { ExpectBodyContains = string.Empty } }, "deployments[fraud].smoke.expectBodyContains: is empty (give text the response must contain, or leave it null to check the status only)" },
        { "latest tag", d => d with { Image = ImageSource.Build("examples/model-server", "latest") }, "deployments[fraud].image.tag: 'latest' is not an immutable version (tag each build uniquely, e.g. with the git commit)" },
        { "bad tag", d => d with { Image = ImageSource.Build("examples/model-server", "-v1") }, "deployments[fraud].image.tag: '-v1' is not a valid image tag (use 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-')" },
        { "bad platform", d => d with { Image = new BuildImage("examples/model-server", "1") { Platform = "windows/amd64" } }, "deployments[fraud].image.platform: 'windows/amd64' is not a supported platform (use linux/amd64 or linux/arm64)" },
        { "malformed reference", d => d with { Image = ImageSource.Existing("not an image") }, "deployments[fraud].image.reference: 'not an image' is not an image reference (use registry/repository@sha256:<64 hex digits> (or registry/repository:tag in development stacks))" },
        { "moving tag", d => d with { Image = ImageSource.Existing("123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest") }, "deployments[fraud].image.reference: 'latest' is a moving tag (pin the image by digest: registry/repository@sha256:...)" },
        { "not ECR", d => d with { Image = ImageSource.Existing("ghcr.io/acme/server@sha256:" + new string('a', 64)) }, $"deployments[fraud].image.reference: SageMaker real-time endpoints pull images from Amazon ECR only, and 'ghcr.io/acme/server@sha256:{new string('a', 64)}' is not in it (push the image to Amazon ECR, use ImageSource.Build so the SDK does, or, for a public image, ImageSource.Mirror(\"ghcr.io/acme/server@sha256:{new string('a', 64)}\") to copy it into the deployment's registry at deploy time)" },
        { "artifact wrong cloud", d => d with { Artifact = ModelArtifact.FromUri("gs://models/fraud.tar.gz") }, "deployments[fraud].artifact.uri: the artifact is in Google storage but the target SageMaker real-time endpoint runs in Aws (copy the artifact into the target cloud's storage, or use ModelArtifact.FromFile so the SDK uploads it)" },
        { "artifact unknown scheme", d => d with { Artifact = ModelArtifact.FromUri("ftp://models/fraud.tar.gz") }, "deployments[fraud].artifact.uri: 'ftp://models/fraud.tar.gz' is not a supported storage URI (use s3://bucket/key, gs://bucket/key or https://<account>.blob.core.windows.net/<container>/<path>)" },
        { "artifact version on sagemaker", d => d with { Artifact = new UriArtifact("s3://models/fraud/model.tar.gz") { Version = "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd" } }, "deployments[fraud].artifact.version: SageMaker reads the model from a URL that names no object version, so it would deploy whichever version is current (remove Version and pin the content with Sha256 (the server checks it), or deploy local files with ModelArtifact.FromFile)" },
        { "artifact version of a prefix", d => d with { Artifact = new UriArtifact("s3://models/fraud/") { Version = "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd" } }, "deployments[fraud].artifact.version: a version pins one object in S3; this is a prefix (give the object's S3 version id, or pin the content with Sha256 instead)" },
        { "artifact version blank", d => d with { Artifact = new UriArtifact("s3://models/fraud/model.tar.gz") { Version = " " } }, "deployments[fraud].artifact.version: ' ' is not an object version id (give the object's S3 version id, or pin the content with Sha256 instead)" },
        { "artifact sha256 malformed", d => d with { Artifact = ModelArtifact.FromUri("s3://models/fraud/model.tar.gz") with { Sha256 = "ABC" } }, "deployments[fraud].artifact.sha256: 'ABC' is not a SHA-256 digest (give the 64 lowercase hex digits `promote` writes (the source stack's <deployment>-model-sha256 output))" },
        { "model digest set by hand", d => d with { Serving = d.Serving with { Env = new Dictionary<string, string> { ["MODEL_SHA256"] = new string('a', 64) } } }, "deployments[fraud].serving.env[MODEL_SHA256]: MODEL_SHA256 is set by the SDK from the model's digest (pin the model with ModelArtifact's Sha256 instead)" },
        { "artifact no key", d => d with { Artifact = ModelArtifact.FromUri("s3://bucket") }, "deployments[fraud].artifact.uri: 's3://bucket' names no object or prefix (use <scheme>://<bucket>/<key> (a trailing '/' means a prefix))" },
        { "artifact file missing", d => d with { Artifact = ModelArtifact.FromFile("models/missing.tar.gz") }, $"deployments[fraud].artifact.path: 'models/missing.tar.gz' does not exist under {Repo.Root} (paths are relative to the project root (the folder with Pulumi.yaml))" },
        { "build context missing", d => d with { Image = ImageSource.Build("examples/no-such-server", "1.0.0") }, $"deployments[fraud].image.context: 'examples/no-such-server' is not a directory under {Repo.Root} (paths are relative to the project root (the folder with Pulumi.yaml))" },
        { "dockerfile missing", d => d with { Image = new BuildImage("examples/model-server", "1.0.0") { Dockerfile = "examples/model-server/Dockerfile.gpu" } }, "deployments[fraud].image.dockerfile: 'examples/model-server/Dockerfile.gpu' does not exist (add the Dockerfile, or set BuildImage.Dockerfile to its path relative to the project root)" },
        { "port wrong for SageMaker", d => d with { Serving = d.Serving with { Port = 9000 } }, "deployments[fraud].serving.port: SageMaker real-time endpoints send requests to port 8080, not 9000 (listen on 8080)" },
        { "port out of range", d => d with { Serving = d.Serving with { Port = 70000 } }, "deployments[fraud].serving.port: 70000 is not a TCP port (use 1-65535)" },
        { "health path relative", d => d with { Serving = d.Serving with { HealthPath = "ping" } }, "deployments[fraud].serving.healthPath: 'ping' is not an absolute URL path (start with '/' and use no spaces)" },
        { "health path not /ping", d => d with { Serving = d.Serving with { HealthPath = "/healthz" } }, "deployments[fraud].serving.healthPath: SageMaker real-time endpoints check health at /ping, not /healthz (serve GET /ping)" },
        { "container args", d => d with { Serving = d.Serving with { Args = ["--workers", "4"] } }, "deployments[fraud].serving.args: SageMaker real-time endpoints start the container with arguments of their own (put the command in the image ENTRYPOINT)" },
        { "startup too long", d => d with { Serving = d.Serving with { StartupTimeout = TimeSpan.FromHours(2) } }, "deployments[fraud].serving.startupTimeout: 7200 s is outside the start-up allowance of SageMaker real-time endpoints (60-3600 s) (allow the download and load time of the model, within that window)" },
        { "env name invalid", d => d with { Serving = d.Serving with { Env = Env("1BAD", "x") } }, "deployments[fraud].serving.env[1BAD]: is not a valid environment variable name (use letters, digits and '_', not starting with a digit)" },
        { "env MODEL_DIR", d => d with { Serving = d.Serving with { Env = Env("MODEL_DIR", "/m") } }, "deployments[fraud].serving.env[MODEL_DIR]: MODEL_DIR is set by the SDK (set Serving.ModelDir instead)" },
        { "cpu zero", d => d with { Compute = new Compute { Cpu = 0 } }, "deployments[fraud].compute.cpu: 0 vCPU is not positive (request at least 0.25 vCPU)" },
        { "gpu count zero", d => d with { Compute = new Compute { Gpu = new Gpu(0, GpuKind.T4) } }, "deployments[fraud].compute.gpu.count: 0 GPUs is not positive (use at least 1, or leave Gpu null for CPU only)" },
        { "gpu above node type", d => d with { Compute = new Compute { Cpu = 8, MemoryGiB = 32, Gpu = new Gpu(16, GpuKind.A10G) } }, "deployments[fraud].compute.gpu.count: SageMaker real-time endpoints give at most 8 A10G GPUs per replica, not 16 (use fewer GPUs per replica, or another GPU kind)" },
        { "nothing fits", d => d with { Compute = new Compute { Cpu = 512, MemoryGiB = 8 } }, "deployments[fraud].compute: no SageMaker instance type offers 512 vCPU, 8 GiB, no GPU (lower the request, or choose the instance type explicitly)" },
        { "instance too small", d => d with { Target = new SageMakerTarget { InstanceType = "ml.m5.large" }, Compute = new Compute { Cpu = 4, MemoryGiB = 16 } }, "deployments[fraud].target.instanceType: 'ml.m5.large' (2 vCPU, 8 GiB, no GPU) does not give what compute asks for (4 vCPU, 16 GiB, no GPU) (pick a type with at least that much, or lower the compute request)" },
        { "instance unknown", d => d with { Target = new SageMakerTarget { InstanceType = "m5.large" } }, "deployments[fraud].target.instanceType: 'm5.large' is not a SageMaker hosting instance type the SDK knows (use one of the ml.m5, ml.c5, ml.r5, ml.g4dn, ml.g5, ml.g6, ml.g6e, ml.p3, ml.p4d or ml.p5 types, or leave it null to pick from compute)" },
        { "gpu on serverless", d => d with { Target = new SageMakerTarget { Serverless = new SageMakerServerless(2048, 10), NetworkIsolation = false }, Waivers = [s_isolationWaiver], Compute = new Compute { Gpu = new Gpu(1, GpuKind.T4) }, Monitoring = new Monitoring(), Network = new Network { Exposure = Exposure.Public } }, "deployments[fraud].compute.gpu: SageMaker serverless endpoints have no GPUs (leave Gpu null, or use a target with T4 GPUs: AKS workloads, Azure Container Apps, Azure ML managed online endpoints, EKS workloads, GKE workloads, SageMaker real-time endpoints, Vertex AI endpoints)" },
        { "serverless memory", d => d with { Target = new SageMakerTarget { Serverless = new SageMakerServerless(1500, 10), NetworkIsolation = false }, Waivers = [s_isolationWaiver], Monitoring = new Monitoring(), Network = new Network { Exposure = Exposure.Public } }, "deployments[fraud].target.serverless.memoryMb: 1500 MB is not a serverless memory size (use 1024, 2048, 3072, 4096, 5120 or 6144)" },
        { "serverless capture", d => d with { Target = new SageMakerTarget { Serverless = new SageMakerServerless(2048, 10), NetworkIsolation = false }, Waivers = [s_isolationWaiver], Network = new Network { Exposure = Exposure.Public } }, "deployments[fraud].monitoring.dataCapturePercent: SageMaker serverless endpoints cannot capture requests and responses (set it to 0 and capture in the serving image or a gateway, or use a target with managed capture: Azure ML managed online endpoints, ECS on Fargate services, SageMaker real-time endpoints, Vertex AI endpoints)" },
        { "scale to zero", d => d with { Scaling = new Scaling { Min = 0, Max = 2 } }, "deployments[fraud].scaling.min: 0 replicas is not supported on SageMaker real-time endpoints (use min >= 1, or use a target that scales to zero: AKS workloads, Azure Container Apps, Cloud Run services, EKS workloads, GKE workloads, SageMaker serverless endpoints)" },
        { "max below min", d => d with { Scaling = new Scaling { Min = 5, Max = 2 } }, "deployments[fraud].scaling.max: max 2 is below min 5 (max must be at least min)" },
        { "negative min", d => d with { Scaling = new Scaling { Min = -1, Max = 2 } }, "deployments[fraud].scaling.min: -1 is negative (use 0 or more)" },
        { "target zero", d => d with { Scaling = new Scaling { Target = 0 } }, "deployments[fraud].scaling.target: 0 is not positive (give the per-replica value to hold, e.g. 10 requests/s or 70 percent)" },
        { "utilization above 100", d => d with { Scaling = new Scaling { Metric = ScalingMetric.CpuUtilization, Target = 150 } }, "deployments[fraud].scaling.target: 150 percent is above 100 (utilization targets are percentages, e.g. 70)" },
        { "gpu scaling without gpu", d => d with { Scaling = new Scaling { Metric = ScalingMetric.GpuUtilization, Target = 70 } }, "deployments[fraud].scaling.metric: GPU utilization scaling needs a GPU (set Compute.Gpu or scale on requests or CPU)" },
        { "concurrency scaling", d => d with { Scaling = new Scaling { Metric = ScalingMetric.Concurrency } }, "deployments[fraud].scaling.metric: SageMaker real-time endpoints cannot scale on concurrency (use ScalingMetric.RequestsPerSecond or ScalingMetric.CpuUtilization or ScalingMetric.GpuUtilization)" },
        { "error rate above 100", d => d with { Monitoring = d.Monitoring with { ErrorRatePercent = 150 } }, "deployments[fraud].monitoring.errorRatePercent: 150 is not a percentage in (0, 100] (e.g. 1 for one failed request in a hundred)" },
        { "capture above 100", d => d with { Monitoring = d.Monitoring with { DataCapturePercent = 101 } }, "deployments[fraud].monitoring.dataCapturePercent: 101 is not a percentage in [0, 100] (0 turns capture off)" },
        { "retention not allowed", d => d with { Monitoring = d.Monitoring with { LogRetentionDays = 10 } }, "deployments[fraud].monitoring.logRetentionDays: SageMaker real-time endpoints cannot keep logs 10 days (use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)" },
        { "bad email", d => d with { Monitoring = d.Monitoring with { NotificationEmail = "oncall" } }, "deployments[fraud].monitoring.notificationEmail: 'oncall' is not an e-mail address (use name@example.com)" },
        { "email and topic", d => d with { Monitoring = d.Monitoring with { NotificationTopic = "arn:aws:sns:us-east-1:123456789012:t" } }, "deployments[fraud].monitoring.notificationTopic: both an e-mail and an existing topic are set (subscribe the e-mail to the existing topic, or let the SDK create the topic)" },
        { "canary above 50", d => d with { Rollout = new Rollout { TrafficPercent = 60 } }, "deployments[fraud].rollout.trafficPercent: SageMaker real-time endpoints shift 1-50 % of traffic per canary, not 60 % (use a share between 1 and 50)" },
        { "sagemaker bake times past the provider's wait", d => d with { Rollout = new Rollout { Strategy = RolloutStrategy.Linear, TrafficPercent = 25, BakeTime = TimeSpan.FromMinutes(15) } }, "deployments[fraud].rollout.bakeTime: a linear update of this endpoint waits 75 minutes in bake times alone, and the Pulumi AWS provider stops waiting for a SageMaker endpoint after 60 minutes, a limit no timeout option changes (keep the waits under 55 minutes with the model's start-up on top: shorten Rollout.BakeTime or take fewer steps (a larger TrafficPercent))" },
        { "sagemaker rolling batches past the provider's wait", d => d with { Rollout = new Rollout { Strategy = RolloutStrategy.Rolling, TrafficPercent = 10, BakeTime = TimeSpan.FromMinutes(6) } }, "deployments[fraud].rollout.bakeTime: a rolling update of this endpoint waits 60 minutes in bake times alone, and the Pulumi AWS provider stops waiting for a SageMaker endpoint after 60 minutes, a limit no timeout option changes (keep the waits under 55 minutes with the model's start-up on top: shorten Rollout.BakeTime or take fewer steps (a larger TrafficPercent))" },
        { "linear step too small", d => d with { Rollout = new Rollout { Strategy = RolloutStrategy.Linear, TrafficPercent = 5, BakeTime = TimeSpan.FromMinutes(2) } }, "deployments[fraud].rollout.trafficPercent: SageMaker real-time endpoints shift 10-50 % of traffic per linear step, not 5 % (use a share between 10 and 50)" },
        { "bake too long", d => d with { Rollout = new Rollout { BakeTime = TimeSpan.FromHours(2) } }, "deployments[fraud].rollout.bakeTime: 2 h is longer than the longest bake time of SageMaker real-time endpoints (1 h) (bake for at most 1 h per step)" },
        { "unauthenticated", d => d with { Network = d.Network with { RequireAuth = false } }, "deployments[fraud].network.requireAuth: SageMaker real-time endpoints always require authentication (keep RequireAuth = true; put a gateway in front for other callers)" },
        { "private one subnet", d => d with { Network = d.Network with { SubnetIds = ["subnet-1"] } }, "deployments[fraud].network.subnetIds: a private SageMaker endpoint needs at least 2 subnets in different availability zones, got 1 (set Network.SubnetIds (private subnets), or choose Exposure.Public (still IAM-authenticated))" },
        { "private no security group", d => d with { Network = d.Network with { SecurityGroupIds = [] } }, "deployments[fraud].network.securityGroupIds: a private SageMaker endpoint needs a security group (set Network.SecurityGroupIds)" },
        { "isolation off in public", d => d with { Target = new SageMakerTarget { NetworkIsolation = false }, Network = new Network { Exposure = Exposure.Public } }, "deployments[fraud].target.networkIsolation: turning network isolation off gives the container open internet access (keep NetworkIsolation = true, or use a private network (its VPC then controls egress))" },
        { "secrets with isolation", d => d with { Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("apiToken"))] }, "deployments[fraud].secrets: the model container runs with network isolation, so it cannot read secrets from Secrets Manager at run time (set NetworkIsolation = false with a private network that has a Secrets Manager VPC endpoint)" },
        { "secret collides with env", d => d with { Target = new SageMakerTarget { NetworkIsolation = false }, Serving = d.Serving with { Env = Env("API_TOKEN", "x") }, Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("apiToken"))] }, "deployments[fraud].secrets[API_TOKEN]: is also set as a plain environment variable (remove it from Serving.Env)" },
        { "secret config key", d => d with { Target = new SageMakerTarget { NetworkIsolation = false }, Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("9key"))] }, "deployments[fraud].secrets[API_TOKEN].source: '9key' is not a config key (use the key you set with `pulumi config set --secret <key>` (letters, digits, '_', '-'))" },
        { "serverless isolated", d => d with { Target = new SageMakerTarget { Serverless = new SageMakerServerless(2048, 10) }, Monitoring = new Monitoring(), Network = new Network { Exposure = Exposure.Public } }, "deployments[fraud].target.networkIsolation: serverless endpoints do not support network isolation (nor a VPC) (set NetworkIsolation = false and add Waiver(\"MLS-NET-06\", \"<why the container may reach the internet>\"), or use an instance-backed endpoint)" },
        { "serverless without waiver", d => d with { Target = new SageMakerTarget { Serverless = new SageMakerServerless(2048, 10), NetworkIsolation = false }, Monitoring = new Monitoring(), Network = new Network { Exposure = Exposure.Public } }, "deployments[fraud].target.networkIsolation: a serverless container can reach the internet (serverless endpoints support no network isolation) (add Waiver(\"MLS-NET-06\", \"<why the container may reach the internet>\"), or use an instance-backed endpoint)" },
        { "tag key interpolation", d => d with { Tags = Env("k-${fraud-registry-auth.password}", "x") }, "deployments[fraud].tags[k-${fraud-registry-auth.password}]: tag keys may not contain '$', '{' or '}' or start with 'fn::' (Pulumi YAML would evaluate them) (use letters, digits and _ . : / = + - @)" },
        { "tag key function", d => d with { Tags = Env("fn::secret", "x") }, "deployments[fraud].tags[fn::secret]: tag keys may not contain '$', '{' or '}' or start with 'fn::' (Pulumi YAML would evaluate them) (use letters, digits and _ . : / = + - @)" },
        { "config key with dot", d => d with { Target = new SageMakerTarget { NetworkIsolation = false }, Secrets = [new SecretReference("API_TOKEN", SecretSource.Config("api.token"))] }, "deployments[fraud].secrets[API_TOKEN].source: 'api.token' contains '.', which Pulumi YAML reads as property access in ${api.token} (rename the config key without dots, e.g. `pulumi config set --secret api-token ...`)" },
        { "reserved tag", d => d with { Tags = Env("aws:team", "x") }, "deployments[fraud].tags[aws:team]: the 'aws:' prefix is reserved (use another prefix)" },
        { "waiver without reason", d => d with { Waivers = [new Waiver("MLS-REL-01", " ")] }, "deployments[fraud].waivers[MLS-REL-01].reason: a waiver needs a written reason (say in a sentence why the rule does not apply; it is shown in the plan)" },
        { "registry entry on SageMaker", d => d with { Image = ImageSource.FromModelPackage, Artifact = ModelArtifact.FromRegistry("arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/3") }, "deployments[fraud].artifact: SageMaker real-time endpoints cannot serve model registry entries (use ModelArtifact.FromFile or ModelArtifact.FromUri or ModelArtifact.FromDvc)" },
        { "packaged image without registry", d => d with { Image = ImageSource.FromModelPackage }, "deployments[fraud].image: ImageSource.FromModelPackage needs a model registry artifact (use ModelArtifact.FromRegistry(...) or give the image explicitly)" },
        { "keep no images", d => d with { Target = new SageMakerTarget { KeepImages = 0 } }, "deployments[fraud].target.keepImages: 0 keeps no image to roll back to (keep at least 1 (30 is the default))" },
    };

    [Fact]
    public void Validate_ReferenceDeployments_HaveNoProblems()
    {
        var synthesizer = SampleDeployments.Synthesizer();

        Assert.Empty(synthesizer.Validate(SampleDeployments.Platform(EnvironmentProfile.Production, s_valid, SampleDeployments.GpuEndpoint(), SampleDeployments.Serverless()), Repo.Root));
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_BadInput_ReportsExactPathMessageAndHint(string scenario, Func<ModelDeployment, ModelDeployment> mutate, string expected)
    {
        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, mutate(s_valid)), Repo.Root);

        // A value can break a generic rule and the target's contract at once; both are reported, at the same path,
        // and nothing else is.
        Assert.True(problems.Select(p => p.ToString()).Contains(expected), $"{scenario}: got\n{string.Join("\n", problems)}");
        var path = expected[..expected.IndexOf(": ", StringComparison.Ordinal)];
        Assert.True(problems.All(p => p.Path == path), $"{scenario}: unrelated problems reported:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Validate_ManyProblems_ReportsAllAtOnce()
    {
        var bad = s_valid with
        {
            Scaling = new Scaling { Min = 0, Max = 0 },
            Monitoring = s_valid.Monitoring with { LogRetentionDays = 0 },
            Serving = s_valid.Serving with { Port = 1 },
        };

        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, bad), Repo.Root).Select(p => p.Path).ToList();

        // Each problem once: 0 days is reported by the cloud-neutral rule, not again by the target's retention table.
        Assert.Equal(
            ["deployments[fraud].scaling.max", "deployments[fraud].monitoring.logRetentionDays", "deployments[fraud].serving.port", "deployments[fraud].scaling.min"],
            problems);
    }

    [Fact]
    public void Validate_UnknownWaiver_ListsEveryGuardrailId()
    {
        var synthesizer = SampleDeployments.Synthesizer();
        var bad = s_valid with { Waivers = [new Waiver("MLS-NOPE-99", "because it is fine here")] };

        var problem = Assert.Single(synthesizer.Validate(SampleDeployments.Platform(EnvironmentProfile.Development, bad), Repo.Root));

        var ids = synthesizer.Policies.Select(g => g.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("MLS-REL-01", ids);
        Assert.Contains("MLS-CTR-01", ids);
        Assert.Equal($"deployments[fraud].waivers[MLS-NOPE-99]: is not a guardrail id (use one of: {string.Join(", ", ids)})", problem.ToString());
    }

    [Fact]
    public void Validate_DuplicateNames_ReportedOnce()
    {
        var problems = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, s_valid, s_valid), Repo.Root);

        Assert.Equal(["deployments[fraud]: the name 'fraud' is used by more than one deployment (deployment names must be unique in a stack)"], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_NothingDeclared_SaysSo() =>
        Assert.Equal(
            ["deployments: nothing is declared: no deployment and no shared component (add a ModelDeployment to Platform.Deployments, or a shared component (e.g. ImageSource.Shared(...)) to Platform.Components)"],
            SampleDeployments.Synthesizer().Validate(new Platform { Deployments = default, Components = default }, Repo.Root).Select(p => p.ToString()));

    private static ImmutableSortedDictionary<string, string> Env(string key, string value) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>(key, value)]);
}
