using MathNet.Numerics.Distributions;

namespace NeedsAssessment.Statistics;

/// <summary>Percentage change in a rate (or count) between two periods.</summary>
public static class PeriodChange
{
    /// <summary>
    /// Ratio of two Poisson rates R = (O₂/n₂)/(O₁/n₁) with the exact conditional interval: given N = O₁ + O₂,
    /// O₂ ~ Binomial(N, π) with π = n₂R/(n₁ + n₂R); the Clopper-Pearson limits for π
    /// (π_L = Beta⁻¹(α/2; O₂, N − O₂ + 1), π_U = Beta⁻¹(1 − α/2; O₂ + 1, N − O₂)) are mapped back by
    /// R = π/(1 − π) × n₁/n₂. Percentage change = 100(R − 1). Exact at any count, so no switch to an
    /// approximation is needed. Sources: Ederer F, Mantel N. Confidence limits on the ratio of two Poisson
    /// variables. Am J Epidemiol 1974;100:165-167; Breslow NE, Day NE. Statistical Methods in Cancer Research
    /// Vol II. IARC; 1987 (§2.6); Clopper CJ, Pearson ES. Biometrika 1934;26:404-413.
    /// For a change in counts pass equal denominators (e.g. 1 and 1).
    /// </summary>
    /// <param name="baselineCount">O₁, events in the baseline period (>= 0).</param>
    /// <param name="baselineDenominator">n₁, population or person-time in the baseline period (> 0).</param>
    /// <param name="laterCount">O₂, events in the later period (>= 0).</param>
    /// <param name="laterDenominator">n₂ (> 0).</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>The rate ratio and percentage change with limits; NaN with a note when both counts are zero.</returns>
    public static PercentageChange Calculate(double baselineCount, double baselineDenominator, double laterCount, double laterDenominator, double confidence = 0.95)
    {
        Guard.NonNegative(baselineCount, nameof(baselineCount));
        Guard.Positive(baselineDenominator, nameof(baselineDenominator));
        Guard.NonNegative(laterCount, nameof(laterCount));
        Guard.Positive(laterDenominator, nameof(laterDenominator));
        Guard.Confidence(confidence, nameof(confidence));
        const string method = "exact conditional binomial (clopper-pearson)";

        var total = baselineCount + laterCount;
        if (total == 0)
        {
            return new PercentageChange(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, confidence, method, "no events in either period");
        }

        var alpha = 1 - confidence;
        var piLower = laterCount == 0 ? 0 : Beta.InvCDF(laterCount, total - laterCount + 1, alpha / 2);
        var piUpper = baselineCount == 0 ? 1 : Beta.InvCDF(laterCount + 1, total - laterCount, 1 - (alpha / 2));
        var denominatorRatio = baselineDenominator / laterDenominator;
        double ToRatio(double pi) => pi >= 1 ? double.PositiveInfinity : pi / (1 - pi) * denominatorRatio;

        var ratio = baselineCount == 0 ? double.PositiveInfinity : laterCount / laterDenominator / (baselineCount / baselineDenominator);
        var lower = ToRatio(piLower);
        var upper = ToRatio(piUpper);
        return new PercentageChange(
            ratio,
            lower,
            upper,
            100 * (ratio - 1),
            100 * (lower - 1),
            100 * (upper - 1),
            confidence,
            method,
            baselineCount == 0 ? "baseline count is zero: ratio and upper limit are unbounded" : null);
    }
}
