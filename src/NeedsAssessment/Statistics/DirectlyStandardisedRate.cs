namespace NeedsAssessment.Statistics;

/// <summary>Directly standardised rate with Dobson limits, as in PHEindicatormethods <c>phe_dsr</c>.</summary>
public static class DirectlyStandardisedRate
{
    /// <summary>The reason given when the total count is too small for a DSR to be published.</summary>
    public const string SmallCountReason = "dsr not given for total count < 10";

    /// <summary>
    /// DSR = Σ wᵢOᵢ/nᵢ / Σwᵢ × multiplier, with the Dobson interval
    /// <c>DSR + √(Var(DSR)/O) (O_limit − O)</c> where O = ΣOᵢ, Var(DSR) = Σ wᵢ²Oᵢ/nᵢ² / (Σwᵢ)² and O_limit is
    /// Byar's limit for O. When O &lt; 10 no value is given (NaN) and <see cref="StandardisedRate.Reason"/>
    /// says why, following phe_dsr. Sources: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence
    /// intervals for weighted sums of Poisson parameters. Stat Med 1991;10:457-462; Byar's method in
    /// Breslow NE, Day NE. Statistical Methods in Cancer Research Vol II. Lyon: IARC; 1987.
    /// </summary>
    /// <param name="counts">Observed count per band (>= 0).</param>
    /// <param name="populations">Population per band (> 0), same length as counts.</param>
    /// <param name="standardPopulation">Standard population per band; null means
    /// <see cref="EuropeanStandardPopulation2013.Weights"/> (then 19 bands are required).</param>
    /// <param name="multiplier">Scale of the rate (> 0).</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>The DSR and its limits, or NaN values with a reason.</returns>
    public static StandardisedRate Calculate(
        IReadOnlyList<double> counts,
        IReadOnlyList<double> populations,
        IReadOnlyList<double>? standardPopulation = null,
        double multiplier = 100_000,
        double confidence = 0.95)
    {
        Guard.NotNull(counts, nameof(counts));
        Guard.NotNull(populations, nameof(populations));
        var weights = standardPopulation ?? EuropeanStandardPopulation2013.Weights;
        Guard.MinCount(counts, 1, nameof(counts));
        Guard.SameLength(counts, nameof(counts), populations, nameof(populations));
        Guard.SameLength(counts, nameof(counts), weights, nameof(standardPopulation));
        Guard.AllNonNegative(counts, nameof(counts));
        Guard.AllPositive(populations, nameof(populations));
        Guard.AllNonNegative(weights, nameof(standardPopulation));
        Guard.Positive(multiplier, nameof(multiplier));
        Guard.Confidence(confidence, nameof(confidence));

        double totalWeight = 0, weightedRate = 0, variance = 0, totalCount = 0, totalPopulation = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            var w = weights[i];
            var rate = counts[i] / populations[i];
            totalWeight += w;
            weightedRate += w * rate;
            variance += w * w * counts[i] / (populations[i] * populations[i]);
            totalCount += counts[i];
            totalPopulation += populations[i];
        }

        Guard.Positive(totalWeight, "sum of standardPopulation");
        if (totalCount < PoissonConfidenceLimits.ExactThreshold)
        {
            return new StandardisedRate(double.NaN, double.NaN, double.NaN, confidence, "dobson", totalCount, totalPopulation, multiplier, SmallCountReason);
        }

        var dsr = weightedRate / totalWeight;
        var varDsr = variance / (totalWeight * totalWeight);
        var factor = Math.Sqrt(varDsr / totalCount);
        var lower = dsr + (factor * (PoissonConfidenceLimits.ByarLower(totalCount, confidence) - totalCount));
        var upper = dsr + (factor * (PoissonConfidenceLimits.ByarUpper(totalCount, confidence) - totalCount));
        return new StandardisedRate(dsr * multiplier, lower * multiplier, upper * multiplier, confidence, "dobson", totalCount, totalPopulation, multiplier);
    }
}
