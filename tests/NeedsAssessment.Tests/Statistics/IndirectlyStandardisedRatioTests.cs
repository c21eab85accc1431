using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class IndirectlyStandardisedRatioTests
{
    [Fact]
    public void Expected_count_is_local_population_times_reference_rate_summed_over_bands()
    {
        // 2000 people at 150 per 100,000 plus 500 at 1200 per 100,000 = 3 + 6 = 9 expected.
        var e = IndirectlyStandardisedRatio.ExpectedCount([2000, 500], [150, 1200], 100_000);
        ReferenceMath.Near(9, e, 1e-12);
    }

    [Fact]
    public void Ratio_below_ten_observed_uses_exact_limits_divided_by_expected()
    {
        var r = IndirectlyStandardisedRatio.Calculate(5, 4, 100, 0.95);
        Assert.Equal("exact", r.Method);
        ReferenceMath.Near(125, r.Value, 1e-12);
        ReferenceMath.Near(1.6235 / 4 * 100, r.Lower, 5e-3);
        ReferenceMath.Near(11.6683 / 4 * 100, r.Upper, 5e-3);
    }

    [Fact]
    public void Ratio_at_one_hundred_observed_uses_byars_limits()
    {
        var r = IndirectlyStandardisedRatio.Calculate(100, 80, 1, 0.998);
        Assert.Equal("byars", r.Method);
        var z = ReferenceMath.Z998;
        var lower = 100 * Math.Pow(1 - (1.0 / 900) - (z / 30), 3);
        var upper = 101 * Math.Pow(1 - (1.0 / 909) + (z / (3 * Math.Sqrt(101))), 3);
        ReferenceMath.Near(lower / 80, r.Lower, 1e-12);
        ReferenceMath.Near(upper / 80, r.Upper, 1e-12);
    }

    [Fact]
    public void Zero_expected_is_rejected_naming_expected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => IndirectlyStandardisedRatio.Calculate(3, 0));
        Assert.Equal("expected", ex.ParamName);
    }
}
