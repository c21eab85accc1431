using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class SlopeIndexOfInequalityTests
{
    [Fact]
    public void Ridits_are_mid_points_of_cumulative_population_share()
    {
        var r = SlopeIndexOfInequality.Ridits([100, 300, 600]);
        ReferenceMath.Near(0.05, r[0], 1e-15);
        ReferenceMath.Near(0.25, r[1], 1e-15);
        ReferenceMath.Near(0.70, r[2], 1e-15);
    }

    [Fact]
    public void Sii_recovers_the_slope_of_an_exact_linear_gradient_across_deciles()
    {
        // Unequal decile populations; values lie exactly on 300 - 120 * ridit.
        double[] pops = [9000, 10500, 9800, 11000, 10200, 9900, 10100, 10700, 9600, 10300];
        var ridits = SlopeIndexOfInequality.Ridits(pops);
        var values = ridits.Select(x => 300 - (120 * x)).ToArray();
        var est = SlopeIndexOfInequality.Calculate(values, pops);
        ReferenceMath.Near(-120, est.Sii, 1e-9);
        ReferenceMath.Near(300, est.Intercept, 1e-9);
        // No scatter about the line: the regression interval collapses onto the slope.
        ReferenceMath.Near(-120, est.SiiLower, 1e-6);
        ReferenceMath.Near(-120, est.SiiUpper, 1e-6);
        Assert.Equal(10, est.Quantiles);
    }

    [Fact]
    public void Sii_interval_and_rii_match_hand_worked_weighted_regression_on_quintiles()
    {
        // Equal quintile populations, so ridits are 0.1, 0.3, 0.5, 0.7, 0.9 and WLS reduces to OLS.
        double[] values = [150, 131, 127, 130, 120];
        var est = SlopeIndexOfInequality.Calculate(values, [5, 5, 5, 5, 5], 0.95);
        // OLS by hand: x̄ = 0.5, ȳ = 131.6; Sxx = 0.4; Sxy = Σ(x − x̄)y = -0.4*150 - 0.2*131 + 0 + 0.2*130 + 0.4*120 = -12.2.
        var slope = -12.2 / 0.4; // -30.5
        var intercept = 131.6 - (slope * 0.5);
        var rss = values.Select((y, i) => Math.Pow(y - (intercept + (slope * (0.1 + (0.2 * i)))), 2)).Sum();
        var se = Math.Sqrt(rss / 3 / 0.4);
        const double t3 = 3.182446305284263; // Student t, 3 df, 97.5% (published tables)
        ReferenceMath.Near(slope, est.Sii, 1e-9);
        ReferenceMath.Near(slope - (t3 * se), est.SiiLower, 1e-6);
        ReferenceMath.Near(slope + (t3 * se), est.SiiUpper, 1e-6);
        ReferenceMath.Near(131.6, est.WeightedMean, 1e-9);
        ReferenceMath.Near(slope / 131.6, est.Rii, 1e-12);
        ReferenceMath.Near((slope - (t3 * se)) / 131.6, est.RiiLower, 1e-8);
    }

    [Fact]
    public void Population_weights_are_equivalent_to_repeating_each_quantile()
    {
        // Integer weights 1, 2, 1: WLS on three points equals OLS on the four expanded points (ridits 1/8, 1/2, 1/2, 7/8).
        var est = SlopeIndexOfInequality.Calculate([10, 20, 50], [1, 2, 1]);
        double[] xs = [0.125, 0.5, 0.5, 0.875];
        double[] ys = [10, 20, 20, 50];
        var xm = xs.Average();
        var ym = ys.Average();
        var slope = xs.Zip(ys, (x, y) => (x - xm) * (y - ym)).Sum() / xs.Sum(x => (x - xm) * (x - xm));
        ReferenceMath.Near(slope, est.Sii, 1e-9);
    }

    [Fact]
    public void Fewer_than_three_quantiles_are_rejected_naming_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => SlopeIndexOfInequality.Calculate([1, 2], [1, 1]));
        Assert.Equal("values", ex.ParamName);
    }
}
