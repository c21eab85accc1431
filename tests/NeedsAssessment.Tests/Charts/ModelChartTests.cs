using NeedsAssessment.Charts;
using NeedsAssessment.Modelling;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>Checks specific to the modelling-stage charts; the shared render, alt-text and table checks run in <see cref="ChartRenderingTests"/>.</summary>
public class ModelChartTests
{
    public static TheoryData<string> ModelKinds() => ["observedexpected", "forecastfan", "typology"];

    [Theory]
    [MemberData(nameof(ModelKinds))]
    public void Model_charts_have_text_in_the_title_and_caption_bands(string kind)
    {
        var chart = ChartSamples.Build(kind, ChartSamples.Shape.Normal);
        Assert.True(ChartFontTests.DarkPixels(chart.Plot, 0, 40, width: 1000, height: 650) > 200, "no title text");
        Assert.True(ChartFontTests.DarkPixels(chart.Plot, 650 - 60, 650, width: 1000, height: 650, threshold: 140) > 200, "no caption text");
    }

    [Theory]
    [MemberData(nameof(ModelKinds))]
    public void Model_chart_alt_text_is_one_sentence_for_every_shape(string kind)
    {
        foreach (var shape in Enum.GetValues<ChartSamples.Shape>())
        {
            var alt = ChartSamples.Build(kind, shape).AltText;
            Assert.EndsWith(".", alt, StringComparison.Ordinal);
            Assert.Single(alt.Split(". ", StringSplitOptions.None));
            Assert.DoesNotContain('\n', alt);
        }
    }

    [Fact]
    public void Observed_expected_never_labels_or_prints_counts_of_1_to_7()
    {
        // Label every significant excess: only the small-count rule can then keep an area unlabelled.
        var areas = ChartSamples.Expected(ChartSamples.Shape.Normal);
        var names = ChartSamples.ExpectedNames(ChartSamples.Shape.Normal);
        Assert.Contains(areas, a => a.SignificantExcess && a.Observed is >= 1 and <= 7);
        var chart = ObservedExpectedChart.Create(areas, ChartSamples.Caption, areaNames: names, labelCount: 1000);

        var labels = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().Select(t => t.LabelText).ToHashSet(StringComparer.Ordinal);
        var expectedLabels = areas.Where(a => a.SignificantExcess && a.Observed > 7).Select(a => names[a.Lsoa21Code]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expectedLabels, labels);
        Assert.All(areas.Where(a => a.Observed is >= 1 and <= 7), a => Assert.DoesNotContain(names[a.Lsoa21Code], labels));
        Assert.Contains("more than 7 events", chart.Caption.Note, StringComparison.Ordinal);

        // In the table the count and every figure that gives it back (O/E, its limits, O - E) are suppressed.
        var observedColumn = chart.Data.Columns.ToList().FindIndex(c => c.StartsWith("Observed ", StringComparison.Ordinal));
        foreach (var row in chart.Data.Rows)
        {
            var area = areas.Single(a => a.Lsoa21Code == row[0]);
            if (area.Observed is >= 1 and <= 7)
            {
                Assert.Equal(["suppressed", "suppressed", "suppressed", "suppressed", "suppressed"], [row[observedColumn], row[5], row[6], row[7], row[8]]);
            }
            else
            {
                Assert.Equal(area.Observed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), row[observedColumn]);
            }
        }

        Assert.Contains(chart.Data.Rows, r => r[observedColumn] == "0");
    }

    [Fact]
    public void Observed_expected_labels_the_largest_significant_excesses_and_draws_the_identity_line()
    {
        var areas = ChartSamples.Expected(ChartSamples.Shape.Normal);
        var chart = ObservedExpectedChart.Create(areas, ChartSamples.Caption, labelCount: 3);
        var labels = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().Select(t => t.LabelText).ToList();
        var top = areas.Where(a => a.SignificantExcess && a.Observed > 7).OrderByDescending(a => a.Excess).Take(3).Select(a => a.Lsoa21Code).ToList();
        Assert.Equal(top, labels);

        // Wide range: log axes, so every drawn coordinate is a log10 count (the y = x line runs corner to corner).
        var line = Assert.Single(chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.LinePlot>(), l => l.Start.X == l.Start.Y && l.End.X == l.End.Y);
        Assert.Equal(line.Start.X, line.Start.Y);
        Assert.Equal(line.End.X, line.End.Y);
        Assert.Contains("log scale", chart.Plot.Axes.Bottom.Label.Text, StringComparison.Ordinal);
        var excessMarkers = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().Single(m => m.MarkerStyle.FillColor.ToHex()[..7] == ChartPalette.Vermillion.ToHex()[..7]);
        Assert.Equal(areas.Count(a => a.SignificantExcess), excessMarkers.Data.GetScatterPoints().Count);
        Assert.Equal(areas.Count, chart.Data.Rows.Count);
    }

    [Fact]
    public void Observed_expected_uses_linear_axes_for_a_narrow_range_and_puts_zero_counts_on_their_own_line_on_log_axes()
    {
        var narrow = ObservedExpectedChart.Create([ChartSamples.Area("A", "D", 10, 9), ChartSamples.Area("B", "D", 14, 12)], ChartSamples.Caption);
        Assert.DoesNotContain("log", narrow.Plot.Axes.Left.Label.Text, StringComparison.Ordinal);

        var wide = ObservedExpectedChart.Create([ChartSamples.Area("A", "D", 0, 0.6), ChartSamples.Area("B", "D", 140, 90)], ChartSamples.Caption);
        wide.Plot.RenderInMemory(800, 500);
        var ticks = wide.Plot.Axes.Left.TickGenerator.Ticks;
        Assert.Contains(ticks, t => t.Label == "0");
        Assert.All(wide.Plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().SelectMany(m => m.Data.GetScatterPoints()), p => Assert.True(double.IsFinite(p.Y)));
    }

    [Fact]
    public void Forecast_fan_draws_80_and_95_bands_for_back_test_and_forecast_and_the_observed_back_test_points()
    {
        var points = ChartSamples.Forecast(ChartSamples.Shape.Normal);
        var chart = ForecastFanChart.Create(points, "E07000001", ChartSamples.Caption);
        var fills = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>().ToList();
        Assert.Equal(4, fills.Count);

        // The 95% band contains the 80% band at every month.
        var forecast = points.Where(p => p.DistrictCode == "E07000001" && p.Kind == "forecast").ToList();
        Assert.All(forecast, p => Assert.True(p.Lower95 <= p.Lower80 && p.Upper80 <= p.Upper95));
        var backtestPoints = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>().Single().Data.GetScatterPoints();
        Assert.Equal(12, backtestPoints.Count);
        Assert.Contains("Ashford Vale", chart.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(chart.Data.Rows, r => r.Contains("Brookmere"));

        // One row per history month, per back-test month of the chosen method and per forecast month.
        Assert.Equal(36 + 12 + 12, chart.Data.Rows.Count);
        Assert.All(chart.Data.Rows.Where(r => r[1] == "forecast"), r => Assert.Equal(string.Empty, r[2]));
        Assert.All(chart.Data.Rows.Where(r => r[1] != "history"), r => Assert.NotEqual(string.Empty, r[4]));

        var naive = ForecastFanChart.Create(points, "E07000001", ChartSamples.Caption, method: DistrictForecast.SeasonalNaive);
        Assert.Contains("seasonal naive", naive.Caption.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_fan_for_an_unknown_district_says_there_is_no_data()
    {
        var chart = ForecastFanChart.Create(ChartSamples.Forecast(ChartSamples.Shape.Normal), "E99999999", ChartSamples.Caption);
        Assert.Empty(chart.Data.Rows);
        Assert.Contains(chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Annotation>(), a => a.Text == ChartBuilder.NoDataMessage);
    }

    [Fact]
    public void Typology_heat_map_prints_each_z_in_its_cell_and_the_profile_beside_each_row()
    {
        var clusters = ChartSamples.Typology(ChartSamples.Shape.Normal);
        var chart = TypologyProfileChart.Create(clusters, ChartSamples.Caption);
        var texts = chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().Select(t => t.LabelText.Replace('\n', ' ')).ToList();
        foreach (var c in clusters)
        {
            Assert.Contains(c.Profile, texts);
        }

        Assert.Contains("+2.8", texts);
        Assert.Contains("-1.6", texts);
        Assert.Equal(clusters.Count * AreaTypology.IndicatorNames.Count, chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Rectangle>().Count());
        Assert.Equal(3 + AreaTypology.IndicatorNames.Count, chart.Data.Columns.Count);
        Assert.Equal(["1", "24", clusters[0].Profile, "2.80", "1.90", "2.60", "1.10", "-0.90", "1.20", "0.80"], chart.Data.Rows[0]);
        Assert.Equal(TypologyProfileChart.DefaultIndicatorLabels.Count, AreaTypology.IndicatorNames.Count);
    }

    [Fact]
    public void Typology_leaves_non_finite_cells_blank_and_says_so()
    {
        var chart = TypologyProfileChart.Create([new ClusterProfile(1, 10, "deprived", [0.5, double.NaN, 1, 0, 0, 0, 2], [1, 1, 1, 1, 1, 1, 1])], ChartSamples.Caption);
        Assert.Equal("no data", chart.Data.Rows[0][4]);
        Assert.Contains("Blank cells (1)", chart.Caption.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(chart.Plot.GetPlottables().OfType<ScottPlot.Plottables.Text>(), t => t.LabelText.Contains("NaN", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrap_breaks_at_spaces_near_the_width()
    {
        Assert.Equal("high violence rate,\nnight-time economy,\nyoung victims", TypologyProfileChart.Wrap("high violence rate, night-time economy, young victims", 20));
        Assert.Equal("unbreakablelongword", TypologyProfileChart.Wrap("unbreakablelongword", 5));
        Assert.Equal(string.Empty, TypologyProfileChart.Wrap(string.Empty, 5));
        Assert.Equal("Weapon-\nenabled", TypologyProfileChart.Wrap("Weapon-enabled", 10));
        Assert.Equal("Victims\nunder 25", TypologyProfileChart.Wrap("Victims under 25", 10));
    }
}
