using NeedsAssessment.Statistics;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Values by deprivation quantile with intervals and the slope index of inequality (SII) line.</summary>
public static class DeprivationGradientChart
{
    /// <summary>
    /// Ends of the fitted SII line on the ridit scale: (0, Intercept) and (1, Intercept + SII), since the SII is the
    /// fitted difference between the two ends of the population ranked by deprivation.
    /// </summary>
    /// <param name="sii">The inequality estimate.</param>
    /// <returns>The start (ridit 0) and end (ridit 1) of the line.</returns>
    public static ((double X, double Y) Start, (double X, double Y) End) SiiLine(InequalityEstimate sii)
    {
        ArgumentNullException.ThrowIfNull(sii);
        return ((0, sii.Intercept), (1, sii.Intercept + sii.Sii));
    }

    /// <summary>
    /// Places each quantile at its ridit (mid-point of its cumulative population share), draws its value with the
    /// 95% interval, and overlays the SII regression line across the whole population. Suppressed quantiles keep
    /// their tick label, marked "(suppressed)", with no point.
    /// </summary>
    /// <param name="quantiles">Values per quantile in deprivation order.</param>
    /// <param name="sii">Result of <see cref="SlopeIndexOfInequality"/>, or null to draw no line.</param>
    /// <param name="valueLabel">What the value is, with units (the y axis).</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="quantileAxisLabel">x-axis label.</param>
    /// <returns>The chart; its data table has each quantile's value, limits and ridit.</returns>
    public static Chart Create(
        IReadOnlyList<QuantileValue> quantiles,
        InequalityEstimate? sii,
        string valueLabel,
        ChartCaption caption,
        string title,
        string quantileAxisLabel = "Deprivation decile (IMD 2019), placed by population share")
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        var ordered = quantiles.OrderBy(q => q.Quantile).ToList();
        var ridits = Ridits(ordered);
        var drawable = ordered.Select(q => !q.Suppressed && q.Value is { } v && double.IsFinite(v)).ToArray();
        var decimals = ChartBuilder.DecimalsFor(ordered.Where((q, i) => drawable[i]).Select(q => Math.Abs(q.Value!.Value)).DefaultIfEmpty(1).Max());
        var plot = ChartBuilder.NewPlot(title, quantileAxisLabel, valueLabel, caption);
        var legend = new List<LegendItem>();
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!drawable[i])
            {
                continue;
            }

            var q = ordered[i];
            if (q.Lower is { } lo && q.Upper is { } hi && double.IsFinite(lo) && double.IsFinite(hi))
            {
                var bar = plot.Add.Line(ridits[i], lo, ridits[i], hi);
                bar.LineColor = ChartPalette.Blue.WithAlpha(0.7);
                bar.LineWidth = 2.5f;
                bar.MarkerSize = 0;
            }

            xs.Add(ridits[i]);
            ys.Add(q.Value!.Value);
        }

        if (xs.Count > 0)
        {
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 11, ChartPalette.Blue);
            markers.MarkerLineColor = Colors.White;
            markers.MarkerLineWidth = 1;
            legend.Add(ChartBuilder.MarkerItem("Value with 95% confidence interval", ChartPalette.Blue));
        }

        if (sii is not null && double.IsFinite(sii.Intercept) && double.IsFinite(sii.Sii))
        {
            var (start, end) = SiiLine(sii);
            var line = plot.Add.Line(start.X, start.Y, end.X, end.Y);
            line.LineColor = ChartPalette.Vermillion;
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            legend.Add(ChartBuilder.LineItem(SiiText(sii, decimals, ordered.First().Label, ordered.Last().Label), ChartPalette.Vermillion, 2.5f));
        }

        if (xs.Count == 0)
        {
            ChartBuilder.ShowNoData(plot, ordered.Count > 0 ? "All values suppressed or missing" : ChartBuilder.NoDataMessage);
        }
        else
        {
            var top = ordered.Where((q, i) => drawable[i]).Select(q => Math.Max(q.Value!.Value, q.Upper ?? q.Value!.Value)).Max();
            if (sii is not null && double.IsFinite(sii.Intercept) && double.IsFinite(sii.Sii))
            {
                top = Math.Max(top, Math.Max(sii.Intercept, sii.Intercept + sii.Sii));
            }

            // Rates are compared from zero so the gradient is not exaggerated; headroom keeps the legend clear.
            plot.Axes.SetLimitsY(Math.Min(0, ys.Min()), top > 0 ? top * 1.3 : 1);
        }

        // A small margin either side: a decile holding few residents sits at the very edge and its point and interval
        // would otherwise lie on the axis line.
        plot.Axes.SetLimitsX(-0.02, 1.02);
        if (ordered.Count > 0)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                ridits.ToArray(),
                ordered.Select((q, i) => TickLabel(q, drawable[i])).ToArray());
        }

        ChartBuilder.ShowManualLegend(plot, legend);
        var rows = ordered.Select((q, i) => (IReadOnlyList<string>)
            [
                q.Label,
                ChartBuilder.NumberOr(q.Value, q.Suppressed, decimals),
                drawable[i] ? ChartBuilder.NumberOr(q.Lower, false, decimals) : string.Empty,
                drawable[i] ? ChartBuilder.NumberOr(q.Upper, false, decimals) : string.Empty,
                ChartBuilder.Number(q.Population, 0),
                ridits[i].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
            ])
            .ToList();
        string alt;
        if (xs.Count == 0)
        {
            alt = $"Chart of {ChartBuilder.MidSentence(valueLabel)} by deprivation quantile with no values to show.";
        }
        else
        {
            var firstDrawn = ordered.First(q => drawable[ordered.IndexOf(q)]);
            var lastDrawn = ordered.Last(q => drawable[ordered.IndexOf(q)]);
            alt = $"Chart of {ChartBuilder.MidSentence(valueLabel)} by deprivation quantile, from {ChartBuilder.Number(firstDrawn.Value!.Value, decimals)} in {firstDrawn.Label} to {ChartBuilder.Number(lastDrawn.Value!.Value, decimals)} in {lastDrawn.Label}" +
                (sii is null ? "." : $"; the slope index of inequality is {ChartBuilder.Number(sii.Sii, decimals)} ({(sii.Confidence * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}% CI {ChartBuilder.Number(sii.SiiLower, decimals)} to {ChartBuilder.Number(sii.SiiUpper, decimals)}).");
        }

        return new Chart(plot, title, alt, caption, new ChartDataTable(["Quantile", valueLabel, "Lower 95% limit", "Upper 95% limit", "Population", "Ridit"], rows));
    }

    // "1 (most deprived)" becomes two lines so neighbouring ticks do not run into each other.
    private static string TickLabel(QuantileValue q, bool drawable)
    {
        var label = q.Label.Replace(" (", "\n(", StringComparison.Ordinal);
        return drawable ? label : $"{label}\n({(q.Suppressed ? ChartDataTable.SuppressedText : ChartDataTable.MissingText)})";
    }

    // Says which way the line runs in words: a bare signed SII reads as the opposite of tables that order the
    // quantiles the other way round (least deprived first).
    private static string SiiText(InequalityEstimate sii, int decimals, string firstLabel, string lastLabel)
    {
        static string Short(string label) => label.Split(" (")[0];
        var ci = (sii.Confidence * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var (lo, hi) = sii.Sii < 0 ? (-sii.SiiUpper, -sii.SiiLower) : (sii.SiiLower, sii.SiiUpper);
        return $"Fitted line (SII): {(sii.Sii < 0 ? "falls" : "rises")} by {ChartBuilder.Number(Math.Abs(sii.Sii), decimals)} " +
               $"({ci}% CI {ChartBuilder.Number(lo, decimals)} to {ChartBuilder.Number(hi, decimals)}) from {Short(firstLabel)} to {Short(lastLabel)}";
    }

    // Equal spacing when any population is unusable, so a bad denominator degrades the axis rather than the chart.
    private static IReadOnlyList<double> Ridits(List<QuantileValue> ordered)
    {
        if (ordered.Count == 0)
        {
            return [];
        }

        if (ordered.All(q => q.Ridit is not null))
        {
            return ordered.Select(q => q.Ridit!.Value).ToArray();
        }

        if (ordered.All(q => q.Population > 0 && double.IsFinite(q.Population)))
        {
            return SlopeIndexOfInequality.Ridits(ordered.Select(q => q.Population).ToArray());
        }

        return ordered.Select((_, i) => (i + 0.5) / ordered.Count).ToArray();
    }
}
