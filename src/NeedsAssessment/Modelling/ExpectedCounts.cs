using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Modelling;

/// <summary>One coefficient of the expected-count model, on the original (unstandardised) feature scale.</summary>
/// <param name="Term">Term name (intercept, log_population, deprivation_steps, nte_area, young_share, rural, district_&lt;code&gt;).</param>
/// <param name="Description">What the term means.</param>
/// <param name="Estimate">Reported β (ML.NET when it agrees with IRLS within tolerance, otherwise IRLS).</param>
/// <param name="StandardError">√[(XᵀWX)⁻¹]ⱼⱼ at the fitted means (model-based Poisson Fisher information).</param>
/// <param name="Lower">Wald lower limit β − z·SE.</param>
/// <param name="Upper">Wald upper limit β + z·SE.</param>
/// <param name="RateRatio">exp β.</param>
/// <param name="RateRatioLower">exp(lower).</param>
/// <param name="RateRatioUpper">exp(upper).</param>
/// <param name="MlNetEstimate">ML.NET L-BFGS estimate.</param>
/// <param name="IrlsEstimate">MathNet IRLS estimate.</param>
/// <param name="RelativeDifference">|β_ML.NET − β_IRLS| / |β_IRLS| on the standardised scale both were fitted on.</param>
/// <param name="EstimateSource">mlnet or irls.</param>
/// <param name="IntervalMethod">How the interval was computed.</param>
public sealed record CoefficientEstimate(
    string Term, string Description, double Estimate, double StandardError, double Lower, double Upper,
    double RateRatio, double RateRatioLower, double RateRatioUpper, double MlNetEstimate, double IrlsEstimate,
    double RelativeDifference, string EstimateSource, string IntervalMethod);

/// <summary>Observed against expected events for one LSOA.</summary>
/// <param name="Lsoa21Code">LSOA 2021 code.</param>
/// <param name="DistrictCode">District code.</param>
/// <param name="Population">Residents.</param>
/// <param name="Observed">O: in-definition events in the window.</param>
/// <param name="Expected">E = exp(xᵀβ̂): the model's expected count for an area with these characteristics.</param>
/// <param name="Ratio">O/E.</param>
/// <param name="RatioLower">Exact Poisson lower limit of O divided by E.</param>
/// <param name="RatioUpper">Exact Poisson upper limit of O divided by E.</param>
/// <param name="Excess">O − E ("excess violence").</param>
/// <param name="ExcessRank">1 = largest O − E.</param>
/// <param name="SignificantExcess">O/E lower limit above 1.</param>
/// <param name="SignificantDeficit">O/E upper limit below 1.</param>
/// <param name="DeprivationSteps">10 − IMD decile.</param>
/// <param name="NteArea">Night-time-economy area indicator.</param>
/// <param name="YoungShare">Share of residents aged 16-24.</param>
/// <param name="InFit">False when the area's excess was so extreme it was left out of the final fit (it still gets an expected count).</param>
public sealed record AreaExpected(
    string Lsoa21Code, string DistrictCode, double Population, double Observed, double Expected, double Ratio,
    double RatioLower, double RatioUpper, double Excess, int ExcessRank, bool SignificantExcess, bool SignificantDeficit,
    double DeprivationSteps, bool NteArea, double YoungShare, bool InFit);

/// <summary>How closely the ML.NET fit matches the IRLS fit of the same model.</summary>
/// <param name="MaxRelativeDifference">max over coefficients of |β_ML.NET − β_IRLS| / |β_IRLS| (standardised scale).</param>
/// <param name="MaxAbsoluteDifference">max over coefficients of |β_ML.NET − β_IRLS| (standardised scale).</param>
/// <param name="MaxFittedRelativeDifference">max over areas of |μ_ML.NET − μ_IRLS| / μ_IRLS.</param>
/// <param name="Tolerance">Required relative agreement.</param>
/// <param name="WithinTolerance">Whether ML.NET met it.</param>
/// <param name="ReportedEstimate">mlnet or irls.</param>
/// <param name="IrlsIterations">IRLS iterations.</param>
public sealed record FitAgreement(double MaxRelativeDifference, double MaxAbsoluteDifference, double MaxFittedRelativeDifference, double Tolerance, bool WithinTolerance, string ReportedEstimate, int IrlsIterations);

/// <summary>The fitted expected-count model.</summary>
/// <param name="Coefficients">Coefficients with intervals.</param>
/// <param name="Areas">Observed and expected per LSOA, in LSOA code order.</param>
/// <param name="Agreement">ML.NET against IRLS.</param>
/// <param name="Deviance">Residual deviance.</param>
/// <param name="DegreesOfFreedom">n − p.</param>
/// <param name="PearsonDispersion">Pearson χ²/(n − p) over the areas fitted: above 1 means extra-Poisson variation (intervals are then too narrow by about its square root).</param>
/// <param name="AreasFitted">Areas in the final fit.</param>
/// <param name="FitRounds">Fits run (1 + refits after leaving out extreme-excess areas).</param>
public sealed record ExpectedCountsResult(
    IReadOnlyList<CoefficientEstimate> Coefficients, IReadOnlyList<AreaExpected> Areas, FitAgreement Agreement,
    double Deviance, int DegreesOfFreedom, double PearsonDispersion, int AreasFitted, int FitRounds);

/// <summary>
/// Expected serious-violence counts per LSOA from a Poisson regression on area characteristics, fitted with ML.NET
/// and checked against IRLS.
/// </summary>
public static class ExpectedCounts
{
    /// <summary>
    /// Fits log E[Oᵢ] = β₀ + β₁ log(popᵢ) + β₂ (10 − decileᵢ) + β₃ NTEᵢ + β₄ young16-24ᵢ [+ district terms].
    /// ML.NET's Poisson trainer has no offset, so log population is a feature with a free coefficient (1 would be a
    /// pure rate model); the IMD term is the log rate ratio per decile step towards the most deprived, the same
    /// parameterisation as the synthetic generator's. NTEᵢ = 1 when the area's NTE-flagged share reaches the threshold.
    /// Features are standardised (z-scores, rounded to float because ML.NET works in single precision) and the same
    /// matrix goes to ML.NET (L1 = L2 = 0) and to MathNet IRLS; coefficients are transformed back to the original scale.
    /// Intervals are Wald, β ± z·SE, with SE from the inverse Fisher information (XᵀWX)⁻¹, W = diag(μ̂), on the original
    /// scale (McCullagh and Nelder 1989, §2.5) — ML.NET gives no standard errors. O/E limits are the exact Poisson limits
    /// of O (Ulm 1990) divided by E, treating E as fixed. Areas whose count is extreme under the current fit
    /// (P(Y ≥ O | E) &lt; <see cref="ModelOptions.TrimExcessP"/>) are left out and the model refitted until the set is
    /// stable, so concentrated hotspots do not shape everyone's expectation; they still get E from the final fit.
    /// </summary>
    /// <param name="areas">Area data (see <see cref="ModelData.Areas"/>).</param>
    /// <param name="options">Settings; defaults when null.</param>
    public static ExpectedCountsResult Fit(IReadOnlyList<AreaData> areas, ModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        options ??= new ModelOptions();
        var (names, descriptions, x) = Design(areas, options);
        int n = areas.Count, p = names.Count;
        var y = areas.Select(a => a.Observed).ToArray();
        var inFit = Enumerable.Repeat(true, n).ToArray();
        Core core = default!;
        double[] mu = [];
        int rounds = 0;
        // Planted or real hotspots are exactly what the model should not learn from: refit without areas whose
        // excess is extreme (one-sided p < TrimP) until the set is stable, so a few hotspot areas cannot
        // inflate the coefficients that set everyone else's expectation.
        while (true)
        {
            rounds++;
            var rowsUsed = Enumerable.Range(0, n).Where(i => inFit[i]).ToArray();
            core = FitCore(x, y, rowsUsed, names, options);
            mu = Enumerable.Range(0, n).Select(i => Math.Exp(Dot(x, i, core.Beta))).ToArray();
            if (!(options.TrimExcessP > 0) || rounds > options.MaxTrimRounds) break;
            var next = Enumerable.Range(0, n).Select(i => !(PoissonUpperTail(y[i], mu[i]) < options.TrimExcessP)).ToArray();
            if (next.SequenceEqual(inFit)) break;
            if (next.Count(v => v) <= p + 1) break;
            inFit = next;
        }

        var used = Enumerable.Range(0, n).Where(i => inFit[i]).ToArray();
        var xm = Matrix<double>.Build.Dense(used.Length, p, (r, j) => x[used[r], j]);
        var cov = PoissonGlm.FisherCovariance(xm, Vector<double>.Build.Dense(used.Length, r => mu[used[r]]));
        var q = Normal.InvCDF(0, 1, 1 - (1 - options.Confidence) / 2);
        var interval = $"Wald {options.Confidence * 100:0.#}%: estimate ± {q:0.###} SE, SE from inverse Fisher information (X'WX)^-1, W = diag(fitted), Poisson dispersion 1";
        var coefs = new List<CoefficientEstimate>(p);
        for (int j = 0; j < p; j++)
        {
            var se = Math.Sqrt(cov[j, j]);
            var lo = core.Beta[j] - q * se;
            var hi = core.Beta[j] + q * se;
            coefs.Add(new CoefficientEstimate(names[j], descriptions[j], core.Beta[j], se, lo, hi, Math.Exp(core.Beta[j]), Math.Exp(lo), Math.Exp(hi),
                core.MlNet[j], core.Irls[j], core.Relative[j], core.Agreement.ReportedEstimate, interval));
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => y[i] - mu[i]).ThenBy(i => areas[i].Lsoa21Code, StringComparer.Ordinal).ToArray();
        var rank = new int[n];
        for (int r = 0; r < n; r++) rank[order[r]] = r + 1;
        var rows = new List<AreaExpected>(n);
        double dev = 0, pearson = 0;
        for (int i = 0; i < n; i++)
        {
            var a = areas[i];
            var e = mu[i];
            var lo = PoissonConfidenceLimits.ExactLower(y[i], options.Confidence) / e;
            var hi = PoissonConfidenceLimits.ExactUpper(y[i], options.Confidence) / e;
            rows.Add(new AreaExpected(a.Lsoa21Code, a.DistrictCode, a.Population, y[i], e, y[i] / e, lo, hi, y[i] - e, rank[i],
                lo > 1, hi < 1, a.DeprivationSteps, a.NteShare >= options.NteAreaThreshold, a.YoungShare, inFit[i]));
            if (!inFit[i]) continue;
            dev += 2 * ((y[i] > 0 ? y[i] * Math.Log(y[i] / mu[i]) : 0) - (y[i] - mu[i]));
            pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i];
        }
        return new ExpectedCountsResult(coefs, rows, core.Agreement, dev, used.Length - p, pearson / (used.Length - p), used.Length, rounds);
    }

    /// <summary>P(Y ≥ y) for Y ~ Poisson(μ): the one-sided p-value of an excess.</summary>
    internal static double PoissonUpperTail(double y, double mu) => y <= 0 ? 1 : 1 - Poisson.CDF(mu, y - 1);

    private static double Dot(double[,] x, int i, double[] beta)
    {
        double s = 0;
        for (int j = 0; j < beta.Length; j++) s += x[i, j] * beta[j];
        return s;
    }

    private sealed record Core(double[] Beta, double[] MlNet, double[] Irls, double[] Relative, FitAgreement Agreement);

    private static Core FitCore(double[,] x, double[] yAll, int[] rowsUsed, List<string> names, ModelOptions options)
    {
        int n = rowsUsed.Length, p = names.Count;
        var y = rowsUsed.Select(i => yAll[i]).ToArray();
        // Standardise columns 1..p-1 (column 0 is the intercept) so L-BFGS sees a well-conditioned problem.
        var mean = new double[p];
        var sd = new double[p];
        sd[0] = 1;
        for (int j = 1; j < p; j++)
        {
            double m = 0;
            foreach (var i in rowsUsed) m += x[i, j];
            m /= n;
            double v = 0;
            foreach (var i in rowsUsed) v += (x[i, j] - m) * (x[i, j] - m);
            mean[j] = m;
            sd[j] = Math.Sqrt(v / n);
            if (!(sd[j] > 0)) throw new InvalidOperationException($"Feature '{names[j]}' is constant across the areas fitted; it cannot be estimated.");
        }
        var zf = new float[n][];
        var z = new double[n, p];
        for (int r = 0; r < n; r++)
        {
            zf[r] = new float[p - 1];
            z[r, 0] = 1;
            for (int j = 1; j < p; j++)
            {
                // ML.NET holds features as float; give IRLS the identical rounded values.
                zf[r][j - 1] = (float)((x[rowsUsed[r], j] - mean[j]) / sd[j]);
                z[r, j] = zf[r][j - 1];
            }
        }
        var irls = PoissonGlm.Fit(z, y);
        var (bias, weights) = MlNetPoisson.Fit(zf, y, options.Seed);
        var ml = new double[p];
        ml[0] = bias;
        Array.Copy(weights, 0, ml, 1, p - 1);
        var rel = new double[p];
        double maxRel = 0, maxAbs = 0, maxMu = 0;
        for (int j = 0; j < p; j++)
        {
            var d = Math.Abs(ml[j] - irls.Coefficients[j]);
            rel[j] = d / Math.Abs(irls.Coefficients[j]);
            maxRel = Math.Max(maxRel, rel[j]);
            maxAbs = Math.Max(maxAbs, d);
        }
        for (int r = 0; r < n; r++)
        {
            double eta = 0;
            for (int j = 0; j < p; j++) eta += z[r, j] * ml[j];
            maxMu = Math.Max(maxMu, Math.Abs(Math.Exp(eta) - irls.Fitted[r]) / irls.Fitted[r]);
        }
        var within = maxRel <= options.AgreementTolerance;
        var chosen = within ? ml : irls.Coefficients;

        // Back to the original scale: βⱼ = bⱼ/sdⱼ, β₀ = b₀ − Σ bⱼ meanⱼ/sdⱼ.
        double[] Original(double[] b)
        {
            var o = new double[p];
            o[0] = b[0];
            for (int j = 1; j < p; j++) { o[j] = b[j] / sd[j]; o[0] -= b[j] * mean[j] / sd[j]; }
            return o;
        }
        return new Core(Original(chosen), Original(ml), Original(irls.Coefficients), rel,
            new FitAgreement(maxRel, maxAbs, maxMu, options.AgreementTolerance, within, within ? "mlnet" : "irls", irls.Iterations));
    }

    /// <summary>The design matrix on the original scale with an intercept column, and the term names.</summary>
    internal static (List<string> Names, List<string> Descriptions, double[,] X) Design(IReadOnlyList<AreaData> areas, ModelOptions options)
    {
        var names = new List<string> { "intercept", "log_population", "deprivation_steps", "nte_area", "young_share" };
        var descriptions = new List<string>
        {
            "intercept: log expected events at zero on every other term",
            "log of residents: the coefficient is an elasticity (1 = events proportional to residents), not a rate ratio",
            "IMD decile steps towards the most deprived (10 - decile): exp(coefficient) is the rate ratio per step",
            $"night-time-economy area (NTE-flagged share >= {options.NteAreaThreshold:0.##}): exp(coefficient) is the rate ratio against other areas",
            "share of residents aged 16-24 (0 to 1): exp(coefficient) is the rate ratio per unit share (all residents 16-24 against none)",
        };
        // A rural term only when the classification places every modelled area and both kinds occur.
        var rural = areas.All(a => a.Rural is not null) && areas.Any(a => a.Rural == true) && areas.Any(a => a.Rural == false);
        if (rural)
        {
            names.Add("rural");
            descriptions.Add("rural area (ONS Rural-Urban Classification 2021): exp(coefficient) is the rate ratio against urban areas");
        }
        var first = names.Count;
        var districts = options.DistrictEffects
            ? areas.Select(a => a.DistrictCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()
            : [];
        foreach (var d in districts.Skip(1))
        {
            names.Add("district_" + d);
            descriptions.Add($"district {d}: exp(coefficient) is the rate ratio against district {districts[0]}");
        }
        var x = new double[areas.Count, names.Count];
        for (int i = 0; i < areas.Count; i++)
        {
            var a = areas[i];
            x[i, 0] = 1;
            x[i, 1] = Math.Log(a.Population);
            x[i, 2] = a.DeprivationSteps;
            x[i, 3] = a.NteShare >= options.NteAreaThreshold ? 1 : 0;
            x[i, 4] = a.YoungShare;
            if (rural) x[i, 5] = a.Rural == true ? 1 : 0;
            for (int k = 1; k < districts.Length; k++) x[i, first - 1 + k] = a.DistrictCode == districts[k] ? 1 : 0;
        }
        return (names, descriptions, x);
    }
}
