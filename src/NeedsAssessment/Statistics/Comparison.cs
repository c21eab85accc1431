namespace NeedsAssessment.Statistics;

/// <summary>
/// Fingertips-style comparison of an area's value with a benchmark, decided by whether the confidence
/// interval excludes the benchmark (see <see cref="BenchmarkComparison"/>).
/// </summary>
public enum Comparison
{
    /// <summary>The whole interval lies above the benchmark.</summary>
    Higher,

    /// <summary>The interval contains the benchmark.</summary>
    Similar,

    /// <summary>The whole interval lies below the benchmark.</summary>
    Lower,

    /// <summary>No usable interval (value suppressed or limits not finite), so no comparison is made.</summary>
    NotCompared,
}
