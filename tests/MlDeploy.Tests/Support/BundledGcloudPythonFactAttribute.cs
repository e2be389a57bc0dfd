using MlDeploy.Kubernetes;

namespace MlDeploy.Tests.Support;

/// <summary>
/// A fact that runs only where the Google Cloud CLI's Debian/Ubuntu package is installed on x86_64 with its bundled
/// interpreter at <see cref="LoaderPython.BundledWithGcloud"/> (the layout the amd64 google-cloud-cli image copies).
/// </summary>
public sealed class BundledGcloudPythonFactAttribute : FactAttribute
{
    /// <summary>Initializes the attribute, skipping when the bundled interpreter is absent.</summary>
    public BundledGcloudPythonFactAttribute()
    {
        if (!File.Exists(LoaderPython.BundledWithGcloud))
        {
            Skip = $"no {LoaderPython.BundledWithGcloud} here: the fallback is run through a stand-in only";
        }
    }
}
