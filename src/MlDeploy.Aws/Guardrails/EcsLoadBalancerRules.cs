using MlDeploy.Graph;
using MlDeploy.Guardrails;

namespace MlDeploy.Aws.Guardrails;

/// <summary>MLS-NET-01: load balancers are internal; an internet-facing one needs a waiver.</summary>
public sealed class LoadBalancerInternal : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-NET-01";

    /// <inheritdoc/>
    public override string Title => "private exposure by default";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context) =>
        context.OfType(AwsTypes.LoadBalancer.Token)
            .Where(l => ValuePath.GetBool(l.Properties, "internal") != true)
            .Select(l => Fail(l, "the load balancer is internet-facing"));
}

/// <summary>MLS-NET-04: load balancers drop malformed headers and mitigate HTTP desync.</summary>
public sealed class LoadBalancerHeaderHardening : Guardrail
{
    /// <inheritdoc/>
    public override string Id => "MLS-NET-04";

    /// <inheritdoc/>
    public override string Title => "load balancers drop invalid headers and mitigate desync";

    /// <inheritdoc/>
    public override IEnumerable<Finding> Check(GuardrailContext context)
    {
        foreach (var lb in context.OfType(AwsTypes.LoadBalancer.Token))
        {
            if (ValuePath.GetBool(lb.Properties, "dropInvalidHeaderFields") != true)
            {
                yield return Fail(lb, "dropInvalidHeaderFields is not true");
            }

            if (ValuePath.GetString(lb.Properties, "desyncMitigationMode") is not ("defensive" or "strictest"))
            {
                yield return Fail(lb, "desyncMitigationMode is not defensive or strictest");
            }
        }
    }
}
