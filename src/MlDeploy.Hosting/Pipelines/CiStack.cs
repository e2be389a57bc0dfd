using System.Collections.Immutable;
using MlDeploy.Model;

namespace MlDeploy.Hosting.Pipelines;

/// <summary>One stack as a pipeline sees it: the clouds its jobs sign in to and the tools its <c>pulumi up</c> runs.</summary>
/// <param name="Name">The stack name.</param>
/// <param name="Clouds">The clouds of its deployments' targets and of the providers its program uses, ordered.</param>
/// <param name="AwsRegion">The stack's <c>aws:region</c> config, which the AWS sign-in needs; null when it has none.</param>
/// <param name="Tools">What <c>pulumi up</c> runs on the deployer's machine (decision 37), each once, ordered.</param>
internal sealed record CiStack(string Name, ImmutableArray<Cloud> Clouds, string? AwsRegion, ImmutableArray<string> Tools)
{
    /// <summary>Gets the stack as part of a job id (GitHub: letters, digits, '-' and '_').</summary>
    public string JobId => Name.Replace('.', '_');

    /// <summary>
    /// Gets the prefix of the stack's GitHub variables (<c>MLDEPLOY_STAGING_AWS_ROLE_ARN</c>). GitHub stores variable
    /// names upper-cased and allows letters, digits and '_' only, so stacks differing only in case or in '-', '.' and
    /// '_' would share one: the command refuses such a project.
    /// </summary>
    public string VariablePrefix => "MLDEPLOY_" + Name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
}
