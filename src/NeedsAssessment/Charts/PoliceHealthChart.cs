using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Police-recorded violence with injury beside emergency department assault attendances, by district.</summary>
public static class PoliceHealthChart
{
    /// <summary>
    /// Paired horizontal bars per district (police above, health below), districts ordered by the police value,
    /// on one shared scale. A suppressed or missing figure gets no bar, only the word "suppressed" or "no data".
    /// </summary>
    /// <param name="districts">Districts with both figures on the same scale.</param>
    /// <param name="valueLabel">Scale with units, e.g. "Per 100,000 residents".</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="policeLabel">Legend name of the police series.</param>
    /// <param name="healthLabel">Legend name of the health series.</param>
    /// <returns>The chart; its data table has both figures and the health-to-police ratio per district.</returns>
    public static Chart Create(
        IReadOnlyList<DistrictPair> districts,
        string valueLabel,
        ChartCaption caption,
        string title = "Police-recorded and hospital-recorded violence by district",
        string policeLabel = "Police-recorded violence with injury",
        string healthLabel = "ED assault attendances")
    {
        ArgumentNullException.ThrowIfNull(districts);

        // Lowest first because row 0 is drawn at the bottom: the highest police value ends up on top.
        var ordered = districts.OrderBy(d => Drawable(d.Police, d.PoliceSuppressed) ? d.Police!.Value : double.NegativeInfinity).ThenByDescending(d => d.Name, StringComparer.Ordinal).ToList();
        var plot = ChartBuilder.NewPlot(title, valueLabel, string.Empty, caption);
        var bars = new List<Bar>();
        var max = districts.SelectMany(d => new[] { Drawable(d.Police, d.PoliceSuppressed) ? d.Police!.Value : 0, Drawable(d.Health, d.HealthSuppressed) ? d.Health!.Value : 0 }).DefaultIfEmpty(0).Max();
        var notes = new List<(double Y, string Text)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var d = ordered[i];
            AddBar(bars, notes, i + 0.2, d.Police, d.PoliceSuppressed, ChartPalette.Blue);
            AddBar(bars, notes, i - 0.2, d.Health, d.HealthSuppressed, ChartPalette.Orange);
        }

        if (bars.Count > 0)
        {
            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
        }

        foreach (var (y, text) in notes)
        {
            var label = plot.Add.Text(text, 0, y);
            label.LabelFontSize = 11;
            label.LabelItalic = true;
            label.LabelFontColor = ChartPalette.MutedInk;
            label.LabelAlignment = Alignment.MiddleLeft;
            label.OffsetX = 4;
        }

        if (ordered.Count > 0)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, ordered.Count).Select(i => (double)i).ToArray(),
                ordered.Select(d => d.Name).ToArray());
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.SetLimits(0, max > 0 ? max * 1.12 : 1, -0.6, ordered.Count - 0.4);
        }

        if (bars.Count == 0)
        {
            ChartBuilder.ShowNoData(plot, ordered.Count > 0 ? "All values suppressed or missing" : ChartBuilder.NoDataMessage);
            if (ordered.Count > 0)
            {
                plot.Axes.SetLimitsY(-0.6, ordered.Count - 0.4);
            }
        }

        if (bars.Count > 0)
        {
            ChartBuilder.ShowManualLegend(plot, [ChartBuilder.FillItem(policeLabel, ChartPalette.Blue), ChartBuilder.FillItem(healthLabel, ChartPalette.Orange)]);
        }
        plot.Grid.YAxisStyle.IsVisible = false;

        var rows = ordered.AsEnumerable().Reverse()
            .Select(d => (IReadOnlyList<string>)
            [
                d.Name,
                ChartBuilder.NumberOr(d.Police, d.PoliceSuppressed, 1),
                ChartBuilder.NumberOr(d.Health, d.HealthSuppressed, 1),
                Drawable(d.Police, d.PoliceSuppressed) && Drawable(d.Health, d.HealthSuppressed) && d.Police!.Value > 0
                    ? (d.Health!.Value / d.Police.Value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)
                    : string.Empty,
            ])
            .ToList();
        var both = ordered.Where(d => Drawable(d.Police, d.PoliceSuppressed) && Drawable(d.Health, d.HealthSuppressed)).ToList();
        var alt = both.Count == 0
            ? $"Paired bar chart of {policeLabel.ToLowerInvariant()} and {healthLabel} by district with no complete pairs to show."
            : $"Paired bar chart comparing {policeLabel.ToLowerInvariant()} with {healthLabel} ({valueLabel.ToLowerInvariant()}) for {ordered.Count} districts; health figures exceed police figures in {both.Count(d => d.Health > d.Police)} of {both.Count}.";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["District", policeLabel, healthLabel, "Health / police ratio"], rows));
    }

    private static bool Drawable(double? value, bool suppressed) => !suppressed && value is { } v && double.IsFinite(v);

    private static void AddBar(List<Bar> bars, List<(double Y, string Text)> notes, double position, double? value, bool suppressed, Color colour)
    {
        if (Drawable(value, suppressed))
        {
            bars.Add(new Bar { Position = position, Value = value!.Value, Size = 0.38, FillColor = colour, LineWidth = 0 });
        }
        else
        {
            notes.Add((position, suppressed ? ChartDataTable.SuppressedText : ChartDataTable.MissingText));
        }
    }
}
