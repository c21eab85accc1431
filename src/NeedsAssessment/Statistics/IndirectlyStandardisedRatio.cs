namespace NeedsAssessment.Statistics;

/// <summary>Indirectly standardised ratio, as in PHEindicatormethods <c>calculate_ISRatio</c>.</summary>
public static class IndirectlyStandardisedRatio
{
    /// <summary>
    /// Expected count E = Σ nᵢ rᵢ / rateMultiplier: the local band populations nᵢ experiencing the
    /// reference rates rᵢ (Breslow NE, Day NE. Statistical Methods in Cancer Research Vol II. IARC; 1987).
    /// </summary>
    /// <param name="populations">Local population per band (>= 0).</param>
    /// <param name="referenceRates">Reference rate per band (>= 0), per <paramref name="rateMultiplier"/> people.</param>
    /// <param name="rateMultiplier">Scale of the reference rates: 1 if per person, 100000 if per 100,000.</param>
    /// <returns>The expected count.</returns>
    public static double ExpectedCount(IReadOnlyList<double> populations, IReadOnlyList<double> referenceRates, double rateMultiplier = 1)
    {
        Guard.NotNull(populations, nameof(populations));
        Guard.NotNull(referenceRates, nameof(referenceRates));
        Guard.MinCount(populations, 1, nameof(populations));
        Guard.SameLength(populations, nameof(populations), referenceRates, nameof(referenceRates));
        Guard.AllNonNegative(populations, nameof(populations));
        Guard.AllNonNegative(referenceRates, nameof(referenceRates));
        Guard.Positive(rateMultiplier, nameof(rateMultiplier));

        double expected = 0;
        for (var i = 0; i < populations.Count; i++)
        {
            expected += populations[i] * referenceRates[i];
        }

        return expected / rateMultiplier;
    }

    /// <summary>
    /// Ratio = O / E × multiplier; limits are the Poisson limits of O divided by E (E treated as fixed):
    /// exact (chi-square; Ulm K. Am J Epidemiol 1990;131:373-375) when O &lt; 10, otherwise Byar's
    /// (Breslow NE, Day NE. Statistical Methods in Cancer Research Vol II. IARC; 1987).
    /// </summary>
    /// <param name="observed">Observed count O (>= 0).</param>
    /// <param name="expected">Expected count E (> 0), e.g. from <see cref="ExpectedCount"/>.</param>
    /// <param name="multiplier">1 for a plain ratio, 100 for "per 100".</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>The ratio and its limits.</returns>
    public static StandardisedRatio Calculate(double observed, double expected, double multiplier = 100, double confidence = 0.95)
    {
        Guard.NonNegative(observed, nameof(observed));
        Guard.Positive(expected, nameof(expected));
        Guard.Positive(multiplier, nameof(multiplier));
        Guard.Confidence(confidence, nameof(confidence));

        var (lower, upper, method) = PoissonConfidenceLimits.Limits(observed, confidence);
        var scale = multiplier / expected;
        return new StandardisedRatio(observed * scale, lower * scale, upper * scale, confidence, method, observed, expected, multiplier);
    }
}
