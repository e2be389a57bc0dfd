namespace MlDeploy.Verification;

/// <summary>One live check of one deployment, printed as <c>PASS|FAIL|SKIP &lt;deployment&gt; &lt;check&gt;: &lt;detail&gt;</c>.</summary>
/// <param name="Deployment">The deployment's name.</param>
/// <param name="Check">The check's name, e.g. <c>endpoint-status</c>.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Detail">What was seen (for a failure: what differs; for a skip: why).</param>
public sealed record CheckResult(string Deployment, string Check, CheckStatus Status, string Detail)
{
    /// <summary>Creates a passed check.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="check">The check.</param>
    /// <param name="detail">What was seen.</param>
    /// <returns>The result.</returns>
    public static CheckResult Pass(string deployment, string check, string detail) => new(deployment, check, CheckStatus.Pass, detail);

    /// <summary>Creates a failed check.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="check">The check.</param>
    /// <param name="detail">What differs.</param>
    /// <returns>The result.</returns>
    public static CheckResult Fail(string deployment, string check, string detail) => new(deployment, check, CheckStatus.Fail, detail);

    /// <summary>Creates a skipped check.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="check">The check.</param>
    /// <param name="reason">Why it was not run.</param>
    /// <returns>The result.</returns>
    public static CheckResult Skip(string deployment, string check, string reason) => new(deployment, check, CheckStatus.Skip, reason);
}
