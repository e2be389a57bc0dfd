using MlDeploy.Aws;
using MlDeploy.Guardrails;
using MlDeploy.Guardrails.Policies;
using MlDeploy.Kubernetes;
using MlDeploy.Kubernetes.Guardrails;
using MlDeploy.Model;
using MlDeploy.Pipeline;
using MlDeploy.Targets;
using MlDeploy.Tests.Ecs;
using MlDeploy.Tests.Eks;
using MlDeploy.Tests.Kubernetes;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Guardrails;

/// <summary>The catalogue: one entry per policy id, extractors one per type token, and every policy tested both ways.</summary>
public class PolicyCatalogueTests
{
    [Fact]
    public void Catalogue_OneWellFormedEntryPerId_InIdOrder()
    {
        var ids = PolicyCatalogue.Default.Policies.Select(p => p.Id).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(PolicyCatalogue.Default.Policies, p => Assert.Matches("^MLS-[A-Z]+-[0-9]{2}$", p.Id));
        Assert.All(PolicyCatalogue.Default.Policies, p => Assert.False(string.IsNullOrWhiteSpace(p.Title)));
        Assert.All(PolicyCatalogue.Default.Policies, p => Assert.NotEmpty(p.Upstream));
    }

    [Fact]
    public void EveryPolicyIdTheRepositoryMentions_IsInTheCatalogue()
    {
        // Messages and docs tell users to waive these ids; a waiver of an id the catalogue lacks is refused as unknown.
        var files = Directory.EnumerateFiles(Repo.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(Repo.PathOf("docs"), "*.md"))
            .Concat(Directory.EnumerateFiles(Repo.PathOf("stacks"), "*.cs"))
            .Append(Repo.PathOf("README.md"));
        var mentioned = files
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "MLS-[A-Z]+-[0-9]{2}").Select(m => (Id: m.Value, File: Path.GetRelativePath(Repo.Root, f))))
            .ToList();

        Assert.Contains(mentioned, m => m.Id == "MLS-NET-02");
        Assert.Empty(mentioned.Where(m => !PolicyCatalogue.Default.Ids.Contains(m.Id)).Select(m => $"{m.Id} in {m.File}").Distinct());
    }

    [Fact]
    public void Catalogue_DuplicateId_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new PolicyCatalogue([new NonRootPolicy(), new NotPrivilegedPolicy(), new NonRootPolicy()]));

        Assert.StartsWith("policy MLS-CTR-01 is defined twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_EveryPolicyHasAFailingCase_AndEveryPolicyIsCoveredByTheAwsPack()
    {
        var tested = AwsGuardrailTests.Violations.Concat(EcsGuardrailTests.Violations)
            .Concat(KubernetesGuardrailTests.Violations).Concat(KubernetesGuardrailTests.MoreViolations)
            .Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var engine = PolicyChecks.Engine();

        Assert.Equal(PolicyCatalogue.Default.Ids.Order(StringComparer.Ordinal), tested.Order(StringComparer.Ordinal));
        Assert.All(engine.Policies, p => Assert.NotEmpty(engine.Covering(p.Id)));
    }

    [Fact]
    public void Engine_SameExtractorFromTwoPacks_IsKeptOnce()
    {
        var engine = new GuardrailEngine(PolicyCatalogue.Default, [.. KubernetesFacts.All, .. KubernetesFacts.All, new DeploymentExtractor()]);

        Assert.Equal(KubernetesFacts.All.Count, engine.Extractors.Count);
        Assert.Equal(
            AwsTargets.All.Facts.Length,
            new Synthesizer(AwsTargets.All, new TargetPack("kubernetes", [], [.. KubernetesFacts.All])).Guardrails.Extractors.Count);
    }

    [Fact]
    public void Engine_TwoExtractorsForOneType_AreRejected()
    {
        var other = new NamespacedObjectExtractor(KubernetesTypes.Deployment.Token, "another Deployment reading", "Deployment");

        var e = Assert.Throws<ArgumentException>(() => new GuardrailEngine(PolicyCatalogue.Default, [.. KubernetesFacts.All, other]));

        Assert.StartsWith("two fact extractors are registered for kubernetes:apps/v1:Deployment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extractors_ReportOnlyTheFactTypesTheyDeclare()
    {
        var graphs = new[]
        {
            new GuardrailContext(SampleDeployments.Synthesizer().Synthesize(SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint()), SampleDeployments.Prod).Graph, new Platform()),
            new GuardrailContext(FargateSamples.Synthesize(FargateSamples.Internal()).Graph, new Platform()),
            new GuardrailContext(EksSamples.Synthesize(EnvironmentProfile.Production, EksSamples.CreatedClusterGpu(EnvironmentProfile.Production)).Graph, new Platform()),
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var context in graphs)
        {
            foreach (var extractor in AwsTargets.All.Facts)
            {
                foreach (var resource in context.OfType(extractor.ResourceType))
                {
                    seen.Add(extractor.ResourceType);
                    Assert.All(extractor.Extract(resource, context), f => Assert.Contains(f.GetType(), extractor.Reports));
                }
            }
        }

        Assert.Contains(KubernetesTypes.DaemonSet.Token, seen);
    }

    [Fact]
    public void Waiver_ById_CoversThePolicyOnEveryKind()
    {
        var planned = KubernetesSamples.Plan(g => KubernetesSamples.CpuWorkload(g));
        var graph = planned.Graph.Set("fraud-deployment", "spec.template.spec.containers[0].securityContext.runAsUser", 0);
        var waived = planned.Platform with { Deployments = [planned.Platform.Deployments[0] with { Waivers = [new Waiver("MLS-CTR-01", "vendor image needs root, tracked in TICKET-1")] }] };

        var outcome = Assert.Single(PolicyChecks.Engine().Check(new GuardrailContext(graph, waived)));

        Assert.Equal(("MLS-CTR-01", GuardrailStatus.Waived), (outcome.Finding.RuleId, outcome.Status));
    }
}
