using System.Xml.Linq;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Hosting;

/// <summary>
/// The list of methods a `compile` run enters, which the AOT compiler lays out first (IlcOrderFile). A stale list costs
/// only start-up time, so these catch what would silently void it: the build no longer reading it, or the methods every
/// compile runs renamed away (then run scripts/update-compiler-order.sh). .ci/run measures how much of it still names
/// methods of the published program.
/// </summary>
public sealed class CompilerStartupOrderTests
{
    private static readonly string s_file = Repo.PathOf("src", "MlDeploy.Hosting", "compiler-startup.order");

    [Fact]
    public void TheBuild_HandsTheListToTheAotCompiler()
    {
        var props = XDocument.Load(Repo.PathOf("Directory.Build.props"));

        var orderFile = Assert.Single(props.Descendants("IlcOrderFile")).Value;

        Assert.Equal(s_file, Path.GetFullPath(orderFile.Replace("$(MSBuildThisFileDirectory)", Repo.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
    }

    [Fact]
    public void TheList_IsOneSymbolPerLine_EachOnce()
    {
        var lines = File.ReadAllLines(s_file);

        Assert.All(lines, l => Assert.Matches(@"^\S+$", l));
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("MlDeploy_Hosting_MlDeploy_Hosting_DeployApp__Run")]
    [InlineData("MlDeploy_Core_MlDeploy_Pipeline_Synthesizer__Synthesize")]
    [InlineData("MlDeploy_Core_MlDeploy_Pipeline_Synthesizer__Validate")]
    [InlineData("MlDeploy_Core_MlDeploy_Guardrails_GuardrailEngine__Check")]
    [InlineData("MlDeploy_Core_MlDeploy_Writers_PulumiYamlWriter__WriteResource")]
    [InlineData("MlDeploy_Aws_MlDeploy_Aws_SageMaker_SageMakerPlanner__Plan")]
    [InlineData("MlDeploy_Azure_MlDeploy_Azure_ContainerApps_ContainerAppsPlanner__Plan")]
    [InlineData("MlDeploy_Gcp_MlDeploy_Gcp_Vertex_VertexPlanner__Plan")]
    [InlineData("MlDeploy_Kubernetes_MlDeploy_Kubernetes_KubernetesWorkloadEmitter__Emit")]
    public void TheList_NamesTheMethodsEveryCompileRuns(string symbol) =>
        Assert.Contains(symbol, File.ReadAllLines(s_file));
}
