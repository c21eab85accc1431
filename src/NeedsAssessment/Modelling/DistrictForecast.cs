using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace NeedsAssessment.Modelling;

/// <summary>One month of a district's series: history with fitted values, or forecast.</summary>
/// <param name="DistrictCode">District code.</param>
/// <param name="DistrictName">District name.</param>
/// <param name="Month">First day of the month.</param>
/// <param name="Kind">history (fitted to the observed month), forecast (beyond the data) or backtest (held-out month forecast from earlier data).</param>
/// <param name="Method">seasonal_poisson or seasonal_naive.</param>
/// <param name="Observed">Observed count, null for future months.</param>
/// <param name="Mean">Point forecast (or fitted value).</param>
/// <param name="Lower80">80% prediction interval lower limit (null for fitted history).</param>
/// <param name="Upper80">80% upper limit.</param>
/// <param name="Lower95">95% lower limit.</param>
/// <param name="Upper95">95% upper limit.</param>
public sealed record ForecastPoint(
    string DistrictCode, string DistrictName, DateTime Month, string Kind, string Method, double? Observed, double Mean,
    double? Lower80, double? Upper80, double? Lower95, double? Upper95);

/// <summary>Back-test accuracy of one method for one district (or ALL, pooled).</summary>
/// <param name="DistrictCode">District code, or ALL.</param>
/// <param name="Method">seasonal_poisson or seasonal_naive.</param>
/// <param name="Months">Held-out months scored.</param>
/// <param name="Mape">Mean absolute percentage error, 100 × mean |y − ŷ| / y over months with y &gt; 0.</param>
/// <param name="Coverage80">Share of held-out months inside the 80% interval.</param>
/// <param name="Coverage95">Share inside the 95% interval.</param>
public sealed record ForecastAccuracy(string DistrictCode, string Method, int Months, double Mape, double Coverage80, double Coverage95);

/// <summary>Forecasts for every district with their back-test.</summary>
/// <param name="Points">History, back-test and forecast months, district by district.</param>
/// <param name="Accuracy">Back-test accuracy per district and pooled (ALL), for both methods.</param>
/// <param name="Method">Description of the model and the intervals.</param>
public sealed record ForecastResult(IReadOnlyList<ForecastPoint> Points, IReadOnlyList<ForecastAccuracy> Accuracy, string Method);

/// <summary>Seasonal Poisson log-linear forecasts of monthly district counts.</summary>
public static class DistrictForecast
{
    /// <summary>Method label of the model forecast.</summary>
    public const string SeasonalPoisson = "seasonal_poisson";

    /// <summary>Method label of the baseline.</summary>
    public const string SeasonalNaive = "seasonal_naive";

    /// <summary>Plain statement of the method, for the output.</summary>
    public const string Description =
        "Poisson log-linear model log E[y_t] = b0 + b1 t + sum_k (a_k cos(2 pi k m_t/12) + c_k sin(2 pi k m_t/12)) + log(days in month), " +
        "fitted by IRLS; prediction intervals by simulation (seeded): coefficients drawn from N(b, phi (X'WX)^-1), counts from a " +
        "negative binomial with mean mu and variance phi mu (Poisson when phi <= 1), phi = Pearson chi-square / (n - p). " +
        "Baseline: seasonal naive y_(t+h) = y_(t+h-12), intervals +/- z sigma from the training seasonal differences (Hyndman and Athanasopoulos, FPP3 §5.5).";

    /// <summary>
    /// For each district: back-test (fit on all but the last <paramref name="backtest"/> months, forecast those and score
    /// MAPE and interval coverage against seasonal naive), then refit on everything and forecast <paramref name="horizon"/>
    /// months. The model is log E[yₜ] = β₀ + β₁t + Σₖ (aₖ cos 2πk mₜ/12 + cₖ sin 2πk mₜ/12) + log daysₜ with t in years
    /// (harmonic regression: a smooth season in few parameters; Bhaskaran K et al. Time series regression studies in
    /// environmental epidemiology. Int J Epidemiol 2013;42:1187-95), fitted by <see cref="PoissonGlm.Fit"/>. Intervals come from
    /// <paramref name="draws"/> simulated futures: β* ~ N(β̂, φ(XᵀWX)⁻¹), then y* ~ NB(mean μ*, variance φμ*), with
    /// φ = max(1, Pearson χ²/(n − p)), so both parameter and outcome uncertainty count; quantiles by R type 7.
    /// Seasonal naive intervals are ŷ ± z σ̂ with σ̂ the RMS of the training seasonal differences (Hyndman RJ,
    /// Athanasopoulos G. Forecasting: Principles and Practice, 3rd ed., §5.5).
    /// </summary>
    /// <param name="series">District series (at least 24 + <paramref name="backtest"/> months for a back-test).</param>
    /// <param name="horizon">Months to forecast.</param>
    /// <param name="backtest">Months held back.</param>
    /// <param name="harmonics">Fourier harmonics (1-6).</param>
    /// <param name="draws">Simulation draws.</param>
    /// <param name="seed">Seed for the simulation.</param>
    public static ForecastResult Run(IReadOnlyList<DistrictSeries> series, int horizon = 12, int backtest = 12, int harmonics = 1, int draws = 4000, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (harmonics < 1 || harmonics > 6) throw new ArgumentOutOfRangeException(nameof(harmonics), "Use 1-6 harmonics.");
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon));
        var points = new List<ForecastPoint>();
        var accuracy = new List<ForecastAccuracy>();
        var pooled = new Dictionary<string, List<(double Y, ForecastPoint F)>>(StringComparer.Ordinal) { [SeasonalPoisson] = [], [SeasonalNaive] = [] };
        foreach (var (s, index) in series.Select((s, i) => (s, i)))
        {
            int n = s.Counts.Count;
            if (n < 24) throw new UserErrorException($"District {s.DistrictCode} has {n} months; forecasting needs at least 24.");
            var rng = new Random(unchecked(seed * 7919 + index));
            if (backtest > 0 && n - backtest >= 24)
            {
                var trainMonths = s.Months.Take(n - backtest).ToArray();
                var trainCounts = s.Counts.Take(n - backtest).ToArray();
                var testMonths = s.Months.Skip(n - backtest).ToArray();
                var model = Forecast(trainMonths, trainCounts, testMonths, harmonics, draws, rng);
                var naive = Naive(trainCounts, backtest);
                var scored = new Dictionary<string, List<(double, ForecastPoint)>>(StringComparer.Ordinal) { [SeasonalPoisson] = [], [SeasonalNaive] = [] };
                for (int h = 0; h < backtest; h++)
                {
                    var y = s.Counts[n - backtest + h];
                    var m = new ForecastPoint(s.DistrictCode, s.DistrictName, testMonths[h], "backtest", SeasonalPoisson, y, model[h].Mean, model[h].L80, model[h].U80, model[h].L95, model[h].U95);
                    var b = new ForecastPoint(s.DistrictCode, s.DistrictName, testMonths[h], "backtest", SeasonalNaive, y, naive[h].Mean, naive[h].L80, naive[h].U80, naive[h].L95, naive[h].U95);
                    points.Add(m);
                    points.Add(b);
                    scored[SeasonalPoisson].Add((y, m));
                    scored[SeasonalNaive].Add((y, b));
                }
                foreach (var (method, list) in scored)
                {
                    accuracy.Add(Score(s.DistrictCode, method, list));
                    pooled[method].AddRange(list);
                }
            }

            var future = Enumerable.Range(1, horizon).Select(h => s.Months[^1].AddMonths(h)).ToArray();
            var fit = FitModel(s.Months, s.Counts, harmonics);
            for (int t = 0; t < n; t++)
                points.Add(new ForecastPoint(s.DistrictCode, s.DistrictName, s.Months[t], "history", SeasonalPoisson, s.Counts[t], fit.Fit.Fitted[t], null, null, null, null));
            var fc = Forecast(s.Months, s.Counts, future, harmonics, draws, rng);
            for (int h = 0; h < horizon; h++)
                points.Add(new ForecastPoint(s.DistrictCode, s.DistrictName, future[h], "forecast", SeasonalPoisson, null, fc[h].Mean, fc[h].L80, fc[h].U80, fc[h].L95, fc[h].U95));
        }
        foreach (var (method, list) in pooled)
            if (list.Count > 0) accuracy.Add(Score("ALL", method, list));
        return new ForecastResult(points, accuracy, Description);
    }

    private static ForecastAccuracy Score(string district, string method, List<(double Y, ForecastPoint F)> list)
    {
        var positive = list.Where(v => v.Y > 0).ToArray();
        var mape = positive.Length == 0 ? double.NaN : 100 * positive.Average(v => Math.Abs(v.Y - v.F.Mean) / v.Y);
        var c80 = list.Average(v => v.Y >= v.F.Lower80 && v.Y <= v.F.Upper80 ? 1.0 : 0.0);
        var c95 = list.Average(v => v.Y >= v.F.Lower95 && v.Y <= v.F.Upper95 ? 1.0 : 0.0);
        return new ForecastAccuracy(district, method, list.Count, mape, c80, c95);
    }

    private readonly record struct Interval(double Mean, double L80, double U80, double L95, double U95);

    private static double[] Row(DateTime origin, DateTime month, int harmonics)
    {
        var row = new double[2 + 2 * harmonics];
        row[0] = 1;
        row[1] = ((month.Year - origin.Year) * 12 + month.Month - origin.Month) / 12.0;
        for (int k = 1; k <= harmonics; k++)
        {
            var angle = 2 * Math.PI * k * month.Month / 12.0;
            row[2 * k] = Math.Cos(angle);
            row[2 * k + 1] = Math.Sin(angle);
        }
        return row;
    }

    private static double LogDays(DateTime m) => Math.Log(DateTime.DaysInMonth(m.Year, m.Month));

    private static (PoissonGlmFit Fit, DateTime Origin, double Phi) FitModel(IReadOnlyList<DateTime> months, IReadOnlyList<double> counts, int harmonics)
    {
        var origin = months[0];
        int n = months.Count, p = 2 + 2 * harmonics;
        var x = new double[n, p];
        for (int t = 0; t < n; t++)
        {
            var r = Row(origin, months[t], harmonics);
            for (int j = 0; j < p; j++) x[t, j] = r[j];
        }
        var fit = PoissonGlm.Fit(x, counts, months.Select(LogDays).ToArray());
        return (fit, origin, Math.Max(1, fit.PearsonDispersion));
    }

    private static Interval[] Forecast(IReadOnlyList<DateTime> months, IReadOnlyList<double> counts, IReadOnlyList<DateTime> future, int harmonics, int draws, Random rng)
    {
        var (fit, origin, phi) = FitModel(months, counts, harmonics);
        int p = fit.Coefficients.Length;
        var beta = Vector<double>.Build.DenseOfArray(fit.Coefficients);
        var chol = (Matrix<double>.Build.DenseOfArray(fit.Covariance) * phi).Cholesky().Factor;
        var rows = future.Select(m => Vector<double>.Build.DenseOfArray(Row(origin, m, harmonics))).ToArray();
        var offsets = future.Select(LogDays).ToArray();
        var sims = new double[future.Count][];
        for (int h = 0; h < future.Count; h++) sims[h] = new double[draws];
        var normal = new double[p];
        for (int d = 0; d < draws; d++)
        {
            for (int j = 0; j < p; j++) normal[j] = Normal.Sample(rng, 0, 1);
            var b = beta + chol * Vector<double>.Build.DenseOfArray(normal);
            for (int h = 0; h < future.Count; h++)
            {
                var mu = Math.Exp(rows[h] * b + offsets[h]);
                // Gamma-Poisson mixture: mean mu, variance phi mu.
                var lambda = phi > 1 + 1e-9 ? Gamma.Sample(rng, mu / (phi - 1), 1 / (phi - 1)) : mu;
                sims[h][d] = Poisson.Sample(rng, lambda);
            }
        }
        var result = new Interval[future.Count];
        for (int h = 0; h < future.Count; h++)
        {
            var mean = Math.Exp(rows[h] * beta + offsets[h]);
            Array.Sort(sims[h]);
            double Q(double tau) => SortedArrayStatistics.QuantileCustom(sims[h], tau, QuantileDefinition.R7);
            result[h] = new Interval(mean, Q(0.10), Q(0.90), Q(0.025), Q(0.975));
        }
        return result;
    }

    private static Interval[] Naive(IReadOnlyList<double> train, int horizon)
    {
        int n = train.Count;
        double ss = 0;
        int m = 0;
        for (int t = 12; t < n; t++) { var e = train[t] - train[t - 12]; ss += e * e; m++; }
        var sigma = m > 0 ? Math.Sqrt(ss / m) : 0;
        var z80 = Normal.InvCDF(0, 1, 0.90);
        var z95 = Normal.InvCDF(0, 1, 0.975);
        var result = new Interval[horizon];
        for (int h = 1; h <= horizon; h++)
        {
            var y = train[n - 12 + (h - 1) % 12];
            var scale = sigma * Math.Sqrt((h - 1) / 12 + 1);
            result[h - 1] = new Interval(y, Math.Max(0, y - z80 * scale), y + z80 * scale, Math.Max(0, y - z95 * scale), y + z95 * scale);
        }
        return result;
    }
}
