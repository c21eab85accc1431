using NeedsAssessment.Charts;
using ScottPlot;
using SkiaSharp;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// Every chart of Charts/ rendered on representative data keeps its title, axis labels, key and caption inside the
/// figure: no ink on the image's outer edge (text cut off at the edge leaves its strokes there), at the report's size
/// and at the chart files' double resolution.
/// </summary>
public sealed class ChartFrameTests
{
    /// <summary>Every chart type in Charts/: the shared samples plus the spine, local Moran and density maps.</summary>
    public static readonly string[] AllKinds = [.. ChartSamples.Kinds, "spine", "lisa", "kde"];

    public static TheoryData<string, float> KindsAndScales()
    {
        var data = new TheoryData<string, float>();
        foreach (var kind in AllKinds)
        {
            data.Add(kind, 1);
            data.Add(kind, 2);
        }

        return data;
    }

    internal static Chart Build(string kind) => kind switch
    {
        "spine" => SpineChart.Create(Spine(), "Synthshire overall", "community safety hubs", ChartSamples.Caption, "The partnership's indicators against the range of its community safety hubs"),
        "lisa" => LisaClusterMapChart.Create(LisaAreas(), LisaShapes(), ChartSamples.Districts(), Classes(["HH", "LL", "HL", "LH", "ns"]), ChartSamples.Caption,
            "Local Moran's I: clusters and outliers of serious violence by neighbourhood", Places()),
        "kde" => KdeSurfaceChart.Create(KdeCells(), 400, ChartSamples.Districts(), Classes(["top1", "top5", "top10", "none"]), ChartSamples.Caption, "Kernel density of serious violence", Places()),
        _ => ChartSamples.Build(kind, ChartSamples.Shape.Normal),
    };

    /// <summary>The first ink on the image's outermost pixel ring, or null when the ring is background.</summary>
    internal static string? InkOnEdge(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        // Charts are drawn on white: ink is any visible pixel clearly darker than it.
        bool Ink(int x, int y) => bitmap.GetPixel(x, y) is var c && c.Alpha > 40 && Math.Min(c.Red, Math.Min(c.Green, c.Blue)) < 215;
        for (var x = 0; x < bitmap.Width; x++)
        {
            if (Ink(x, 0)) return $"top edge at x={x}";
            if (Ink(x, bitmap.Height - 1)) return $"bottom edge at x={x}";
        }

        for (var y = 0; y < bitmap.Height; y++)
        {
            if (Ink(0, y)) return $"left edge at y={y}";
            if (Ink(bitmap.Width - 1, y)) return $"right edge at y={y}";
        }

        return null;
    }

    internal static byte[] Render(Chart chart, float scale)
    {
        var (width, height) = chart.Size ?? (1000, 620);
        ChartFonts.EnsureRegistered();
        var saved = chart.Plot.ScaleFactor;
        try
        {
            chart.Plot.ScaleFactor = scale;
            return chart.Plot.GetImageBytes((int)(width * scale), (int)(height * scale), ImageFormat.Png);
        }
        finally
        {
            chart.Plot.ScaleFactor = saved;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndScales))]
    public void Every_chart_keeps_its_title_labels_key_and_caption_inside_the_figure(string kind, float scale)
    {
        var chart = Build(kind);

        // As the report does: the page's image first, then the chart file at double resolution from the same plot.
        if (scale != 1) Render(chart, 1);
        var edge = InkOnEdge(Render(chart, scale));
        Assert.True(edge is null, $"{kind} at scale {scale}: text or lines reach the image's {edge}: a title, label, key or caption is cut off.");

        // The title's measured lines, in unscaled pixels, lie inside the figure too (a line just past the edge may cut only white).
        var width = (chart.Size ?? (1000, 620)).Item1;
        foreach (var r in chart.Plot.Axes.GetPanels().OfType<TitlePanel>().SelectMany(t => t.LastRects))
            Assert.True(r.Left >= 0 && r.Right <= width, $"{kind} at scale {scale}: a title line runs from {r.Left} to {r.Right} of {width} pixels.");
    }

    [Fact]
    public void The_title_stays_inside_the_figure_when_it_is_longer_than_the_data_area_is_wide()
    {
        var chart = Build("lisa");
        chart.Plot.RenderInMemory(1000, 620);
        var title = Assert.Single(chart.Plot.Axes.GetPanels().OfType<TitlePanel>());
        Assert.NotEmpty(title.LastRects);
        Assert.All(title.LastRects, r => Assert.True(r.Left >= 0 && r.Right <= 1000, $"Title line drawn from {r.Left} to {r.Right} of a 1,000-pixel figure."));
    }

    [Fact]
    public void The_edge_check_finds_a_label_cut_off_at_the_edge()
    {
        // A y-axis label far longer than the figure is tall runs off its top and bottom: the check must see it.
        var plot = ChartBuilder.NewPlot("Title", "x", string.Join(' ', Enumerable.Repeat("Serious violence offences per 1,000 residents", 6)), ChartSamples.Caption);
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 3, 1, 2 });
        var chart = new Chart(plot, "Title", "Alt.", ChartSamples.Caption, new ChartDataTable(["x"], []));
        Assert.NotNull(InkOnEdge(Render(chart, 1)));
    }

    // Names as the catalogue words them: long, so the names' column is wide and the spines sit right of centre.
    private static readonly string[] SpineNames =
    [
        "Serious violence offences per 1,000 residents a year",
        "Emergency admissions for violence (ICD-10 X85-Y09), 3-year pooled directly standardised rate per 100,000",
        "Youth first-time entrants to the justice system per 100,000 residents aged 10-17 a year",
        "Share of serious violence offences whose maximum penalty is life imprisonment (%)",
        "Hidden-violence ratio (ED assault attendances per police-recorded violence with injury offence)",
        "Convergence LSOAs (top decile of rate in at least two sources) - number per area; at LSOA level, source count",
    ];

    private static List<SpineRow> Spine() => Enumerable.Range(0, 24).Select(i => new SpineRow(
        SpineNames[i % SpineNames.Length] + (i < SpineNames.Length ? "" : $" ({i})"),
        40 + i, 42.5 + i, [30.3 + i, 38 + i, 55.8 + i],
        new[] { "worse", "similar", "better", "higher", "not compared" }[i % 5], i % 3 == 0 ? "no_judgement" : "higher_is_worse")).ToList();

    private static List<LisaArea> LisaAreas()
    {
        var classes = new[] { "HH", "ns", "LL", "ns", "HL", "ns", "LH", "ns" };
        return Enumerable.Range(0, 180).Select(k => new LisaArea($"E0100{k:0000}", 440_500 + ((k % 20) * 1000), 300_500 + ((k / 20) * 1000), classes[k % classes.Length])).ToList();
    }

    private static List<AreaShape> LisaShapes() => Enumerable.Range(0, 180).Select(k => new AreaShape($"E0100{k:0000}", $"LSOA {k}",
        ChartSamples.Box(440_000 + ((k % 20) * 1000), 300_000 + ((k / 20) * 1000), 441_000 + ((k % 20) * 1000), 301_000 + ((k / 20) * 1000)))).ToList();

    private static List<KdeCell> KdeCells()
    {
        var bands = new[] { "top1", "top5", "top10", "none", "none", "none", "none" };
        return Enumerable.Range(0, 50 * 22).Select(k => new KdeCell(440_200 + ((k % 50) * 400), 300_200 + ((k / 50) * 400), bands[k % bands.Length])).ToList();
    }

    private static List<(string, long, double)> Classes(string[] classes) => classes.Select(c => (c, 10L, 100.0 / classes.Length)).ToList();

    internal static List<MapPlace> Places() =>
    [
        new("Ashford Vale", 446_000, 305_000, Emphasis: true, Point: false),
        new("Brookmere", 456_000, 304_000, Emphasis: true, Point: false),
        new("Castleton", 446_200, 305_300),
        new("Dunmore", 455_500, 302_500),
        new("Eastwick", 459_800, 308_900),
    ];
}
