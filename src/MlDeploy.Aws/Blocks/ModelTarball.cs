using MlDeploy.Kubernetes;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// Unpacks a <c>.tar.gz</c> model streamed from S3 without <c>tar</c>: the AWS CLI image has no <c>tar</c> or
/// <c>gzip</c> (aws/aws-cli#5106, open; its base, the minimal amazonlinux:2 image, ships without tar:
/// amazonlinux/container-images#29), but it does have Python 2.7, which yum on amazonlinux:2 runs on (aws/aws-cli
/// docker/Dockerfile: <c>FROM public.ecr.aws/amazonlinux/amazonlinux:2</c> + <c>yum install</c>). Python's
/// <c>tarfile</c> reads the gzip stream from stdin and refuses members that are links, devices or escape the
/// target directory.
/// </summary>
internal static class ModelTarball
{
    /// <summary>
    /// The shell line for <c>/bin/sh -c</c>: <c>$0</c> is the S3 URI, <c>$1</c> the directory to unpack into. Works
    /// with Python 2 and 3 (<c>python3</c> first).
    /// </summary>
    public const string StreamAndUnpack = "aws s3 cp --only-show-errors \"$0\" - | " + ModelArchive.UnpackStdin + " \"$1\"";
}
