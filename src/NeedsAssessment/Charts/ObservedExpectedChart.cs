using NeedsAssessment.Modelling;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Observed against model-expected counts per LSOA, with the areas of significant excess highlighted.</summary>
public static class ObservedExpectedChart
{
    /// <summary>Largest count withheld as a small number at LSOA level (counts 1 to this value are never printed).</summary>
    public const int DefaultSmallCountMax = 7;

    /// <summary>
    /// One point per LSOA at (expected, observed) with the line y = x (observed equals expected): points above it had
    /// more events than the model expects for areas like them. Areas whose O/E lower limit is above 1 are drawn in
    /// vermillion, those whose upper limit is below 1 in blue, the rest in grey. Both axes are log10 when the counts
    /// span a factor of 20 or more; areas with no events then sit on a separate "0" line below the axis break.
    /// The <paramref name="labelCount"/> largest significant excesses are labelled by name, but only areas with more than
    /// <paramref name="smallCountMax"/> events, and the data table shows observed counts of 1 to
    /// <paramref name="smallCountMax"/> (and the ratio, limits and excess that would reveal them) as suppressed.
    /// </summary>
    /// <param name="areas">Observed and expected per LSOA (<see cref="ExpectedCountsResult.Areas"/>).</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="areaNames">LSOA names by code for labels and the table; the code is used when a name is missing.</param>
    /// <param name="labelCount">How many significant-excess areas to label (largest O − E first).</param>
    /// <param name="smallCountMax">Largest small count withheld from labels and the table.</param>
    /// <param name="countLabel">What is counted, with units, e.g. "Serious violence offences (count)".</param>
    /// <returns>The chart; its data table has each area's observed and expected counts, O/E with limits and excess.</returns>
    public static Chart Create(
        IReadOnlyList<AreaExpected> areas,
        ChartCaption caption,
        string title = "Observed and expected serious violence by LSOA",
        IReadOnlyDictionary<string, string>? areaNames = null,
        int labelCount = 5,
        int smallCountMax = DefaultSmallCountMax,
        string countLabel = "Serious violence offences (count)")
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentOutOfRangeException.ThrowIfNegative(labelCount);
        ArgumentOutOfRangeException.ThrowIfNegative(smallCountMax);
        string Name(AreaExpected a) => areaNames is not null && areaNames.TryGetValue(a.Lsoa21Code, out var n) && !string.IsNullOrWhiteSpace(n) ? n : a.Lsoa21Code;
        bool Small(AreaExpected a) => a.Observed >= 1 && a.Observed <= smallCountMax;

        var drawn = areas.Where(IsDrawable).ToList();
        var hidden = areas.Count - drawn.Count;
        var labelled = drawn.Where(a => a.SignificantExcess && a.Observed > smallCountMax)
            .OrderByDescending(a => a.Excess).ThenBy(a => a.Lsoa21Code, StringComparer.Ordinal)
            .Take(labelCount)
            .ToList();
        caption = caption.WithNote(
            (labelled.Count == 0
                ? $"No area labelled: none has a significant excess and more than {smallCountMax} events; counts of 1-{smallCountMax} are not printed."
                : $"Labelled: the {(labelled.Count == 1 ? "largest significant excess" : $"{labelled.Count} largest significant excesses")} among areas with more than {smallCountMax} events; counts of 1-{smallCountMax} are not printed.")
            + (hidden > 0 ? $" {hidden} area{(hidden == 1 ? string.Empty : "s")} without a usable expected count not shown." : string.Empty));

        // Counts per LSOA run from a handful to hundreds in a hotspot: linear axes would crush most areas into a corner.
        var positives = drawn.SelectMany(a => new[] { a.Observed, a.Expected }).Where(v => v > 0).ToList();
        var log = positives.Count >= 2 && positives.Max() / positives.Min() >= 20;

        // Each axis gets its own decades: expected counts go below 1, observed counts (whole events) never do.
        var xLow = log ? Math.Floor(Math.Log10(drawn.Min(a => a.Expected))) : 0;
        var yLow = log ? Math.Floor(Math.Log10(drawn.Where(a => a.Observed > 0).Select(a => a.Observed).DefaultIfEmpty(1).Min())) : 0;
        var high = log ? Math.Max(Math.Max(xLow, yLow) + 1, Math.Ceiling(Math.Log10(positives.Max()) + 0.12)) : 0;

        // Zero cannot sit on a log axis: such areas get their own line half a decade below the axis break.
        var zeroY = yLow - 0.5;
        var anyZero = log && drawn.Any(a => a.Observed <= 0);
        double X(AreaExpected a) => log ? Math.Log10(a.Expected) : a.Expected;
        double Y(AreaExpected a) => !log ? a.Observed : a.Observed > 0 ? Math.Log10(a.Observed) : zeroY;

        var scale = log ? ", log scale" : string.Empty;
        var plot = ChartBuilder.NewPlot(title, $"Expected: {ChartBuilder.MidSentence(countLabel)} for similar areas{scale}", $"Observed: {ChartBuilder.MidSentence(countLabel)}{scale}", caption);
        var legend = new List<LegendItem>();
        if (drawn.Count == 0)
        {
            ChartBuilder.ShowNoData(plot, hidden > 0 ? "No areas with a usable expected count" : ChartBuilder.NoDataMessage);
            ChartBuilder.ShowManualLegend(plot, legend);
            return new Chart(plot, title, $"Scatter chart of observed against expected {ChartBuilder.MidSentence(countLabel)} by LSOA with no areas to show.", caption, Table(areas, Name, Small, countLabel));
        }

        double left, right, bottom, top;
        if (log)
        {
            // A tenth of a decade beyond each axis's own extremes, not the next power of ten, so the data fill the frame.
            var start = Math.Log10(drawn.Min(a => a.Expected)) - 0.12;
            var maxObserved = drawn.Max(a => a.Observed);
            (left, right) = (start, Math.Max(Math.Log10(drawn.Max(a => a.Expected)) + 0.12, start + 1));
            (bottom, top) = (anyZero ? zeroY - 0.3 : yLow, Math.Max(maxObserved > 0 ? Math.Log10(maxObserved) + 0.12 : yLow + 1, yLow + 1));
        }
        else
        {
            // Each axis to its own maximum: a square frame would leave half the plot empty when observed counts
            // (hotspots) run far beyond expected ones; the y = x line still shows where the two agree.
            var maxX = drawn.Max(a => a.Expected);
            var maxY = drawn.Max(a => a.Observed);
            (left, right, bottom, top) = (0, maxX > 0 ? maxX * 1.1 : 1, 0, maxY > 0 ? maxY * 1.1 : 1);
        }

        // On log axes the line starts at one event: below that only the separate zero line exists.
        var from = log ? yLow : 0;
        var identity = plot.Add.Line(from, from, Math.Max(right, top), Math.Max(right, top));
        identity.LineWidth = 1.5f;
        identity.LineColor = ChartPalette.Ink;
        identity.LinePattern = LinePattern.Dashed;
        identity.MarkerSize = 0;
        legend.Add(ChartBuilder.LineItem("Observed = expected", ChartPalette.Ink, 1.5f, LinePattern.Dashed));

        // Grey first so the coloured areas that matter are drawn on top of the crowd.
        var neutral = Color.FromHex("#8C8C8C");
        foreach (var (filter, colour, label, size) in new (Func<AreaExpected, bool>, Color, string, float)[]
        {
            (a => !a.SignificantExcess && !a.SignificantDeficit, neutral, "Not significantly different", 6),
            (a => a.SignificantDeficit, ChartPalette.Blue, "Significantly fewer than expected (95% exact limits)", 7),
            (a => a.SignificantExcess, ChartPalette.Vermillion, "Significantly more than expected (95% exact limits)", 8),
        })
        {
            var group = drawn.Where(filter).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            var markers = plot.Add.Markers(group.Select(X).ToArray(), group.Select(Y).ToArray(), MarkerShape.FilledCircle, size, colour.WithAlpha(colour == neutral ? 0.55 : 0.85));
            markers.MarkerLineColor = Colors.White;
            markers.MarkerLineWidth = 0.5f;
            legend.Add(ChartBuilder.MarkerItem($"{label} ({group.Count})", colour));
        }

        // Top excesses crowd together at the high end. Positions are estimated in pixels of a default-size figure
        // (data area about 880 × 480) and each label takes the nearest vertical slot that overprints no earlier one.
        const double PixelsWide = 880, PixelsHigh = 480, LineHeight = 16;
        var xSpan = Math.Max(1e-9, right - left);
        var ySpan = Math.Max(1e-9, top - bottom);
        var placed = new List<(double Left, double Right, double Top, double Bottom)>();
        foreach (var a in labelled)
        {
            var name = Name(a);
            var px = (X(a) - left) / xSpan * PixelsWide;
            var py = (top - Y(a)) / ySpan * PixelsHigh;
            var width = (name.Length * 7) + 4;

            // Nearest free slot, downwards first (the labelled points are the highest), never outside the frame.
            var offset = Enumerable.Range(-30, 61).Select(k => k * LineHeight)
                .OrderBy(o => Math.Abs(o)).ThenByDescending(o => o)
                .Where(o => py + o >= LineHeight / 2 && py + o <= PixelsHigh - (LineHeight / 2))
                .Select(o => (double?)o)
                .FirstOrDefault(o => !placed.Any(r => px - 7 - width < r.Right && px - 7 > r.Left && py + o!.Value - (LineHeight / 2) < r.Bottom && py + o.Value + (LineHeight / 2) > r.Top)) ?? 0;
            placed.Add((px - 7 - width, px - 7, py + offset - (LineHeight / 2), py + offset + (LineHeight / 2)));

            // A label moved off its point's row gets a leader line so it still says which point it names.
            var labelY = Y(a) - (offset / PixelsHigh * ySpan);
            var labelX = X(a) - (7 / PixelsWide * xSpan);
            if (offset != 0)
            {
                var leader = plot.Add.Line(X(a), Y(a), labelX, labelY);
                leader.LineWidth = 0.8f;
                leader.LineColor = ChartPalette.MutedInk;
                leader.MarkerSize = 0;
            }

            var text = plot.Add.Text(name, labelX, labelY);
            text.LabelFontSize = 11;
            text.LabelFontColor = ChartPalette.Ink;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            text.LabelAlignment = Alignment.MiddleRight;
        }

        if (log)
        {
            plot.Axes.Bottom.TickGenerator = ChartBuilder.LogTicks(xLow, high);
            var yTicks = ChartBuilder.LogTicks(yLow, high);
            if (anyZero)
            {
                yTicks.AddMajor(zeroY, "0");
                var gap = plot.Add.HorizontalLine(yLow - 0.2, 1, ChartPalette.MutedInk, LinePattern.Dotted);
                gap.LabelText = string.Empty;
            }

            plot.Axes.Left.TickGenerator = yTicks;
        }

        plot.Axes.SetLimits(left, right, bottom, top);

        // The upper-left triangle holds the excess areas; the lower right is where the legend hides nothing of interest.
        ChartBuilder.ShowManualLegend(plot, legend, Alignment.LowerRight);

        var excess = drawn.Count(a => a.SignificantExcess);
        var alt = $"Scatter chart of observed against expected {ChartBuilder.MidSentence(countLabel)} for {drawn.Count} LSOAs{(log ? " on log scales" : string.Empty)}, {excess} with significantly more events than expected{(labelled.Count > 0 ? $", the largest excess in {Name(labelled[0])}" : string.Empty)}.";
        return new Chart(plot, title, alt, caption, Table(areas, Name, Small, countLabel));
    }

    private static bool IsDrawable(AreaExpected a) =>
        double.IsFinite(a.Observed) && a.Observed >= 0 && double.IsFinite(a.Expected) && a.Expected > 0;

    private static ChartDataTable Table(IReadOnlyList<AreaExpected> areas, Func<AreaExpected, string> name, Func<AreaExpected, bool> small, string countLabel)
    {
        var rows = areas
            .OrderBy(a => IsDrawable(a) ? 0 : 1).ThenByDescending(a => IsDrawable(a) ? a.Excess : 0).ThenBy(a => a.Lsoa21Code, StringComparer.Ordinal)
            .Select(a =>
            {
                // O/E, its limits and O − E each give the small count back with E beside them, so they go too.
                var hide = small(a);
                var ok = IsDrawable(a);
                return (IReadOnlyList<string>)
                [
                    a.Lsoa21Code,
                    name(a),
                    a.DistrictCode,
                    hide ? ChartDataTable.SuppressedText : ChartBuilder.NumberOr(a.Observed, false, 0),
                    ChartBuilder.NumberOr(a.Expected, false, 1),
                    hide ? ChartDataTable.SuppressedText : ok ? ChartBuilder.NumberOr(a.Ratio, false, 2) : ChartDataTable.MissingText,
                    hide ? ChartDataTable.SuppressedText : ok ? ChartBuilder.NumberOr(a.RatioLower, false, 2) : ChartDataTable.MissingText,
                    hide ? ChartDataTable.SuppressedText : ok ? ChartBuilder.NumberOr(a.RatioUpper, false, 2) : ChartDataTable.MissingText,
                    hide ? ChartDataTable.SuppressedText : ok ? ChartBuilder.NumberOr(a.Excess, false, 1) : ChartDataTable.MissingText,
                    a.SignificantExcess ? "more than expected" : a.SignificantDeficit ? "fewer than expected" : "within expected range",
                ];
            })
            .ToList();
        return new ChartDataTable(
            ["LSOA code", "LSOA name", "District code", $"Observed {ChartBuilder.MidSentence(countLabel)}", $"Expected {ChartBuilder.MidSentence(countLabel)}", "Observed / expected", "Lower 95% limit of O/E", "Upper 95% limit of O/E", "Excess (observed - expected, count)", "Compared with expected (95%)"],
            rows);
    }
}
