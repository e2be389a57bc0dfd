namespace MlDeploy.Model;

/// <summary>A stack output the stack program exports beside the SDK's own (e.g. for another stack or a CI job to read).</summary>
/// <param name="Name">
/// The output name: a letter, then letters, digits, '-' and '_'. It may not repeat another custom output's name nor
/// an SDK output's (<c>&lt;deployment&gt;-&lt;part&gt;</c>, e.g. <c>fraud-scorer-endpoint-name</c>).
/// </param>
/// <param name="Value">The value: a literal, or one of a deployment's or a shared component's SDK outputs (<c>OutputValue.Of</c>).</param>
public sealed record PlatformOutput(string Name, OutputValue Value);
