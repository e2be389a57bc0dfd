namespace MlDeploy.Kubernetes;

/// <summary>
/// Fetches a DVC-tracked output from its remote's content-addressed objects into the model directory and checks every
/// object against the md5 it is stored under, in the model loader at run time (the program computes no md5). One
/// Python program (2.7 or 3: the AWS CLI image has Python 2.7 only) serves every loader; the cloud's CLI only streams an
/// object to stdout (<c>fetch</c>, a <c>/bin/sh -c</c> line with the object's URI in <c>$0</c>).
/// <list type="bullet">
/// <item>A single file is written under the output's name; a <c>.tar.gz</c> is unpacked as it streams, with the
/// member checks of <see cref="ModelArchive.UnpackStdin"/>, and its md5 is taken over the whole stream.</item>
/// <item>A directory (md5 ending in <c>.dir</c>): the object is the <c>.dir</c> manifest, a JSON list of
/// <c>{"md5", "relpath"}</c>. Its md5 is recomputed as DVC computes it — <c>json.dumps</c> of the entries reduced to
/// md5 and relpath, sorted by relpath, keys sorted (iterative/dvc-data <c>src/dvc_data/hashfile/tree.py</c>,
/// <c>Tree.digest</c>, <c>as_list</c>, <c>as_bytes</c>; 0.28.0 and 3.16) — and must equal the <c>.dir</c> hash before
/// any file is fetched; then each file's object goes to its relpath (never outside the directory) and is checked.</item>
/// <item>Hashes: DVC 3's <c>md5</c> is the md5 of the bytes. DVC 2.x's (<c>md5-dos2unix</c>, iterative/dvc
/// <c>dvc/output.py</c>: an in-repo output without <c>hash</c>) is the md5 after replacing CRLF by LF in a file judged
/// text, read in 2^20-byte chunks: 2.x (dvc-data 0.28.0 and 0.51.0, which DVC 2.58.2 requires; <c>hashfile/hash.py</c> <c>HashStreamFile</c>,
/// <c>fobj_md5</c>) judges once, on the first 512 bytes of the first chunk; dvc-data 3 (<c>Dos2UnixHashStreamFile</c>)
/// judges each chunk on its first 512 bytes. "Text" is <c>istextblock</c> (<c>hashfile/istextfile.py</c>): empty, or no
/// NUL byte and at most 30 % of bytes outside printable ASCII and <c>\n\r\t\f\b</c>. A 2.x object is accepted when
/// either way of hashing gives the recorded md5; for binary files, and text files without CRLF, both are the plain md5.</item>
/// </list>
/// A mismatch removes the file and exits non-zero, naming both hashes, so the loader fails and the server never starts.
/// </summary>
public static class DvcObjectLoader
{
    // The program. Double quotes only: it travels inside single quotes in a /bin/sh line. Arguments: fetch line,
    // storage root (ends in "/"), md5 (".dir" for a directory), hash name ("md5" or "md5-dos2unix"), model directory,
    // output name.
    private const string Program = """
        import hashlib,json,os,re,subprocess,sys
        fetch,root,oid,algo,d,name=sys.argv[1:7]
        d=os.path.realpath(d)
        C=1048576
        T=bytes(bytearray(range(32,127)))+b"\n\r\t\f\b"
        def text(b):
         if not b: return True
         if b"\x00" in b: return False
         return float(len(b.translate(None,T)))/len(b)<=0.30
        class R(object):
         def __init__(s,uri):
          s.uri=uri
          s.p=subprocess.Popen(["sh","-c",fetch,uri],stdout=subprocess.PIPE)
          s.b=b""
          s.o=0
          s.h=[hashlib.md5(),hashlib.md5(),hashlib.md5()]
          s.t=None
         def block(s):
          c=s.p.stdout.read(C)
          if c:
           if s.t is None: s.t=text(c[:512])
           u=c.replace(b"\r\n",b"\n")
           s.h[0].update(c)
           s.h[1].update(u if s.t else c)
           s.h[2].update(u if text(c[:512]) else c)
          return c
         def read(s,n=-1):
          if s.o>=len(s.b):
           s.b=s.block()
           s.o=0
          if n<0 or n>len(s.b)-s.o: n=len(s.b)-s.o
          r=s.b[s.o:s.o+n]
          s.o+=n
          return r
         def rest(s):
          while s.read(C): pass
          s.p.stdout.close()
          if s.p.wait()!=0: sys.exit("could not fetch "+s.uri)
         def check(s,want,path):
          s.rest()
          got=[h.hexdigest() for h in s.h]
          if want not in (got[:1] if algo=="md5" else got[1:]):
           if path and os.path.isfile(path): os.remove(path)
           sys.exit("dvc object "+s.uri+" does not match its md5: the .dvc file records "+want+" but the bytes have "+(got[0] if algo=="md5" else got[1])+" ("+algo+"); refusing to serve it")
        def key(h): return root+h[:2]+"/"+h[2:]
        def save(h,p):
         r=R(key(h))
         f=open(p,"wb")
         while True:
          c=r.read(C)
          if not c: break
          f.write(c)
         f.close()
         r.check(h,p)
        def inside(rel):
         p=os.path.realpath(os.path.join(d,rel))
         if not p.startswith(d+os.sep): sys.exit("refusing manifest entry "+rel)
         return p
        if oid.endswith(".dir"):
         r=R(key(oid))
         raw=r.read(-1)
         while True:
          c=r.read(C)
          if not c: break
          raw+=c
         r.rest()
         try: es=json.loads(raw.decode("utf-8"))
         except ValueError: sys.exit("the .dir manifest "+oid+" is not JSON; refusing it")
         if not isinstance(es,list): sys.exit("the .dir manifest "+oid+" is not a list; refusing it")
         m=[]
         for e in es:
          if not isinstance(e,dict) or not re.match("^[0-9a-f]{32}$",str(e.get("md5",""))) or not isinstance(e.get("relpath"),type(u"")): sys.exit("the .dir manifest "+oid+" has an entry without md5 and relpath; refusing it")
          m.append({"md5":str(e["md5"]),"relpath":e["relpath"]})
         m.sort(key=lambda e:e["relpath"])
         j=json.dumps(m,sort_keys=True)
         if not isinstance(j,bytes): j=j.encode("utf-8")
         g=hashlib.md5(j).hexdigest()
         if g!=oid[:-4]: sys.exit("the .dir manifest "+oid+" hashes to "+g+".dir, not to the md5 the .dvc file records; refusing it")
         for e in m:
          p=inside(e["relpath"])
          if not os.path.isdir(os.path.dirname(p)): os.makedirs(os.path.dirname(p))
          save(e["md5"],p)
         print("dvc directory verified: "+str(len(m))+" file(s) of "+oid)
        elif name.endswith((".tar.gz",".tgz")):
         import tarfile
         r=R(key(oid))
         t=tarfile.open(fileobj=r,mode="r|gz")
         for x in t:
          p=os.path.realpath(os.path.join(d,x.name))
          if not (x.isfile() or x.isdir()) or not (p==d or p.startswith(d+os.sep)): sys.exit("refusing archive member "+x.name)
          t.extract(x,d)
         r.check(oid,None)
         print("dvc object verified: md5 "+oid+" ("+name+", unpacked)")
        else:
         if name in ("",".","..") or "/" in name: sys.exit("refusing output name "+name)
         save(oid,os.path.join(d,name))
         print("dvc object verified: md5 "+oid+" ("+name+")")
        """;

    /// <summary>
    /// The shell command that fetches and checks the output. Append, in this order, the storage root (ending in
    /// <c>/</c>: <c>DvcObject.StorageRoot</c>), the md5, the hash name (<c>md5</c> for DVC 3, <c>md5-dos2unix</c> for
    /// 2.x), the model directory and the output's name, each as one shell word.
    /// </summary>
    /// <param name="fetch">A <c>/bin/sh -c</c> line that writes the object whose URI is <c>$0</c> to stdout, without single quotes (e.g. <c>aws s3 cp --only-show-errors "$0" -</c>).</param>
    /// <returns>The command.</returns>
    public static string Command(string fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (fetch.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException("the fetch line travels in single quotes and cannot contain one", nameof(fetch));
        }

        return LoaderPython.Command + " -c '" + Program + "' '" + fetch + "'";
    }

    /// <summary>The hash name the program takes for an output: <c>md5</c> (DVC 3) or <c>md5-dos2unix</c> (DVC 2.x).</summary>
    /// <param name="legacyLayout">Whether the output was written by DVC 2.x.</param>
    /// <returns>The hash name.</returns>
    public static string HashName(bool legacyLayout) => legacyLayout ? "md5-dos2unix" : "md5";
}
