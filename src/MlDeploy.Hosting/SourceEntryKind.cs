namespace MlDeploy.Hosting;

/// <summary>What a path in the list of a publish's sources was when the list was made (<see cref="SourceListing"/>).</summary>
internal enum SourceEntryKind
{
    /// <summary>A source file: a change once it is modified after the stamp or gone.</summary>
    File,

    /// <summary>A folder searched for sources: read again once it is modified after the stamp.</summary>
    Folder,

    /// <summary>A source file named to the check that was not there: a change once it is.</summary>
    Absent,
}
