using MlDeploy.Graph;
using MlDeploy.Guardrails.Facts;

namespace MlDeploy.Guardrails;

/// <summary>
/// A log store whose retention is its <c>retentionInDays</c> property (a CloudWatch log group, a Log Analytics
/// workspace): one extractor, configured per cloud's type token, instead of one copy per cloud.
/// </summary>
/// <param name="ResourceType">The store's type token.</param>
/// <param name="Kind">The kind's name in the guardrail table.</param>
/// <param name="Subject">How findings name it, e.g. <c>the log group</c>.</param>
public sealed record LogRetentionExtractor(string ResourceType, string Kind, string Subject) : IFactExtractor
{
    private static readonly IReadOnlyList<Type> s_reports = [typeof(LogRetention)];

    /// <inheritdoc/>
    public IReadOnlyList<Type> Reports => s_reports;

    /// <inheritdoc/>
    public IEnumerable<Fact> Extract(Resource resource, GuardrailContext context)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return [new LogRetention(Subject, resource.Properties.Get("retentionInDays") is not null)];
    }
}
