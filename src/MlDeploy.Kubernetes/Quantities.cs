using System.Globalization;

namespace MlDeploy.Kubernetes;

/// <summary>Kubernetes resource quantities in their canonical short forms.</summary>
internal static class Quantities
{
    /// <summary>vCPUs as <c>2</c> or <c>500m</c> (rounded up to whole millicores).</summary>
    public static string Cpu(decimal cores) =>
        decimal.Truncate(cores) == cores
            ? ((long)cores).ToString(CultureInfo.InvariantCulture)
            : $"{(long)decimal.Ceiling(cores * 1000)}m";

    /// <summary>GiB as <c>8Gi</c> or <c>512Mi</c> (rounded up to whole MiB).</summary>
    public static string Memory(decimal gib) =>
        decimal.Truncate(gib) == gib
            ? $"{(long)gib}Gi"
            : $"{(long)decimal.Ceiling(gib * 1024)}Mi";

    /// <summary>GiB as bytes (for PromQL comparisons with byte gauges).</summary>
    public static long Bytes(decimal gib) => (long)decimal.Ceiling(gib * 1024 * 1024 * 1024);

    /// <summary>A plain decimal quantity, e.g. <c>10</c> or <c>2.5</c>.</summary>
    public static string Plain(decimal value) =>
        (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
