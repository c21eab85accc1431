namespace NeedsAssessment.Ingest;

/// <summary>The outcome of loading (or validating) one file. Always RowsRead = RowsLoaded + RowsQuarantined.</summary>
/// <param name="LoadId">Load id in the store's <c>loads</c> table (0 for a dry run).</param>
/// <param name="Kind">Dataset kind.</param>
/// <param name="FilePath">File as given.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, hex.</param>
/// <param name="Bytes">File size.</param>
/// <param name="RowsRead">Data rows read from the file.</param>
/// <param name="RowsLoaded">Rows written to the canonical table.</param>
/// <param name="RowsQuarantined">Rows written to quarantine.</param>
/// <param name="Status">What happened.</param>
/// <param name="Notes">Things the analyst should know (delimiter or encoding handled, columns ignored, rows replaced).</param>
/// <param name="Issues">The first rejected rows' reasons (all are in the quarantine table).</param>
/// <param name="PeriodStart">Earliest period value loaded, if the kind has a period.</param>
/// <param name="PeriodEnd">Latest period value loaded, if the kind has a period.</param>
public sealed record LoadResult(
    long LoadId,
    string Kind,
    string FilePath,
    string Sha256,
    long Bytes,
    long RowsRead,
    long RowsLoaded,
    long RowsQuarantined,
    LoadStatus Status,
    IReadOnlyList<string> Notes,
    IReadOnlyList<QuarantineIssue> Issues,
    DateTime? PeriodStart,
    DateTime? PeriodEnd)
{
    /// <summary>
    /// Record keys (the schema's <c>duplicateKey</c>, e.g. Crime ID) that occur on more than one loaded row with
    /// different content; identical repeats are quarantined instead. Also in <c>loads.repeated_keys</c>.
    /// </summary>
    public long RepeatedKeys { get; init; }
}
