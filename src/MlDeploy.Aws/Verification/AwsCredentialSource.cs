using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace MlDeploy.Aws.Verification;

/// <summary>
/// Finds credentials and the region the way the AWS CLI and SDKs do: the environment the host passes first (so tests
/// and embedding hosts need not change the process's), then AWSSDK.Core's standard chains (profiles, SSO, container
/// and instance roles).
/// </summary>
internal static class AwsCredentialSource
{
    public static async Task<ImmutableCredentials> CredentialsAsync(Func<string, string?> env)
    {
        if (env("AWS_ACCESS_KEY_ID") is { Length: > 0 } keyId && env("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secret)
        {
            return new ImmutableCredentials(keyId, secret, env("AWS_SESSION_TOKEN") is { Length: > 0 } token ? token : null);
        }

        try
        {
            var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The SDK's chain throws several exception types; each means "no credentials" here.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new AwsApiException($"no AWS credentials found (set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run `aws sso login`): {e.Message}", e);
        }
    }

    public static string Region(Func<string, string?> env, string? fromArn)
    {
        if (fromArn is { Length: > 0 })
        {
            return fromArn;
        }

        if ((env("AWS_REGION") ?? env("AWS_DEFAULT_REGION")) is { Length: > 0 } region)
        {
            return region;
        }

        return FallbackRegionFactory.GetRegionEndpoint()?.SystemName
            ?? throw new AwsApiException("no AWS region found (set AWS_REGION, or a region in the AWS profile)");
    }
}
