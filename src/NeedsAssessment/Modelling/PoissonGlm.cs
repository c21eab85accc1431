using MathNet.Numerics.LinearAlgebra;

namespace NeedsAssessment.Modelling;

/// <summary>A fitted Poisson log-linear model.</summary>
/// <param name="Coefficients">β, one per design column.</param>
/// <param name="Covariance">(XᵀWX)⁻¹ with W = diag(μ̂): the inverse Fisher information at β̂ (model-based, dispersion 1).</param>
/// <param name="Fitted">μ̂ = exp(Xβ̂ + offset).</param>
/// <param name="Deviance">2 Σ [y log(y/μ̂) − (y − μ̂)].</param>
/// <param name="PearsonDispersion">Σ (y − μ̂)²/μ̂ / (n − p); 1 under the Poisson assumption.</param>
/// <param name="Iterations">Fisher-scoring iterations used.</param>
public sealed record PoissonGlmFit(
    double[] Coefficients, double[,] Covariance, double[] Fitted, double Deviance, double PearsonDispersion, int Iterations)
{
    /// <summary>Standard error of coefficient j: √[(XᵀWX)⁻¹]ⱼⱼ.</summary>
    public double StandardError(int j) => Math.Sqrt(Covariance[j, j]);
}

/// <summary>
/// Poisson regression log E[y] = Xβ + offset by iteratively reweighted least squares, with no regularisation:
/// the reference fit the ML.NET estimate is checked against, and the engine for the forecasts.
/// </summary>
public static class PoissonGlm
{
    /// <summary>
    /// Fisher scoring (= Newton for the canonical log link): β ← (XᵀWX)⁻¹XᵀWz, W = diag(μ), z = Xβ + (y − μ)/μ,
    /// started from the intercept-only solution, until max |Δβⱼ| / max(1, |βⱼ|) &lt; <paramref name="tolerance"/>.
    /// Solved by QR of W½X (not the normal equations) so the result is accurate to near machine precision.
    /// The covariance is (XᵀWX)⁻¹ at convergence. Source: McCullagh P, Nelder JA. Generalized Linear Models, 2nd ed.
    /// Chapman and Hall; 1989, §2.5 and §6.2.
    /// </summary>
    /// <param name="x">Design matrix, n × p (include a column of ones for an intercept).</param>
    /// <param name="y">Counts (≥ 0).</param>
    /// <param name="offset">Known log-exposure added to the linear predictor, or null.</param>
    /// <param name="tolerance">Convergence tolerance on the coefficients.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <exception cref="InvalidOperationException">No convergence (e.g. separation, a coefficient heading to −∞).</exception>
    public static PoissonGlmFit Fit(double[,] x, IReadOnlyList<double> y, IReadOnlyList<double>? offset = null, double tolerance = 1e-12, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.GetLength(0), p = x.GetLength(1);
        if (y.Count != n) throw new ArgumentException("One count per design row is needed.", nameof(y));
        if (offset is not null && offset.Count != n) throw new ArgumentException("One offset per design row is needed.", nameof(offset));
        if (n <= p) throw new ArgumentException($"Need more rows ({n}) than coefficients ({p}).", nameof(x));
        foreach (var v in y) if (!(v >= 0) || !double.IsFinite(v)) throw new ArgumentException("Counts must be finite and non-negative.", nameof(y));
        var total = y.Sum();
        if (total <= 0) throw new ArgumentException("Counts must not all be zero.", nameof(y));

        var X = Matrix<double>.Build.DenseOfArray(x);
        var off = Vector<double>.Build.Dense(n, i => offset?[i] ?? 0);
        var Y = Vector<double>.Build.Dense(n, i => y[i]);
        // Start from μ = ȳ-scaled exposure: the intercept-only solution when column 0 is the intercept,
        // and a safe starting linear predictor otherwise.
        var eta = Vector<double>.Build.Dense(n, i => Math.Log(Math.Max(y[i], 0.5 * total / n)));
        var beta = Vector<double>.Build.Dense(p);
        bool first = true;
        for (int it = 1; it <= maxIterations; it++)
        {
            var mu = eta.PointwiseExp();
            var sqrtW = mu.PointwiseSqrt();
            var z = eta - off + (Y - mu).PointwiseDivide(mu);
            var xw = Matrix<double>.Build.Dense(n, p, (i, j) => X[i, j] * sqrtW[i]);
            var next = xw.QR().Solve(z.PointwiseMultiply(sqrtW));
            if (next.Any(v => !double.IsFinite(v))) throw new InvalidOperationException("IRLS diverged (non-finite coefficients).");
            double change = 0;
            for (int j = 0; j < p; j++) change = Math.Max(change, Math.Abs(next[j] - beta[j]) / Math.Max(1, Math.Abs(next[j])));
            beta = next;
            eta = X * beta + off;
            if (!first && change < tolerance) return Finish(X, Y, off, beta, it);
            first = false;
        }
        throw new InvalidOperationException($"IRLS did not converge in {maxIterations} iterations.");
    }

    private static PoissonGlmFit Finish(Matrix<double> x, Vector<double> y, Vector<double> off, Vector<double> beta, int iterations)
    {
        var mu = (x * beta + off).PointwiseExp();
        var cov = FisherCovariance(x, mu);
        double dev = 0, pearson = 0;
        for (int i = 0; i < y.Count; i++)
        {
            dev += 2 * ((y[i] > 0 ? y[i] * Math.Log(y[i] / mu[i]) : 0) - (y[i] - mu[i]));
            pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i];
        }
        return new PoissonGlmFit(beta.ToArray(), cov.ToArray(), mu.ToArray(), dev, pearson / (y.Count - x.ColumnCount), iterations);
    }

    /// <summary>
    /// Inverse Fisher information of a Poisson log-linear model at fitted means μ: (XᵀWX)⁻¹, W = diag(μ)
    /// (McCullagh and Nelder 1989, §2.5). Used for intervals around any estimate of β, including ML.NET's.
    /// </summary>
    /// <param name="x">Design matrix.</param>
    /// <param name="mu">Fitted means.</param>
    public static Matrix<double> FisherCovariance(Matrix<double> x, Vector<double> mu)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mu);
        var xtw = Matrix<double>.Build.Dense(x.ColumnCount, x.RowCount, (j, i) => x[i, j] * mu[i]);
        var info = xtw * x;
        return info.Inverse();
    }
}
