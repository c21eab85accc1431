namespace NeedsAssessment.Statistics;

/// <summary>Crude rate with Poisson confidence limits, as in PHEindicatormethods <c>calculate_rate</c>.</summary>
public static class CrudeRate
{
    /// <summary>
    /// Rate = O / n × multiplier. Limits are the Poisson limits of O divided by n and scaled: exact
    /// (chi-square form; Ulm 1990, Am J Epidemiol 131:373-375) when O &lt; 10, otherwise Byar's
    /// approximation (Breslow NE, Day NE. Statistical Methods in Cancer Research Vol II, IARC 1987).
    /// Source of the threshold rule: Fingertips technical guidance and Eayres D. Technical Briefing 3:
    /// Commonly used public health statistics and their confidence intervals. York: APHO; 2008.
    /// </summary>
    /// <param name="count">Observed count O (>= 0).</param>
    /// <param name="denominator">Population or person-time n (> 0).</param>
    /// <param name="multiplier">Scale of the rate, e.g. 100000 (> 0).</param>
    /// <param name="confidence">Two-sided confidence level, e.g. 0.95 or 0.998.</param>
    /// <returns>The rate, its limits and the method used.</returns>
    public static RateEstimate Calculate(double count, double denominator, double multiplier = 100_000, double confidence = 0.95)
    {
        Guard.NonNegative(count, nameof(count));
        Guard.Positive(denominator, nameof(denominator));
        Guard.Positive(multiplier, nameof(multiplier));
        Guard.Confidence(confidence, nameof(confidence));

        var (lower, upper, method) = PoissonConfidenceLimits.Limits(count, confidence);
        var scale = multiplier / denominator;
        return new RateEstimate(count * scale, lower * scale, upper * scale, confidence, method, count, denominator, multiplier);
    }
}
