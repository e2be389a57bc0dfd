using MlDeploy.Graph;
using MlDeploy.Model;

namespace MlDeploy.Tests.Gcp;

/// <summary>
/// Cloud Run and Vertex AI pull images with their own service agent, which reads only its project's repositories: an
/// image in another project needs a reader grant for that agent (docs/GCP-RUNTIME.md G19).
/// </summary>
public class GcpImagePullTests
{
    private static string Flat(Value? value) => value switch
    {
        StringValue s => s.Value,
        Interpolation i => string.Concat(i.Parts.Select(p => p is StringValue s ? s.Value : $"${{{((OutputReference)p).Target.Name}.{((OutputReference)p).Path}}}")),
        _ => throw new InvalidOperationException($"{value} is not text"),
    };

    [Fact]
    public void CloudRun_ImageInAnotherProject_ServiceAgentReadsItsRepository_BeforeTheServiceStarts()
    {
        var graph = CloudRunSamples.Synthesize(CloudRunSamples.Mlflow(), EnvironmentProfile.Production).Graph;
        var grant = graph.Resources.Single(r => r.Name == "churn-images-reader-agent");

        Assert.Equal(("acme-ml-shared", "europe-west4", "serving", "roles/artifactregistry.reader"), (ValuePath.GetString(grant.Properties, "project"), ValuePath.GetString(grant.Properties, "location"), ValuePath.GetString(grant.Properties, "repository"), ValuePath.GetString(grant.Properties, "role")));
        Assert.Equal("serviceAccount:service-${churn-project.number}@serverless-robot-prod.iam.gserviceaccount.com", Flat(grant.Properties.Get("member")));
        Assert.Equal("acme-ml-prod", ValuePath.GetString(graph.Invokes.Single(i => i.Name == "churn-project").Arguments, "projectId"));
        Assert.Contains(grant, graph.Resources.Single(r => r.Name == "churn-service").Options.DependsOn);
    }

    [Fact]
    public void Vertex_ImageInAnotherProject_AiPlatformAgentReadsItsRepository_BeforeTheModelIsDeployed()
    {
        var d = VertexSamples.Internal() with { Image = ImageSource.Existing(CloudRunSamples.PinnedImage) };
        var graph = VertexSamples.Synthesize(d).Graph;
        var grant = graph.Resources.Single(r => r.Name == "classifier-images-reader-agent");

        Assert.Equal("serviceAccount:service-${classifier-project.number}@gcp-sa-aiplatform.iam.gserviceaccount.com", Flat(grant.Properties.Get("member")));
        Assert.Equal("acme-ml-shared", ValuePath.GetString(grant.Properties, "project"));
        Assert.Contains(grant, graph.Resources.Single(r => r.Name == "classifier-model").Options.DependsOn);
    }

    [Fact]
    public void ImageInTheDeploymentsProject_NeedsNoAgentGrant()
    {
        var cloudRun = CloudRunSamples.Synthesize(CloudRunSamples.Production(), EnvironmentProfile.Production).Graph;
        var vertex = VertexSamples.Synthesize(VertexSamples.Internal()).Graph;

        Assert.DoesNotContain(cloudRun.Resources.Concat(vertex.Resources), r => r.Name.EndsWith("-images-reader-agent", StringComparison.Ordinal));
        Assert.DoesNotContain(cloudRun.Invokes.Concat(vertex.Invokes), i => i.Function.Token == "gcp:organizations/getProject:getProject");
    }
}
