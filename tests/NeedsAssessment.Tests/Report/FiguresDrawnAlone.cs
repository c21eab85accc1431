using System.Collections.Concurrent;
using NeedsAssessment.Charts;
using NeedsAssessment.Report;
using NeedsAssessment.Tests.Charts;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// Each chart type of <see cref="ChartFrameTests.AllKinds"/> drawn alone on the calling thread, as the report draws a
/// figure (its PNG, then its SVG, of a new chart at the chart's size), once per session: the renderer tests compare
/// drawings on worker threads with these and the warm-up tests compare drawings after a warm-up with them, and both
/// used to draw all of them again. Read the bytes, never change them.
/// </summary>
internal static class FiguresDrawnAlone
{
    private static readonly ConcurrentDictionary<string, Lazy<(byte[] Png, string Svg)>> Drawn = new(StringComparer.Ordinal);

    /// <summary>The PNG and SVG of a new chart of <paramref name="kind"/>, drawn on first use.</summary>
    public static (byte[] Png, string Svg) Of(string kind) =>
        Drawn.GetOrAdd(kind, k => new Lazy<(byte[] Png, string Svg)>(() => Draw(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>A new chart of <paramref name="kind"/> drawn now (not the shared drawing).</summary>
    public static (byte[] Png, string Svg) Draw(string kind)
    {
        var chart = ChartFrameTests.Build(kind);
        var (w, h) = chart.Size ?? (1000, 620);
        return (ReportChartFiles.Png(chart, w, h), ChartFile.SvgText(chart.Plot, w, h));
    }
}
