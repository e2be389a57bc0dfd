using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Presets;

public class ServingPresetTests
{
    [Fact]
    public void For_TgiListeningOnAPrivilegedPort_MovesItTo8080WithItsOwnOption()
    {
        var s = Model.Serving.For(ServingPreset.Tgi);

        Assert.Equal(80, ServingPreset.Tgi.ImagePort);
        Assert.Equal(8080, s.Port);
        Assert.Equal(["--port", "8080"], s.Args.ToArray());
        Assert.Equal("/data/model", s.Env["MODEL_ID"]);
        Assert.Equal(("/health", "/health", "/generate"), (s.HealthPath, s.LivePath, s.PredictPath));
        Assert.Equal(TimeSpan.FromMinutes(20), s.StartupTimeout);
        Assert.Same(ServingPreset.Tgi, s.Preset);
    }

    [Fact]
    public void For_Triton_KeepsItsPortAndTellsItWhereTheModelRepositoryIs()
    {
        var s = Model.Serving.For(ServingPreset.Triton, "ranker");

        Assert.Equal(8000, s.Port);
        Assert.Equal(["tritonserver", "--model-repository", "/models"], s.Args.ToArray());
        Assert.Equal("/v2/models/ranker/infer", s.PredictPath);
        Assert.Equal(("/v2/health/ready", "/v2/health/live"), (s.HealthPath, s.LivePath));
        Assert.Equal(8002, s.Metrics!.Port);
    }

    [Fact]
    public void For_PresetWithoutMetrics_LeavesMetricsUnset() =>
        Assert.Null(Model.Serving.For(ServingPreset.Mlflow).Metrics);

    [Fact]
    public void Catalogue_EveryPresetCitesItsSourcesAndHasAUniqueId()
    {
        Assert.Equal(ServingPreset.All.Length, ServingPreset.All.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ServingPreset.All, p => Assert.NotEmpty(p.Sources));
        Assert.All(ServingPreset.All.SelectMany(p => p.Sources), s => Assert.StartsWith("https://", s.Url, StringComparison.Ordinal));
    }

    public static TheoryData<string, Func<ModelDeployment>, string> BadInputs => new()
    {
        {
            "TGI told to keep its image's port 80 on GKE",
            () => Gke.GkeSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Serving = Model.Serving.For(ServingPreset.Tgi) with { Port = 80, Args = [] } },
            "deployments[ranker].serving.port: Hugging Face TGI (ServingPreset.Tgi) would listen on 80, a privileged port, which a non-root container on GKE workloads cannot bind (leave Port to Serving.For, which moves it to 8080 with --port)"
        },
        {
            "Triton's per-model route without the model's name",
            () => Gke.GkeSamples.ExistingClusterCpu(EnvironmentProfile.Development) with { Serving = Model.Serving.For(ServingPreset.Triton) },
            "deployments[ranker].serving.predictPath: '/v2/models/{model}/infer' still has a placeholder from ServingPreset.Triton (name the model: Serving.For(preset, \"<model name>\"), or set the path)"
        },
        {
            "TGI on a SageMaker GPU instance without its SageMaker mode",
            () => SampleDeployments.GpuEndpoint() with { Serving = Model.Serving.For(ServingPreset.Tgi) },
            "deployments[llm].serving: Hugging Face TGI (ServingPreset.Tgi) answers on port 8080 at /health and /generate with container arguments, but SageMaker real-time endpoints require port 8080, /ping and /invocations with the model at /opt/ml/model and no container arguments (use Serving.For(ServingPreset.TgiSageMaker), the server's documented mode for this contract)"
        },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Validate_PresetConflict_NamesThePresetTheTargetAndTheFix(string name, Func<ModelDeployment> deployment, string expected)
    {
        var messages = SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Development, deployment()), Repo.Root).Select(x => x.ToString()).ToList();

        Assert.True(messages.Contains(expected), $"{name}: expected '{expected}' in\n{string.Join("\n", messages)}");
    }

    [Fact]
    public void Validate_TgiSageMakerModeOnAGpuInstance_IsAccepted()
    {
        var d = SampleDeployments.GpuEndpoint() with { Serving = Model.Serving.For(ServingPreset.TgiSageMaker) };

        Assert.Empty(SampleDeployments.Synthesizer().Validate(SampleDeployments.Platform(EnvironmentProfile.Production, d), Repo.Root));
    }
}
