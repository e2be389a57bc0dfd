using System.Globalization;
using System.Text;

namespace MlDeploy.Hosting;

/// <summary>Writes files so readers never see half a file: write a temporary file beside it, then rename.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string content)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp"));
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
