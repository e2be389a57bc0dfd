namespace MlDeploy.Tests.Support;

/// <summary>A throwaway copy of the example project (Pulumi.yaml, staging and prod, the model server) to promote into.</summary>
internal static class ExampleProject
{
    /// <summary>The copy, with production as it is before its first promotion: the repository's file without the release.</summary>
    public static TempDirectory CopyBeforeFirstPromotion()
    {
        var dir = new TempDirectory();
        void Copy(string relative)
        {
            var target = Path.Combine(dir.Path, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Repo.PathOf(relative.Split('/')), target);
        }

        Copy("Pulumi.yaml");
        Copy("stacks/Pulumi.staging.yaml");
        Copy("examples/model-server/Dockerfile");
        Copy("examples/model-server/model_server.py");
        Copy("examples/model-server/model/model.json");

        var prod = File.ReadAllLines(Repo.PathOf("stacks", "Pulumi.prod.yaml")).Where(l => !l.StartsWith("  ml-platform:fraud-scorer-", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir.Path, "stacks", "Pulumi.prod.yaml"), string.Join('\n', prod) + "\n");
        return dir;
    }
}
