using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Offence groups placed by volume (count) and severity (mean harm per offence).</summary>
public static class SeverityVolumeChart
{
    /// <summary>
    /// One labelled bubble per offence group at (count, mean severity), its area proportional to total harm
    /// (count × mean severity), so the groups that dominate harm stand out whether through volume or severity.
    /// Suppressed groups are omitted and named in the caption note.
    /// </summary>
    /// <param name="groups">Offence groups.</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="severityLabel">y-axis label with units.</param>
    /// <param name="countLabel">x-axis label with units.</param>
    /// <returns>The chart; its data table has each group's count, mean severity and total harm.</returns>
    public static Chart Create(
        IReadOnlyList<OffenceGroupSeverity> groups,
        ChartCaption caption,
        string title = "Volume and severity of serious violence by offence group",
        string severityLabel = "Mean maximum penalty per offence (days)",
        string countLabel = "Offences (count)")
    {
        ArgumentNullException.ThrowIfNull(groups);
        var drawn = groups.Where(IsDrawable).OrderByDescending(g => Harm(g)).ToList();
        var hidden = groups.Where(g => !IsDrawable(g)).ToList();
        if (hidden.Count > 0)
        {
            caption = caption.WithNote(ChartBuilder.HiddenNote(hidden.Select(g => g.Group).ToList(), "offence groups"));
        }

        // Volumes span orders of magnitude (a handful of homicides, thousands of assaults): a log axis keeps
        // the rare, severe groups from piling up against the y axis.
        var logX = drawn.Count >= 2 && drawn.All(g => g.Count!.Value >= 1) && drawn.Max(g => g.Count!.Value) / drawn.Min(g => g.Count!.Value) >= 20;
        var logY = drawn.Count >= 2 && drawn.All(g => g.MeanSeverity!.Value >= 1) && drawn.Max(g => g.MeanSeverity!.Value) / drawn.Min(g => g.MeanSeverity!.Value) >= 20;
        double X(OffenceGroupSeverity g) => logX ? Math.Log10(g.Count!.Value) : g.Count!.Value;
        double Y(OffenceGroupSeverity g) => logY ? Math.Log10(g.MeanSeverity!.Value) : g.MeanSeverity!.Value;
        var plot = ChartBuilder.NewPlot(title, logX ? $"{countLabel}, log scale" : countLabel, logY ? $"{severityLabel}, log scale" : severityLabel, caption);
        var maxHarm = drawn.Count > 0 ? drawn.Max(g => Harm(g)) : 0;
        var legend = new List<LegendItem>();
        var placed = new List<(double X, double Y)>();
        var xSpan = drawn.Count > 0 ? Math.Max(1e-9, drawn.Max(X) - Math.Min(0, drawn.Min(X))) : 1;
        var ySpan = drawn.Count > 0 ? Math.Max(1e-9, drawn.Max(Y) - Math.Min(0, drawn.Min(Y))) : 1;
        for (var i = 0; i < drawn.Count; i++)
        {
            var g = drawn[i];
            var harm = Harm(g);

            // Marker size is a diameter; area ∝ harm means diameter ∝ √harm.
            var size = (float)(maxHarm > 0 ? 12 + (38 * Math.Sqrt(harm / maxHarm)) : 12);
            var colour = ChartPalette.Categorical[i % ChartPalette.Categorical.Count];
            var marker = plot.Add.Marker(X(g), Y(g), MarkerShape.FilledCircle, size, colour.WithAlpha(0.75));
            marker.MarkerLineColor = colour;
            marker.MarkerLineWidth = 1.5f;
            // Names beside the bubbles ran into each other where groups sit close (the rare, severe ones along the top):
            // each bubble carries its number, and the key names it beside its colour.
            var text = plot.Add.Text((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), X(g), Y(g));
            text.LabelFontSize = 12;
            text.LabelBold = true;
            text.LabelFontColor = ChartPalette.Ink;
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = (size / 2.8f) + 1;
            text.OffsetY = -((size / 2.8f) + 1);
            var clashes = placed.Count(p => Math.Abs(p.X - X(g)) < xSpan * 0.03 && Math.Abs(p.Y - Y(g)) < ySpan * 0.04);
            text.OffsetY -= clashes * 14;
            placed.Add((X(g), Y(g)));
            legend.Add(ChartBuilder.MarkerItem($"{i + 1}. {g.Group}", colour, MarkerShape.FilledCircle, 10));
        }

        if (drawn.Count == 0)
        {
            ChartBuilder.ShowNoData(plot, hidden.Count > 0 ? "All groups suppressed or missing" : ChartBuilder.NoDataMessage);
        }
        else
        {
            double left, right, bottom, top;
            if (logX)
            {
                (left, right) = (Math.Floor(drawn.Min(X) - 0.1), Math.Ceiling(drawn.Max(X) + 0.1));
                plot.Axes.Bottom.TickGenerator = ChartBuilder.LogTicks(left, right);

                // Room on the right for the largest-volume group's bubble and number.
                right += (right - left) * 0.08;
            }
            else
            {
                var maxX = drawn.Max(g => g.Count!.Value);
                (left, right) = (0, maxX > 0 ? maxX * 1.12 : 1);
            }

            if (logY)
            {
                (bottom, top) = (Math.Floor(drawn.Min(Y) - 0.1), Math.Ceiling(drawn.Max(Y) + 0.1));
                plot.Axes.Left.TickGenerator = ChartBuilder.LogTicks(bottom, top);
            }
            else
            {
                var maxY = drawn.Max(g => g.MeanSeverity!.Value);
                (bottom, top) = (0, maxY > 0 ? maxY * 1.15 : 1);
            }

            plot.Axes.SetLimits(left, right, bottom, top);
            legend.Insert(0, ChartBuilder.MarkerItem("Bubble area: total harm\n(count × mean)", ChartPalette.SuppressedHatch, MarkerShape.OpenCircle, 14));
            ChartBuilder.ShowManualLegend(plot, legend);
            // A key of a dozen or more groups: smaller and tighter, so it stays one column inside the figure.
            plot.Legend.FontSize = 10;
            plot.Legend.InterItemPadding = new PixelPadding(2, 2, 1, 1);
        }

        var rows = drawn.Concat(hidden)
            .Select(g => (IReadOnlyList<string>)
            [
                g.Group,
                ChartBuilder.NumberOr(g.Count, g.Suppressed, 0),
                ChartBuilder.NumberOr(g.MeanSeverity, g.Suppressed, 1),
                IsDrawable(g) ? ChartBuilder.Number(Harm(g), 0) : (g.Suppressed ? ChartDataTable.SuppressedText : ChartDataTable.MissingText),
            ])
            .ToList();
        var alt = drawn.Count == 0
            ? "Bubble chart of offence volume and severity with no groups to show."
            : $"Bubble chart of {drawn.Count} offence groups by volume and mean severity; {drawn[0].Group} accounts for the most total harm ({ChartBuilder.Number(drawn[0].Count!.Value, 0)} offences, mean {ChartBuilder.Number(drawn[0].MeanSeverity!.Value, 0)}).";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Offence group", countLabel, severityLabel, "Total harm (count × mean)"], rows));
    }

    private static bool IsDrawable(OffenceGroupSeverity g) =>
        !g.Suppressed && g.Count is { } c && double.IsFinite(c) && c >= 0 && g.MeanSeverity is { } m && double.IsFinite(m);

    // The published total where the stage gave one, so the chart prints its number rather than working one out.
    private static double Harm(OffenceGroupSeverity g) => g.TotalSeverity ?? g.Count!.Value * g.MeanSeverity!.Value;
}
