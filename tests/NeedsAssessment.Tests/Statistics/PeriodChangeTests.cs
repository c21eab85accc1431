using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class PeriodChangeTests
{
    // Clopper-Pearson limits by bisection on the binomial cdf sum (independent of the Beta inverse).
    private static (double Lower, double Upper) ClopperPearson(int x, int n, double confidence)
    {
        var tail = (1 - confidence) / 2;
        var lower = x == 0 ? 0 : ReferenceMath.Bisect(p => (1 - ReferenceMath.BinomialCdf(x - 1, n, p)) - tail, 1e-15, 1 - 1e-15);
        var upper = x == n ? 1 : ReferenceMath.Bisect(p => ReferenceMath.BinomialCdf(x, n, p) - tail, 1e-15, 1 - 1e-15);
        return (lower, upper);
    }

    [Theory]
    [InlineData(30, 100_000, 45, 110_000, 0.95)]
    [InlineData(4, 5_000, 9, 5_200, 0.998)]
    [InlineData(200, 1, 150, 1, 0.95)]
    public void Rate_ratio_limits_equal_clopper_pearson_on_the_conditional_binomial(int o1, double n1, int o2, double n2, double confidence)
    {
        var change = PeriodChange.Calculate(o1, n1, o2, n2, confidence);
        var (pl, pu) = ClopperPearson(o2, o1 + o2, confidence);
        var lower = pl / (1 - pl) * n1 / n2;
        var upper = pu / (1 - pu) * n1 / n2;
        var ratio = o2 / n2 / (o1 / n1);
        ReferenceMath.Near(ratio, change.RateRatio, 1e-12);
        ReferenceMath.Near(lower, change.RatioLower, lower * 1e-7, "lower");
        ReferenceMath.Near(upper, change.RatioUpper, upper * 1e-7, "upper");
        ReferenceMath.Near(100 * (ratio - 1), change.Percent, 1e-9);
        ReferenceMath.Near(100 * (lower - 1), change.PercentLower, Math.Abs(lower) * 1e-5);
    }

    [Fact]
    public void Large_counts_agree_with_the_log_normal_approximation()
    {
        // 1000 → 1100 events, equal populations: ln R ± z √(1/O₁ + 1/O₂).
        var change = PeriodChange.Calculate(1000, 1, 1100, 1, 0.95);
        var se = Math.Sqrt((1 / 1000.0) + (1 / 1100.0));
        ReferenceMath.Near(1.1 * Math.Exp(-ReferenceMath.Z95 * se), change.RatioLower, 2e-3);
        ReferenceMath.Near(1.1 * Math.Exp(ReferenceMath.Z95 * se), change.RatioUpper, 2e-3);
        ReferenceMath.Near(10, change.Percent, 1e-9);
    }

    [Fact]
    public void Zero_later_count_gives_lower_limit_zero_and_percent_minus_100()
    {
        var change = PeriodChange.Calculate(12, 1000, 0, 1000);
        Assert.Equal(0, change.RatioLower);
        Assert.Equal(-100, change.Percent);
        Assert.True(change.RatioUpper > 0 && double.IsFinite(change.RatioUpper));
    }

    [Fact]
    public void Zero_baseline_count_gives_an_unbounded_upper_limit_with_a_note()
    {
        var change = PeriodChange.Calculate(0, 1000, 7, 1000);
        Assert.True(double.IsPositiveInfinity(change.RatioUpper));
        Assert.True(change.RatioLower > 0);
        Assert.NotNull(change.Note);
    }

    [Fact]
    public void No_events_in_either_period_gives_no_estimate_with_a_note()
    {
        var change = PeriodChange.Calculate(0, 1000, 0, 1000);
        Assert.True(double.IsNaN(change.RateRatio));
        Assert.Equal("no events in either period", change.Note);
    }
}
