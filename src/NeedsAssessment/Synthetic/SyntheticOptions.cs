namespace NeedsAssessment.Synthetic;

/// <summary>How large a synthetic dataset to generate.</summary>
public enum SyntheticScale
{
    /// <summary>One fictional county: about 500 small areas and 300,000 police events over five years.</summary>
    County,

    /// <summary>
    /// 72 county-sized tiles (about 35,000 small areas, about 30 million events), streamed to disk; for benchmarks.
    /// </summary>
    National,
}

/// <summary>Options for <see cref="SyntheticCounty.Generate(SyntheticOptions)"/>.</summary>
/// <param name="OutputFolder">Folder the partner files and ground truth are written to (created if missing).</param>
public sealed record SyntheticOptions(string OutputFolder)
{
    /// <summary>Random seed; the same seed and options give byte-identical files.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>County (default) or National scale.</summary>
    public SyntheticScale Scale { get; init; } = SyntheticScale.County;

    /// <summary>Number of years of events, ending at <see cref="EndMonth"/>.</summary>
    public int Years { get; init; } = 5;

    /// <summary>
    /// Last month of events as <c>YYYY-MM</c>. Fixed by default rather than today's month so output is reproducible.
    /// </summary>
    public string EndMonth { get; init; } = "2025-03";
}

/// <summary>What <see cref="SyntheticCounty.Generate(SyntheticOptions)"/> wrote.</summary>
/// <param name="OutputFolder">Absolute output folder.</param>
/// <param name="FilesByKind">Files written per dataset kind (the schema's <c>kind</c>), in write order.</param>
/// <param name="RowsByKind">Data rows (CSV rows excluding the header, or GeoJSON features) written per kind.</param>
/// <param name="GroundTruthPath">Path of <c>ground-truth.json</c>.</param>
public sealed record SyntheticResult(
    string OutputFolder,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FilesByKind,
    IReadOnlyDictionary<string, long> RowsByKind,
    string GroundTruthPath);
