using System.Text.RegularExpressions;

namespace MlDeploy.Aws;

/// <summary>
/// Strict shapes of the ARNs and names users hand the SDK, checked before they become IAM grants: a wildcard or an
/// empty field in one of them would grant a role every secret, parameter or bucket of an account.
/// </summary>
internal static partial class AwsArns
{
    private static readonly string[] s_reservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] s_reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>A Secrets Manager secret: <c>arn:&lt;partition&gt;:secretsmanager:&lt;region&gt;:&lt;account&gt;:secret:&lt;name&gt;</c>, names of letters, digits and <c>/_+=.@-</c> (Secrets Manager CreateSecret, Name).</summary>
    public static bool IsSecret(string arn) => Secret().IsMatch(arn);

    /// <summary>An SSM parameter: <c>arn:&lt;partition&gt;:ssm:&lt;region&gt;:&lt;account&gt;:parameter/&lt;name&gt;</c>, names of letters, digits and <c>_.-/</c> (Systems Manager PutParameter, Name).</summary>
    public static bool IsParameter(string arn) => Parameter().IsMatch(arn);

    /// <summary>
    /// Which general purpose bucket naming rule a name breaks, or null when it is a bucket name (Amazon S3 "General
    /// purpose bucket naming rules": 3-63 characters; lowercase letters, digits, '.' and '-'; beginning and ending with a
    /// letter or digit; no two adjacent periods; not formatted as an IP address; not starting with xn--, sthree- or
    /// amzn-s3-demo-; not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3, which name access point aliases,
    /// Multi-Region Access Points, directory buckets and table buckets).
    /// </summary>
    public static string? BucketNameProblem(string name) => name switch
    {
        _ when !BucketName().IsMatch(name) => "may contain only lowercase letters, digits, '.' and '-', and must begin and end with a letter or digit",
        { Length: < 3 or > 63 } => $"is {name.Length} characters long, not 3-63",
        _ when name.Contains("..", StringComparison.Ordinal) => "has two adjacent periods",
        _ when IpAddress().IsMatch(name) => "is formatted as an IP address",
        _ when s_reservedPrefixes.FirstOrDefault(r => name.StartsWith(r, StringComparison.Ordinal)) is { } prefix => $"starts with '{prefix}', a prefix S3 reserves",
        _ when s_reservedSuffixes.FirstOrDefault(r => name.EndsWith(r, StringComparison.Ordinal)) is { } suffix => $"ends with '{suffix}', a suffix S3 reserves for access points and other bucket types",
        _ => null,
    };

    /// <summary>An S3 object key or prefix the SDK grants read access to: no wildcard characters.</summary>
    public static bool IsLiteralKey(string key) => !key.Contains('*', StringComparison.Ordinal) && !key.Contains('?', StringComparison.Ordinal);

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov|-iso|-iso-b)?:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$")]
    private static partial Regex Secret();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov|-iso|-iso-b)?:ssm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:parameter/[A-Za-z0-9_./-]+$")]
    private static partial Regex Parameter();

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex IpAddress();
}
