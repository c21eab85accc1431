using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class PoissonConfidenceLimitsTests
{
    // Published 95% exact limits (Fingertips / APHO Technical Briefing 3 tables), given to 4 decimals.
    [Theory]
    [InlineData(0, 0.0, 3.6889)]
    [InlineData(1, 0.0253, 5.5716)]
    [InlineData(5, 1.6235, 11.6683)]
    public void Exact_95_percent_limits_match_published_table_to_four_decimals(int count, double lower, double upper)
    {
        ReferenceMath.Near(lower, PoissonConfidenceLimits.ExactLower(count, 0.95), 5e-5, "lower");
        ReferenceMath.Near(upper, PoissonConfidenceLimits.ExactUpper(count, 0.95), 5e-5, "upper");
    }

    [Fact]
    public void Exact_limits_for_a_count_of_zero_have_lower_limit_zero()
    {
        Assert.Equal(0, PoissonConfidenceLimits.ExactLower(0, 0.95));
        Assert.Equal(0, PoissonConfidenceLimits.ExactLower(0, 0.998));
        // Upper limit for zero has the closed form -ln(alpha/2).
        ReferenceMath.Near(-Math.Log(0.025), PoissonConfidenceLimits.ExactUpper(0, 0.95), 1e-9);
        ReferenceMath.Near(-Math.Log(0.001), PoissonConfidenceLimits.ExactUpper(0, 0.998), 1e-9);
    }

    [Theory]
    [InlineData(0, 0.95)]
    [InlineData(1, 0.95)]
    [InlineData(5, 0.95)]
    [InlineData(100, 0.95)]
    [InlineData(1, 0.998)]
    [InlineData(5, 0.998)]
    [InlineData(100, 0.998)]
    public void Exact_limits_agree_with_bisection_on_the_Poisson_cdf_sum(int count, double confidence)
    {
        ReferenceMath.Near(ReferenceMath.ExactLowerByBisection(count, confidence), PoissonConfidenceLimits.ExactLower(count, confidence), 1e-7, "lower");
        ReferenceMath.Near(ReferenceMath.ExactUpperByBisection(count, confidence), PoissonConfidenceLimits.ExactUpper(count, confidence), 1e-7, "upper");
    }

    [Fact]
    public void Byars_limits_at_ten_match_the_Wilson_Hilferty_chi_square_approximation()
    {
        // Byar's method is the Wilson-Hilferty cube-root approximation to chi-square quantiles:
        // chi2(nu, p) ~ nu (1 - 2/(9 nu) + z_p sqrt(2/(9 nu)))^3, halved, with nu = 2O (lower) and 2O+2 (upper).
        static double WilsonHilferty(double nu, double zp) => nu * Math.Pow(1 - (2 / (9 * nu)) + (zp * Math.Sqrt(2 / (9 * nu))), 3) / 2;

        var lower = WilsonHilferty(20, -ReferenceMath.Z95);
        var upper = WilsonHilferty(22, ReferenceMath.Z95);
        ReferenceMath.Near(lower, PoissonConfidenceLimits.ByarLower(10, 0.95), 1e-9, "lower");
        ReferenceMath.Near(upper, PoissonConfidenceLimits.ByarUpper(10, 0.95), 1e-9, "upper");
        // And Byar's is close to the exact interval at 10 (exact: 4.7954, 18.3904).
        ReferenceMath.Near(4.7954, PoissonConfidenceLimits.ByarLower(10, 0.95), 0.01, "lower vs exact");
        ReferenceMath.Near(18.3904, PoissonConfidenceLimits.ByarUpper(10, 0.95), 0.01, "upper vs exact");
    }

    [Fact]
    public void Limits_switch_from_exact_at_nine_to_byars_at_ten()
    {
        Assert.Equal("exact", PoissonConfidenceLimits.Limits(9, 0.95).Method);
        Assert.Equal("byars", PoissonConfidenceLimits.Limits(10, 0.95).Method);
    }

    [Fact]
    public void Byars_lower_limit_is_zero_rather_than_negative_for_tiny_counts_at_high_confidence()
    {
        Assert.Equal(0, PoissonConfidenceLimits.ByarLower(0, 0.95));
        Assert.Equal(0, PoissonConfidenceLimits.ByarLower(1, 0.998));
    }

    [Theory]
    [InlineData(-1, 0.95, "count")]
    [InlineData(double.NaN, 0.95, "count")]
    [InlineData(5, 95, "confidence")]
    [InlineData(5, 0, "confidence")]
    [InlineData(5, 1, "confidence")]
    public void Bad_arguments_are_rejected_naming_the_argument_and_value(double count, double confidence, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PoissonConfidenceLimits.ExactUpper(count, confidence));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains(name == "count" ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : confidence.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }
}
