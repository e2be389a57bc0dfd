using MlDeploy.Costs;
using MlDeploy.Writers.Reports;

namespace MlDeploy.Writers;

/// <summary>Writes cost estimates as plain text (redirected output, files, CI logs): the <see cref="CostReport"/> with aligned columns.</summary>
public static class CostWriter
{
    /// <summary>Writes the report: per deployment every line with its amounts and how they were reached, then the totals.</summary>
    /// <param name="cost">The estimate.</param>
    /// <param name="stack">The stack's name.</param>
    /// <returns>The text.</returns>
    public static string Write(StackCost cost, string stack) => PlainTextReport.Write(CostReport.Build(cost, stack));

}
