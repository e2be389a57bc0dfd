using MlDeploy.Graph;

namespace MlDeploy.Aws.Guardrails;

/// <summary>
/// Tells a resource ARN that names resources from one that matches many. IAM treats '*' and '?' as wildcards anywhere
/// in a resource ARN (IAM User Guide, "IAM JSON policy elements: Resource"), so
/// <c>arn:aws:secretsmanager:*:*:secret:*</c> is every secret of every account the role can reach, not one secret.
/// </summary>
internal static class ResourcePatterns
{
    /// <summary>
    /// Resource types whose names the service chooses at run time, so a grant can only name the type: SageMaker creates
    /// the network interfaces of a VPC endpoint itself (the grant is limited to the account and region).
    /// </summary>
    private static readonly string[] s_serviceNamed = ["network-interface/*"];

    /// <summary>
    /// True when the resource matches more than the deployment's own resources: a wildcard in the partition, service,
    /// region or account, in a bucket name, or in place of a resource's whole name. A trailing wildcard after a fixed
    /// prefix (<c>bucket/models/x/*</c>, <c>log-group-arn:*</c>) scopes to that prefix and is not one. A reference
    /// (resolved at deploy time) counts as a fixed name.
    /// </summary>
    public static bool IsWildcard(Value resource)
    {
        var text = resource switch
        {
            StringValue s => s.Value,
            Interpolation i => string.Concat(i.Parts.Select(p => p is StringValue s ? s.Value : "ref")),
            _ => null,
        };
        if (text is null)
        {
            return false;
        }

        if (text == "*")
        {
            return true;
        }

        var parts = text.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn")
        {
            // A reference to an ARN with a suffix, e.g. the log streams of a group: "${group.arn}:*".
            return !OnlyTrailing(text);
        }

        if (parts[1..5].Any(HasWildcard))
        {
            return true;
        }

        var name = parts[5];
        if (!HasWildcard(name) || s_serviceNamed.Contains(name, StringComparer.Ordinal))
        {
            return false;
        }

        // S3 ARNs have no resource type: the first segment is the bucket and must be literal.
        if (parts[2] == "s3")
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 || HasWildcard(name[..slash]) || !OnlyTrailing(name[(slash + 1)..]);
        }

        // type/name or type:name: the name must start literally and may only end in one wildcard.
        var separator = name.IndexOfAny(['/', ':']);
        var rest = separator < 0 ? name : name[(separator + 1)..];
        return HasWildcard(name[..Math.Max(0, separator)]) || !OnlyTrailing(rest);
    }

    private static bool HasWildcard(string text) => text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal);

    /// <summary>A literal, or a non-empty literal prefix followed by one '*' (the log streams of a group: <c>:*</c>).</summary>
    private static bool OnlyTrailing(string text)
    {
        var first = text.IndexOfAny(['*', '?']);
        return first < 0 || (first == text.Length - 1 && text[first] == '*' && first > 0);
    }
}
