using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Statistics;

public class DirectlyStandardisedRateTests
{
    private static double ByarByWilsonHilferty(double nu, double zp) => nu * Math.Pow(1 - (2 / (9 * nu)) + (zp * Math.Sqrt(2 / (9 * nu))), 3) / 2;

    [Fact]
    public void Dobson_dsr_on_a_three_band_table_matches_hand_calculation()
    {
        // Bands: counts 10, 20, 30; populations 1000, 2000, 1500; standard weights 1, 2, 1.
        // Rates 0.01, 0.01, 0.02 -> DSR = (1*0.01 + 2*0.01 + 1*0.02) / 4 = 0.0125 -> 1250 per 100,000.
        // Var(DSR) = (1*10/1000^2 + 4*20/2000^2 + 1*30/1500^2) / 16 = (1e-5 + 2e-5 + 1.3333e-5) / 16.
        var r = DirectlyStandardisedRate.Calculate([10, 20, 30], [1000, 2000, 1500], [1, 2, 1], 100_000, 0.95);
        ReferenceMath.Near(1250, r.Value, 1e-9);
        var variance = (1e-5 + 2e-5 + (30.0 / 2_250_000)) / 16;
        var se = Math.Sqrt(variance);
        // Dobson: the count's relative interval transferred to the DSR via its standard error.
        var lowerO = ByarByWilsonHilferty(120, -ReferenceMath.Z95);
        var upperO = ByarByWilsonHilferty(122, ReferenceMath.Z95);
        ReferenceMath.Near((0.0125 - (se * (60 - lowerO) / Math.Sqrt(60))) * 100_000, r.Lower, 1e-7);
        ReferenceMath.Near((0.0125 + (se * (upperO - 60) / Math.Sqrt(60))) * 100_000, r.Upper, 1e-7);
        Assert.Equal("dobson", r.Method);
        Assert.Equal(60, r.TotalCount);
        Assert.Equal(4500, r.TotalPopulation);
        Assert.Null(r.Reason);
    }

    [Fact]
    public void Dsr_for_a_single_band_equals_the_crude_rate_with_byars_limits()
    {
        var dsr = DirectlyStandardisedRate.Calculate([50], [20_000], [1], 100_000, 0.95);
        var crude = CrudeRate.Calculate(50, 20_000, 100_000, 0.95);
        ReferenceMath.Near(crude.Value, dsr.Value, 1e-9);
        ReferenceMath.Near(crude.Lower, dsr.Lower, 1e-9);
        ReferenceMath.Near(crude.Upper, dsr.Upper, 1e-9);
    }

    [Fact]
    public void Dsr_with_equal_band_rates_equals_that_rate_for_any_standard_population()
    {
        var counts = new double[19];
        var pops = new double[19];
        for (var i = 0; i < 19; i++)
        {
            pops[i] = 1000 + (i * 137);
            counts[i] = pops[i] * 0.004;
        }

        var r = DirectlyStandardisedRate.Calculate(counts, pops);
        ReferenceMath.Near(400, r.Value, 1e-9);
    }

    [Fact]
    public void Dsr_is_not_given_with_a_reason_when_total_count_is_below_ten()
    {
        var counts = new double[19];
        var pops = Enumerable.Repeat(5000.0, 19).ToArray();
        counts[3] = 4;
        counts[10] = 5;
        var r = DirectlyStandardisedRate.Calculate(counts, pops);
        Assert.True(double.IsNaN(r.Value) && double.IsNaN(r.Lower) && double.IsNaN(r.Upper));
        Assert.Equal("dsr not given for total count < 10", r.Reason);
        Assert.Equal(9, r.TotalCount);
        Assert.Equal(Comparison.NotCompared, BenchmarkComparison.Compare(r, 100));
    }

    [Fact]
    public void Default_standard_population_requires_nineteen_bands()
    {
        var ex = Assert.Throws<ArgumentException>(() => DirectlyStandardisedRate.Calculate([10, 20], [100, 200]));
        Assert.Contains("19", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_band_with_zero_population_is_rejected_naming_the_band()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DirectlyStandardisedRate.Calculate([10, 20], [100, 0], [1, 1]));
        Assert.Equal("populations[1]", ex.ParamName);
    }

    [Fact]
    public void European_standard_population_2013_has_nineteen_bands_summing_to_100000()
    {
        Assert.Equal(19, EuropeanStandardPopulation2013.BandCount);
        Assert.Equal(19, EuropeanStandardPopulation2013.BandLabels.Count);
        Assert.Equal(EuropeanStandardPopulation2013.Total, EuropeanStandardPopulation2013.Weights.Sum());
        Assert.Equal(5000, EuropeanStandardPopulation2013.Weights[0]);
        Assert.Equal(1000, EuropeanStandardPopulation2013.Weights[18]);
        Assert.Equal("90+", EuropeanStandardPopulation2013.BandLabels[18]);
    }
}
