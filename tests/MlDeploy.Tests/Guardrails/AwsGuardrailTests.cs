using MlDeploy.Graph;
using MlDeploy.Guardrails;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Guardrails;

/// <summary>Every policy over the SageMaker resources: silent on the reference program, and firing on one mutation of it.</summary>
public class AwsGuardrailTests
{
    private static readonly Platform s_platform = SampleDeployments.Platform(EnvironmentProfile.Production, SampleDeployments.CpuEndpoint());
    private static readonly ResourceGraph s_reference = SampleDeployments.Synthesizer().Synthesize(s_platform, SampleDeployments.Prod).Graph;

    public static TheoryData<string, Func<ResourceGraph, ResourceGraph>, string, string> Violations => new()
    {
        { "MLS-REG-01", g => g.Set("fraud-repo", "imageTagMutability", "MUTABLE"), "fraud-repo", "the repository lets tags be overwritten" },
        { "MLS-REG-02", g => g.Set("fraud-repo", "imageScanningConfiguration", null), "fraud-repo", "the repository does not scan images on push" },
        { "MLS-REG-03", g => g.Add(new Resource("fraud-repo-policy", new ResourceType("aws:ecr/repositoryPolicy:RepositoryPolicy", PulumiPackages.Aws), Value.Map(("policy", Value.Map(("Statement", Value.List(Value.Map(("Sid", "PublicPull"), ("Effect", "Allow"), ("Principal", Value.Map(("AWS", "*"))), ("Action", "ecr:BatchGetImage"))))))), owner: "fraud")), "fraud-repo-policy", "the repository policy allows any principal (statement PublicPull)" },
        { "MLS-IAM-06", g => g.Set("fraud-role-policy", "policy.Statement[0].Action", Value.List("ecr:BatchGetImage", "ecr:PutImage")), "fraud-role-policy", "statement PullServingImage grants 'ecr:PutImage' on the registry (read-only actions only)" },
        { "MLS-REG-05", g => g.WithoutResource("fraud-repo-lifecycle"), "fraud-repo", "no lifecycle policy expires old images" },
        { "MLS-REG-06", g => g.Set("fraud-repo", "encryptionConfigurations[0].encryptionType", "AES256"), "fraud-repo", "the repository is not encrypted with a KMS key" },
        { "MLS-IAM-01", g => g.Set("fraud-role-policy", "policy.Statement[0].Action", "ecr:*"), "fraud-role-policy", "statement PullServingImage allows 'ecr:*'" },
        { "MLS-IAM-02", g => g.Set("fraud-role-policy", "policy.Statement[2].Resource", "*"), "fraud-role-policy", "statement ReadModelArtifacts allows 's3:GetObject' on every resource" },
        { "MLS-IAM-03", g => g.Set("fraud-role", "managedPolicyArns", Value.List("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")), "fraud-role", "attaches arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" },
        { "MLS-IAM-04", g => g.Set("fraud-role", "assumeRolePolicy.Statement[0].Condition", null), "fraud-role", "sagemaker.amazonaws.com may assume the role on behalf of any account (no source-account condition)" },
        { "MLS-IAM-07", g => g.Add(new Resource("fraud-deployer", new ResourceType("aws:iam/user:User", PulumiPackages.Aws), MapValue.Empty, owner: "fraud")), "fraud-deployer", "creates User" },
        { "MLS-DATA-01", g => g.Set("fraud-artifacts-public-access", "blockPublicPolicy", false), "fraud-artifacts", "public access is not blocked (blockPublicPolicy)" },
        { "MLS-NET-03", g => g.WithoutResource("fraud-artifacts-policy"), "fraud-artifacts", "the bucket accepts requests without TLS" },
        { "MLS-DATA-02", g => g.Set("fraud-endpoint-config", "kmsKeyArn", null), "fraud-endpoint-config", "instance volumes are not encrypted with a customer-managed KMS key" },
        { "MLS-KMS-01", g => g.Set("fraud-key", "enableKeyRotation", false), "fraud-key", "key rotation is off" },
        { "MLS-KMS-01", g => g.Set("fraud-key", "policy.Statement[0].Action", "kms:*"), "fraud-key", "statement EnableIamPoliciesToAdministerTheKey of the key policy allows every key action (separate administering the key from using it)" },
        { "MLS-NET-06", g => g.Set("fraud-model", "enableNetworkIsolation", false).Set("fraud-model", "vpcConfig", null), "fraud-model", "the model is neither network-isolated nor in a VPC" },
        { "MLS-REL-01", g => g.Set("fraud-endpoint-config", "productionVariants[0].initialInstanceCount", 1), "fraud-endpoint-config", "variant primary starts with fewer than 2 instances (one zone failure takes it down)" },
        { "MLS-REL-04", g => g.Set("fraud-endpoint-config", "productionVariants[0].modelDataDownloadTimeoutInSeconds", null), "fraud-endpoint-config", "variant primary has no explicit start-up timeouts (it relies on SageMaker's defaults)" },
        { "MLS-REL-05", g => g.Set("fraud-endpoint", "deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.type", "ALL_AT_ONCE"), "fraud-endpoint", "updates shift all traffic at once (use a canary, linear or rolling rollout)" },
        { "MLS-OPS-01", g => g.Set("fraud-endpoint-config", "productionVariants[0].enableSsmAccess", true), "fraud-endpoint-config", "variant primary enables SSM access" },
        { "MLS-IMG-01", g => g.Set("fraud-model", "primaryContainer.image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1.4.2"), "fraud-model", "the image of the container is not pinned by digest" },
        { "MLS-SEC-01", g => g.Set("fraud-model", "primaryContainer.environment", Value.Map(("MODEL_DIR", "/opt/ml/model"), ("API_KEY", "sk-live-123"))), "fraud-model", "environment variable API_KEY of the container looks like a secret with a literal value (declare it in Secrets, or list it in Serving.NotSecret if it is not one)" },
        { "MLS-OBS-01", g => g.Set("fraud-logs", "retentionInDays", null), "fraud-logs", "the log group has no retention set" },
        { "MLS-OBS-03", g => g.Set("fraud-alarm-errors", "alarmActions", Value.List()), "fraud-endpoint", "no alarm with actions watches Invocation5XXErrors" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Rule_ReferenceProgram_Passes(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource, string message)
    {
        _ = (mutate, resource, message);
        Assert.Empty(PolicyChecks.Findings(ruleId, s_reference, s_platform));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public void Rule_OneMutation_FiresOnThatResource(string ruleId, Func<ResourceGraph, ResourceGraph> mutate, string resource, string message)
    {
        var findings = PolicyChecks.Findings(ruleId, mutate(s_reference), s_platform);

        Assert.Equal([new Finding(ruleId, "fraud", resource, message)], findings);
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:*:*:secret:*")]
    [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/*")]
    [InlineData("arn:aws:s3:::*/x/*")]
    [InlineData("arn:aws:kms:us-east-1:123456789012:key/*")]
    public void Rule_WildcardInsideAnArn_CountsAsEveryResource(string arn)
    {
        // IAM matches '*' and '?' anywhere in a resource ARN: these grant a whole account's secrets, parameters, buckets or keys.
        var findings = PolicyChecks.Findings("MLS-IAM-02", s_reference.Set("fraud-role-policy", "policy.Statement[2].Resource", arn), s_platform);

        Assert.Equal([new Finding("MLS-IAM-02", "fraud", "fraud-role-policy", "statement ReadModelArtifacts allows 's3:GetObject' on every resource")], findings);
    }

    [Theory]
    [InlineData("arn:aws:s3:::models/fraud/*")]
    [InlineData("arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/x:*")]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token-AbCdEf")]
    public void Rule_TrailingWildcardAfterAFixedPrefix_IsScoped(string arn) =>
        Assert.Empty(PolicyChecks.Findings("MLS-IAM-02", s_reference.Set("fraud-role-policy", "policy.Statement[2].Resource", arn), s_platform));

    [Fact]
    public void RequestTimeout_P99AboveSageMakersInvocationLimit_Fails()
    {
        // SageMaker cuts an invocation off after 60 s whatever the configuration; a model whose p99 threshold is slower
        // cannot be served in real time (SECURITY.md section 3.4).
        var slow = s_platform with { Deployments = [s_platform.Deployments[0] with { Monitoring = new Monitoring { LatencyP99Ms = 90_000 } }] };

        var findings = PolicyChecks.Findings("MLS-REL-06", s_reference, slow);

        Assert.Equal([new Finding("MLS-REL-06", "fraud", "fraud-endpoint-config", "invocations cuts requests off after 60 s, below the p99 latency threshold of 90000 ms")], findings);
    }

    [Fact]
    public void StoreGrant_CaptureWritesUnderTheCapturePrefix_AreNotArtifactGrants()
    {
        var graph = s_reference.Set("fraud-role-policy", "policy.Statement[2]", Value.Map(("Sid", "WriteCapturedData"), ("Effect", "Allow"), ("Action", "s3:PutObject"), ("Resource", "arn:aws:s3:::models/capture/fraud/*")));

        Assert.Empty(PolicyChecks.Findings("MLS-IAM-06", graph, s_platform));
    }

    [Fact]
    public void StoreGrant_WildcardArtifactRead_Fails()
    {
        var findings = PolicyChecks.Findings("MLS-IAM-06", s_reference.Set("fraud-role-policy", "policy.Statement[2].Resource", "arn:aws:s3:::*/*"), s_platform);

        Assert.Equal([new Finding("MLS-IAM-06", "fraud", "fraud-role-policy", "statement ReadModelArtifacts reaches the artifact store through a wildcard resource (name the deployment's own)")], findings);
    }

    [Fact]
    public void Engine_ProductionRuleInDevelopment_IsAdvisory()
    {
        var dev = s_platform with { Profile = EnvironmentProfile.Development };
        var graph = s_reference.Set("fraud-endpoint-config", "productionVariants[0].initialInstanceCount", 1);

        var outcome = Assert.Single(PolicyChecks.Engine().Check(new GuardrailContext(graph, dev)));

        Assert.Equal(("MLS-REL-01", GuardrailStatus.Advisory), (outcome.Finding.RuleId, outcome.Status));
    }

    [Fact]
    public void Engine_WaivedRule_IsReportedWithItsReason()
    {
        var waived = s_platform with { Deployments = [s_platform.Deployments[0] with { Waivers = [new Waiver("MLS-REL-01", "batch scoring tolerates a zone outage")] }] };
        var graph = s_reference.Set("fraud-endpoint-config", "productionVariants[0].initialInstanceCount", 1);

        var outcome = Assert.Single(PolicyChecks.Engine().Check(new GuardrailContext(graph, waived)));

        Assert.Equal((GuardrailStatus.Waived, "batch scoring tolerates a zone outage"), (outcome.Status, outcome.WaiverReason));
    }

    [Fact]
    public void Synthesize_ProductionViolation_FailsWithRuleAndWaiverHint()
    {
        var single = s_platform with { Deployments = [s_platform.Deployments[0] with { Scaling = new Scaling { Min = 1, Max = 3 } }] };

        var e = Assert.Throws<MlDeploy.Validation.InvalidInputException>(() => SampleDeployments.Synthesizer().Synthesize(single, SampleDeployments.Prod));

        Assert.Equal(
            "deployments[fraud]: MLS-REL-01 at least two serving instances: variant primary starts with fewer than 2 instances (one zone failure takes it down) [fraud-endpoint-config] (change the setting, or add Waiver(\"MLS-REL-01\", \"<reason>\") to the deployment)",
            Assert.Single(e.Diagnostics).ToString());
    }
}
