using System.Collections.Immutable;

namespace NeedsAssessment.Spatial;

/// <summary>LISA cluster/outlier quadrant of a unit (Anselin 1995) by the sign of its deviation and of its spatial lag.</summary>
public enum MoranQuadrant
{
    /// <summary>Not significant at the chosen level (or undefined).</summary>
    NotSignificant = 0,

    /// <summary>High value among high neighbours (hot cluster).</summary>
    HighHigh,

    /// <summary>Low value among low neighbours (cold cluster).</summary>
    LowLow,

    /// <summary>High value among low neighbours (outlier).</summary>
    HighLow,

    /// <summary>Low value among high neighbours (outlier).</summary>
    LowHigh,
}

/// <summary>One unit's local Moran result.</summary>
/// <param name="I">I<sub>i</sub> = (z<sub>i</sub>/m<sub>2</sub>) Σ<sub>j</sub> w<sub>ij</sub>z<sub>j</sub>.</param>
/// <param name="Expected">E[I<sub>i</sub>] under the chosen null.</param>
/// <param name="Variance">Var[I<sub>i</sub>] under the chosen null.</param>
/// <param name="Z">(I<sub>i</sub> − E[I<sub>i</sub>]) / √Var[I<sub>i</sub>].</param>
/// <param name="P">Normal-approximation p-value for the chosen alternative.</param>
/// <param name="PseudoP">Folded permutation pseudo p-value (M+1)/(R+1), or null when no permutations were run.</param>
/// <param name="Quadrant">Quadrant when significant (pseudo p if permutations were run, else p), else <see cref="MoranQuadrant.NotSignificant"/>.</param>
public sealed record LocalMoranValue(double I, double Expected, double Variance, double Z, double P, double? PseudoP, MoranQuadrant Quadrant);

/// <summary>Local Moran settings actually used.</summary>
/// <param name="Conditional">True: conditional-randomisation moments (Sokal et al. 1998 A7/A8); false: total randomisation (A3/A4).</param>
/// <param name="Alternative">Alternative hypothesis of <see cref="LocalMoranValue.P"/>.</param>
/// <param name="Permutations">Number of conditional permutations R (0 = none).</param>
/// <param name="Seed">Seed of the permutation random stream.</param>
/// <param name="Significance">Level below which a quadrant is reported.</param>
/// <param name="Weights">How the neighbours were built.</param>
public sealed record LocalMoranParameters(bool Conditional, Alternative Alternative, int Permutations, int Seed, double Significance, WeightsParameters Weights);

/// <summary>Local Moran's I for every unit.</summary>
/// <param name="Parameters">Settings used.</param>
/// <param name="N">Number of units.</param>
/// <param name="Values">Per-unit results in input order.</param>
public sealed record LocalMoranResult(LocalMoranParameters Parameters, int N, ImmutableArray<LocalMoranValue> Values);

/// <summary>Local Moran's I, a local indicator of spatial association (Anselin 1995, Geogr. Anal. 27:93-115).</summary>
public static class LocalMoran
{
    /// <summary>
    /// I<sub>i</sub> = (z<sub>i</sub>/m<sub>2</sub>) Σ<sub>j</sub> w<sub>ij</sub>z<sub>j</sub>, z = x − x̄, m<sub>2</sub> = Σz²/n, with moments as spdep's
    /// <c>localmoran</c> (mlvar = TRUE). Total randomisation: E = −W<sub>i</sub>/(n−1),
    /// Var = A·S1<sub>i</sub> + B·(W<sub>i</sub>² − S1<sub>i</sub>) − E², A = (n − b<sub>2</sub>)/(n − 1),
    /// B = (2b<sub>2</sub> − n)/((n − 1)(n − 2)), b<sub>2</sub> = (Σz⁴/n)/m<sub>2</sub>².
    /// Conditional randomisation (Sokal, Oden &amp; Thomson 1998, Geogr. Anal. 30:331-354, A7/A8; Sauer et al. 2021):
    /// E = −z<sub>i</sub>²W<sub>i</sub>/((n−1)m<sub>2</sub>),
    /// Var = (z<sub>i</sub>/m<sub>2</sub>)² · n/(n−2) · (S1<sub>i</sub> − W<sub>i</sub>²/(n−1)) · (m<sub>2</sub> − z<sub>i</sub>²/(n−1)).
    /// Optional permutations hold z<sub>i</sub> fixed and draw its neighbours' values from the other n − 1 without replacement;
    /// the pseudo p is (M+1)/(R+1) with M the number of permuted I<sub>i</sub> at least as extreme on the folded side
    /// (as esda's <c>Moran_Local</c> <c>p_sim</c>).
    /// </summary>
    /// <param name="values">x per unit.</param>
    /// <param name="weights">Weights without self-neighbours (binary or row-standardised).</param>
    /// <param name="conditional">Use the conditional-randomisation moments (spdep's default since 1.1-7).</param>
    /// <param name="alternative">Alternative for the analytical p; two-sided by default.</param>
    /// <param name="permutations">Conditional permutations R (0 for none); with R &gt; 0 quadrants use the pseudo p.</param>
    /// <param name="seed">Seed for the permutations; 12345 when null.</param>
    /// <param name="significance">Level for reporting a quadrant; 0.05 by default.</param>
    public static LocalMoranResult Compute(
        IReadOnlyList<double> values,
        SpatialWeights weights,
        bool conditional = true,
        Alternative alternative = Alternative.TwoSided,
        int permutations = 0,
        int? seed = null,
        double significance = 0.05)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        int n = values.Count;
        if (weights.Count != n) throw new ArgumentException("One value per unit of the weights is needed.", nameof(values));
        if (weights.Parameters.IncludesSelf) throw new ArgumentException("Local Moran's I needs weights without self-neighbours.", nameof(weights));
        if (n < 3) throw new ArgumentException("Local Moran's I needs at least three units.", nameof(values));
        ArgumentOutOfRangeException.ThrowIfNegative(permutations);
        int usedSeed = seed ?? 12345;

        double mean = values.Average();
        var z = new double[n];
        double m2 = 0, m4 = 0;
        for (int i = 0; i < n; i++) { z[i] = values[i] - mean; m2 += z[i] * z[i]; m4 += z[i] * z[i] * z[i] * z[i]; }
        m2 /= n; m4 /= n;
        double b2 = m4 / (m2 * m2);
        var lag = weights.Lag(z);
        var random = new Random(usedSeed);

        var results = ImmutableArray.CreateBuilder<LocalMoranValue>(n);
        for (int i = 0; i < n; i++)
        {
            double wi = 0, s1 = 0;
            foreach (var w in weights.WeightsOf(i)) { wi += w; s1 += w * w; }
            double ii = z[i] / m2 * lag[i];
            double e, v;
            if (conditional)
            {
                e = -(z[i] * z[i] * wi) / ((n - 1) * m2);
                v = (z[i] / m2) * (z[i] / m2) * (n / (n - 2.0)) * (s1 - wi * wi / (n - 1)) * (m2 - z[i] * z[i] / (n - 1));
            }
            else
            {
                e = -wi / (n - 1);
                double a = (n - b2) / (n - 1);
                double b = (2 * b2 - n) / ((n - 1.0) * (n - 2.0));
                v = a * s1 + b * (wi * wi - s1) - e * e;
            }
            // Zero variance (constant data, or z_i = 0 under the conditional null) leaves z undefined rather than infinite.
            double zScore = v > 0 ? (ii - e) / Math.Sqrt(v) : double.NaN;
            double p = NormalTest.PValue(zScore, alternative);
            double? pseudo = permutations > 0 ? PseudoP(i, ii, z, m2, weights, permutations, random) : null;
            double pTest = pseudo ?? p;
            var quadrant = MoranQuadrant.NotSignificant;
            if (pTest < significance)
            {
                if (z[i] > 0 && lag[i] > 0) quadrant = MoranQuadrant.HighHigh;
                else if (z[i] < 0 && lag[i] < 0) quadrant = MoranQuadrant.LowLow;
                else if (z[i] > 0 && lag[i] < 0) quadrant = MoranQuadrant.HighLow;
                else if (z[i] < 0 && lag[i] > 0) quadrant = MoranQuadrant.LowHigh;
            }
            results.Add(new LocalMoranValue(ii, e, v, zScore, p, pseudo, quadrant));
        }
        var parameters = new LocalMoranParameters(conditional, alternative, permutations, usedSeed, significance, weights.Parameters);
        return new LocalMoranResult(parameters, n, results.MoveToImmutable());
    }

    private static double PseudoP(int i, double observed, double[] z, double m2, SpatialWeights weights, int permutations, Random random)
    {
        int n = z.Length;
        var w = weights.WeightsOf(i);
        int k = w.Length;
        // Pool of the other n-1 indices; a partial Fisher-Yates shuffle draws k of them without replacement.
        var pool = new int[n - 1];
        for (int j = 0, t = 0; j < n; j++) if (j != i) pool[t++] = j;
        int larger = 0;
        for (int r = 0; r < permutations; r++)
        {
            double lag = 0;
            for (int t = 0; t < k; t++)
            {
                int s = t + random.Next(n - 1 - t);
                (pool[t], pool[s]) = (pool[s], pool[t]);
                lag += w[t] * z[pool[t]];
            }
            if (z[i] / m2 * lag >= observed) larger++;
        }
        if (permutations - larger < larger) larger = permutations - larger;
        return (larger + 1.0) / (permutations + 1.0);
    }
}
