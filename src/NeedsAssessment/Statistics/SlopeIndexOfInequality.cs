using MathNet.Numerics.Distributions;

namespace NeedsAssessment.Statistics;

/// <summary>Slope index of inequality (SII) and relative index of inequality (RII).</summary>
public static class SlopeIndexOfInequality
{
    /// <summary>
    /// Weighted least-squares regression of the quantile values yᵢ on the ridit xᵢ (the mid-point of each
    /// quantile's cumulative population share, xᵢ = Σⱼ₍ⱼ&lt;ᵢ₎ pⱼ + pᵢ/2), weighted by population:
    /// SII = Sxy / Sxx (the slope, i.e. the modelled gap across the whole population from the first quantile's
    /// end to the last). The interval is SII ± t(k − 2) × SE with SE² = σ̂² / Sxx and
    /// σ̂² = Σ wᵢ eᵢ² / (k − 2) — the regression's own standard error, so it reflects scatter about the line
    /// rather than each quantile's sampling error. RII = SII / ȳ, where ȳ is the population-weighted mean
    /// (Mackenbach JP, Kunst AE. Soc Sci Med 1997;44:757-771 "RII = SII / mean"); note PHEindicatormethods'
    /// optional RII is instead the ratio of fitted values at the two ends. Sources: Low A, Low A. Measuring the
    /// gap: quantifying and comparing local health inequalities. J Public Health 2004;26:388-395; Fingertips
    /// technical guidance (SII). Quantiles must be ordered along the deprivation scale (e.g. most deprived first,
    /// so that a positive SII means values rise towards the least deprived).
    /// </summary>
    /// <param name="values">Value (rate, proportion, …) per quantile, in deprivation order.</param>
    /// <param name="populations">Population per quantile (> 0), same order.</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>SII, RII and their intervals.</returns>
    public static InequalityEstimate Calculate(IReadOnlyList<double> values, IReadOnlyList<double> populations, double confidence = 0.95)
    {
        Guard.NotNull(values, nameof(values));
        Guard.NotNull(populations, nameof(populations));
        Guard.SameLength(values, nameof(values), populations, nameof(populations));
        // Two points fit any line exactly and leave no degrees of freedom for an interval.
        Guard.MinCount(values, 3, nameof(values));
        Guard.AllFinite(values, nameof(values));
        Guard.AllPositive(populations, nameof(populations));
        Guard.Confidence(confidence, nameof(confidence));

        var k = values.Count;
        var x = Ridits(populations);
        double w = 0, sx = 0, sy = 0;
        for (var i = 0; i < k; i++)
        {
            w += populations[i];
            sx += populations[i] * x[i];
            sy += populations[i] * values[i];
        }

        var xBar = sx / w;
        var yBar = sy / w;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < k; i++)
        {
            sxx += populations[i] * (x[i] - xBar) * (x[i] - xBar);
            sxy += populations[i] * (x[i] - xBar) * (values[i] - yBar);
        }

        var slope = sxy / sxx;
        var intercept = yBar - (slope * xBar);
        double rss = 0;
        for (var i = 0; i < k; i++)
        {
            var e = values[i] - (intercept + (slope * x[i]));
            rss += populations[i] * e * e;
        }

        var se = Math.Sqrt(rss / (k - 2) / sxx);
        var t = StudentT.InvCDF(0, 1, k - 2, 1 - ((1 - confidence) / 2));
        var lower = slope - (t * se);
        var upper = slope + (t * se);
        return new InequalityEstimate(
            slope,
            lower,
            upper,
            slope / yBar,
            lower / yBar,
            upper / yBar,
            intercept,
            yBar,
            k,
            confidence,
            "wls regression (t interval)");
    }

    /// <summary>
    /// The same SII and RII point estimates, with the interval from simulation as in PHEindicatormethods
    /// <c>phe_sii</c>: each quantile value is redrawn from Normal(yᵢ, SEᵢ) <paramref name="repeats"/> times, the
    /// weighted regression refitted each time, and the α/2 and 1 − α/2 percentiles (linear interpolation) of
    /// the simulated SIIs (and RIIs = simulated SII / simulated weighted mean) taken. This reflects each
    /// quantile's sampling error rather than scatter about the line. Deterministic for a given seed.
    /// Sources: Low A, Low A. J Public Health 2004;26:388-395; PHEindicatormethods phe_sii (confidence
    /// intervals by simulation, Fingertips technical guidance).
    /// </summary>
    /// <param name="values">Value per quantile, in deprivation order.</param>
    /// <param name="populations">Population per quantile (> 0).</param>
    /// <param name="standardErrors">Standard error of each quantile value (>= 0).</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <param name="repeats">Number of simulations (>= 1000).</param>
    /// <param name="seed">Seed for the random number generator.</param>
    /// <returns>SII, RII and simulated intervals.</returns>
    public static InequalityEstimate CalculateBySimulation(
        IReadOnlyList<double> values,
        IReadOnlyList<double> populations,
        IReadOnlyList<double> standardErrors,
        double confidence = 0.95,
        int repeats = 100_000,
        int seed = 1)
    {
        Guard.NotNull(standardErrors, nameof(standardErrors));
        var point = Calculate(values, populations, confidence);
        Guard.SameLength(values, nameof(values), standardErrors, nameof(standardErrors));
        Guard.AllNonNegative(standardErrors, nameof(standardErrors));
        if (repeats < 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(repeats), repeats, $"repeats must be at least 1000 for stable percentiles but was {repeats}.");
        }

        var k = values.Count;
        var x = Ridits(populations);
        var total = populations.Sum();
        var xBar = 0.0;
        for (var i = 0; i < k; i++)
        {
            xBar += populations[i] * x[i] / total;
        }

        // The slope is linear in y: SII = Σ cᵢ yᵢ with cᵢ = wᵢ(xᵢ − x̄)/Sxx, so each simulation is a dot product.
        var sxx = 0.0;
        for (var i = 0; i < k; i++)
        {
            sxx += populations[i] * (x[i] - xBar) * (x[i] - xBar);
        }

        var c = new double[k];
        for (var i = 0; i < k; i++)
        {
            c[i] = populations[i] * (x[i] - xBar) / sxx;
        }

        var random = new Random(seed);
        var siis = new double[repeats];
        var riis = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            double slope = 0, mean = 0;
            for (var i = 0; i < k; i++)
            {
                var y = MathNet.Numerics.Distributions.Normal.Sample(random, values[i], standardErrors[i]);
                slope += c[i] * y;
                mean += populations[i] * y / total;
            }

            siis[r] = slope;
            riis[r] = slope / mean;
        }

        Array.Sort(siis);
        Array.Sort(riis);
        var tail = (1 - confidence) / 2;
        return point with
        {
            SiiLower = Percentile(siis, tail),
            SiiUpper = Percentile(siis, 1 - tail),
            RiiLower = Percentile(riis, tail),
            RiiUpper = Percentile(riis, 1 - tail),
            Method = $"wls regression (simulated interval, {repeats} repeats, seed {seed})",
        };
    }

    // Type 7 (R default) percentile of sorted data.
    private static double Percentile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>
    /// Ridit scores: the mid-point of each quantile's cumulative share of population,
    /// <c>xᵢ = (Σⱼ&lt;ᵢ nⱼ + nᵢ/2) / Σ n</c>.
    /// </summary>
    /// <param name="populations">Population per quantile (> 0), in deprivation order.</param>
    /// <returns>The ridit of each quantile, in (0, 1).</returns>
    public static IReadOnlyList<double> Ridits(IReadOnlyList<double> populations)
    {
        Guard.NotNull(populations, nameof(populations));
        Guard.AllPositive(populations, nameof(populations));
        var total = populations.Sum();
        var result = new double[populations.Count];
        double cumulative = 0;
        for (var i = 0; i < populations.Count; i++)
        {
            result[i] = (cumulative + (populations[i] / 2)) / total;
            cumulative += populations[i];
        }

        return result;
    }
}
