namespace MlDeploy.Kubernetes;

/// <summary>
/// The one interpreter choice of every Python program a model loader runs (<see cref="ModelArchive.UnpackStdin"/>,
/// <see cref="ModelArchive.VerifyDigest"/>, <see cref="DvcObjectLoader.Command"/>): <c>python3</c> on PATH, else
/// <c>python</c> (the AWS CLI image has Python 2.7 only), else the interpreter bundled with the Google Cloud CLI.
/// <para>
/// Why the last: GoogleCloudPlatform/cloud-sdk-docker <c>stable/Dockerfile</c> copies only
/// <c>/usr/lib/google-cloud-sdk</c> into the runtime stage and installs <c>python3-dev</c> only when <c>uname -m</c>
/// is not x86_64, so the amd64 <c>google-cloud-cli:*-stable</c> image (the GKE loader's default) has no Python on
/// PATH; gcloud runs there on the interpreter bundled in the SDK. Its path,
/// <c>/usr/lib/google-cloud-sdk/platform/bundledpythonunix/bin/python3</c>, is read in public copies, not in the image
/// itself: an image-build script that patches <c>/usr/lib/google-cloud-sdk/platform/bundledpythonunix/lib</c> (noting
/// that recent arm64 packages use the system Python instead), process lists naming that <c>bin/python3</c>, and snap
/// installs with <c>.../platform/bundledpythonunix/bin/python3</c>; and in the Debian package itself, google-cloud-cli
/// 528.0.0 amd64 as installed on the machine this was written on (<c>dpkg -S</c> names the file, Python 3.12.10), whose
/// launcher <c>bin/gcloud</c> (<c>setup_cloudsdk_python</c>) takes <c>$CLOUDSDK_PYTHON</c> when set, else that
/// bundled <c>python3</c> when <c>uname -m</c> is x86_64, else <c>python3</c>/<c>python</c> on PATH.
/// <b>UNVERIFIED</b> in the 522.0.0 image, whose runtime stage copies that package's <c>/usr/lib/google-cloud-sdk</c>.
/// </para>
/// <para>
/// <c>CLOUDSDK_PYTHON</c>, the variable gcloud's own launcher reads first to pick its interpreter, replaces that path
/// when set (tests use it to stand an interpreter in); the SDK never sets it, so the loader's choice stays python3,
/// python, bundled. When none exists the shell stops with "&lt;path&gt;: not found" (exit 127), and the loader fails
/// before the server starts.
/// </para>
/// </summary>
internal static class LoaderPython
{
    /// <summary>The path of the interpreter bundled with the Google Cloud CLI in the Debian/Ubuntu packages (see the class).</summary>
    internal const string BundledWithGcloud = "/usr/lib/google-cloud-sdk/platform/bundledpythonunix/bin/python3";

    /// <summary>A double-quoted shell word that names the interpreter; a Python program follows as <c>-c '...'</c>.</summary>
    internal const string Command = "\"$(command -v python3 || command -v python || echo \"${CLOUDSDK_PYTHON:-" + BundledWithGcloud + "}\")\"";
}
