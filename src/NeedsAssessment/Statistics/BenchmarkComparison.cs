namespace NeedsAssessment.Statistics;

/// <summary>
/// Compares a value with a benchmark by its confidence interval, the Fingertips "compared with
/// benchmark" colouring (Fingertips technical guidance; Eayres D. Technical Briefing 3, APHO 2008).
/// Pass the 95% or the 99.8% estimate to get the comparison at that level.
/// </summary>
public static class BenchmarkComparison
{
    /// <summary>
    /// <see cref="Comparison.Higher"/> when lower &gt; benchmark, <see cref="Comparison.Lower"/> when
    /// upper &lt; benchmark, otherwise <see cref="Comparison.Similar"/>. An interval touching the benchmark
    /// counts as similar. <see cref="Comparison.NotCompared"/> when either limit is NaN or the benchmark is NaN.
    /// </summary>
    /// <param name="lower">Lower confidence limit.</param>
    /// <param name="upper">Upper confidence limit.</param>
    /// <param name="benchmark">Benchmark value on the same scale (e.g. England rate).</param>
    /// <returns>The comparison.</returns>
    public static Comparison Compare(double lower, double upper, double benchmark)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || double.IsNaN(benchmark))
        {
            return Comparison.NotCompared;
        }

        if (lower > upper)
        {
            throw new ArgumentOutOfRangeException(nameof(lower), lower, $"lower must be <= upper ({upper}) but was {lower}.");
        }

        if (lower > benchmark)
        {
            return Comparison.Higher;
        }

        return upper < benchmark ? Comparison.Lower : Comparison.Similar;
    }

    /// <summary>Compares a crude rate's interval with a benchmark (see <see cref="Compare(double, double, double)"/>).</summary>
    /// <param name="estimate">The rate.</param>
    /// <param name="benchmark">Benchmark rate on the same multiplier.</param>
    /// <returns>The comparison.</returns>
    public static Comparison Compare(RateEstimate estimate, double benchmark)
    {
        Guard.NotNull(estimate, nameof(estimate));
        return Compare(estimate.Lower, estimate.Upper, benchmark);
    }

    /// <summary>Compares a proportion's interval with a benchmark (see <see cref="Compare(double, double, double)"/>).</summary>
    /// <param name="estimate">The proportion.</param>
    /// <param name="benchmark">Benchmark on the same multiplier.</param>
    /// <returns>The comparison.</returns>
    public static Comparison Compare(ProportionEstimate estimate, double benchmark)
    {
        Guard.NotNull(estimate, nameof(estimate));
        return Compare(estimate.Lower, estimate.Upper, benchmark);
    }

    /// <summary>Compares a DSR's interval with a benchmark; a DSR not given is <see cref="Comparison.NotCompared"/>.</summary>
    /// <param name="estimate">The directly standardised rate.</param>
    /// <param name="benchmark">Benchmark rate on the same multiplier.</param>
    /// <returns>The comparison.</returns>
    public static Comparison Compare(StandardisedRate estimate, double benchmark)
    {
        Guard.NotNull(estimate, nameof(estimate));
        return Compare(estimate.Lower, estimate.Upper, benchmark);
    }

    /// <summary>Compares an indirectly standardised ratio's interval with a benchmark (usually 100 or 1).</summary>
    /// <param name="estimate">The ratio.</param>
    /// <param name="benchmark">Benchmark on the same multiplier.</param>
    /// <returns>The comparison.</returns>
    public static Comparison Compare(StandardisedRatio estimate, double benchmark)
    {
        Guard.NotNull(estimate, nameof(estimate));
        return Compare(estimate.Lower, estimate.Upper, benchmark);
    }
}
