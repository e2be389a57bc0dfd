namespace MlDeploy.Model;

/// <summary>
/// Adjusts the resources the SDK emits for one deployment, for what the model does not cover (like .NET Aspire's
/// <c>ConfigureInfrastructure</c>). It runs after planning and before the guardrails, so the guardrails still judge
/// the result; the plan lists every property it changed.
/// </summary>
/// <param name="Description">Why the adjustment is needed; shown in the plan.</param>
/// <param name="Apply">The adjustment.</param>
public sealed record Customization(string Description, Action<IResourceCustomizer> Apply);

/// <summary>What a <see cref="Customization"/> sees: the deployment's resources, by part name.</summary>
public interface IResourceCustomizer
{
    /// <summary>Gets the parts of the deployment's resources, e.g. <c>endpoint-config</c> for <c>fraud-endpoint-config</c>.</summary>
    IReadOnlyList<string> Parts { get; }

    /// <summary>Gets the type token of a resource, e.g. <c>aws:sagemaker/endpointConfiguration:EndpointConfiguration</c>.</summary>
    /// <param name="part">The resource's part name.</param>
    /// <returns>The token.</returns>
    string TypeToken(string part);

    /// <summary>Sets (or, with null, removes) a property of a resource.</summary>
    /// <param name="part">The resource's part name.</param>
    /// <param name="path">The property path, e.g. <c>productionVariants[0].volumeSizeInGb</c> or <c>tags.team</c>.</param>
    /// <param name="value">A string, bool, number, a list of values, a string-keyed dictionary of values, or null.</param>
    void SetProperty(string part, string path, object? value);
}
