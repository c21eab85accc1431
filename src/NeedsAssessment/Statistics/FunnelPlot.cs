using MathNet.Numerics;

namespace NeedsAssessment.Statistics;

/// <summary>
/// Funnel-plot control limits for proportions and for rates, following Spiegelhalter DJ. Funnel plots
/// for comparing institutional performance. Stat Med 2005;24:1185-1202, and the PHE/Fingertips funnel
/// guidance as implemented in PHEindicatormethods <c>phe_funnels</c>.
/// </summary>
public static class FunnelPlot
{
    /// <summary>
    /// Control limits for a proportion with target p₀ at sample size n: <c>p₀ ± z √(p₀(1 − p₀)/n)</c>,
    /// clipped to [0, 1]. This is the limit of the score test, i.e. the observed proportions whose Wilson
    /// score interval just reaches p₀, and equals PHEindicatormethods' <c>sigma_adjustment</c>
    /// (Spiegelhalter 2005, normal approximation with the variance at the target).
    /// </summary>
    /// <param name="targetProportion">Target p₀ as a fraction, 0 &lt;= p₀ &lt;= 1 (e.g. sum of numerators / sum of denominators).</param>
    /// <param name="denominator">Sample size n (> 0).</param>
    /// <param name="multiplier">Reporting scale, 100 for a percentage.</param>
    /// <returns>The 95% and 99.8% limits at n.</returns>
    public static FunnelLimits ProportionLimits(double targetProportion, double denominator, double multiplier = 100)
    {
        Guard.NonNegative(targetProportion, nameof(targetProportion));
        if (targetProportion > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(targetProportion), targetProportion, $"targetProportion must be a fraction between 0 and 1 but was {targetProportion}.");
        }

        Guard.Positive(denominator, nameof(denominator));
        Guard.Positive(multiplier, nameof(multiplier));

        var sd = Math.Sqrt(targetProportion * (1 - targetProportion) / denominator);
        double Clip(double p) => Math.Clamp(p, 0, 1) * multiplier;
        var z95 = PoissonConfidenceLimits.Z(0.95);
        var z998 = PoissonConfidenceLimits.Z(0.998);
        return new FunnelLimits(
            denominator,
            targetProportion * multiplier,
            Clip(targetProportion - (z95 * sd)),
            Clip(targetProportion + (z95 * sd)),
            Clip(targetProportion - (z998 * sd)),
            Clip(targetProportion + (z998 * sd)),
            multiplier,
            "normal (score)");
    }

    /// <summary>
    /// Control limits for a rate with target θ at denominator n, exact-Poisson based: with E = θn the
    /// lower limit count is the O whose exact upper confidence limit equals E, and the upper limit count the
    /// O whose exact lower limit equals E, i.e. <c>P(O + 1, E) = 1 − α/2</c> and <c>P(O, E) = α/2</c> with
    /// P the regularised lower incomplete gamma function (the continuous form of the Poisson tail, Ulm 1990).
    /// Limits are O / n × multiplier. This reproduces PHEindicatormethods' rate funnels (<c>poisson_funnel</c>)
    /// and Spiegelhalter 2005's exact Poisson limits. When even O = 0 is inside the interval the lower limit is 0.
    /// </summary>
    /// <param name="targetRate">Target rate θ per unit of denominator (events / person-years), > 0.</param>
    /// <param name="denominator">Population or person-time n (> 0).</param>
    /// <param name="multiplier">Reporting scale, e.g. 100000.</param>
    /// <returns>The 95% and 99.8% limits at n, on the reported scale.</returns>
    public static FunnelLimits RateLimits(double targetRate, double denominator, double multiplier = 100_000)
    {
        Guard.Positive(targetRate, nameof(targetRate));
        Guard.Positive(denominator, nameof(denominator));
        Guard.Positive(multiplier, nameof(multiplier));

        var expected = targetRate * denominator;
        var scale = multiplier / denominator;
        return new FunnelLimits(
            denominator,
            targetRate * multiplier,
            LowerLimitCount(expected, 0.95) * scale,
            UpperLimitCount(expected, 0.95) * scale,
            LowerLimitCount(expected, 0.998) * scale,
            UpperLimitCount(expected, 0.998) * scale,
            multiplier,
            "exact poisson");
    }

    /// <summary>
    /// Proportion limit curves at <paramref name="points"/> denominators spaced geometrically from
    /// <paramref name="minDenominator"/> to <paramref name="maxDenominator"/> (as phe_funnels does), for drawing.
    /// </summary>
    /// <param name="targetProportion">Target as a fraction.</param>
    /// <param name="minDenominator">Smallest denominator (> 0).</param>
    /// <param name="maxDenominator">Largest denominator (>= minDenominator).</param>
    /// <param name="points">Number of points (>= 2).</param>
    /// <param name="multiplier">Reporting scale.</param>
    /// <returns>Limits at each denominator, ascending.</returns>
    public static IReadOnlyList<FunnelLimits> ProportionCurve(double targetProportion, double minDenominator, double maxDenominator, int points = 100, double multiplier = 100)
    {
        return Denominators(minDenominator, maxDenominator, points).Select(n => ProportionLimits(targetProportion, n, multiplier)).ToArray();
    }

    /// <summary>
    /// Rate limit curves at <paramref name="points"/> denominators spaced geometrically from
    /// <paramref name="minDenominator"/> to <paramref name="maxDenominator"/>, for drawing.
    /// </summary>
    /// <param name="targetRate">Target rate per unit of denominator.</param>
    /// <param name="minDenominator">Smallest denominator (> 0).</param>
    /// <param name="maxDenominator">Largest denominator (>= minDenominator).</param>
    /// <param name="points">Number of points (>= 2).</param>
    /// <param name="multiplier">Reporting scale.</param>
    /// <returns>Limits at each denominator, ascending.</returns>
    public static IReadOnlyList<FunnelLimits> RateCurve(double targetRate, double minDenominator, double maxDenominator, int points = 100, double multiplier = 100_000)
    {
        return Denominators(minDenominator, maxDenominator, points).Select(n => RateLimits(targetRate, n, multiplier)).ToArray();
    }

    private static double[] Denominators(double min, double max, int points)
    {
        Guard.Positive(min, "minDenominator");
        Guard.Positive(max, "maxDenominator");
        if (max < min)
        {
            throw new ArgumentOutOfRangeException("maxDenominator", max, $"maxDenominator must be >= minDenominator ({min}) but was {max}.");
        }

        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"points must be at least 2 but was {points}.");
        }

        // Geometric spacing puts most points where the funnel is curved (small denominators).
        var result = new double[points];
        var ratio = Math.Log(max / min) / (points - 1);
        for (var i = 0; i < points; i++)
        {
            result[i] = min * Math.Exp(ratio * i);
        }

        result[points - 1] = max;
        return result;
    }

    // Count O (real) with exact upper limit equal to E: P(O + 1, E) = 1 - α/2; zero if O = 0 already reaches it.
    internal static double LowerLimitCount(double expected, double confidence)
    {
        var target = 1 - ((1 - confidence) / 2);
        double F(double o) => SpecialFunctions.GammaLowerRegularized(o + 1, expected) - target;
        if (F(0) <= 0)
        {
            return 0;
        }

        return SolveDecreasing(F, expected);
    }

    // Count O (real) with exact lower limit equal to E: P(O, E) = α/2.
    internal static double UpperLimitCount(double expected, double confidence)
    {
        var target = (1 - confidence) / 2;
        double F(double o) => SpecialFunctions.GammaLowerRegularized(o, expected) - target;
        return SolveDecreasing(F, expected);
    }

    // P(a, x) falls as a grows, so f is decreasing in o; bisect on a bracket wide enough for any tail used here.
    private static double SolveDecreasing(Func<double, double> f, double expected)
    {
        var lo = 1e-12;
        var hi = expected + (10 * Math.Sqrt(expected)) + 50;
        while (f(hi) > 0)
        {
            hi *= 2;
        }

        for (var i = 0; i < 200 && hi - lo > 1e-12 * Math.Max(1, hi); i++)
        {
            var mid = (lo + hi) / 2;
            if (f(mid) > 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }
}
