using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class FunnelPlotTests
{
    // PHEindicatormethods tests/testthat/testdata_funnel_prop_outputs.csv (baseline 80.642448%), 6 decimals published.
    [Theory]
    [InlineData(50, 69.691035, 91.593861, 63.375595, 97.909301)]
    [InlineData(1008, 78.203374, 83.081521, 76.796814, 84.488082)]
    [InlineData(110000, 80.408963, 80.875933, 80.274317, 81.010578)]
    public void Proportion_limits_match_PHEindicatormethods_published_funnel_outputs(double n, double l2, double u2, double l3, double u3)
    {
        var f = FunnelPlot.ProportionLimits(0.80642448, n, 100);
        // Published values are rounded to 6 decimals and the baseline to 8 significant figures.
        ReferenceMath.Near(l2, f.Lower95, 2e-6, "lower 95");
        ReferenceMath.Near(u2, f.Upper95, 2e-6, "upper 95");
        ReferenceMath.Near(l3, f.Lower998, 2e-6, "lower 99.8");
        ReferenceMath.Near(u3, f.Upper998, 2e-6, "upper 99.8");
        ReferenceMath.Near(80.642448, f.Target, 1e-9);
    }

    [Fact]
    public void Proportion_limits_equal_PHE_sigma_adjustment_quadratic_and_are_clipped_at_100_percent()
    {
        // PHEindicatormethods sigma_adjustment, written out as published (a quadratic in the count).
        static double Sigma(double z, double n, double av, bool high)
        {
            var first = av * ((n / (z * z)) + 1);
            var adj = Math.Sqrt(Math.Pow(-8 * av * ((n / (z * z)) + 1), 2)
                - (64 * ((1 / (z * z)) + (1 / n)) * av * ((n * ((av * ((n / (z * z)) + 2)) - 1)) + ((z * z) * (av - 1)))));
            var last = (1 / (z * z)) + (1 / n);
            return (high ? first + (adj / 8) : first - (adj / 8)) / last / n;
        }

        var f = FunnelPlot.ProportionLimits(0.3, 40, 1);
        ReferenceMath.Near(Sigma(ReferenceMath.Z95, 40, 0.3, false), f.Lower95, 1e-12);
        ReferenceMath.Near(Sigma(ReferenceMath.Z95, 40, 0.3, true), f.Upper95, 1e-12);
        ReferenceMath.Near(Sigma(ReferenceMath.Z998, 40, 0.3, false), f.Lower998, 1e-12);
        ReferenceMath.Near(Sigma(ReferenceMath.Z998, 40, 0.3, true), f.Upper998, 1e-12);

        var small = FunnelPlot.ProportionLimits(0.9, 5, 100);
        Assert.Equal(100, small.Upper95);
    }

    // PHEindicatormethods tests/testthat/testdata_funnel_rate_outputs.csv: target 116.1720835 per 100,000,
    // 3 years of data; each row gives the (one-year) denominator at which the limit equals Events.
    [Theory]
    [InlineData(10, 5276.757672, 63.17010446, true, 0.95)]
    [InlineData(10, 1375.943768, 242.2579623, false, 0.95)]
    [InlineData(10, 6924.776769, 48.13632908, true, 0.998)]
    [InlineData(10, 849.4639547, 392.4043292, false, 0.998)]
    [InlineData(1, 1598.675694, 20.85059119, true, 0.95)]
    [InlineData(1360, 411529.9259, 110.158048, true, 0.95)]
    [InlineData(1360, 358342.3275, 126.5084525, false, 0.998)]
    public void Rate_limits_match_PHEindicatormethods_published_rate_funnel(int events, double population1Year, double limit, bool lower, double confidence)
    {
        var f = FunnelPlot.RateLimits(116.1720835 / 100_000, 3 * population1Year, 100_000);
        var actual = (lower, confidence) switch
        {
            (true, 0.95) => f.Lower95,
            (false, 0.95) => f.Upper95,
            (true, _) => f.Lower998,
            _ => f.Upper998,
        };
        // Agreement is to about 5e-7 relative: PHE solves for the population numerically (uniroot tolerance)
        // and publishes it to 10 significant figures; allow 1e-6 relative.
        ReferenceMath.Near(limit, actual, limit * 1e-6, $"{events} events");
        Assert.Equal("exact poisson", f.Method);
    }

    [Theory]
    [InlineData(3, 0.95)]
    [InlineData(7, 0.998)]
    [InlineData(40, 0.95)]
    public void Rate_lower_limit_at_the_denominator_where_E_is_the_exact_upper_limit_of_O_is_O(int count, double confidence)
    {
        // Independent: exact upper limit found by bisection on the Poisson cdf sum.
        var expected = ReferenceMath.ExactUpperByBisection(count, confidence);
        var n = 10_000.0;
        var f = FunnelPlot.RateLimits(expected / n, n, n);
        ReferenceMath.Near(count, confidence == 0.95 ? f.Lower95 : f.Lower998, 1e-6);
    }

    [Fact]
    public void Rate_upper_limit_count_lies_between_the_integer_counts_whose_exact_lower_limits_bracket_E()
    {
        var upperCount = FunnelPlot.UpperLimitCount(40, 0.95);
        var below = (int)Math.Floor(upperCount);
        Assert.True(ReferenceMath.ExactLowerByBisection(below, 0.95) <= 40, $"count {below}");
        Assert.True(ReferenceMath.ExactLowerByBisection(below + 1, 0.95) >= 40, $"count {below + 1}");
        // At an integer count the limit is exact: E = exact lower limit of 60 gives an upper limit count of 60.
        var e60 = ReferenceMath.ExactLowerByBisection(60, 0.998);
        ReferenceMath.Near(60, FunnelPlot.UpperLimitCount(e60, 0.998), 1e-6);
    }

    [Fact]
    public void Rate_lower_limit_is_zero_when_even_zero_events_would_be_unremarkable()
    {
        // E = 2 < -ln(0.025) = 3.69, so observing 0 events is inside the 95% funnel.
        var f = FunnelPlot.RateLimits(0.0002, 10_000, 100_000);
        Assert.Equal(0, f.Lower95);
        Assert.True(f.Upper95 > 20);
    }

    [Fact]
    public void Rate_limits_approach_the_normal_approximation_for_large_denominators()
    {
        var f = FunnelPlot.RateLimits(0.001, 10_000_000, 1); // E = 10,000
        var sd = Math.Sqrt(10_000.0) / 10_000_000;
        ReferenceMath.Near(0.001 - (ReferenceMath.Z95 * sd), f.Lower95, 0.001 * 1e-3);
        ReferenceMath.Near(0.001 + (ReferenceMath.Z998 * sd), f.Upper998, 0.001 * 1e-3);
    }

    [Fact]
    public void Curve_spans_the_requested_denominators_geometrically_and_narrows()
    {
        var curve = FunnelPlot.RateCurve(0.005, 100, 100_000, 4);
        Assert.Equal(4, curve.Count);
        ReferenceMath.Near(100, curve[0].Denominator, 1e-9);
        ReferenceMath.Near(1000, curve[1].Denominator, 1e-9);
        ReferenceMath.Near(100_000, curve[3].Denominator, 1e-9);
        for (var i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].Upper95 - curve[i].Lower95 < curve[i - 1].Upper95 - curve[i - 1].Lower95);
            Assert.True(curve[i].Lower998 < curve[i].Lower95 && curve[i].Upper998 > curve[i].Upper95);
        }

        var props = FunnelPlot.ProportionCurve(0.2, 10, 1000, 3);
        ReferenceMath.Near(100, props[1].Denominator, 1e-9);
    }

    [Fact]
    public void Curve_with_max_below_min_is_rejected_naming_maxDenominator()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => FunnelPlot.ProportionCurve(0.2, 1000, 10));
        Assert.Equal("maxDenominator", ex.ParamName);
    }
}
