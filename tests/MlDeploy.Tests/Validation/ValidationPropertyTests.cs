using FsCheck;
using FsCheck.Fluent;
using MlDeploy.Aws.SageMaker;
using MlDeploy.Model;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;

namespace MlDeploy.Tests.Validation;

public class ValidationPropertyTests
{
    private static readonly Gen<ModelDeployment> s_anyDeployment =
        from name in Gen.Elements("fraud", "Fraud", "a", "x-", "model-with-a-rather-long-name-here", "ok-2")
        from cpu in Gen.Elements(-1m, 0m, 0.5m, 2m, 64m, 500m)
        from memory in Gen.Elements(0m, 1m, 8m, 4000m)
        from gpu in Gen.Elements<Gpu?>(null, new Gpu(1, GpuKind.A10G), new Gpu(0, GpuKind.T4), new Gpu(9, GpuKind.H100))
        from min in Gen.Choose(-1, 3)
        from max in Gen.Choose(0, 4)
        from port in Gen.Elements(0, 8080, 9000)
        from retention in Gen.Elements(0, 7, 10, 30)
        from capture in Gen.Elements(-5, 0, 50, 101)
        from serverless in Gen.Elements<SageMakerServerless?>(null, new SageMakerServerless(2048, 10), new SageMakerServerless(1000, 500))
        from exposure in Gen.Elements(Exposure.Private, Exposure.Public)
        from artifact in Gen.Elements<ModelArtifact>(ModelArtifact.FromFile("examples/model-server/model"), ModelArtifact.FromUri("s3://b/k.tar.gz"), ModelArtifact.FromUri("gs://b/k"), ModelArtifact.FromFile("nope"))
        select SampleDeployments.CpuEndpoint(name) with
        {
            Artifact = artifact,
            Target = new SageMakerTarget { Serverless = serverless },
            Compute = new Compute { Cpu = cpu, MemoryGiB = memory, Gpu = gpu },
            Scaling = new Scaling { Min = min, Max = max },
            Serving = new Serving { Port = port },
            Monitoring = new Monitoring { LogRetentionDays = retention, DataCapturePercent = capture },
            Network = new Network { Exposure = exposure, SubnetIds = SampleDeployments.Subnets, SecurityGroupIds = SampleDeployments.SecurityGroups },
        };

    [Fact]
    public void Validate_AnyInput_EitherSynthesizesOrReportsProblemsUnderTheDeployment_Property() =>
        Prop.ForAll(
            s_anyDeployment.ToArbitrary(),
            Gen.Elements(EnvironmentProfile.Development, EnvironmentProfile.Production).ToArbitrary(),
            (deployment, profile) =>
            {
                var platform = SampleDeployments.Platform(profile, deployment);
                var synthesizer = SampleDeployments.Synthesizer();
                var problems = synthesizer.Validate(platform, Repo.Root);
                if (problems.Count > 0)
                {
                    return problems.All(p => p.Path.StartsWith($"deployments[{deployment.Name}]", StringComparison.Ordinal) && p.Message.Length > 0 && p.Hint is { Length: > 0 });
                }

                try
                {
                    // A valid model never fails inside the planner; at most a production guardrail objects.
                    return synthesizer.Synthesize(platform, SampleDeployments.Prod).Graph.Resources.Length > 0;
                }
                catch (InvalidInputException e)
                {
                    return profile == EnvironmentProfile.Production && e.Diagnostics.All(d => d.Message.StartsWith("MLS-", StringComparison.Ordinal));
                }
            })
        .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
}
