using NeedsAssessment.Charts;
using NetTopologySuite.Geometries;

namespace NeedsAssessment.Report;

/// <summary>
/// The report stage's start-up that is the same on any data: the shipped templates parsed, the chart fonts registered,
/// and one small map drawn as PNG and SVG and thrown away, so the drawing code is compiled. Done on its own at the start
/// of a run (<c>ReportStage.Prepare</c>), while ingest and classification leave a core idle, it takes about a second of
/// CPU off the report, which runs last and alone. It reads no store and writes no file; the figures drawn later are the
/// same bytes, since nothing here is kept but the parsed templates and the registered fonts, which the report makes the
/// same way.
/// </summary>
internal static class ReportWarmUp
{
    /// <summary>Parses, registers and draws; the report stage waits for it before starting.</summary>
    public static void Run()
    {
        ReportTemplates.ParseShipped();
        ChartFonts.EnsureRegistered();
        var factory = new GeometryFactory();
        Polygon Square(double x) => factory.CreatePolygon([new(x, 0), new(x + 1_000, 0), new(x + 1_000, 1_000), new(x, 1_000), new(x, 0)]);
        // One area shaded, one hatched as suppressed, a district outline and a place name: the maps' drawing calls.
        var chart = ChoroplethChart.Create(
            [new AreaValue("a", "A", 1, null, null, false), new AreaValue("b", "B", null, null, null, true)],
            [new AreaShape("a", "A", Square(0)), new AreaShape("b", "B", Square(1_000))],
            [new AreaShape("d", "D", factory.CreateMultiPolygon([Square(0), Square(1_000)]))],
            "Rate", new ChartCaption("source", "period", "definition", "1"), "Warm-up", [new MapPlace("Place", 500, 500)]);
        ReportChartFiles.Png(chart, ChartFile.DefaultWidth, ChartFile.DefaultHeight);
        ChartFile.SvgText(chart.Plot, ChartFile.DefaultWidth, ChartFile.DefaultHeight);
    }
}
