namespace MlDeploy.Model;

/// <summary>
/// What a <see cref="PlatformOutput"/> exports: a literal, or one of a deployment's or a shared component's SDK
/// outputs. There is no way to write an expression by hand: a reference is resolved to the value the SDK exports after
/// planning, so the program cannot reference a resource that does not exist (a name the deployment or component does
/// not export is a diagnostic).
/// </summary>
public abstract record OutputValue
{
    /// <summary>A literal string (exported as written; <c>${</c> is not interpolated).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    public static OutputValue Text(string value) => new TextOutput(value);

    /// <summary>A literal number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static OutputValue Number(decimal value) => new NumberOutput(value);

    /// <summary>A literal boolean.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static OutputValue Boolean(bool value) => new BooleanOutput(value);

    /// <summary>One of a deployment's SDK outputs, named by its part as the program lists it (e.g. <c>endpoint-name</c> for <c>fraud-scorer-endpoint-name</c>).</summary>
    /// <param name="deployment">The deployment; it must be one of the platform's deployments.</param>
    /// <param name="output">The output's part, e.g. <c>endpoint-name</c>, <c>invoke-url</c>, <c>url</c>, <c>image-digest</c>.</param>
    /// <returns>The value.</returns>
    public static OutputValue Of(ModelDeployment deployment, string output)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return new DeploymentOutput(deployment.Name, output);
    }

    /// <summary>
    /// One of a shared component's SDK outputs, named by its part (e.g. <c>repository-url</c> for a shared image's
    /// <c>image-scorer-repository-url</c>), so a platform stack can export what model stacks need.
    /// </summary>
    /// <param name="component">The component; it must be one of <see cref="Platform.Components"/> (matched by type and name).</param>
    /// <param name="output">
    /// The output's part: a shared image exports <c>repository-url</c>, <c>digest</c> and <c>image</c> (the pinned
    /// <c>repository@digest</c>); each pack documents its own components' outputs.
    /// </param>
    /// <returns>The value.</returns>
    public static OutputValue Of(IPlatformComponent component, string output)
    {
        ArgumentNullException.ThrowIfNull(component);
        return new ComponentOutput(component, output);
    }

    /// <summary>A list of values (e.g. the subnet ids a platform stack hands to model stacks, read there item by item).</summary>
    /// <param name="items">The items, each a literal or a reference.</param>
    /// <returns>The value.</returns>
    public static OutputValue List(params IEnumerable<OutputValue> items) => new ListOutput([.. items ?? throw new ArgumentNullException(nameof(items))]);

    /// <summary>Converts a string to a literal.</summary>
    /// <param name="value">The text.</param>
    public static implicit operator OutputValue(string value) => Text(value);

    /// <summary>Converts a number to a literal.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator OutputValue(decimal value) => Number(value);

    /// <summary>Converts a boolean to a literal.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator OutputValue(bool value) => Boolean(value);
}

/// <summary>A literal string output.</summary>
/// <param name="Value">The text.</param>
public sealed record TextOutput(string Value) : OutputValue;

/// <summary>A literal number output.</summary>
/// <param name="Value">The number.</param>
public sealed record NumberOutput(decimal Value) : OutputValue;

/// <summary>A literal boolean output.</summary>
/// <param name="Value">The boolean.</param>
public sealed record BooleanOutput(bool Value) : OutputValue;

/// <summary>One of a deployment's SDK outputs.</summary>
/// <param name="Deployment">The deployment's name.</param>
/// <param name="Output">The output's part, e.g. <c>endpoint-name</c>.</param>
public sealed record DeploymentOutput(string Deployment, string Output) : OutputValue;

/// <summary>One of a shared component's SDK outputs.</summary>
/// <param name="Component">The component, one of <see cref="Platform.Components"/>.</param>
/// <param name="Output">The output's part, e.g. <c>repository-url</c>.</param>
public sealed record ComponentOutput(IPlatformComponent Component, string Output) : OutputValue;

/// <summary>A list of exported values.</summary>
/// <param name="Items">The items.</param>
public sealed record ListOutput(System.Collections.Immutable.ImmutableArray<OutputValue> Items) : OutputValue;
