namespace NeedsAssessment.Statistics;

/// <summary>Gini coefficient and Lorenz curve for event counts across areas.</summary>
public static class GiniCoefficient
{
    /// <summary>
    /// Orders areas by ascending rate (count / population; count alone when unweighted), builds the Lorenz
    /// curve of cumulative population share Xₖ against cumulative count share Yₖ, and returns
    /// <c>G = 1 − Σ (Xₖ − Xₖ₋₁)(Yₖ + Yₖ₋₁)</c> (trapezium rule: one minus twice the area under the curve).
    /// With n equal-weight areas, all events in one area gives (n − 1)/n. Sources: Gini C. Variabilità e
    /// mutabilità. Bologna; 1912; Brown M. Using Gini-style indices to evaluate the spatial patterns of health
    /// practitioners. Soc Sci Med 1994;38:1243-1256 (trapezium formula).
    /// </summary>
    /// <param name="counts">Event count per area (>= 0, not all zero).</param>
    /// <param name="populations">Population per area (> 0), or null to weight areas equally.</param>
    /// <returns>The Gini coefficient and the Lorenz points.</returns>
    public static GiniResult Calculate(IReadOnlyList<double> counts, IReadOnlyList<double>? populations = null)
    {
        Guard.NotNull(counts, nameof(counts));
        Guard.MinCount(counts, 1, nameof(counts));
        Guard.AllNonNegative(counts, nameof(counts));
        if (populations is not null)
        {
            Guard.SameLength(counts, nameof(counts), populations, nameof(populations));
            Guard.AllPositive(populations, nameof(populations));
        }

        var totalCount = counts.Sum();
        if (totalCount <= 0)
        {
            throw new ArgumentException($"counts must not all be zero (sum was {totalCount}); the Lorenz curve is undefined.", nameof(counts));
        }

        var n = counts.Count;
        var weights = populations ?? Enumerable.Repeat(1.0, n).ToArray();
        var totalWeight = weights.Sum();
        var order = Enumerable.Range(0, n).OrderBy(i => counts[i] / weights[i]).ThenBy(i => i).ToArray();

        var points = new LorenzPoint[n + 1];
        points[0] = new LorenzPoint(0, 0);
        double cumX = 0, cumY = 0, gini = 1;
        for (var k = 0; k < n; k++)
        {
            var i = order[k];
            var x = cumX + (weights[i] / totalWeight);
            var y = cumY + (counts[i] / totalCount);
            gini -= (x - cumX) * (y + cumY);
            cumX = x;
            cumY = y;
            points[k + 1] = new LorenzPoint(x, y);
        }

        // Summation leaves the last vertex a rounding error away from (1, 1); the curve ends there by definition.
        points[n] = new LorenzPoint(1, 1);
        return new GiniResult(gini, points);
    }
}
