using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace NeedsAssessment.Statistics;

/// <summary>Trend test by Poisson regression of counts on time, with an optional log-population offset.</summary>
public static class PoissonTrend
{
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-10;

    /// <summary>
    /// Fits log E[Oₜ] = β₀ + β₁t + log nₜ by iteratively reweighted least squares (Fisher scoring:
    /// β ← (XᵀWX)⁻¹XᵀWz with W = diag(μ), z = η − offset + (O − μ)/μ), time centred internally for stability.
    /// The slope's interval and p-value are Wald: β₁ ± z·SE with SE² from (XᵀWX)⁻¹ at convergence;
    /// the percentage change per period is 100(exp β₁ − 1). Sources: McCullagh P, Nelder JA. Generalized
    /// Linear Models, 2nd ed. Chapman and Hall; 1989 (IRLS, §2.5); Breslow NE, Day NE. Statistical Methods
    /// in Cancer Research Vol II. IARC; 1987 (Poisson regression of rates). No overdispersion adjustment is made.
    /// </summary>
    /// <param name="times">Time of each period (e.g. year), at least two distinct values.</param>
    /// <param name="counts">Event count per period (>= 0, not all zero).</param>
    /// <param name="denominators">Population or person-time per period (> 0), or null to model counts.</param>
    /// <param name="confidence">Two-sided confidence level.</param>
    /// <returns>The slope, its interval and p-value, and the percentage change per period.</returns>
    /// <exception cref="InvalidOperationException">IRLS did not converge (e.g. counts fall to zero, slope → −∞).</exception>
    public static TrendEstimate Fit(IReadOnlyList<double> times, IReadOnlyList<double> counts, IReadOnlyList<double>? denominators = null, double confidence = 0.95)
    {
        Guard.NotNull(times, nameof(times));
        Guard.NotNull(counts, nameof(counts));
        Guard.SameLength(times, nameof(times), counts, nameof(counts));
        Guard.MinCount(times, 2, nameof(times));
        Guard.AllFinite(times, nameof(times));
        Guard.AllNonNegative(counts, nameof(counts));
        if (denominators is not null)
        {
            Guard.SameLength(times, nameof(times), denominators, nameof(denominators));
            Guard.AllPositive(denominators, nameof(denominators));
        }

        Guard.Confidence(confidence, nameof(confidence));
        if (times.Distinct().Count() < 2)
        {
            throw new ArgumentException($"times must contain at least two distinct values but all were {times[0]}.", nameof(times));
        }

        var totalCount = counts.Sum();
        if (totalCount <= 0)
        {
            throw new ArgumentException($"counts must not all be zero (sum was {totalCount}); the log-linear trend is undefined.", nameof(counts));
        }

        var n = times.Count;
        var tBar = times.Average();
        var x = Matrix<double>.Build.Dense(n, 2, (i, j) => j == 0 ? 1 : times[i] - tBar);
        var y = Vector<double>.Build.Dense(n, i => counts[i]);
        var offset = Vector<double>.Build.Dense(n, i => denominators is null ? 0 : Math.Log(denominators[i]));

        var beta = Vector<double>.Build.Dense([Math.Log(totalCount / offset.PointwiseExp().Sum()), 0]);
        var iterations = 0;
        var converged = false;
        while (iterations < MaxIterations)
        {
            iterations++;
            var next = IrlsStep(x, y, offset, beta);
            var change = (next - beta).AbsoluteMaximum();
            beta = next;
            if (double.IsNaN(change))
            {
                break;
            }

            if (change < Tolerance * (1 + beta.AbsoluteMaximum()))
            {
                converged = true;
                break;
            }
        }

        if (!converged)
        {
            throw new InvalidOperationException($"Poisson trend IRLS did not converge after {iterations} iterations (counts may fall to zero, making the slope infinite).");
        }

        var mu = (x * beta + offset).PointwiseExp();
        var information = x.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalVector(mu) * x);
        var covariance = information.Inverse();
        var slope = beta[1];
        var se = Math.Sqrt(covariance[1, 1]);
        var z = PoissonConfidenceLimits.Z(confidence);
        var lower = slope - (z * se);
        var upper = slope + (z * se);
        var p = 2 * (1 - Normal.CDF(0, 1, Math.Abs(slope / se)));
        return new TrendEstimate(
            slope,
            se,
            lower,
            upper,
            p,
            beta[0] - (slope * tBar),
            100 * double.ExpM1(slope),
            100 * double.ExpM1(lower),
            100 * double.ExpM1(upper),
            confidence,
            iterations,
            "poisson irls (wald)");
    }

    /// <summary>One Fisher-scoring step for the log-link Poisson GLM: (XᵀWX)⁻¹XᵀWz.</summary>
    internal static Vector<double> IrlsStep(Matrix<double> x, Vector<double> y, Vector<double> offset, Vector<double> beta)
    {
        var eta = x * beta + offset;
        var mu = eta.PointwiseExp();
        var working = eta - offset + (y - mu).PointwiseDivide(mu);
        var w = Matrix<double>.Build.DenseOfDiagonalVector(mu);
        var xtw = x.TransposeThisAndMultiply(w);
        return (xtw * x).Solve(xtw * working);
    }
}
