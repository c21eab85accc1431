using System.Collections.Concurrent;
using MathNet.Numerics.Distributions;

namespace NeedsAssessment.Statistics;

/// <summary>
/// Confidence limits for an observed count assumed to follow a Poisson distribution: exact limits and
/// Byar's approximation. These are the building blocks of the rate, ratio and standardised-rate statistics.
/// </summary>
public static class PoissonConfidenceLimits
{
    /// <summary>
    /// Counts below this use exact limits and counts at or above it use Byar's approximation
    /// (Fingertips technical guidance / PHEindicatormethods).
    /// </summary>
    public const double ExactThreshold = 10;

    /// <summary>
    /// Exact lower limit for a Poisson count: <c>ChiSquared.InvCDF(2O, α/2) / 2</c>, and 0 when O = 0.
    /// Source: Ulm K. A simple method to calculate the confidence interval of a standardized mortality
    /// ratio. Am J Epidemiol 1990;131:373-375 (chi-square form of the Garwood exact interval).
    /// </summary>
    /// <param name="count">Observed count O (>= 0).</param>
    /// <param name="confidence">Two-sided confidence level, e.g. 0.95 or 0.998.</param>
    /// <returns>The lower limit on the count scale.</returns>
    public static double ExactLower(double count, double confidence)
    {
        Guard.NonNegative(count, nameof(count));
        Guard.Confidence(confidence, nameof(confidence));
        if (count == 0)
        {
            return 0;
        }

        return Exact(count, confidence, upper: false);
    }

    /// <summary>
    /// Exact upper limit for a Poisson count: <c>ChiSquared.InvCDF(2O + 2, 1 − α/2) / 2</c>.
    /// Source: Ulm K. Am J Epidemiol 1990;131:373-375.
    /// </summary>
    /// <param name="count">Observed count O (>= 0).</param>
    /// <param name="confidence">Two-sided confidence level, e.g. 0.95 or 0.998.</param>
    /// <returns>The upper limit on the count scale.</returns>
    public static double ExactUpper(double count, double confidence)
    {
        Guard.NonNegative(count, nameof(count));
        Guard.Confidence(confidence, nameof(confidence));
        return Exact(count, confidence, upper: true);
    }

    // The chi-square quantile is found by iteration (tens of microseconds), and an indicator run asks for the same few
    // small counts at the same two confidence levels tens of thousands of times: each is computed once. Only whole
    // counts below MemoLimit are kept, so the memo stays a few hundred entries whatever the callers pass.
    private const double MemoLimit = 256;
    private static readonly ConcurrentDictionary<(double Count, double Confidence, bool Upper), double> ExactMemo = new();

    private static double Exact(double count, double confidence, bool upper)
    {
        if (count < MemoLimit && count == Math.Floor(count))
            return ExactMemo.GetOrAdd((count, confidence, upper), static k => ExactQuantile(k.Count, k.Confidence, k.Upper));
        return ExactQuantile(count, confidence, upper);
    }

    private static double ExactQuantile(double count, double confidence, bool upper)
    {
        var alpha = 1 - confidence;
        return upper ? ChiSquared.InvCDF(2 * count + 2, 1 - (alpha / 2)) / 2 : ChiSquared.InvCDF(2 * count, alpha / 2) / 2;
    }

    /// <summary>
    /// Byar's approximate lower limit: <c>O (1 − 1/(9O) − z/(3√O))³</c>, with z the standard normal
    /// quantile at 1 − α/2; 0 when O = 0 and floored at 0 where the cube goes negative.
    /// Source: Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol II: The Design and Analysis
    /// of Cohort Studies. Lyon: IARC; 1987 (Byar's approximation, p. 69).
    /// </summary>
    /// <param name="count">Observed count O (>= 0).</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>The lower limit on the count scale.</returns>
    public static double ByarLower(double count, double confidence)
    {
        Guard.NonNegative(count, nameof(count));
        Guard.Confidence(confidence, nameof(confidence));
        if (count == 0)
        {
            return 0;
        }

        var z = Z(confidence);
        var cube = 1 - (1 / (9 * count)) - (z / (3 * Math.Sqrt(count)));
        // The approximation fails for tiny counts at high confidence; a negative count limit is impossible.
        return cube <= 0 ? 0 : count * cube * cube * cube;
    }

    /// <summary>
    /// Byar's approximate upper limit: <c>(O + 1)(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³</c>.
    /// Source: Breslow NE, Day NE. Statistical Methods in Cancer Research, Vol II. Lyon: IARC; 1987.
    /// </summary>
    /// <param name="count">Observed count O (>= 0).</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>The upper limit on the count scale.</returns>
    public static double ByarUpper(double count, double confidence)
    {
        Guard.NonNegative(count, nameof(count));
        Guard.Confidence(confidence, nameof(confidence));
        var z = Z(confidence);
        var o1 = count + 1;
        var cube = 1 - (1 / (9 * o1)) + (z / (3 * Math.Sqrt(o1)));
        return o1 * cube * cube * cube;
    }

    /// <summary>
    /// Limits by the Fingertips rule: exact when <paramref name="count"/> &lt; 10, Byar's otherwise.
    /// </summary>
    /// <param name="count">Observed count O (>= 0).</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>Lower and upper limits on the count scale, and "exact" or "byars".</returns>
    public static (double Lower, double Upper, string Method) Limits(double count, double confidence)
    {
        return count < ExactThreshold
            ? (ExactLower(count, confidence), ExactUpper(count, confidence), "exact")
            : (ByarLower(count, confidence), ByarUpper(count, confidence), "byars");
    }

    internal static double Z(double confidence) => ZMemo.GetOrAdd(confidence, static c => Normal.InvCDF(0, 1, 1 - ((1 - c) / 2)));

    // Every rate and proportion asks for the quantile of the same two or three confidence levels.
    private static readonly ConcurrentDictionary<double, double> ZMemo = new();
}
