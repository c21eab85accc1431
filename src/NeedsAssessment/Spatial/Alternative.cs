namespace NeedsAssessment.Spatial;

/// <summary>The alternative hypothesis for a normal-approximation test (as spdep's <c>alternative</c>).</summary>
public enum Alternative
{
    /// <summary>P(|Z| &gt;= |z|): departure in either direction.</summary>
    TwoSided,

    /// <summary>P(Z &gt;= z): positive autocorrelation / clustering of high values.</summary>
    Greater,

    /// <summary>P(Z &lt;= z): negative autocorrelation / clustering of low values.</summary>
    Less,
}

/// <summary>How p-values are adjusted for the many simultaneous local tests.</summary>
public enum PAdjustMethod
{
    /// <summary>No adjustment.</summary>
    None,

    /// <summary>Benjamini-Hochberg (1995) false-discovery-rate adjustment over all units.</summary>
    BenjaminiHochberg,
}

internal static class NormalTest
{
    /// <summary>p-value of a standard-normal deviate; NaN propagates so undefined statistics stay undefined.</summary>
    public static double PValue(double z, Alternative alternative)
    {
        if (double.IsNaN(z)) return double.NaN;
        // Tail probabilities are taken from the lower tail of the CDF so tiny p-values keep precision.
        return alternative switch
        {
            Alternative.TwoSided => Math.Min(1.0, 2.0 * MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, -Math.Abs(z))),
            Alternative.Greater => MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, -z),
            Alternative.Less => MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, z),
            _ => throw new ArgumentOutOfRangeException(nameof(alternative)),
        };
    }
}
