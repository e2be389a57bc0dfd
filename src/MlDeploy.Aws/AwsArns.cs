using System.Text.RegularExpressions;

namespace MlDeploy.Aws;

/// <summary>
/// Strict shapes of the ARNs and names users hand the SDK, checked before they become IAM grants: a wildcard or an
/// empty field in one of them would grant a role every secret, parameter or bucket of an account.
/// </summary>
internal static partial class AwsArns
{
    /// <summary>A Secrets Manager secret: <c>arn:&lt;partition&gt;:secretsmanager:&lt;region&gt;:&lt;account&gt;:secret:&lt;name&gt;</c>, names of letters, digits and <c>/_+=.@-</c> (Secrets Manager CreateSecret, Name).</summary>
    public static bool IsSecret(string arn) => Secret().IsMatch(arn);

    /// <summary>An SSM parameter: <c>arn:&lt;partition&gt;:ssm:&lt;region&gt;:&lt;account&gt;:parameter/&lt;name&gt;</c>, names of letters, digits and <c>_.-/</c> (Systems Manager PutParameter, Name).</summary>
    public static bool IsParameter(string arn) => Parameter().IsMatch(arn);

    /// <summary>
    /// A general purpose bucket name: 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or
    /// digit, no "..", not an IP address, none of the reserved prefixes and suffixes (Amazon S3 "General purpose bucket
    /// naming rules").
    /// </summary>
    public static bool IsBucketName(string name) =>
        BucketName().IsMatch(name)
        && !name.Contains("..", StringComparison.Ordinal)
        && !IpAddress().IsMatch(name)
        && !name.StartsWith("xn--", StringComparison.Ordinal) && !name.StartsWith("sthree-", StringComparison.Ordinal) && !name.StartsWith("amzn-s3-demo-", StringComparison.Ordinal)
        && !name.EndsWith("-s3alias", StringComparison.Ordinal) && !name.EndsWith("--ol-s3", StringComparison.Ordinal) && !name.EndsWith(".mrap", StringComparison.Ordinal) && !name.EndsWith("--x-s3", StringComparison.Ordinal);

    /// <summary>An S3 object key or prefix the SDK grants read access to: no wildcard characters.</summary>
    public static bool IsLiteralKey(string key) => !key.Contains('*', StringComparison.Ordinal) && !key.Contains('?', StringComparison.Ordinal);

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov|-iso|-iso-b)?:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$")]
    private static partial Regex Secret();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov|-iso|-iso-b)?:ssm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:parameter/[A-Za-z0-9_./-]+$")]
    private static partial Regex Parameter();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex IpAddress();
}
