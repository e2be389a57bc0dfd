using System.Globalization;
using MlDeploy.Aws.Ecs;
using MlDeploy.Verification;

namespace MlDeploy.Aws.Verification;

/// <summary>
/// An ECS service on Fargate after <c>pulumi up</c>: its PRIMARY deployment finished rolling out, every desired task
/// runs, it runs the task definition the program registered (a circuit-breaker rollback puts the old one back), and
/// the service URL answers the smoke request.
/// </summary>
/// <param name="api">Creates the API client; null for <see cref="AwsServingClient"/>.</param>
public sealed class FargateLiveCheck(Func<LiveCheckContext, string?, IAwsServingApi>? api = null) : AwsLiveCheck<FargateTarget>(api)
{
    /// <inheritdoc/>
    protected override string ArnOutput => "cluster";

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<CheckResult>> CheckAsync(LiveCheckContext context, IAwsServingApi api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(api);
        var name = context.Deployment.Name;
        var outputs = context.Outputs;
        var service = outputs.Get("service-name") ?? string.Empty;
        var deployedTask = outputs.Get("task-definition") ?? string.Empty;
        var results = new List<CheckResult>();
        try
        {
            var live = await api.DescribeServiceAsync(outputs.Get("cluster") ?? string.Empty, service, cancellationToken).ConfigureAwait(false);
            var primary = live.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
            results.Add(primary switch
            {
                null => CheckResult.Fail(name, "rollout", $"{service} has no PRIMARY deployment"),
                { RolloutState: null } => CheckResult.Skip(name, "rollout", $"ECS gives no rolloutState for {service}'s deployment controller"),
                { RolloutState: "COMPLETED" } => CheckResult.Pass(name, "rollout", $"{service}'s PRIMARY deployment is COMPLETED"),
                _ => CheckResult.Fail(name, "rollout", $"{service}'s PRIMARY deployment is {primary.RolloutState}{(primary.RolloutStateReason is { Length: > 0 } r ? $": {r}" : string.Empty)}"),
            });
            var counts = string.Create(CultureInfo.InvariantCulture, $"{live.RunningCount} of {live.DesiredCount} desired tasks running");
            results.Add(live.RunningCount == live.DesiredCount
                ? CheckResult.Pass(name, "running-tasks", counts)
                : CheckResult.Fail(name, "running-tasks", $"{counts} in {service}"));
            var running = primary?.TaskDefinition is { Length: > 0 } t ? t : live.TaskDefinition;
            results.Add(running == deployedTask
                ? CheckResult.Pass(name, "task-definition", $"{service} runs {deployedTask}")
                : CheckResult.Fail(name, "task-definition", $"{service} runs {running}, but the program deployed {deployedTask} ({outputs.NameOf("task-definition")}): the deployment was rolled back or never applied"));
        }
        catch (AwsApiException e)
        {
            results.Add(CheckResult.Fail(name, "rollout", e.Message));
            results.Add(CheckResult.Skip(name, "running-tasks", "DescribeServices failed (see rollout)"));
            results.Add(CheckResult.Skip(name, "task-definition", "DescribeServices failed (see rollout)"));
        }

        if (context.Deployment.Smoke is not { } smoke)
        {
            results.Add(NoSmokeTest(context.Deployment));
        }
        else if (!Uri.TryCreate(outputs.Get("url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            results.Add(CheckResult.Fail(name, SmokeCheck.Name, $"{outputs.NameOf("url")} '{outputs.Get("url")}' is not an http(s) URL"));
        }
        else
        {
            // The service's own load balancer: the runner must reach it, so no answer is a failure.
            results.Add(await SmokeCheck.PostAsync(context.Http, name, smoke, url, CheckStatus.Fail, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}
