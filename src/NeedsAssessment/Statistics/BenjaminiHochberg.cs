namespace NeedsAssessment.Statistics;

/// <summary>Benjamini-Hochberg false-discovery-rate adjustment of p-values.</summary>
public static class BenjaminiHochberg
{
    /// <summary>
    /// Adjusted p-values, identical to R's <c>p.adjust(p, method = "BH")</c>:
    /// for the ascending-sorted p<sub>(k)</sub>, q<sub>(k)</sub> = min<sub>j&gt;=k</sub> min(1, m p<sub>(j)</sub> / j)
    /// (Benjamini &amp; Hochberg 1995, J. R. Stat. Soc. B 57:289-300).
    /// NaN inputs stay NaN and are not counted in m, as R treats NA.
    /// </summary>
    /// <param name="pValues">Unadjusted p-values in [0, 1] (or NaN).</param>
    /// <returns>Adjusted p-values in the input order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A p-value outside [0, 1].</exception>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var result = new double[pValues.Count];
        var order = new List<int>(pValues.Count);
        for (int i = 0; i < pValues.Count; i++)
        {
            double p = pValues[i];
            if (double.IsNaN(p)) { result[i] = double.NaN; continue; }
            if (p < 0.0 || p > 1.0) throw new ArgumentOutOfRangeException(nameof(pValues), p, "p-values must lie in [0, 1].");
            order.Add(i);
        }
        int m = order.Count;
        // Stable sort keeps ties in input order, so results do not depend on sort internals.
        var sorted = order.OrderBy(i => pValues[i]).ToArray();
        double running = 1.0;
        for (int k = m; k >= 1; k--)
        {
            int i = sorted[k - 1];
            running = Math.Min(running, Math.Min(1.0, pValues[i] * m / k));
            result[i] = running;
        }
        return result;
    }
}
