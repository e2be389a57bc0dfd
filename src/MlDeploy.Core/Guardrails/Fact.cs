namespace MlDeploy.Guardrails;

/// <summary>
/// Something a resource means for the policies (a container's user, an exposure, a grant, ...), said once per resource
/// kind by a fact extractor so that one rule per policy covers every kind. Every fact type is a sealed record: the
/// rules look facts up by their exact type.
/// </summary>
/// <param name="Subject">What the fact is about, as findings name it, e.g. <c>container server</c> or <c>the pod</c>.</param>
public abstract record Fact(string Subject);
