using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class CrudeRateTests
{
    [Fact]
    public void Rate_below_ten_uses_exact_limits_scaled_to_the_multiplier()
    {
        var r = CrudeRate.Calculate(5, 20_000, 100_000, 0.95);
        Assert.Equal("exact", r.Method);
        ReferenceMath.Near(25, r.Value, 1e-12);
        // Published exact limits for 5 (1.6235, 11.6683) divided by 20,000 per 100,000.
        ReferenceMath.Near(1.6235 * 5, r.Lower, 5e-4);
        ReferenceMath.Near(11.6683 * 5, r.Upper, 5e-4);
        Assert.Equal(5, r.Count);
        Assert.Equal(20_000, r.Denominator);
        Assert.Equal(100_000, r.Multiplier);
        Assert.Equal(0.95, r.Confidence);
    }

    [Fact]
    public void Rate_at_one_hundred_uses_byars_limits_close_to_the_exact_limits()
    {
        var r = CrudeRate.Calculate(100, 50_000, 100_000, 0.95);
        Assert.Equal("byars", r.Method);
        ReferenceMath.Near(200, r.Value, 1e-12);
        var exactLower = ReferenceMath.ExactLowerByBisection(100, 0.95) * 2;
        var exactUpper = ReferenceMath.ExactUpperByBisection(100, 0.95) * 2;
        // Byar's agrees with exact to about 0.01% at 100 events.
        ReferenceMath.Near(exactLower, r.Lower, exactLower * 2e-4);
        ReferenceMath.Near(exactUpper, r.Upper, exactUpper * 2e-4);
    }

    [Fact]
    public void A_zero_count_gives_rate_zero_with_lower_limit_zero_and_positive_upper_limit()
    {
        var r = CrudeRate.Calculate(0, 1000, 1000, 0.998);
        Assert.Equal(0, r.Value);
        Assert.Equal(0, r.Lower);
        ReferenceMath.Near(-Math.Log(0.001), r.Upper, 1e-9);
    }

    [Fact]
    public void Ninety_nine_point_eight_percent_interval_is_wider_than_ninety_five()
    {
        var r95 = CrudeRate.Calculate(40, 10_000, 100_000, 0.95);
        var r998 = CrudeRate.Calculate(40, 10_000, 100_000, 0.998);
        Assert.True(r998.Lower < r95.Lower && r998.Upper > r95.Upper);
    }

    [Fact]
    public void Zero_denominator_is_rejected_naming_denominator()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CrudeRate.Calculate(3, 0));
        Assert.Equal("denominator", ex.ParamName);
    }
}
