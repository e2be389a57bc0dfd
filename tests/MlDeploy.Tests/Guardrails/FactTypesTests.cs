using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Guardrails;
using MlDeploy.Hosting;
using MlDeploy.Kubernetes;

namespace MlDeploy.Tests.Guardrails;

/// <summary>The rules find facts by their exact type (FactBase.Of), which finds every fact only if no fact type has subtypes.</summary>
public sealed class FactTypesTests
{
    [Fact]
    public void EveryFactTypeOfTheSdk_IsSealed()
    {
        Type[] anchors = [typeof(Fact), typeof(AwsTargets), typeof(AzureTargets), typeof(GcpTargets), typeof(KubernetesFacts), typeof(DeployApp)];
        var factTypes = anchors.Select(t => t.Assembly).Distinct().SelectMany(a => a.GetTypes())
            .Where(t => t != typeof(Fact) && typeof(Fact).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(factTypes);
        Assert.Empty(factTypes.Where(t => !t.IsSealed).Select(t => t.FullName));
    }
}
