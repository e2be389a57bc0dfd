using MlDeploy.Aws.Ecs;
using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Ecs;

/// <summary>Every policy over the ECS and load balancer resources: silent on the reference program, firing on one mutation.</summary>
public class EcsGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, FargateSamples.Internal(EnvironmentProfile.Production));
    private static readonly ResourceGraph s_reference = FargateSamples.Synthesizer().Synthesize(s_platform, SampleDeployments.Prod).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string, string> Violations => new()
    {
        { "MLS-CTR-01", g => Edit(g, "server", c => c.With("user", "0")), "ranker-task", "container server may run as root" },
        { "MLS-CTR-02", g => Edit(g, "server", c => c.With("privileged", true)), "ranker-task", "container server is privileged" },
        { "MLS-CTR-03", g => Edit(g, "model-loader", c => c.Without("linuxParameters")), "ranker-task", "container model-loader does not drop ALL capabilities" },
        { "MLS-CTR-04", g => Edit(g, "server", c => c.With("readonlyRootFilesystem", false)), "ranker-task", "container server has a writable root file system" },
        { "MLS-CTR-06", g => g.Set("ranker-task", "networkMode", "bridge"), "ranker-task", "the task has no network namespace of its own" },
        { "MLS-CTR-08", g => Edit(g, "server", c => c.Without("memory")), "ranker-task", "container server has no memory limit" },
        { "MLS-OBS-02", g => g.Set("ranker-cluster", "settings", Value.List(Value.Map(("name", "containerInsights"), ("value", "disabled")))), "ranker-cluster", "Container Insights is not enabled" },
        { "MLS-IAM-05", g => g.Set("ranker-task", "taskRoleArn", g.Resources.Single(r => r.Name == "ranker-execution-role").Output("arn")), "ranker-task", "the task shares its identity with the platform agent (task role = execution role)" },
        { "MLS-NET-05", g => g.Set("ranker-service", "networkConfiguration.assignPublicIp", true), "ranker-service", "the service gives its tasks public IP addresses" },
        { "MLS-NET-01", g => g.Set("ranker-lb", "internal", false), "ranker-lb", "the load balancer is reachable from outside the private network (internet-facing scheme)" },
        { "MLS-NET-02", g => g.Set("ranker-lb", "internal", false), "ranker-lb", "the load balancer is reachable from outside the private network (internet-facing scheme) and nothing the program sets up authenticates its callers" },
        { "MLS-REL-06", g => g.Set("ranker-lb", "idleTimeout", 5000), "ranker-lb", "the load balancer holds requests for 5000 s, above the platform's 4000 s" },
        { "MLS-NET-04", g => g.Set("ranker-lb", "dropInvalidHeaderFields", false), "ranker-lb", "the load balancer passes invalid header fields on" },
        { "MLS-NET-03", g => g.Set("ranker-lb", "internal", false), "ranker-listener", "the listener accepts requests without TLS" },
        { "MLS-REL-01", g => g.Set("ranker-service", "desiredCount", 1), "ranker-service", "the service starts with fewer than 2 instances (one zone failure takes it down)" },
        { "MLS-REL-04", g => g.Set("ranker-service", "healthCheckGracePeriodSeconds", null), "ranker-service", "the service has no health-check grace period" },
        { "MLS-REL-05", g => g.Set("ranker-service", "deploymentCircuitBreaker.rollback", false), "ranker-service", "the deployment circuit breaker does not roll failed deployments back" },
        { "MLS-OPS-01", g => g.Set("ranker-service", "enableExecuteCommand", true), "ranker-service", "the service enables ECS Exec (enableExecuteCommand)" },
        { "MLS-IMG-01", g => Edit(g, "model-loader", c => c.With("image", FargateTarget.DefaultModelLoaderImage)), "ranker-task", "the image of container model-loader is not pinned by digest" },
        { "MLS-SEC-01", g => Edit(g, "server", c => c.With("environment", Value.List(Value.Map(("name", "API_KEY"), ("value", "sk-live-123"))))), "ranker-task", "environment variable API_KEY of container server looks like a secret with a literal value (declare it in Secrets, or list it in Serving.NotSecret if it is not one)" },
        { "MLS-OBS-03", g => g.Set("ranker-alarm-latency", "alarmActions", Value.List()), "ranker-service", "no alarm with actions watches TargetResponseTime" },
    };

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string, string> MoreViolations => new()
    {
        // The root loader is allowed only as a confined init step: once the server no longer waits for it to complete, it is a root sidecar.
        { "MLS-CTR-01", g => Edit(g, "server", c => c.Without("dependsOn")), "ranker-task", "container model-loader may run as root" },
        { "MLS-CTR-01", g => Edit(g, "model-loader", c => c.With("readonlyRootFilesystem", false)), "ranker-task", "container model-loader may run as root" },
        { "MLS-CTR-01", g => Edit(g, "server", c => c.With("dependsOn", Value.List(Value.Map(("containerName", "model-loader"), ("condition", "COMPLETE"))))), "ranker-task", "container model-loader may run as root" },
        { "MLS-NET-05", g => g.Set("ranker-task-ingress", "referencedSecurityGroupId", null).Set("ranker-task-ingress", "cidrIpv4", "10.0.0.0/8"), "ranker-task-ingress", "admits traffic to the tasks' group ranker-task-sg from something other than the load balancer's group" },
        { "MLS-NET-03", g => g.Set("ranker-listener", "protocol", "HTTPS").Set("ranker-listener", "sslPolicy", "ELBSecurityPolicy-2016-08"), "ranker-listener", "the listener allows TLS below 1.2" },
        { "MLS-REL-04", g => Edit(g, "server", c => c.With("healthCheck", ((MapValue)c.Get("healthCheck")!).Without("startPeriod"))), "ranker-task", "container server has no health-check start period" },
        { "MLS-REL-04", g => Edit(g, "server", c => c.With("healthCheck", ((MapValue)c.Get("healthCheck")!).Without("command"))), "ranker-task", "container server has no liveness check" },
        { "MLS-REL-05", g => g.Set("ranker-service", "waitForSteadyState", false), "ranker-service", "pulumi up does not wait for the service to reach a steady state" },
        { "MLS-OPS-01", g => g.Set("ranker-service", "platformVersion", "1.3.0"), "ranker-service", "the service pins platform version 1.3.0, not LATEST" },
        { "MLS-CTR-03", g => Edit(g, "server", c => c.With("linuxParameters", Value.Map(("capabilities", Value.Map(("drop", Value.List("ALL")), ("add", Value.List("SYS_PTRACE"))))))), "ranker-task", "container server adds capability SYS_PTRACE" },
        { "MLS-CTR-06", g => g.Set("ranker-task", "pidMode", "host"), "ranker-task", "the task shares the host's PID namespace" },
        { "MLS-IAM-05", g => g.Set("ranker-task", "taskRoleArn", null), "ranker-task", "the task has no identity of its own" },
        { "MLS-OBS-02", g => Edit(g, "model-loader", c => c.Without("logConfiguration")), "ranker-task", "container model-loader ships no logs" },
    };

    [Fact]
    public void Catalogue_EveryPolicyReadingEcsFactsHasAViolationCase()
    {
        var engine = PolicyChecks.Engine();
        var ecsKinds = new[] { "ECS task definition", "ECS service", "ECS cluster", "Application load balancer", "Load balancer listener", "Security group ingress rule" };
        var covering = engine.Policies.Where(p => engine.Covering(p.Id).Any(e => ecsKinds.Contains(e.Kind))).Select(p => p.Id);

        Assert.Subset(Violations.Select(row => (string)row[0]).ToHashSet(), covering.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void Rule_ReferenceProgram_Passes(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource, string message)
    {
        _ = (mutate, resource, message);
        Assert.Empty(Check(ruleId, s_reference));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    [MemberData(nameof(MoreViolations))]
    public void Rule_OneMutation_FiresOnThatResource(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource, string message)
    {
        var findings = Check(ruleId, mutate(s_reference));

        Assert.Equal([new Finding(ruleId, "ranker", resource, message)], findings);
    }

    [Fact]
    public void Rules_PublicWaivedProgram_OnlyTheWaivedRulesFire()
    {
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, FargateSamples.PublicWaived(EnvironmentProfile.Production));

        var synthesis = FargateSamples.Synthesizer().Synthesize(platform, SampleDeployments.Prod);

        Assert.Equal(
            [("MLS-NET-01", GuardrailStatus.Waived, "scorer-lb"), ("MLS-NET-02", GuardrailStatus.Waived, "scorer-lb")],
            synthesis.Guardrails.Select(o => (o.Finding.RuleId, o.Status, o.Finding.Resource)));
    }

    [Fact]
    public void Synthesize_PublicWithoutAuthenticationWaiver_FailsWithMlsNet02()
    {
        // The load balancer authenticates nobody, whatever RequireAuth says: the program, not the setting, decides.
        var d = FargateSamples.PublicWaived(EnvironmentProfile.Production);
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, d with { Waivers = [.. d.Waivers.Where(w => w.RuleId != "MLS-NET-02")] });

        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => FargateSamples.Synthesizer().Synthesize(platform, SampleDeployments.Prod));

        Assert.Equal(
            "deployments[scorer]: MLS-NET-02 public endpoints authenticate callers: the load balancer is reachable from outside the private network (internet-facing scheme) and nothing the program sets up authenticates its callers [scorer-lb] (change the setting, or add Waiver(\"MLS-NET-02\", \"<reason>\") to the deployment)",
            Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void Synthesize_PublicUnauthenticatedWithWaiver_IsAccepted_AndThePlanSaysWhy()
    {
        // Before MLS-NET-02 was a policy, validation asked for this waiver and then refused it as an unknown id.
        var d = FargateSamples.PublicWaived(EnvironmentProfile.Production);
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, d with { Network = d.Network with { RequireAuth = false } });

        var synthesis = FargateSamples.Synthesizer().Synthesize(platform, SampleDeployments.Prod);
        var plan = MlDeploy.Writers.PlanWriter.Write(platform, synthesis, SampleDeployments.Prod, PolicyCatalogue.Default.Policies.Length);

        Assert.Contains(synthesis.Guardrails, o => o is { Finding.RuleId: "MLS-NET-02", Status: GuardrailStatus.Waived });
        Assert.Contains("  waived MLS-NET-02: the server checks each partner's API key; the load balancer cannot\n", plan, StringComparison.Ordinal);
        Assert.Contains("no authentication (waived MLS-NET-02)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_ListenerThatAuthenticates_SatisfiesMlsNet02()
    {
        var graph = s_reference.Set("ranker-lb", "internal", false)
            .Set("ranker-listener", "defaultActions", Value.List(Value.Map(("type", "authenticate-oidc")), Value.Map(("type", "forward"))));

        Assert.Empty(Check("MLS-NET-02", graph));
    }

    [Fact]
    public void Synthesize_ProductionLoaderByTag_FailsValidationNamingTheSetting()
    {
        // The SDK cannot verify a digest for its default loader offline, so production is told what to pin before
        // planning (the guardrail MLS-IMG-01 still backs it up: Rule_OneMutation_FiresOnThatResource).
        var platform = SampleDeployments.Platform(EnvironmentProfile.Production, FargateSamples.Internal(EnvironmentProfile.Development));

        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => FargateSamples.Synthesizer().Synthesize(platform, SampleDeployments.Prod));

        Assert.Equal(
            $"deployments[ranker].target.modelLoaderImage: production runs the model loader from a digest-pinned image, and the SDK's default ({FargateTarget.DefaultModelLoaderImage}) is a version tag whose digest it cannot verify (set FargateTarget.ModelLoaderImage = \"public.ecr.aws/aws-cli/aws-cli@sha256:<digest of the release you reviewed>\" (or your mirror's digest))",
            Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void Synthesize_DevelopmentLoaderByTag_IsAdvisory()
    {
        var synthesis = FargateSamples.Synthesize(FargateSamples.Internal());

        var outcome = Assert.Single(synthesis.Guardrails);
        Assert.Equal(("MLS-IMG-01", GuardrailStatus.Advisory), (outcome.Finding.RuleId, outcome.Status));
    }

    /// <summary>The policy's findings on every resource kind, as the engine reports them.</summary>
    private static List<Finding> Check(string id, ResourceGraph graph) => PolicyChecks.Findings(id, graph, s_platform);

    private static ResourceGraph Edit(ResourceGraph graph, string container, Func<MapValue, MapValue> edit)
    {
        var task = graph.Resources.Single(r => r.Name == "ranker-task");
        var containers = (ListValue)ValuePath.Get(task.Properties, "containerDefinitions")!;
        var edited = Value.List(containers.Items.Cast<MapValue>().Select(c => (Value?)(ValuePath.GetString(c, "name") == container ? edit(c) : c)));
        return graph.WithResource(new Resource(task.Name, task.Type, task.Properties.With("containerDefinitions", Fn.ToJson(edited)), task.Options, task.Owner));
    }
}
