using MlDeploy.Hosting;

namespace MlDeploy.Tests.Verification;

/// <summary><c>verify</c> on the example Fargate stack against ECS services created in moto, smoke through a loopback HTTP server.</summary>
[Collection(MotoFixtureGroup.Name)]
public sealed class VerifyFargateTests
{
    private readonly MotoServer _moto;

    public VerifyFargateTests(MotoServer moto)
    {
        _moto = moto;
        moto.Reset();
    }

    private const string Prediction = """{"predictions":[{"score":0.91,"label":1}],"model_version":"2024.06.0-demo"}""";

    [Fact]
    public async Task Verify_HealthyService_PassesEveryCheck_AndSendsTheDeclaredPayload()
    {
        var (cluster, tasks) = await _moto.CreateServiceAsync("healthy-cluster", "healthy-svc", desiredCount: MotoServer.RunningTasks);
        using var server = new LoopbackHttpServer(200, Prediction);

        var run = VerifyRun.Outputs("fargate", VerifyRun.FargateOutputs(cluster, "healthy-svc", tasks[0], server.Url), _moto.Variables);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stdout + run.Stderr);
        Assert.Equal(
            "PASS fraud-scorer rollout: healthy-svc's PRIMARY deployment is COMPLETED\n" +
            "PASS fraud-scorer running-tasks: 2 of 2 desired tasks running\n" +
            $"PASS fraud-scorer task-definition: healthy-svc runs {tasks[0]}\n" +
            $"PASS fraud-scorer smoke: POST {server.Url} answered HTTP 200 containing '\"predictions\"'\n",
            run.Stdout);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "application/json", """{"instances": [[3.0, 120.5, 1, 0]]}"""), request);
    }

    [Fact]
    public async Task Verify_ServiceWithFewerRunningThanDesiredTasks_FailsRolloutAndRunningTasks()
    {
        var (cluster, tasks) = await _moto.CreateServiceAsync("short-cluster", "short-svc", desiredCount: MotoServer.RunningTasks + 1);
        using var server = new LoopbackHttpServer(200, Prediction);

        var run = VerifyRun.Outputs("fargate", VerifyRun.FargateOutputs(cluster, "short-svc", tasks[0], server.Url), _moto.Variables);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains("FAIL fraud-scorer rollout: short-svc's PRIMARY deployment is IN_PROGRESS: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL fraud-scorer running-tasks: 2 of 3 desired tasks running in short-svc\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ServiceRunningAnotherTaskDefinition_FailsTheTaskDefinitionCheck()
    {
        // The program registered revision 2; the service runs revision 1 (a circuit-breaker rollback).
        var (cluster, tasks) = await _moto.CreateServiceAsync("rolled-cluster", "rolled-svc", desiredCount: MotoServer.RunningTasks, revisions: 2);
        using var server = new LoopbackHttpServer(200, Prediction);

        var run = VerifyRun.Outputs("fargate", VerifyRun.FargateOutputs(cluster, "rolled-svc", tasks[1], server.Url), _moto.Variables);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains($"FAIL fraud-scorer task-definition: rolled-svc runs {tasks[0]}, but the program deployed {tasks[1]} (fraud-scorer-task-definition): the deployment was rolled back or never applied\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SmokeAnswered5xx_FailsTheSmokeCheck()
    {
        var (cluster, tasks) = await _moto.CreateServiceAsync("broken-cluster", "broken-svc", desiredCount: MotoServer.RunningTasks);
        using var server = new LoopbackHttpServer(503, """{"error":"model failed to load"}""");

        var run = VerifyRun.Outputs("fargate", VerifyRun.FargateOutputs(cluster, "broken-svc", tasks[0], server.Url), _moto.Variables);

        Assert.Equal(ExitCodes.VerificationFailed, run.ExitCode);
        Assert.Contains($"FAIL fraud-scorer smoke: POST {server.Url} answered HTTP 503, expected 200: {{\"error\":\"model failed to load\"}}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASS fraud-scorer running-tasks: 2 of 2 desired tasks running\n", run.Stdout, StringComparison.Ordinal);
    }
}
