using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Model;

namespace MlDeploy.Validation;

/// <summary>
/// The identifiers of a deployment (network and target), literal or read from another stack, with their model paths:
/// one walk that validation and the plan share.
/// </summary>
public static partial class IdentifierRules
{
    /// <summary>Every identifier of a deployment with its path under the deployment, e.g. <c>network.subnetIds[0]</c>.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <returns>The identifiers.</returns>
    public static IEnumerable<KeyValuePair<string, Identifier>> Of(ModelDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        for (var i = 0; i < deployment.Network.SubnetIds.Length; i++)
        {
            yield return new(Indexed("network.subnetIds", i), deployment.Network.SubnetIds[i]);
        }

        for (var i = 0; i < deployment.Network.SecurityGroupIds.Length; i++)
        {
            yield return new(Indexed("network.securityGroupIds", i), deployment.Network.SecurityGroupIds[i]);
        }

        if (deployment.Image is RepositoryImage repository)
        {
            yield return new("image.repositoryUrl", repository.RepositoryUrl);
            yield return new("image.repositoryArn", repository.RepositoryArn);
        }

        foreach (var (path, identifier) in deployment.Target?.Identifiers() ?? [])
        {
            yield return new($"target.{path}", identifier);
        }
    }

    /// <summary>A path with an index, e.g. <c>subnetIds[2]</c>.</summary>
    /// <param name="path">The list's path.</param>
    /// <param name="index">The position.</param>
    /// <returns>The item's path.</returns>
    public static string Indexed(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>What is wrong with each identifier: empty literals, stack names that are not fully qualified, output names that cannot be read.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="path">The deployment's path.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<Diagnostic> Validate(ModelDeployment deployment, DeploymentPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (at, identifier) in Of(deployment))
        {
            if (identifier.Reference is not { } reference)
            {
                if (string.IsNullOrWhiteSpace(identifier.Literal))
                {
                    yield return path.Error(at, "is empty", "give the identifier, or leave the item out");
                }

                continue;
            }

            // Pulumi names a referenced stack <organization>/<project>/<stack>, each part a project or stack name.
            if (!StackName().IsMatch(reference.Stack.Name ?? string.Empty))
            {
                yield return path.Error(at, $"'{reference.Stack.Name}' is not a fully qualified stack name", "use <organization>/<project>/<stack>, e.g. acme/ml-platform/prod (1-100 letters, digits, '-', '_' or '.' each)");
            }

            // The program reads outputs["<name>"]: a name outside this set would need escaping pulumi-yaml does not offer.
            if (!OutputName().IsMatch(reference.Name ?? string.Empty))
            {
                yield return path.Error(at, $"'{reference.Name}' is not an output name the program can read", "use the other stack's output name: letters, digits, '-', '_' or '.'");
            }

            if (reference.Index is < 0)
            {
                yield return path.Error(at, $"item {reference.Index} of '{reference.Name}' does not exist", "count items from 0");
            }
        }
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.\-]{1,100}/[A-Za-z0-9_.\-]{1,100}/[A-Za-z0-9_.\-]{1,100}\z")]
    private static partial Regex StackName();

    [GeneratedRegex(@"\A[A-Za-z0-9_.\-]{1,200}\z")]
    private static partial Regex OutputName();
}
