using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Writers;

namespace MlDeploy.Tests.Writers;

public class DeterminismTests
{
    private static readonly Gen<ModelDeployment> s_deployments =
        from name in Gen.Elements("fraud", "churn", "ranker", "llm-chat", "vision")
        from cpu in Gen.Elements(1, 2, 4, 8)
        from memory in Gen.Elements(2, 8, 16, 32)
        from min in Gen.Choose(1, 3)
        from extra in Gen.Choose(0, 5)
        from capture in Gen.Elements(0, 5, 100)
        from strategy in Gen.Elements(RolloutStrategy.Canary, RolloutStrategy.Linear, RolloutStrategy.Rolling, RolloutStrategy.BlueGreen)
        from metric in Gen.Elements(ScalingMetric.RequestsPerSecond, ScalingMetric.CpuUtilization)
        from tag in Gen.Elements("a", "b: x", "@team/ml", "yes", "12", "- x")
        from env in Gen.Elements("b${x}", "$$", "yes")
        select SampleDeployments.CpuEndpoint(name) with
        {
            Serving = new Serving { Env = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("NOTE", env)]) },
            Compute = new Compute { Cpu = cpu, MemoryGiB = memory },
            Scaling = new Scaling { Min = min, Max = min + extra, Metric = metric, Target = 50 },
            Monitoring = new Monitoring { DataCapturePercent = capture },
            Rollout = new Rollout { Strategy = strategy, TrafficPercent = 20, BakeTime = TimeSpan.FromMinutes(5) },
            Tags = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("note", tag)]),
        };

    [Fact]
    public void Synthesize_SameInputTwice_IsByteIdenticalAndIndependentOfDeclarationOrder_Property() =>
        Prop.ForAll(
            s_deployments.ArrayOf().Select(ds => ds.DistinctBy(d => d.Name).ToArray()).Where(ds => ds.Length > 0).ToArbitrary(),
            deployments =>
            {
                string Write(IEnumerable<ModelDeployment> ds)
                {
                    var synthesis = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Development, [.. ds]), SampleDeployments.Staging);
                    return PulumiYamlWriter.Write(synthesis.Graph, "ml-platform", "determinism");
                }

                var first = Write(deployments);
                return first == Write(deployments) && first == Write(deployments.Reverse());
            })
        .Check(Config.QuickThrowOnFailure.WithMaxTest(40));

    [Fact]
    public void Synthesize_EveryInstanceTypeTheCatalogueKnows_IsAcceptedAndPlanned()
    {
        foreach (var type in SageMakerInstanceTypes.All)
        {
            var d = SampleDeployments.CpuEndpoint() with
            {
                Target = new SageMakerTarget { InstanceType = type.Name },
                Compute = new Compute { Cpu = 1, MemoryGiB = 1, Gpu = type.GpuKind is { } k ? new Gpu(1, k) : null },
            };

            var synthesis = SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, d), SampleDeployments.Prod);

            Assert.Equal(type.Name, MlDeploy.Graph.ValuePath.GetString(synthesis.Graph.Resources.Single(r => r.Name == "fraud-endpoint-config").Properties, "productionVariants[0].instanceType"));
        }
    }
}
