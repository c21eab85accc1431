using NeedsAssessment.Statistics;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Ranked district values with 95% confidence intervals against a benchmark ("caterpillar" chart).</summary>
public static class CaterpillarChart
{
    /// <summary>
    /// One row per area, sorted with the highest value at the top: a point coloured by its comparison with the
    /// benchmark (interval wholly above, overlapping, wholly below), its 95% interval as a bar and the benchmark as a
    /// dashed vertical line. Suppressed or missing areas are listed at the bottom with no point.
    /// </summary>
    /// <param name="areas">Area values with 95% limits.</param>
    /// <param name="benchmark">Benchmark value on the same scale (e.g. England).</param>
    /// <param name="benchmarkLabel">Benchmark name, e.g. "England".</param>
    /// <param name="valueLabel">What the value is, with units.</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <returns>The chart; its data table has each area's value, limits and comparison.</returns>
    public static Chart Create(
        IReadOnlyList<AreaValue> areas,
        double benchmark,
        string benchmarkLabel,
        string valueLabel,
        ChartCaption caption,
        string title)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var drawn = areas.Where(a => a.IsDrawable).OrderBy(a => a.Value!.Value).ThenByDescending(a => a.Name, StringComparer.Ordinal).ToList();
        var hidden = areas.Where(a => !a.IsDrawable).OrderByDescending(a => a.Name, StringComparer.Ordinal).ToList();
        var decimals = ChartBuilder.DecimalsFor(drawn.Count > 0 ? drawn.Max(a => Math.Abs(a.Value!.Value)) : benchmark);

        var plot = ChartBuilder.NewPlot(title, valueLabel, string.Empty, caption);
        var positions = new List<double>();
        var labels = new List<string>();
        var y = 0.0;
        foreach (var area in hidden)
        {
            positions.Add(y++);
            labels.Add($"{area.Name} ({(area.Suppressed ? ChartDataTable.SuppressedText : ChartDataTable.MissingText)})");
        }

        var groups = new Dictionary<Comparison, (List<double> Xs, List<double> Ys)>();
        foreach (var area in drawn)
        {
            var comparison = Compare(area, benchmark);
            var colour = ChartPalette.ForComparison(comparison);
            if (area.Lower is { } lo && area.Upper is { } hi && double.IsFinite(lo) && double.IsFinite(hi))
            {
                var bar = plot.Add.Line(lo, y, hi, y);
                bar.LineWidth = 2;
                bar.LineColor = colour.WithAlpha(0.75);
                bar.MarkerSize = 0;
            }

            if (!groups.TryGetValue(comparison, out var g))
            {
                g = ([], []);
                groups[comparison] = g;
            }

            g.Xs.Add(area.Value!.Value);
            g.Ys.Add(y);
            positions.Add(y++);
            labels.Add(area.Name);
        }

        var legend = new List<LegendItem>();
        foreach (var comparison in new[] { Comparison.Higher, Comparison.Similar, Comparison.Lower, Comparison.NotCompared })
        {
            if (!groups.TryGetValue(comparison, out var g))
            {
                continue;
            }

            var markers = plot.Add.Markers(g.Xs.ToArray(), g.Ys.ToArray(), MarkerShape.FilledCircle, 10, ChartPalette.ForComparison(comparison));
            markers.MarkerLineColor = Colors.White;
            markers.MarkerLineWidth = 1;
            legend.Add(ChartBuilder.MarkerItem(ComparisonLabel(comparison, benchmarkLabel), ChartPalette.ForComparison(comparison)));
        }

        if (double.IsFinite(benchmark))
        {
            plot.Add.VerticalLine(benchmark, 2, ChartPalette.Ink, LinePattern.Dashed);
            legend.Add(ChartBuilder.LineItem($"{benchmarkLabel}: {ChartBuilder.Number(benchmark, decimals)}", ChartPalette.Ink, 2, LinePattern.Dashed));
        }

        if (positions.Count > 0)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.SetLimitsY(-0.7, positions.Count - 0.3);
        }

        if (drawn.Count == 0)
        {
            ChartBuilder.ShowNoData(plot, hidden.Count > 0 ? "All values suppressed or missing" : ChartBuilder.NoDataMessage);
            if (positions.Count > 0)
            {
                plot.Axes.SetLimitsY(-0.7, positions.Count - 0.3);
            }
        }

        ChartBuilder.ShowManualLegend(plot, legend);

        var rows = drawn.AsEnumerable().Reverse().Concat(hidden.AsEnumerable().Reverse())
            .Select(a => (IReadOnlyList<string>)
            [
                a.Name,
                ChartBuilder.NumberOr(a.Value, a.Suppressed, decimals),
                a.IsDrawable ? ChartBuilder.NumberOr(a.Lower, false, decimals) : string.Empty,
                a.IsDrawable ? ChartBuilder.NumberOr(a.Upper, false, decimals) : string.Empty,
                a.IsDrawable ? ComparisonLabel(Compare(a, benchmark), benchmarkLabel) : string.Empty,
            ])
            .ToList();
        var higher = drawn.Count(a => Compare(a, benchmark) == Comparison.Higher);
        var lower = drawn.Count(a => Compare(a, benchmark) == Comparison.Lower);
        var alt = drawn.Count == 0
            ? $"Ranked chart of {ChartBuilder.MidSentence(valueLabel)} with no values to show."
            : $"Ranked chart of {ChartBuilder.MidSentence(valueLabel)} for {drawn.Count} areas, from {ChartBuilder.Number(drawn[0].Value!.Value, decimals)} in {drawn[0].Name} to {ChartBuilder.Number(drawn[^1].Value!.Value, decimals)} in {drawn[^1].Name}; {higher} significantly higher and {lower} significantly lower than {benchmarkLabel} ({ChartBuilder.Number(benchmark, decimals)}).";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Area", valueLabel, "Lower 95% limit", "Upper 95% limit", $"Compared with {benchmarkLabel}"], rows));
    }

    internal static Comparison Compare(AreaValue area, double benchmark)
    {
        if (area.Lower is { } lo && area.Upper is { } hi && double.IsFinite(lo) && double.IsFinite(hi) && lo <= hi && double.IsFinite(benchmark))
        {
            return BenchmarkComparison.Compare(lo, hi, benchmark);
        }

        return Comparison.NotCompared;
    }

    internal static string ComparisonLabel(Comparison comparison, string benchmarkLabel) => comparison switch
    {
        Comparison.Higher => $"Higher than {benchmarkLabel} (95%)",
        Comparison.Lower => $"Lower than {benchmarkLabel} (95%)",
        Comparison.Similar => $"Similar to {benchmarkLabel}",
        _ => "Not compared (no interval)",
    };
}
