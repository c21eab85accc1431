namespace NeedsAssessment.Ingest;

/// <summary>What happened to a file given to the loader.</summary>
public enum LoadStatus
{
    /// <summary>Loaded (good rows to the canonical table, bad rows to quarantine).</summary>
    Loaded,
    /// <summary>Loaded, replacing the rows of an earlier, different file with the same name.</summary>
    Replaced,
    /// <summary>The same content was loaded before: nothing was written.</summary>
    AlreadyLoaded,
    /// <summary>Dry run: validated, nothing written.</summary>
    Validated,
}
