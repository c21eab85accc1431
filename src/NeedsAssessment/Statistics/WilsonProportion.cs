namespace NeedsAssessment.Statistics;

/// <summary>Proportion with the Wilson score interval, as in PHEindicatormethods <c>calculate_proportion</c>.</summary>
public static class WilsonProportion
{
    /// <summary>
    /// p = x / n with the Wilson score interval without continuity correction:
    /// <c>(2x + z² ± z√(z² + 4x(1 − x/n))) / (2(n + z²))</c>.
    /// Sources: Wilson EB. Probable inference, the law of succession, and statistical inference.
    /// J Am Stat Assoc 1927;22:209-212; Newcombe RG. Two-sided confidence intervals for the single
    /// proportion: comparison of seven methods. Stat Med 1998;17:857-872 (method 3).
    /// </summary>
    /// <param name="numerator">Cases with the characteristic x (0 &lt;= x &lt;= n).</param>
    /// <param name="denominator">Sample size n (> 0).</param>
    /// <param name="multiplier">1 for a fraction, 100 for a percentage (> 0).</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>The proportion and its Wilson limits.</returns>
    public static ProportionEstimate Calculate(double numerator, double denominator, double multiplier = 100, double confidence = 0.95)
    {
        Guard.NonNegative(numerator, nameof(numerator));
        Guard.Positive(denominator, nameof(denominator));
        Guard.Positive(multiplier, nameof(multiplier));
        Guard.Confidence(confidence, nameof(confidence));
        if (numerator > denominator)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), numerator, $"numerator must be <= denominator ({denominator}) but was {numerator}.");
        }

        var (lower, upper) = Limits(numerator, denominator, confidence);
        return new ProportionEstimate(
            numerator / denominator * multiplier,
            lower * multiplier,
            upper * multiplier,
            confidence,
            "wilson",
            numerator,
            denominator,
            multiplier);
    }

    internal static (double Lower, double Upper) Limits(double x, double n, double confidence)
    {
        var z = PoissonConfidenceLimits.Z(confidence);
        var z2 = z * z;
        var root = z * Math.Sqrt(z2 + (4 * x * (1 - (x / n))));
        var denominator = 2 * (n + z2);
        // At x = 0 and x = n the limits are exactly 0 and 1; the formula only reaches them up to rounding.
        var lower = x == 0 ? 0 : Math.Max(0, ((2 * x) + z2 - root) / denominator);
        var upper = x == n ? 1 : Math.Min(1, ((2 * x) + z2 + root) / denominator);
        return (lower, upper);
    }
}
