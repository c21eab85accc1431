using NeedsAssessment.Charts;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Tests.Charts;

public class ChartCalculationTests
{
    [Fact]
    public void Quintile_breaks_fall_on_order_statistics_when_n_minus_1_divides_by_5()
    {
        // n = 11: h = (n - 1) k / 5 = 2k, so the breaks are the 1st, 3rd, 5th, 7th, 9th and 11th values.
        var values = new double[] { 9, 1, 11, 3, 5, 2, 7, 4, 6, 8, 10 };
        Assert.Equal([1, 3, 5, 7, 9, 11], ChoroplethChart.QuintileBreaks(values));
    }

    [Fact]
    public void Quintile_breaks_interpolate_between_order_statistics()
    {
        // n = 4: h = 0, 0.6, 1.2, 1.8, 2.4, 3 -> 10, 10 + 0.6*10, 20 + 0.2*10, 20 + 0.8*10, 30 + 0.4*10, 40.
        var breaks = ChoroplethChart.QuintileBreaks([40, 10, 30, 20, double.NaN]);
        Assert.Equal(6, breaks.Length);
        double[] expected = [10, 16, 22, 28, 34, 40];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], breaks[i], 12);
        }

        Assert.Equal(1, ChoroplethChart.QuintileOf(10, breaks));
        Assert.Equal(1, ChoroplethChart.QuintileOf(16, breaks)); // on a break: the lower class
        Assert.Equal(2, ChoroplethChart.QuintileOf(16.01, breaks));
        Assert.Equal(4, ChoroplethChart.QuintileOf(30, breaks));
        Assert.Equal(5, ChoroplethChart.QuintileOf(40, breaks));
        Assert.Empty(ChoroplethChart.QuintileBreaks([]));
    }

    [Fact]
    public void Sii_line_runs_from_the_intercept_at_ridit_0_to_intercept_plus_sii_at_ridit_1()
    {
        // Values exactly linear in the ridit, y = 100 - 50 x, with equal populations: ridits 0.05, 0.15, ..., 0.95,
        // so the weighted fit is exact: intercept 100, SII -50, line from (0, 100) to (1, 50).
        var populations = Enumerable.Repeat(1000.0, 10).ToArray();
        var values = Enumerable.Range(0, 10).Select(i => 100 - (50 * (i + 0.5) / 10)).ToArray();
        var sii = SlopeIndexOfInequality.Calculate(values, populations);
        var (start, end) = DeprivationGradientChart.SiiLine(sii);
        Assert.Equal(0, start.X);
        Assert.Equal(100, start.Y, 9);
        Assert.Equal(1, end.X);
        Assert.Equal(50, end.Y, 9);

        var quantiles = values.Select((v, i) => new QuantileValue(i + 1, $"{i + 1}", v, v - 1, v + 1, 1000)).ToList();
        var chart = DeprivationGradientChart.Create(quantiles, sii, "Rate", ChartSamples_Caption(), "Test");
        var line = Assert.Single(chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.LinePlot>(), l => l.Start.X == 0 && l.End.X == 1);
        Assert.Equal(100, line.Start.Y, 9);
        Assert.Equal(50, line.End.Y, 9);
        Assert.Equal("0.050", chart.Data.Rows[0][5]);
        Assert.Equal("0.950", chart.Data.Rows[9][5]);
    }

    [Fact]
    public void Funnel_positions_use_limits_at_each_areas_own_denominator()
    {
        var curve = FunnelPlot.RateCurve(0.01, 1000, 100_000, multiplier: 1000);
        var exact = FunnelPlot.RateLimits(0.01, 20_000, 1000);
        Assert.Equal(FunnelChart.Position.Within, FunnelChart.Classify(new AreaValue("a", "a", 10, null, null, false, 20_000), curve));
        Assert.Equal(FunnelChart.Position.Above998, FunnelChart.Classify(new AreaValue("a", "a", exact.Upper998 + 0.01, null, null, false, 20_000), curve));
        Assert.Equal(FunnelChart.Position.Above95, FunnelChart.Classify(new AreaValue("a", "a", (exact.Upper95 + exact.Upper998) / 2, null, null, false, 20_000), curve));
        Assert.Equal(FunnelChart.Position.Below95, FunnelChart.Classify(new AreaValue("a", "a", (exact.Lower95 + exact.Lower998) / 2, null, null, false, 20_000), curve));
        Assert.Equal(FunnelChart.Position.NotCompared, FunnelChart.Classify(new AreaValue("a", "a", 10, null, null, true, 20_000), curve));
    }

    [Fact]
    public void Rolling_mean_needs_a_full_window_of_available_months()
    {
        double?[] values = [1, 2, 3, null, 5, 6, 7];
        Assert.Equal([null, null, 2.0, null, null, null, 6.0], MonthlyTrendChart.RollingMean(values, 3));
        Assert.Equal(values, MonthlyTrendChart.RollingMean(values, 1));
    }

    [Fact]
    public void Caption_lines_carry_source_period_definition_and_note()
    {
        var caption = new ChartCaption("PRC", "2023/24", "vwi-rate", "2.1").WithNote("Small counts suppressed.").WithNote("Second.");
        Assert.Equal(["Source: PRC. Period: 2023/24.", "Definition: vwi-rate v2.1.", "Small counts suppressed. Second."], caption.Lines());
    }

    private static ChartCaption ChartSamples_Caption() => ChartSamples.Caption;
}
