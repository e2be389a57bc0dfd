using System.Globalization;
using System.Text;

// Prints 2000 lines shaped like a Pulumi YAML program (200 resources of 10 lines), the way DeployApp prints:
// one UTF-8 stream writer on stdout, flushed once. Nothing else: this is the floor a .NET compiler command
// can start and write from.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
var sb = new StringBuilder(64 * 1024);
sb.Append("name: baseline\nruntime: yaml\nresources:\n");
for (var i = 1; i <= 200; i++)
{
    sb.Append(CultureInfo.InvariantCulture, $"  m{i:D4}-bucket:\n    type: aws:s3/bucket:Bucket\n    properties:\n");
    sb.Append(CultureInfo.InvariantCulture, $"      bucket: ml-platform-bench-m{i:D4}-artifacts\n      forceDestroy: false\n      tags:\n");
    sb.Append(CultureInfo.InvariantCulture, $"        mldeploy:deployment: m{i:D4}\n        mldeploy:stack: bench\n    options:\n      version: \"7.48.0\"\n");
}

stdout.Write(sb.ToString());
stdout.Flush();
