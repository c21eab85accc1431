namespace NeedsAssessment.Spatial;

/// <summary>Global Moran's I with its moments under both Cliff-Ord null hypotheses.</summary>
/// <param name="I">Moran's I.</param>
/// <param name="Expected">E[I] = −1/(n − 1).</param>
/// <param name="VarianceNormality">Var[I] assuming normally distributed values.</param>
/// <param name="VarianceRandomisation">Var[I] under random permutation of the observed values.</param>
/// <param name="ZNormality">(I − E[I]) / √Var<sub>N</sub>.</param>
/// <param name="ZRandomisation">(I − E[I]) / √Var<sub>R</sub>.</param>
/// <param name="PNormality">p of <paramref name="ZNormality"/> for <paramref name="Alternative"/>.</param>
/// <param name="PRandomisation">p of <paramref name="ZRandomisation"/> for <paramref name="Alternative"/>.</param>
/// <param name="N">Number of units.</param>
/// <param name="S0">S0 = Σ<sub>i</sub>Σ<sub>j</sub> w<sub>ij</sub>.</param>
/// <param name="S1">S1 = ½ Σ<sub>i</sub>Σ<sub>j</sub> (w<sub>ij</sub> + w<sub>ji</sub>)².</param>
/// <param name="S2">S2 = Σ<sub>i</sub> (w<sub>i·</sub> + w<sub>·i</sub>)².</param>
/// <param name="Kurtosis">b<sub>2</sub> = n Σz⁴ / (Σz²)².</param>
/// <param name="Alternative">Alternative hypothesis of the p-values.</param>
/// <param name="Weights">How the neighbours were built.</param>
public sealed record GlobalMoranResult(
    double I, double Expected, double VarianceNormality, double VarianceRandomisation,
    double ZNormality, double ZRandomisation, double PNormality, double PRandomisation,
    int N, double S0, double S1, double S2, double Kurtosis, Alternative Alternative, WeightsParameters Weights);

/// <summary>Global Moran's I (Moran 1950; moments from Cliff &amp; Ord 1981, Spatial Processes, ch. 2; as spdep's <c>moran.test</c>).</summary>
public static class GlobalMoran
{
    /// <summary>
    /// I = (n/S0) Σ<sub>ij</sub> w<sub>ij</sub>z<sub>i</sub>z<sub>j</sub> / Σz<sub>i</sub>², E[I] = −1/(n−1);
    /// Var<sub>N</sub> = (n²S1 − nS2 + 3S0²)/((n² − 1)S0²) − E[I]²;
    /// Var<sub>R</sub> = [n((n² − 3n + 3)S1 − nS2 + 3S0²) − b<sub>2</sub>((n² − n)S1 − 2nS2 + 6S0²)] / ((n−1)(n−2)(n−3)S0²) − E[I]².
    /// </summary>
    /// <param name="values">x per unit.</param>
    /// <param name="weights">Weights without self-neighbours.</param>
    /// <param name="alternative">Alternative hypothesis; two-sided by default (spdep's moran.test defaults to "greater").</param>
    public static GlobalMoranResult Compute(IReadOnlyList<double> values, SpatialWeights weights, Alternative alternative = Alternative.TwoSided)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        int n = values.Count;
        if (weights.Count != n) throw new ArgumentException("One value per unit of the weights is needed.", nameof(values));
        if (weights.Parameters.IncludesSelf) throw new ArgumentException("Moran's I needs weights without self-neighbours.", nameof(weights));
        if (n < 4) throw new ArgumentException("Moran's I randomisation variance needs at least four units.", nameof(values));

        double mean = values.Average();
        var z = values.Select(v => v - mean).ToArray();
        double sz2 = z.Sum(v => v * v), sz4 = z.Sum(v => v * v * v * v);
        var lag = weights.Lag(z);
        double cross = 0;
        for (int i = 0; i < n; i++) cross += z[i] * lag[i];

        double s0 = 0, s1 = 0;
        var colSum = new double[n];
        var rowSum = new double[n];
        for (int i = 0; i < n; i++)
        {
            var nb = weights.NeighboursOf(i);
            var w = weights.WeightsOf(i);
            for (int k = 0; k < nb.Length; k++)
            {
                int j = nb[k];
                s0 += w[k];
                rowSum[i] += w[k];
                colSum[j] += w[k];
                // Every stored link stands for the ordered pairs (i,j) and (j,i), each worth (w_ij + w_ji)^2 / 2.
                // A symmetric link is stored twice (in rows i and j), so it adds half each time; a one-way link
                // (k-nearest) is stored once, so it adds the whole amount here.
                double wji = weights.Weight(j, i);
                double pair = (w[k] + wji) * (w[k] + wji);
                s1 += wji != 0 ? 0.5 * pair : pair;
            }
        }
        double s2 = 0;
        for (int i = 0; i < n; i++) s2 += (rowSum[i] + colSum[i]) * (rowSum[i] + colSum[i]);

        double I = n / s0 * cross / sz2;
        double e = -1.0 / (n - 1);
        double nn = (double)n * n;
        double varN = (nn * s1 - n * s2 + 3 * s0 * s0) / ((nn - 1) * s0 * s0) - e * e;
        double b2 = n * sz4 / (sz2 * sz2);
        double varR = (n * ((nn - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) - b2 * ((nn - n) * s1 - 2 * n * s2 + 6 * s0 * s0))
                      / ((n - 1.0) * (n - 2.0) * (n - 3.0) * s0 * s0) - e * e;
        double zN = (I - e) / Math.Sqrt(varN), zR = (I - e) / Math.Sqrt(varR);
        return new GlobalMoranResult(I, e, varN, varR, zN, zR,
            NormalTest.PValue(zN, alternative), NormalTest.PValue(zR, alternative),
            n, s0, s1, s2, b2, alternative, weights.Parameters);
    }
}
