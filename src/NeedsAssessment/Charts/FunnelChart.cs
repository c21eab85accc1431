using NeedsAssessment.Statistics;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Funnel plot: area values against their denominators with 95% and 99.8% control limits.</summary>
public static class FunnelChart
{
    /// <summary>Most areas named on the figure: the furthest from the target beyond the 99.8% limits.</summary>
    public const int MaxLabels = 8;

    /// <summary>Where an area falls relative to the funnel limits at its own denominator.</summary>
    public enum Position
    {
        /// <summary>Above the upper 99.8% limit.</summary>
        Above998,

        /// <summary>Above the upper 95% limit but not the 99.8% one.</summary>
        Above95,

        /// <summary>Within the 95% limits.</summary>
        Within,

        /// <summary>Below the lower 95% limit but not the 99.8% one.</summary>
        Below95,

        /// <summary>Below the lower 99.8% limit.</summary>
        Below998,

        /// <summary>No limits available (no curve, or no denominator).</summary>
        NotCompared,
    }

    /// <summary>
    /// Draws the target as a horizontal line, the 95% limits dashed and the 99.8% limits solid (from
    /// <see cref="FunnelPlot.RateCurve"/> or <see cref="FunnelPlot.ProportionCurve"/>), and each area as a point
    /// coloured by where it falls; the areas furthest beyond the 99.8% limits (up to MaxLabels) are labelled by name. Suppressed areas are omitted
    /// and named in the caption note.
    /// </summary>
    /// <param name="areas">Area values with <see cref="AreaValue.Denominator"/> set.</param>
    /// <param name="curve">Limits at increasing denominators (may be empty: points only).</param>
    /// <param name="valueLabel">What the value is, with units (the y axis).</param>
    /// <param name="denominatorLabel">What the denominator is, with units (the x axis), e.g. "Resident population".</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <returns>The chart; its data table gives each area's denominator, value and position.</returns>
    public static Chart Create(
        IReadOnlyList<AreaValue> areas,
        IReadOnlyList<FunnelLimits> curve,
        string valueLabel,
        string denominatorLabel,
        ChartCaption caption,
        string title)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(curve);
        var drawn = areas.Where(a => a.IsDrawable && a.Denominator is { } d && d > 0 && double.IsFinite(d)).ToList();
        var hidden = areas.Except(drawn).ToList();
        if (hidden.Count > 0)
        {
            caption = caption.WithNote(ChartBuilder.HiddenNote(hidden.Select(a => a.Name).ToList(), "areas"));
        }

        var target = curve.Count > 0 ? curve[0].Target : double.NaN;
        var decimals = ChartBuilder.DecimalsFor(drawn.Count > 0 ? drawn.Max(a => Math.Abs(a.Value!.Value)) : (double.IsFinite(target) ? target : 1));
        var plot = ChartBuilder.NewPlot(title, denominatorLabel, valueLabel, caption);
        var legend = new List<LegendItem>();
        if (curve.Count > 0)
        {
            var xs = curve.Select(c => c.Denominator).ToArray();
            AddCurve(plot, xs, curve.Select(c => c.Upper998).ToArray(), LinePattern.Solid);
            AddCurve(plot, xs, curve.Select(c => c.Lower998).ToArray(), LinePattern.Solid);
            AddCurve(plot, xs, curve.Select(c => c.Upper95).ToArray(), LinePattern.Dashed);
            AddCurve(plot, xs, curve.Select(c => c.Lower95).ToArray(), LinePattern.Dashed);
            plot.Add.HorizontalLine(target, 2, ChartPalette.Ink);
            legend.Add(ChartBuilder.LineItem($"Target: {ChartBuilder.Number(target, decimals)}", ChartPalette.Ink, 2));
            legend.Add(ChartBuilder.LineItem("95% limits", ChartPalette.MutedInk, 1.5f, LinePattern.Dashed));
            legend.Add(ChartBuilder.LineItem("99.8% limits", ChartPalette.MutedInk, 1.5f));
        }

        var positions = drawn.ToDictionary(a => a, a => Classify(a, curve));
        // Small-area funnels can have dozens of outliers; naming them all makes an unreadable pile of labels, so only
        // the most extreme are named on the figure (the data table lists every area and where it falls).
        var named = drawn.Where(a => positions[a] is Position.Above998 or Position.Below998)
            .OrderByDescending(a => double.IsFinite(target) ? Math.Abs(a.Value!.Value - target) : 0).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Take(MaxLabels).ToHashSet();
        foreach (var position in Enum.GetValues<Position>())
        {
            var group = drawn.Where(a => positions[a] == position).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            var colour = ColourOf(position);
            var markers = plot.Add.Markers(group.Select(a => a.Denominator!.Value).ToArray(), group.Select(a => a.Value!.Value).ToArray(), MarkerShape.FilledCircle, 10, colour);
            markers.MarkerLineColor = Colors.White;
            markers.MarkerLineWidth = 1;
            legend.Add(ChartBuilder.MarkerItem(PositionLabel(position), colour));
            if (position is Position.Above998 or Position.Below998)
            {
                foreach (var a in group.Where(named.Contains))
                {
                    var text = plot.Add.Text(a.Name, a.Denominator!.Value, a.Value!.Value);
                    text.LabelFontSize = 11;
                    text.LabelFontColor = ChartPalette.Ink;
                    text.LabelAlignment = Alignment.LowerLeft;
                    text.OffsetX = 6;
                    text.OffsetY = -4;
                }
            }
        }

        if (drawn.Count == 0 && curve.Count == 0)
        {
            ChartBuilder.ShowNoData(plot);
        }
        else
        {
            // Denominators are never negative; keep the axis from starting below zero. (The target line is
            // infinitely wide, so the data limits cannot be used for the right edge.)
            var right = drawn.Select(a => a.Denominator!.Value).Concat(curve.Select(c => c.Denominator)).DefaultIfEmpty(1).Max();
            plot.Axes.SetLimitsX(0, right * 1.05);
        }

        ChartBuilder.ShowManualLegend(plot, legend);
        var rows = drawn.OrderBy(a => a.Denominator).Concat(hidden)
            .Select(a => (IReadOnlyList<string>)
            [
                a.Name,
                a.Denominator is { } d && !a.Suppressed ? ChartBuilder.Number(d, 0) : (a.Suppressed ? ChartDataTable.SuppressedText : ChartDataTable.MissingText),
                ChartBuilder.NumberOr(a.Value, a.Suppressed, decimals),
                positions.TryGetValue(a, out var p) ? PositionLabel(p) : a.Suppressed ? "not shown (suppressed)" : "not shown (no data)",
            ])
            .ToList();
        var outside = positions.Values.Count(p => p is Position.Above998 or Position.Below998);
        var alt = drawn.Count == 0
            ? $"Funnel plot of {ChartBuilder.MidSentence(valueLabel)} with no areas to show."
            : $"Funnel plot of {ChartBuilder.MidSentence(valueLabel)} against {ChartBuilder.MidSentence(denominatorLabel)} for {drawn.Count} areas, {outside} of which lie outside the 99.8% control limits around the target of {ChartBuilder.Number(target, decimals)}.";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Area", denominatorLabel, valueLabel, "Position in funnel"], rows));
    }

    /// <summary>
    /// Position of an area against limits recomputed at its own denominator with the curve's method
    /// (exact Poisson for rates, score for proportions), so the classification does not depend on curve spacing.
    /// </summary>
    /// <param name="area">The area (value and denominator needed).</param>
    /// <param name="curve">The curve whose target, multiplier and method define the limits.</param>
    /// <returns>The position.</returns>
    public static Position Classify(AreaValue area, IReadOnlyList<FunnelLimits> curve)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count == 0 || !area.IsDrawable || area.Denominator is not { } n || !(n > 0))
        {
            return Position.NotCompared;
        }

        var c = curve[0];
        FunnelLimits limits;
        try
        {
            limits = c.Method.Contains("poisson", StringComparison.OrdinalIgnoreCase)
                ? FunnelPlot.RateLimits(c.Target / c.Multiplier, n, c.Multiplier)
                : FunnelPlot.ProportionLimits(c.Target / c.Multiplier, n, c.Multiplier);
        }
        catch (ArgumentOutOfRangeException)
        {
            return Position.NotCompared;
        }

        var v = area.Value!.Value;
        return v > limits.Upper998 ? Position.Above998
            : v > limits.Upper95 ? Position.Above95
            : v < limits.Lower998 ? Position.Below998
            : v < limits.Lower95 ? Position.Below95
            : Position.Within;
    }

    private static void AddCurve(Plot plot, double[] xs, double[] ys, LinePattern pattern)
    {
        var line = plot.Add.ScatterLine(xs, ys, ChartPalette.MutedInk);
        line.LineWidth = 1.5f;
        line.LinePattern = pattern;
        line.MarkerSize = 0;
    }

    private static Color ColourOf(Position position) => position switch
    {
        Position.Above998 => ChartPalette.Vermillion,
        Position.Above95 => ChartPalette.Orange,
        Position.Below95 => ChartPalette.SkyBlue,
        Position.Below998 => ChartPalette.Blue,
        Position.Within => ChartPalette.Black,
        _ => ChartPalette.SuppressedHatch,
    };

    private static string PositionLabel(Position position) => position switch
    {
        Position.Above998 => "Above 99.8% limit",
        Position.Above95 => "Above 95% limit",
        Position.Within => "Within 95% limits",
        Position.Below95 => "Below 95% limit",
        Position.Below998 => "Below 99.8% limit",
        _ => "Not compared",
    };
}
