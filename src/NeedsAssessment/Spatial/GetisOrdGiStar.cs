using System.Collections.Immutable;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Spatial;

/// <summary>Hot/cold-spot class of a unit from its Gi* z-score and p-value (ArcGIS "Gi_Bin" convention).</summary>
public enum HotspotClass
{
    /// <summary>Not significant at 90% confidence, or undefined.</summary>
    None = 0,

    /// <summary>Gi* &gt; 0 with p &lt; 0.10.</summary>
    Hot90 = 1,

    /// <summary>Gi* &gt; 0 with p &lt; 0.05.</summary>
    Hot95 = 2,

    /// <summary>Gi* &gt; 0 with p &lt; 0.01.</summary>
    Hot99 = 3,

    /// <summary>Gi* &lt; 0 with p &lt; 0.10.</summary>
    Cold90 = -1,

    /// <summary>Gi* &lt; 0 with p &lt; 0.05.</summary>
    Cold95 = -2,

    /// <summary>Gi* &lt; 0 with p &lt; 0.01.</summary>
    Cold99 = -3,
}

/// <summary>One unit's Gi* result.</summary>
/// <param name="Z">Gi* as a z-score (NaN when the values have zero variance).</param>
/// <param name="P">Two-sided normal p-value.</param>
/// <param name="PAdjusted">p after the multiple-comparison adjustment recorded in <see cref="GiStarParameters"/>.</param>
/// <param name="Class">Hot/cold class at 99/95/90% confidence.</param>
public sealed record GiStarValue(double Z, double P, double PAdjusted, HotspotClass Class);

/// <summary>Gi* settings actually used.</summary>
/// <param name="PAdjust">Multiple-comparison adjustment of p.</param>
/// <param name="ClassifyOnAdjusted">True when classes use <see cref="GiStarValue.PAdjusted"/>, false when raw p.</param>
/// <param name="Weights">How the neighbours were built.</param>
public sealed record GiStarParameters(PAdjustMethod PAdjust, bool ClassifyOnAdjusted, WeightsParameters Weights);

/// <summary>Getis-Ord Gi* for every unit.</summary>
/// <param name="Parameters">Settings used.</param>
/// <param name="N">Number of units n.</param>
/// <param name="Mean">x̄ over all units.</param>
/// <param name="StandardDeviation">Population standard deviation S of x.</param>
/// <param name="Values">Per-unit results in input order.</param>
public sealed record GiStarResult(GiStarParameters Parameters, int N, double Mean, double StandardDeviation, ImmutableArray<GiStarValue> Values);

/// <summary>Getis-Ord Gi* local statistic (Getis &amp; Ord 1992, Geogr. Anal. 24:189-206; Ord &amp; Getis 1995, Geogr. Anal. 27:286-306).</summary>
public static class GetisOrdGiStar
{
    /// <summary>
    /// Gi* in z-score form, with the focal unit its own neighbour:
    /// Gi* = (Σ<sub>j</sub> w<sub>ij</sub>x<sub>j</sub> − x̄W<sub>i</sub>) / (S √((n S1<sub>i</sub> − W<sub>i</sub>²)/(n − 1))),
    /// where W<sub>i</sub> = Σ<sub>j</sub> w<sub>ij</sub>, S1<sub>i</sub> = Σ<sub>j</sub> w<sub>ij</sub>², x̄ and S the mean and
    /// population standard deviation of all n values (Ord &amp; Getis 1995 eq. 14; spdep <c>localG</c> with <c>include.self</c>).
    /// p is two-sided from the standard normal.
    /// </summary>
    /// <param name="values">x per unit (e.g. grid counts), aligned with <paramref name="weights"/>.</param>
    /// <param name="weights">Weights that include each unit as its own neighbour.</param>
    /// <param name="pAdjust">Multiple-comparison adjustment; Benjamini-Hochberg FDR over all units by default.</param>
    /// <param name="classifyOnAdjusted">Classify on the adjusted p (default) rather than the raw p.</param>
    /// <exception cref="ArgumentException">Weights without self-neighbours, or a length mismatch.</exception>
    public static GiStarResult Compute(
        IReadOnlyList<double> values,
        SpatialWeights weights,
        PAdjustMethod pAdjust = PAdjustMethod.BenjaminiHochberg,
        bool classifyOnAdjusted = true)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        int n = values.Count;
        if (weights.Count != n) throw new ArgumentException("One value per unit of the weights is needed.", nameof(values));
        if (!weights.Parameters.IncludesSelf)
            throw new ArgumentException("Gi* needs each unit to be its own neighbour: build the weights with includeSelf: true.", nameof(weights));
        if (n < 2) throw new ArgumentException("Gi* needs at least two units.", nameof(values));

        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) { sum += values[i]; sumSq += values[i] * values[i]; }
        double mean = sum / n;
        double s = Math.Sqrt(Math.Max(0.0, sumSq / n - mean * mean));

        var z = new double[n];
        var p = new double[n];
        var lag = weights.Lag(values);
        for (int i = 0; i < n; i++)
        {
            double wi = 0, s1 = 0;
            foreach (var w in weights.WeightsOf(i)) { wi += w; s1 += w * w; }
            double denom = s * Math.Sqrt((n * s1 - wi * wi) / (n - 1));
            // Zero variance (all counts equal) or a unit whose neighbourhood is everything leaves Gi* undefined.
            z[i] = denom > 0 ? (lag[i] - mean * wi) / denom : double.NaN;
            p[i] = NormalTest.PValue(z[i], Alternative.TwoSided);
        }
        var adjusted = pAdjust == PAdjustMethod.BenjaminiHochberg ? BenjaminiHochberg.Adjust(p) : (double[])p.Clone();

        var results = ImmutableArray.CreateBuilder<GiStarValue>(n);
        for (int i = 0; i < n; i++)
            results.Add(new GiStarValue(z[i], p[i], adjusted[i], Classify(z[i], classifyOnAdjusted ? adjusted[i] : p[i])));
        return new GiStarResult(new GiStarParameters(pAdjust, classifyOnAdjusted, weights.Parameters), n, mean, s, results.MoveToImmutable());
    }

    /// <summary>Class from the sign of Gi* and p: 99% when p &lt; 0.01, 95% when p &lt; 0.05, 90% when p &lt; 0.10.</summary>
    public static HotspotClass Classify(double z, double p)
    {
        if (double.IsNaN(z) || double.IsNaN(p) || z == 0) return HotspotClass.None;
        int level = p < 0.01 ? 3 : p < 0.05 ? 2 : p < 0.10 ? 1 : 0;
        return (HotspotClass)(z > 0 ? level : -level);
    }
}
