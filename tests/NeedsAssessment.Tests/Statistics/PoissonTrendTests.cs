using MathNet.Numerics.LinearAlgebra;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class PoissonTrendTests
{
    // Two-sided normal tail by Simpson's rule on the density, independent of any library CDF.
    private static double TwoSidedNormalP(double z)
    {
        z = Math.Abs(z);
        const int steps = 20_000;
        var hi = z + 40;
        var h = (hi - z) / steps;
        double Density(double u) => Math.Exp(-u * u / 2) / Math.Sqrt(2 * Math.PI);
        var sum = Density(z) + Density(hi);
        for (var i = 1; i < steps; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Density(z + (i * h));
        }

        return 2 * sum * h / 3;
    }

    [Fact]
    public void One_irls_step_from_the_flat_start_matches_the_hand_calculation()
    {
        // t = -1, 0, 1 (centred), counts 10, 20, 40, start β = (ln(70/3), 0) so μ = 70/3 everywhere.
        // Working response zᵢ = ln(70/3) + (yᵢ − 70/3)/(70/3); W = (70/3)I, XᵀWX = (70/3)·diag(3, 2), so
        // β₀ = mean(z) = ln(70/3) and β₁ = Σ tᵢzᵢ / 2 = (40 − 10)/(70/3)/2 = 9/14.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -1 }, { 1, 0 }, { 1, 1 } });
        var y = Vector<double>.Build.Dense([10, 20, 40]);
        var offset = Vector<double>.Build.Dense(3);
        var start = Vector<double>.Build.Dense([Math.Log(70.0 / 3), 0]);
        var next = PoissonTrend.IrlsStep(x, y, offset, start);
        ReferenceMath.Near(Math.Log(70.0 / 3), next[0], 1e-12);
        ReferenceMath.Near(9.0 / 14, next[1], 1e-12);
    }

    [Fact]
    public void Geometric_counts_give_slope_ln2_with_wald_se_and_p_value_from_the_information_matrix()
    {
        var fit = PoissonTrend.Fit([2021, 2022, 2023], [10, 20, 40]);
        ReferenceMath.Near(Math.Log(2), fit.Slope, 1e-9);
        ReferenceMath.Near(100, fit.PercentChangePerPeriod, 1e-7);
        // Perfect fit, so μ = y: Var(β₁) = 1 / (Σμt² − (Σμt)²/Σμ) with t centred = 1 / (50 − 900/70).
        var se = Math.Sqrt(1 / (50 - (900.0 / 70)));
        ReferenceMath.Near(se, fit.StandardError, 1e-9);
        ReferenceMath.Near(Math.Log(2) - (ReferenceMath.Z95 * se), fit.SlopeLower, 1e-9);
        ReferenceMath.Near(100 * (Math.Exp(Math.Log(2) + (ReferenceMath.Z95 * se)) - 1), fit.PercentChangeUpper, 1e-6);
        ReferenceMath.Near(TwoSidedNormalP(Math.Log(2) / se), fit.PValue, 1e-8);
        // Intercept is on the raw time scale: ln 10 at 2021 means β₀ = ln 10 − 2021 ln 2.
        ReferenceMath.Near(Math.Log(10) - (2021 * Math.Log(2)), fit.Intercept, 1e-6);
    }

    [Fact]
    public void Expected_counts_with_a_known_slope_and_offset_are_recovered_exactly()
    {
        // Rates 0.002 × exp(-0.04 (t − 2010)) in growing populations: y = μ so the MLE is the truth.
        var times = Enumerable.Range(2010, 12).Select(t => (double)t).ToArray();
        var pops = times.Select(t => 1_000_000 + (25_000 * (t - 2010))).ToArray();
        var counts = times.Select((t, i) => pops[i] * 0.002 * Math.Exp(-0.04 * (t - 2010))).ToArray();
        var fit = PoissonTrend.Fit(times, counts, pops);
        ReferenceMath.Near(-0.04, fit.Slope, 1e-9);
        ReferenceMath.Near(Math.Log(0.002) + (0.04 * 2010), fit.Intercept, 1e-6);
        ReferenceMath.Near(100 * (Math.Exp(-0.04) - 1), fit.PercentChangePerPeriod, 1e-7);
    }

    [Fact]
    public void Simulated_poisson_counts_with_a_known_slope_give_an_estimate_close_to_it()
    {
        // Seeded draws, large counts (about 50,000 a year): the estimate is within 4 standard errors of 0.03.
        var rng = new Random(20_240_601);
        var times = Enumerable.Range(0, 10).Select(t => (double)t).ToArray();
        var counts = times.Select(t => (double)MathNet.Numerics.Distributions.Poisson.Sample(rng, 50_000 * Math.Exp(0.03 * t))).ToArray();
        var fit = PoissonTrend.Fit(times, counts);
        Assert.True(Math.Abs(fit.Slope - 0.03) < 4 * fit.StandardError, $"slope {fit.Slope}, se {fit.StandardError}");
        Assert.True(fit.StandardError < 0.001);
        Assert.True(fit.SlopeLower < 0.03 + (4 * fit.StandardError) && fit.PValue < 1e-10);
    }

    [Fact]
    public void Flat_counts_give_zero_slope_and_p_value_one()
    {
        var fit = PoissonTrend.Fit([1, 2, 3, 4], [25, 25, 25, 25]);
        ReferenceMath.Near(0, fit.Slope, 1e-12);
        ReferenceMath.Near(1, fit.PValue, 1e-9);
    }

    [Fact]
    public void Counts_falling_to_zero_have_no_finite_slope_and_are_reported_as_not_converged()
    {
        Assert.Throws<InvalidOperationException>(() => PoissonTrend.Fit([0, 1, 2, 3], [5, 0, 0, 0]));
    }

    [Fact]
    public void A_single_distinct_time_is_rejected_naming_times()
    {
        var ex = Assert.Throws<ArgumentException>(() => PoissonTrend.Fit([2020, 2020], [3, 4]));
        Assert.Equal("times", ex.ParamName);
    }
}
