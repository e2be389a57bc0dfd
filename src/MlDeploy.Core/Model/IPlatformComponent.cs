namespace MlDeploy.Model;

/// <summary>
/// A shared component a stack owns apart from any deployment: a shared image (<see cref="SharedImage"/>), a cluster a
/// cloud pack creates. Listed in <see cref="Platform.Components"/> it is planned, validated and exported even when no
/// deployment uses it; a deployment that also uses it shares the same resources.
/// </summary>
/// <remarks>
/// Core knows no cloud's components: a target pack plans a component type with a component planner
/// (<c>TargetPack.Components</c>), dispatched on the component's record type. Implement it on immutable records only.
/// </remarks>
public interface IPlatformComponent
{
    /// <summary>Gets the component's name, unique among <see cref="Platform.Components"/> (diagnostics call it <c>components[&lt;name&gt;]</c>).</summary>
    string Name { get; }
}
