using System.Collections.Immutable;
using MlDeploy.Graph;

namespace MlDeploy.Aws.Blocks;

/// <summary>One IAM policy statement. Actions and resources are listed explicitly; wildcards are the guardrails' business.</summary>
internal sealed record PolicyStatement(string Sid, ImmutableArray<string> Actions, ImmutableArray<Value> Resources)
{
    public string Effect { get; init; } = "Allow";

    public MapValue? Principal { get; init; }

    public MapValue? Condition { get; init; }

    public MapValue ToValue() => Value.Map(
        ("Sid", Sid),
        ("Effect", Effect),
        ("Principal", Principal),
        ("Action", Actions.Length == 1 ? Actions[0] : Value.List(Actions.Select(a => (Value?)a))),
        ("Resource", Resources.Length == 1 ? Resources[0] : Value.List(Resources.Select(r => (Value?)r))),
        ("Condition", Condition));
}

/// <summary>Builds IAM policy documents as values, written with <c>fn::toJSON</c>.</summary>
internal static class PolicyDocument
{
    public static Value Json(IEnumerable<PolicyStatement> statements) => Fn.ToJson(Value.Map(
        ("Version", "2012-10-17"),
        ("Statement", Value.List(statements.Select(s => (Value?)s.ToValue())))));

    /// <summary>A trust policy letting one AWS service assume the role, only on behalf of this account (confused-deputy guard).</summary>
    public static Value ServiceTrust(string servicePrincipal, AwsAccount account) =>
        ServiceTrust(servicePrincipal, Value.Map(("StringEquals", Value.Map(("aws:SourceAccount", account.AccountId)))), "sts:AssumeRole");

    /// <summary>A trust policy letting one AWS service assume the role, with the given condition (null only for services that pass no source context, such as EC2 and the EKS control plane).</summary>
    public static Value ServiceTrust(string servicePrincipal, MapValue? condition, params string[] actions) => Fn.ToJson(Value.Map(
        ("Version", "2012-10-17"),
        ("Statement", Value.List(Value.Map(
            ("Effect", "Allow"),
            ("Principal", Value.Map(("Service", servicePrincipal))),
            ("Action", actions.Length == 1 ? actions[0] : Value.List(actions.Select(a => (Value?)a))),
            ("Condition", condition))))));
}
