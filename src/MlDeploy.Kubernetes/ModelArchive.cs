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
    /// (e.g. <c>"$MODEL_DIR"</c>). Works with Python 2 and 3 (<see cref="LoaderPython"/> picks it).
    /// </summary>
    public const string UnpackStdin =
        LoaderPython.Command + " -c '"
        + "import os,sys,tarfile\n"
        + "d=os.path.realpath(sys.argv[1])\n"
        + "t=tarfile.open(fileobj=getattr(sys.stdin,\"buffer\",sys.stdin),mode=\"r|gz\")\n"
        + "for m in t:\n"
        + " p=os.path.realpath(os.path.join(d,m.name))\n"
        + " if not (m.isfile() or m.isdir()) or not (p==d or p.startswith(d+os.sep)): sys.exit(\"refusing archive member \"+m.name)\n"
        + " t.extract(m,d)\n"
        + "'";

    /// <summary>
    /// A shell command that moves every file under the directory given as its first argument into the directory given as
    /// its second, keeping their relative paths and merging into what is there: renames within one volume, so a model
    /// downloaded next to its place needs no second copy and no other volume. Works with Python 2 and 3.
    /// </summary>
    public const string MoveFiles =
        LoaderPython.Command + " -c '"
        + "import os,sys\n"
        + "s,d=sys.argv[1],sys.argv[2]\n"
        + "for r,_,fs in os.walk(s):\n"
        + " t=os.path.join(d,os.path.relpath(r,s))\n"
        + " if not os.path.isdir(t): os.makedirs(t)\n"
        + " for f in fs: os.rename(os.path.join(r,f),os.path.join(t,f))\n"
        + "'";

    /// <summary>
    /// A shell command that checks the model directory against the digest in <c>MODEL_SHA256</c> (the algorithm of
    /// <c>ModelDigest</c>: SHA-256 over <c>sha256sum</c>'s lines for every regular file, paths sorted by their UTF-8
    /// bytes) and exits non-zero, saying which digest it found, when they differ, so the loader fails and the server
    /// never starts on other bytes than the release pinned. Without <c>MODEL_SHA256</c> it checks nothing. Append the
    /// directory as its one argument. Works with Python 2 and 3 (the AWS CLI image has Python 2.7 only; <see cref="LoaderPython"/> picks it).
    /// </summary>
    public static readonly string VerifyDigest =
        LoaderPython.Command + " -c '"
        + "import hashlib,os,sys\n"
        + "d=sys.argv[1]\n"
        + "w=os.environ.get(\"MODEL_SHA256\",\"\")\n"
        + "if not w: sys.exit(0)\n"
        + "def h(p):\n"
        + " s=hashlib.sha256()\n"
        + " f=open(p,\"rb\")\n"
        + " for b in iter(lambda:f.read(1048576),b\"\"): s.update(b)\n"
        + " f.close()\n"
        + " return s.hexdigest()\n"
        + "fs=[]\n"
        + "for r,_,ns in os.walk(d):\n"
        + " for n in ns:\n"
        + "  p=os.path.join(r,n)\n"
        + "  if os.path.isfile(p) and not os.path.islink(p): fs.append(os.path.relpath(p,d).replace(os.sep,\"/\"))\n"
        + "fs.sort()\n"
        + "t=\"\".join(h(os.path.join(d,x))+\"  \"+x+\"\\n\" for x in fs)\n"
        + "g=hashlib.sha256(t if isinstance(t,bytes) else t.encode(\"utf-8\")).hexdigest()\n"
        + "if g!=w: sys.exit(\"model digest mismatch in \"+d+\": the release pins sha256 \"+w+\" but the files have \"+g+\"; refusing to serve them\")\n"
        + "print(\"model digest verified: sha256 \"+g)\n"
        + "'";
}
