using System.Collections.Immutable;
using MlDeploy.Graph;
using MlDeploy.Kubernetes;

namespace MlDeploy.Aws.Blocks;

/// <summary>
/// The model loader's <c>/bin/sh -c</c> line on Fargate and EKS: <c>$0</c> is the S3 URI, <c>$1</c> the model directory.
/// It copies the object or prefix, or streams a <c>.tar.gz</c> and unpacks it without <c>tar</c> — the AWS CLI image
/// has no <c>tar</c> or <c>gzip</c> (aws/aws-cli#5106, open; its base, the minimal amazonlinux:2 image, ships without tar:
/// amazonlinux/container-images#29), but it does have Python 2.7, which yum on amazonlinux:2 runs on (aws/aws-cli
/// docker/Dockerfile: <c>FROM public.ecr.aws/amazonlinux/amazonlinux:2</c> + <c>yum install</c>) — then checks the
/// files against the release's digest (<see cref="ModelArchive.VerifyDigest"/>), so a mismatch fails the loader and the
/// server never starts.
/// </summary>
internal static class AwsModelLoader
{
    /// <summary>
    /// The loader's arguments for <c>/bin/sh -c</c>: the script, then its <c>$0</c>, <c>$1</c>, ... A DVC output
    /// (<see cref="DvcScript"/>) takes the remote's storage root, the directory, the md5, the hash name and the output's
    /// name; other data the URI, the directory and, when pinned, the version.
    /// </summary>
    /// <param name="data">The model data.</param>
    /// <param name="modelDirectory">The model directory as the loader sees it.</param>
    /// <returns>The arguments.</returns>
    public static ImmutableArray<Value> Arguments(ModelData data, Value modelDirectory) => data switch
    {
        { Dvc: { } dvc } => [DvcScript, dvc.StorageRoot, modelDirectory, dvc.Md5, DvcObjectLoader.HashName(dvc.LegacyLayout), dvc.Name],
        { Version: { } version } => [Script(data.Kind, versioned: true), data.S3Uri, modelDirectory, version],
        _ => [Script(data.Kind), data.S3Uri, modelDirectory],
    };

    /// <summary>
    /// The script for a DVC output: <see cref="DvcObjectLoader"/> streams each object with <c>aws s3 cp ... -</c> and
    /// checks its md5 (a directory through its <c>.dir</c> manifest), then the files are checked against the release's
    /// digest like any model. <c>$0</c> is the storage root, <c>$1</c> the model directory, <c>$2</c> the md5,
    /// <c>$3</c> the hash name, <c>$4</c> the output's name.
    /// </summary>
    public static readonly string DvcScript = DvcObjectLoader.Command("aws s3 cp --only-show-errors \"$0\" -") + " \"$0\" \"$2\" \"$3\" \"$1\" \"$4\" && " + ModelArchive.VerifyDigest + " \"$1\"";

    /// <summary>The script for the model data's kind.</summary>
    /// <param name="kind">How the model is stored.</param>
    /// <param name="versioned">Whether <c>$2</c> holds the object's pinned S3 version id.</param>
    /// <returns>The line for <c>/bin/sh -c</c>.</returns>
    public static string Script(ModelDataKind kind, bool versioned = false) => (kind, versioned) switch
    {
        (ModelDataKind.TarGz, false) => "aws s3 cp --only-show-errors \"$0\" - | " + ModelArchive.UnpackStdin + " \"$1\" && " + Verify,
        (ModelDataKind.Prefix, _) => "aws s3 cp --only-show-errors --recursive \"$0\" \"$1/\" && " + Verify,
        (_, false) => "aws s3 cp --only-show-errors \"$0\" \"$1/\" && " + Verify,

        // `aws s3 cp` takes no version; `s3api get-object` does, and prints the response as JSON on stdout, so the
        // object goes to a file (a tarball to a pipe on descriptor 3) and stdout to /dev/null.
        (ModelDataKind.TarGz, true) => SplitUri + "{ aws s3api get-object --bucket \"$b\" --key \"$k\" --version-id \"$2\" /dev/fd/3 3>&1 >/dev/null; } | " + ModelArchive.UnpackStdin + " \"$1\" && " + Verify,
        (_, true) => SplitUri + "aws s3api get-object --bucket \"$b\" --key \"$k\" --version-id \"$2\" \"$1/${k##*/}\" >/dev/null && " + Verify,
    };

    // s3://bucket/key/of/object -> b=bucket, k=key/of/object
    private const string SplitUri = "b=\"${0#s3://}\"; k=\"${b#*/}\"; b=\"${b%%/*}\"; ";

    private static readonly string Verify = ModelArchive.VerifyDigest + " \"$1\"";
}
