using MlDeploy.Model;

namespace MlDeploy.Validation;

/// <summary>The check every target whose pack does not plan the stack-level alert channel and encryption key runs (decision 30 components are planned by the AWS pack).</summary>
public static class StackComponentChecks
{
    /// <summary>Refuses <see cref="Monitoring.Channel"/> and <see cref="ModelDeployment.Encryption"/>, naming what to use instead.</summary>
    /// <param name="d">The deployment.</param>
    /// <param name="target">The target's name.</param>
    /// <param name="notificationHint">What to set instead of the channel.</param>
    /// <param name="encryption">How the data is encrypted instead, for the message.</param>
    /// <param name="p">The deployment's path.</param>
    /// <returns>Every problem.</returns>
    public static IEnumerable<Diagnostic> NotPlanned(ModelDeployment d, string target, string notificationHint, string encryption, DeploymentPath p)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(p);
        if (d.Monitoring.Channel is not null)
        {
            yield return p.Error("monitoring.channel", $"{target} cannot notify a stack-level alert channel yet", notificationHint);
        }

        if (d.Encryption is not null)
        {
            yield return p.Error("encryption", $"{target} cannot use a stack-level encryption key yet (the data is encrypted with {encryption})", "remove Encryption");
        }
    }
}
