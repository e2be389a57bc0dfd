using System.Text.Json;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Conformance;

/// <summary>
/// Third-party checks over what the golden programs register under the mock runtime (tests/conformance/policies.mjs):
/// Pulumi's AWS Guard policy pack, kubernetes-models schema validation (Prometheus Operator CRDs included) and the
/// Pod Security "restricted" profile. Every finding must be suppressed with a reason in
/// tests/conformance/policy-suppressions.json, and every suppression must still match a finding.
/// </summary>
public class PolicyCheckTests(ConformanceFixture conformance) : IClassFixture<ConformanceFixture>
{
    [Fact]
    public void Policies_EveryGoldenProgram_HasNoUnreviewedFindingAndNoStaleSuppression()
    {
        var programs = Repo.PathOf("tests", "MlDeploy.Tests", "Golden", "Programs");

        var (exitCode, report, output) = conformance.Policies(programs);

        using (report)
        {
            var root = report.RootElement;
            var goldenCount = Directory.GetFiles(programs, "*.yaml").Length;
            Assert.Equal(goldenCount, root.GetProperty("programs").GetArrayLength());
            Assert.True(root.GetProperty("problems").GetArrayLength() == 0, output);
            Assert.True(root.GetProperty("stale").GetArrayLength() == 0, $"stale suppressions:\n{root.GetProperty("stale")}");
            Assert.All(Unsuppressed(root, "awsguard", "findings"), f => Assert.Fail($"awsguard finding not in policy-suppressions.json: {f}"));
            Assert.All(Unsuppressed(root, "kubernetesModels", "errors"), f => Assert.Fail($"kubernetes-models error not in the known defects: {f}"));
            Assert.All(Unsuppressed(root, "podSecurity", "findings"), f => Assert.Fail($"Pod Security finding not in policy-suppressions.json: {f}"));
            Assert.Empty(root.GetProperty("kubernetesModels").GetProperty("notValidated").EnumerateArray());
            Assert.True(root.GetProperty("kubernetesModels").GetProperty("validated").GetInt32() > 0, output);
            Assert.True(root.GetProperty("podSecurity").GetProperty("pods").GetInt32() > 0, output);
            Assert.True(root.GetProperty("ok").GetBoolean(), output);
            Assert.Equal(0, exitCode);
        }
    }

    [Fact]
    public void Policies_PlantedViolationsInAGoldenProgram_AreReported()
    {
        var golden = File.ReadAllText(Repo.PathOf("tests", "MlDeploy.Tests", "Golden", "Programs", "eks-existing-cluster-cpu.prod.yaml"));
        using var dir = new TempDirectory();
        // Same file name, so the reviewed suppressions still apply to everything that was not planted.
        File.WriteAllText(Path.Combine(dir.Path, "eks-existing-cluster-cpu.prod.yaml"), Plant(Plant(golden, "privileged: false", "privileged: true", once: true), "enableKeyRotation: true", "enableKeyRotation: false"));

        var (exitCode, report, output) = conformance.Policies(dir.Path);

        using (report)
        {
            var root = report.RootElement;
            Assert.Equal(1, exitCode);
            Assert.Contains(Unsuppressed(root, "awsguard", "findings"), f => f.GetProperty("policy").GetString() == "cmk-backing-key-rotation-enabled");
            Assert.Contains(Unsuppressed(root, "podSecurity", "findings"), f => f.GetProperty("control").GetString() == "privileged");
            Assert.True(root.GetProperty("stale").GetArrayLength() == 0, output);
        }
    }

    private static IEnumerable<JsonElement> Unsuppressed(JsonElement root, string checker, string list) =>
        root.GetProperty(checker).GetProperty(list).EnumerateArray().Where(f => f.GetProperty("suppressed").ValueKind == JsonValueKind.Null).ToList();

    private static string Plant(string program, string original, string defect, bool once = false)
    {
        var at = program.IndexOf(original, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{original}' not in the program");
        return once ? string.Concat(program.AsSpan(0, at), defect, program.AsSpan(at + original.Length)) : program.Replace(original, defect, StringComparison.Ordinal);
    }
}
