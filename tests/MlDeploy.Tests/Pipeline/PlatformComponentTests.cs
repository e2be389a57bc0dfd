using MlDeploy.Aws;
using MlDeploy.Aws.Eks;
using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Support;
using MlDeploy.Validation;
using MlDeploy.Writers;
using static MlDeploy.Tests.Pipeline.PlatformStackSamples;

namespace MlDeploy.Tests.Pipeline;

/// <summary>Platform.Components (issue 13): a platform stack owns and exports shared components, with or without deployments.</summary>
public class PlatformComponentTests
{
    private static string Yaml(Synthesis s) => PulumiYamlWriter.Write(s.Graph, "ml-platform", "test");

    private static string[] Problems(Platform platform, Synthesizer? synthesizer = null) =>
        [.. (synthesizer ?? SampleDeployments.Synthesizer()).Validate(platform, Repo.Root).Select(p => p.ToString())];

    private static string[] SynthesisProblems(Platform platform, Synthesizer? synthesizer = null) =>
        [.. Assert.Throws<InvalidInputException>(() => (synthesizer ?? SampleDeployments.Synthesizer()).Synthesize(platform, SampleDeployments.Prod)).Diagnostics.Select(p => p.ToString())];

    // An EKS workload on the component cluster and a SageMaker endpoint, both running the component image.
    private static ModelDeployment[] Users() =>
    [
        EksSamples.CreatedClusterGpu(EnvironmentProfile.Production) with { Image = Image },
        SampleDeployments.CpuEndpoint() with { Image = Image },
    ];

    [Fact]
    public void Synthesize_ClusterAndImageWithoutDeployments_PlansBothOwnedByNoDeployment()
    {
        var s = Synthesize(Platform());

        Assert.Single(s.Graph.Resources, r => r.Type.Token == "aws:eks/cluster:Cluster" && r.Name == "eks-ml-cluster");
        Assert.Single(s.Graph.Resources, r => r.Type.Token == "docker-build:index:Image" && r.Name == "image-scorer-image");
        Assert.Single(s.Graph.Resources, r => r.Type.Token == "aws:ecr/repository:Repository" && r.Name == "image-scorer-repo");
        Assert.All(s.Graph.Resources, r => Assert.Null(r.Owner));
        Assert.All(s.Graph.Resources, r => Assert.True(r.Name.StartsWith("eks-ml-", StringComparison.Ordinal) || r.Name.StartsWith("image-scorer-", StringComparison.Ordinal), r.Name));
        Assert.Equal(
            ["clusterName", "clusterOidcProvider", "eks-ml-arn", "eks-ml-endpoint", "eks-ml-name", "eks-ml-oidc-provider-arn", "image-scorer-digest", "image-scorer-image", "image-scorer-repository-arn", "image-scorer-repository-url", "scorerImage", "scorerRepository"],
            s.Graph.Outputs.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Outputs_ReferencingComponents_ExportExactlyWhatTheSdkExports()
    {
        var outputs = Yaml(Synthesize(Platform())).Split('\n');

        Assert.Contains("  clusterName: ${eks-ml-cluster.name}", outputs);
        Assert.Contains("  eks-ml-name: ${eks-ml-cluster.name}", outputs);
        Assert.Contains("  clusterOidcProvider: ${eks-ml-oidc-provider.arn}", outputs);
        Assert.Contains("  scorerImage: ${image-scorer-repo.repositoryUrl}@${image-scorer-image.digest}", outputs);
        Assert.Contains("  scorerRepository: ${image-scorer-repo.repositoryUrl}", outputs);
    }

    [Fact]
    public void Synthesize_ComponentsAlsoUsedByDeployments_AreThePlanTheDeploymentsAloneMake()
    {
        var withComponents = Synthesize(Platform() with { Deployments = [.. Users()], Outputs = [] });
        var deploymentsAlone = Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, Users()));

        Assert.Single(withComponents.Graph.Resources, r => r.Type.Token == "aws:eks/cluster:Cluster");
        Assert.Single(withComponents.Graph.Resources, r => r.Type.Token == "docker-build:index:Image");
        Assert.Equal(Yaml(deploymentsAlone), Yaml(withComponents));
    }

    [Fact]
    public void Synthesize_AComponentsOnlyStack_KeepsTheComponentsWhenDeploymentsAreAdded()
    {
        var alone = Yaml(Synthesize(Platform() with { Outputs = [] })).Split('\n');
        var withUsers = Yaml(Synthesize(Platform() with { Deployments = [.. Users()], Outputs = [] })).Split('\n');

        // Every line of the platform stack is still in the program (resources and outputs alike): nothing is renamed or replaced.
        Assert.Empty(alone.Where(l => l.Length > 0 && !l.StartsWith('#')).Except(withUsers));
    }

    [Fact]
    public void Validate_ComponentsOnly_IsValid() => Assert.Empty(Problems(Platform()));

    [Fact]
    public void Plan_ComponentsOnly_ShowsTheSharedPlatform()
    {
        var platform = Platform();
        var synthesizer = SampleDeployments.Synthesizer();

        var plan = PlanWriter.Write(platform, synthesizer.Synthesize(platform, SampleDeployments.Prod), SampleDeployments.Prod, synthesizer.Policies.Length);

        Assert.Contains("): 0 deployment(s), 2 shared component(s), ", plan, StringComparison.Ordinal);
        Assert.Contains("\nshared platform\n", plan, StringComparison.Ordinal);
        Assert.Contains(" image-scorer-repo ", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownComponentType_NamesItsIndexAndTheRegisteredPacks() =>
        Assert.Equal(
            ["components[1]: no registered pack plans a MessageQueue component (registered packs: aws, azure, gcp) (pass the pack that plans it to DeployApp.Run, or remove it from Platform.Components)"],
            Problems(Platform() with { Components = [Image, new MessageQueue("events")], Outputs = [] }));

    [Fact]
    public void Validate_TwoPacksPlanningOneComponentType_IsAmbiguous()
    {
        var synthesizer = new Synthesizer(AwsTargets.All, new TargetPack("other-cloud", [], []) { Components = [new OtherCloudImagePlanner()] });

        Assert.Equal(
            ["components[scorer]: packs aws, other-cloud all plan a SharedImage component, so which cloud creates it is ambiguous (pass DeployApp.Run only the pack of the cloud that should create it (one platform stack per cloud))"],
            Problems(Platform() with { Components = [Image], Outputs = [] }, synthesizer));
    }

    [Fact]
    public void Synthesizer_OnePackPlanningOneComponentTypeTwice_IsAProgrammerError() =>
        Assert.Throws<ArgumentException>("packs", () => new Synthesizer(new TargetPack("twice", [], []) { Components = [new OtherCloudImagePlanner(), new OtherCloudImagePlanner()] }));

    [Fact]
    public void Validate_DeploymentImageDifferingFromTheComponent_NamesBoth()
    {
        var other = new SharedImage("scorer", new BuildImage("examples/model-server", "1.4.3"));

        Assert.Equal(
            ["deployments[fraud].image: shared image 'scorer' is declared with other settings than in components[scorer] (declare the shared image once and pass the same object to every deployment, or give the two images different names)"],
            Problems(Platform() with { Deployments = [SampleDeployments.CpuEndpoint() with { Image = other }] }));
    }

    [Fact]
    public void Validate_DeploymentClusterDifferingFromTheComponent_NamesBoth()
    {
        var llm = EksSamples.CreatedClusterGpu(EnvironmentProfile.Production);
        var other = llm with { Target = (EksTarget)llm.Target with { Cluster = Cluster with { LogRetentionDays = 30 } } };

        Assert.Equal(
            ["deployments[llm].target.cluster: cluster 'ml' is also declared in components[ml], with other settings (pass the component's NewEksCluster object to every EksTarget on that cluster)"],
            Problems(Platform() with { Deployments = [other] }));
    }

    [Fact]
    public void Validate_ExistingClusterNamedLikeTheComponent_Conflicts()
    {
        var ranker = EksSamples.ExistingClusterCpu(EnvironmentProfile.Production);
        var onMl = ranker with { Target = (EksTarget)ranker.Target with { Cluster = EksCluster.Existing("ml") with { PodIdentityAgentPresent = true } } };

        Assert.Contains(
            "deployments[ranker].target.cluster: cluster 'ml' is also declared in components[ml], with other settings (pass the component's NewEksCluster object to every EksTarget on that cluster)",
            Problems(Platform() with { Deployments = [onMl] }));
    }

    [Fact]
    public void Validate_BadComponentSettings_AreReportedOnceUnderComponents()
    {
        var cluster = Cluster with { SubnetIds = ["subnet-1"], LogRetentionDays = 45 };
        var image = Image with { KeepImages = 0 };
        var llm = EksSamples.CreatedClusterGpu(EnvironmentProfile.Production);

        // The deployments use exactly the declared components, so the components' problems are not repeated under them.
        var problems = Problems(new Platform
        {
            Profile = EnvironmentProfile.Production,
            Components = [cluster, image],
            Deployments = [llm with { Image = image, Target = (EksTarget)llm.Target with { Cluster = cluster } }],
        });

        Assert.Equal(
            [
                "components[scorer].keepImages: 0 is outside 1-100000 (keep at least 1 image to roll back to (30 is the default))",
                "components[ml].subnetIds: EKS needs subnets in at least 2 availability zones, got 1 (give the private subnets of at least two zones)",
                "components[ml].logRetentionDays: 45 days is not a CloudWatch Logs retention period (use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
            ],
            problems);
    }

    [Fact]
    public void Validate_ClusterOfADeploymentAlone_IsStillCheckedUnderTheDeployment()
    {
        var llm = EksSamples.CreatedClusterGpu(EnvironmentProfile.Production);
        var bad = llm with { Target = (EksTarget)llm.Target with { Cluster = (NewEksCluster)((EksTarget)llm.Target).Cluster with { LogRetentionDays = 45 } } };

        Assert.Equal(
            ["deployments[llm].target.cluster.logRetentionDays: 45 days is not a CloudWatch Logs retention period (use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)"],
            Problems(SampleDeployments.Platform(EnvironmentProfile.Production, bad)));
    }

    [Theory]
    [InlineData(1, "components[1]: is null (remove the entry, or give a component such as ImageSource.Shared(...))")]
    [InlineData(2, "components[ml]: the name 'ml' is used by more than one component (NewEksCluster and SharedImage) (give each component its own name)")]
    public void Validate_NullOrRepeatedComponents_AreNamed(int entry, string expected)
    {
        IPlatformComponent second = entry == 1 ? null! : Image with { Name = "ml" };

        Assert.Equal([expected], Problems(Platform() with { Components = [Cluster, second], Outputs = [] }));
    }

    [Fact]
    public void Validate_ExactlyRepeatedComponent_IsOneComponent()
    {
        var s = Synthesize(Platform() with { Components = [Image, Image with { }], Outputs = [] });

        Assert.Single(s.Graph.Resources, r => r.Type.Token == "docker-build:index:Image");
    }

    [Fact]
    public void Outputs_UnknownComponentOutput_ListsTheComponentsOutputs() =>
        Assert.Equal(
            ["outputs[scorerUrl]: component 'scorer' exports no output 'url' (use one of its outputs: digest, image, repository-arn, repository-url)"],
            SynthesisProblems(Platform() with { Outputs = [new PlatformOutput("scorerUrl", OutputValue.Of(Image, "url"))] }));

    [Fact]
    public void Outputs_ComponentNotDeclared_SaysToDeclareIt() =>
        Assert.Equal(
            ["outputs[clusterName]: refers to NewEksCluster 'ml', which is not in Platform.Components (add it to Platform.Components: a component's outputs are exported by the stack that declares it (a deployment's use alone does not))"],
            Problems(Platform() with { Components = [Image], Outputs = [new PlatformOutput("clusterName", OutputValue.Of(Cluster, "name"))] }));

    [Fact]
    public void Outputs_AnotherComponentsOutputWithALongerPrefix_IsNotThisComponents()
    {
        var a = Image with { Name = "a" };
        var ab = Image with { Name = "a-b" };

        // image-a-b-digest is image "a-b"'s output, not image "a"'s "b-digest".
        Assert.Equal(
            ["outputs[wrong]: component 'a' exports no output 'b-digest' (use one of its outputs: digest, image, repository-arn, repository-url)"],
            SynthesisProblems(new Platform { Profile = EnvironmentProfile.Production, Components = [a, ab], Outputs = [new PlatformOutput("wrong", OutputValue.Of(a, "b-digest"))] }));
    }

    [Fact]
    public void Guardrails_ViolationOnAComponentsResource_BlocksAndNamesTheComponent()
    {
        var synthesizer = new Synthesizer(AwsTargets.All, new TargetPack("audit", [], []) { Components = [new AuditLogPlanner()] });

        var problems = SynthesisProblems(new Platform { Profile = EnvironmentProfile.Production, Components = [new AuditLog("audit")] }, synthesizer);

        Assert.Contains(
            "components[audit]: MLS-OBS-01 log retention is set: the log group has no retention set [audit-logs] (change the component's settings: a shared component belongs to no deployment, so no waiver covers it)",
            problems);
    }

    private sealed record MessageQueue(string Name) : IPlatformComponent;

    private sealed record AuditLog(string Name) : IPlatformComponent;

    private sealed class OtherCloudImagePlanner : ComponentPlanner<SharedImage>
    {
        public override string Prefix(SharedImage component) => $"other-{component.Name}";

        protected override IEnumerable<Diagnostic> Validate(SharedImage component, DeploymentPath path, Platform platform) => [];

        protected override void Plan(SharedImage component, PlanContext context) => throw new InvalidOperationException("never planned: ambiguous");
    }

    // A component whose one resource breaks a policy: a log group kept forever.
    private sealed class AuditLogPlanner : ComponentPlanner<AuditLog>
    {
        public override string Prefix(AuditLog component) => component.Name;

        protected override IEnumerable<Diagnostic> Validate(AuditLog component, DeploymentPath path, Platform platform) => [];

        protected override void Plan(AuditLog component, PlanContext context) =>
            new ComponentScope(context, Prefix(component)).Add("logs", AwsTypes.LogGroup, Value.Map(("name", "audit")));
    }
}
