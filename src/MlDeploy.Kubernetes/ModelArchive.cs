namespace MlDeploy.Kubernetes;

/// <summary>
/// Unpacks a <c>.tar.gz</c> model read from stdin with Python's <c>tarfile</c>, for model loaders whose image may lack
/// <c>tar</c> (the AWS CLI image) or whose download streams the archive (nothing is staged on the small <c>/tmp</c>).
/// Members that are links or devices, or that would land outside the target directory, stop the unpacking.
/// </summary>
public static class ModelArchive
{
    /// <summary>
    /// A shell command that reads a gzip tar stream on stdin; append the directory to unpack into as its one argument
    /// (e.g. <c>"$MODEL_DIR"</c>). Works with Python 2 and 3 (<c>python3</c> first).
    /// </summary>
    public const string UnpackStdin =
        "\"$(command -v python3 || command -v python)\" -c '"
        + "import os,sys,tarfile\n"
        + "d=os.path.realpath(sys.argv[1])\n"
        + "t=tarfile.open(fileobj=getattr(sys.stdin,\"buffer\",sys.stdin),mode=\"r|gz\")\n"
        + "for m in t:\n"
        + " p=os.path.realpath(os.path.join(d,m.name))\n"
        + " if not (m.isfile() or m.isdir()) or not (p==d or p.startswith(d+os.sep)): sys.exit(\"refusing archive member \"+m.name)\n"
        + " t.extract(m,d)\n"
        + "'";
}
