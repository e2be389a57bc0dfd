namespace MlDeploy.Targets;

/// <summary>
/// A program the machine that runs <c>pulumi up</c> must have, because the synthesized program calls it there (a
/// registry token, a kubeconfig exec plugin, a traffic step, an image build), and what it is used for.
/// </summary>
/// <param name="Name">The program as the user installs it, e.g. <c>az</c> or <c>kubelogin</c>.</param>
/// <param name="Purpose">What the program uses it for, e.g. <c>the ACR token for the image push</c>.</param>
public sealed record DeployerTool(string Name, string Purpose);
