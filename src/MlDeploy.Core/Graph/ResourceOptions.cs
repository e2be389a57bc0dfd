using System.Collections.Immutable;

namespace MlDeploy.Graph;

/// <summary>Pulumi resource options. Empty collections and nulls are not written.</summary>
public sealed record ResourceOptions
{
    /// <summary>Gets no options.</summary>
    public static ResourceOptions None { get; } = new();

    /// <summary>Gets resources this one must wait for beyond its property references.</summary>
    public ImmutableArray<Resource> DependsOn { get; init; } = [];

    /// <summary>Gets the explicit provider resource, if any.</summary>
    public Resource? Provider { get; init; }

    /// <summary>Gets the parent resource, if any.</summary>
    public Resource? Parent { get; init; }

    /// <summary>Gets a value indicating whether Pulumi refuses to delete the resource.</summary>
    public bool Protect { get; init; }

    /// <summary>Gets a value indicating whether Pulumi leaves the cloud object in place on delete.</summary>
    public bool RetainOnDelete { get; init; }

    /// <summary>Gets a value indicating whether a replacement deletes the old object first.</summary>
    public bool DeleteBeforeReplace { get; init; }

    /// <summary>Gets property paths whose changes Pulumi ignores.</summary>
    public ImmutableArray<string> IgnoreChanges { get; init; } = [];

    /// <summary>Gets property paths whose changes force a replacement.</summary>
    public ImmutableArray<string> ReplaceOnChanges { get; init; } = [];

    /// <summary>Gets output properties Pulumi must store as secrets.</summary>
    public ImmutableArray<string> AdditionalSecretOutputs { get; init; } = [];

    /// <summary>Gets earlier URNs or names of this resource, so a rename is not a replacement.</summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>Gets custom operation timeouts (Go duration strings such as <c>45m</c>), if any.</summary>
    public CustomTimeouts? CustomTimeouts { get; init; }
}

/// <summary>Operation timeouts for slow resources (e.g. endpoints that load large models).</summary>
/// <param name="Create">Create timeout, e.g. <c>60m</c>.</param>
/// <param name="Update">Update timeout.</param>
/// <param name="Delete">Delete timeout.</param>
public sealed record CustomTimeouts(string? Create, string? Update, string? Delete)
{
    /// <summary>The same wait for create and update, in whole minutes rounded up; delete keeps the provider's default.</summary>
    /// <param name="wait">How long an operation may take.</param>
    /// <returns>The timeouts.</returns>
    public static CustomTimeouts CreateAndUpdate(TimeSpan wait)
    {
        var minutes = $"{(long)Math.Ceiling(wait.TotalMinutes)}m";
        return new CustomTimeouts(minutes, minutes, null);
    }
}
