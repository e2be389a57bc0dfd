namespace MlDeploy.Hosting;

/// <summary>A source file, a folder searched for sources, or a source file named to the check that was not there, by full path.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Kind">What the path was when the sources were listed.</param>
internal readonly record struct SourceEntry(string Path, SourceEntryKind Kind);
