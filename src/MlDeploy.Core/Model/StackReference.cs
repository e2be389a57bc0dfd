using System.Collections.Immutable;
using System.Globalization;

namespace MlDeploy.Model;

/// <summary>
/// Another stack whose outputs this stack reads at deploy time (Pulumi's <c>pulumi:pulumi:StackReference</c>), e.g. the
/// platform stack that owns the network and the clusters, read by the stacks that deploy models onto them.
/// </summary>
/// <param name="Name">The fully qualified stack name, <c>&lt;organization&gt;/&lt;project&gt;/&lt;stack&gt;</c>.</param>
public sealed record StackReference(string Name)
{
    /// <summary>A single-value output of the stack, used where the model takes an identifier.</summary>
    /// <param name="output">The output's name.</param>
    /// <returns>The value, resolved at deploy time.</returns>
    public ReferencedOutput Output(string output) => new(this, output, null);

    /// <summary>One item of a list output of the stack.</summary>
    /// <param name="output">The output's name.</param>
    /// <param name="index">The item's zero-based position.</param>
    /// <returns>The value, resolved at deploy time.</returns>
    public ReferencedOutput Output(string output, int index) => new(this, output, index);

    /// <summary>
    /// The first <paramref name="count"/> items of a list output (e.g. three private subnets). The count is stated here
    /// because the list is only known at deploy time, while validation needs it now (a private endpoint needs two
    /// subnets; an EKS cluster two zones).
    /// </summary>
    /// <param name="output">The output's name.</param>
    /// <param name="count">How many items to use.</param>
    /// <returns>The items, as identifiers.</returns>
    public ImmutableArray<Identifier> Items(string output, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var items = ImmutableArray.CreateBuilder<Identifier>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(Output(output, i));
        }

        return items.MoveToImmutable();
    }
}

/// <summary>A value another stack exports, read when Pulumi deploys this one.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="Name">The output's name.</param>
/// <param name="Index">The item of a list output, or null for the whole value.</param>
public sealed record ReferencedOutput(StackReference Stack, string Name, int? Index)
{
    /// <summary>Gets the output as written in messages and plans, e.g. <c>acme/network/prod:privateSubnetIds[0]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Index is { } i ? string.Create(CultureInfo.InvariantCulture, $"{Stack.Name}:{Name}[{i}]") : $"{Stack.Name}:{Name}";
}
