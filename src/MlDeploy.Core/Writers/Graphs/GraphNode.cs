using System.Collections.Immutable;

namespace MlDeploy.Writers.Graphs;

/// <summary>One resource or invoke as drawn: its logical name, its type token and a few key settings.</summary>
/// <param name="Name">The logical name.</param>
/// <param name="Token">The type or function token.</param>
/// <param name="IsInvoke">Whether it is an invoke (drawn in another shape).</param>
/// <param name="Settings">Up to <see cref="GraphKeySettings.Max"/> <c>key: value</c> lines.</param>
internal sealed record GraphNode(string Name, string Token, bool IsInvoke, ImmutableArray<string> Settings);
