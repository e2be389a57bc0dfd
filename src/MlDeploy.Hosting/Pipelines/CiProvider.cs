namespace MlDeploy.Hosting.Pipelines;

/// <summary>A CI service the <c>ci</c> verb writes a pipeline for.</summary>
/// <param name="Verb">The subcommand (<c>ci github</c>).</param>
/// <param name="DefaultOut">Where the service reads its pipeline, relative to the project root (taken as the repository root).</param>
/// <param name="Write">Writes the pipeline's text.</param>
internal sealed record CiProvider(string Verb, string DefaultOut, Func<CiProject, string> Write)
{
    public static CiProvider GitHub { get; } = new("github", ".github/workflows/mldeploy.yml", GitHubWorkflow.Write);

    public static CiProvider CircleCi { get; } = new("circleci", ".circleci/config.yml", CircleCiConfig.Write);
}
