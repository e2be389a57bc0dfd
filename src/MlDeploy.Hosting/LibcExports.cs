using System.Runtime.InteropServices;

namespace MlDeploy.Hosting;

/// <summary>
/// Finds a C library function in the program's own symbol scope: libc is always loaded, and a
/// <c>DllImport("libc")</c> would make the runtime probe about 60 paths for a <c>libc.so</c> first (seen with strace).
/// </summary>
internal static class LibcExports
{
    /// <summary>Looks a libc function up by its exported name.</summary>
    /// <param name="name">The exported name, e.g. <c>madvise</c>.</param>
    /// <param name="address">The function's address, or zero.</param>
    /// <returns>False where this libc does not export the name (an older glibc or musl, or not Unix).</returns>
    public static bool TryFind(string name, out nint address) =>
        NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), name, out address);
}
