using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class WilsonProportionTests
{
    // Solves n(p̂ - p)² = z² p(1 - p) for p: the Wilson interval is the set of p not rejected by the score test.
    private static (double Lower, double Upper) ScoreTestInversion(double x, double n, double z)
    {
        var ph = x / n;
        var a = n + (z * z);
        var b = -((2 * n * ph) + (z * z));
        var c = n * ph * ph;
        var disc = Math.Sqrt(Math.Max(0, (b * b) - (4 * a * c)));
        return ((-b - disc) / (2 * a), (-b + disc) / (2 * a));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(37, 120)]
    [InlineData(999, 1000)]
    public void Wilson_limits_equal_the_inverted_score_test(double x, double n)
    {
        var est = WilsonProportion.Calculate(x, n, 1, 0.95);
        var (lo, hi) = ScoreTestInversion(x, n, ReferenceMath.Z95);
        ReferenceMath.Near(lo, est.Lower, 1e-12, "lower");
        ReferenceMath.Near(hi, est.Upper, 1e-12, "upper");
        Assert.Equal("wilson", est.Method);
    }

    [Fact]
    public void Wilson_interval_for_zero_of_n_has_lower_zero_and_upper_z_squared_over_n_plus_z_squared()
    {
        var est = WilsonProportion.Calculate(0, 20, 1, 0.95);
        Assert.Equal(0, est.Value);
        Assert.Equal(0, est.Lower);
        var z2 = ReferenceMath.Z95 * ReferenceMath.Z95;
        ReferenceMath.Near(z2 / (20 + z2), est.Upper, 1e-12);
    }

    [Fact]
    public void Wilson_interval_for_n_of_n_has_upper_one_and_lower_n_over_n_plus_z_squared()
    {
        var est = WilsonProportion.Calculate(20, 20, 100, 0.95);
        Assert.Equal(100, est.Value);
        Assert.Equal(100, est.Upper);
        var z2 = ReferenceMath.Z95 * ReferenceMath.Z95;
        ReferenceMath.Near(100 * 20 / (20 + z2), est.Lower, 1e-10);
    }

    [Fact]
    public void Newcombe_1998_worked_example_81_of_263_matches_published_limits()
    {
        // Newcombe (1998) Table II, 81/263: Wilson score 0.2553 to 0.3662.
        var est = WilsonProportion.Calculate(81, 263, 1, 0.95);
        ReferenceMath.Near(0.2553, est.Lower, 5e-5);
        ReferenceMath.Near(0.3662, est.Upper, 5e-5);
    }

    [Fact]
    public void Numerator_larger_than_denominator_is_rejected_naming_numerator()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WilsonProportion.Calculate(11, 10));
        Assert.Equal("numerator", ex.ParamName);
        Assert.Contains("11", ex.Message, StringComparison.Ordinal);
    }
}
