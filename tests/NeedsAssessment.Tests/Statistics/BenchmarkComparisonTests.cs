using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class BenchmarkComparisonTests
{
    [Theory]
    [InlineData(110, 130, 100, Comparison.Higher)]
    [InlineData(80, 95, 100, Comparison.Lower)]
    [InlineData(90, 110, 100, Comparison.Similar)]
    [InlineData(100, 110, 100, Comparison.Similar)]
    [InlineData(double.NaN, 110, 100, Comparison.NotCompared)]
    [InlineData(90, 110, double.NaN, Comparison.NotCompared)]
    public void Interval_wholly_above_or_below_the_benchmark_decides_higher_or_lower(double lower, double upper, double benchmark, Comparison expected)
    {
        Assert.Equal(expected, BenchmarkComparison.Compare(lower, upper, benchmark));
    }

    [Fact]
    public void The_same_rate_can_be_higher_at_95_percent_and_similar_at_99_8_percent()
    {
        // 130 events in 100,000 against a benchmark of 105 per 100,000.
        var r95 = CrudeRate.Calculate(130, 100_000, 100_000, 0.95);
        var r998 = CrudeRate.Calculate(130, 100_000, 100_000, 0.998);
        Assert.Equal(Comparison.Higher, BenchmarkComparison.Compare(r95, 105));
        Assert.Equal(Comparison.Similar, BenchmarkComparison.Compare(r998, 105));
    }

    [Fact]
    public void Reversed_limits_are_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BenchmarkComparison.Compare(5, 1, 3));
        Assert.Equal("lower", ex.ParamName);
    }
}
