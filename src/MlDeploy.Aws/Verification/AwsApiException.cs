namespace MlDeploy.Aws.Verification;

/// <summary>An AWS API answered with an error, or could not be called (no credentials, no region, no connection).</summary>
public sealed class AwsApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AwsApiException"/> class.</summary>
    public AwsApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AwsApiException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public AwsApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AwsApiException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AwsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
