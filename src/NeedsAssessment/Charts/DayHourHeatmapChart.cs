using System.Globalization;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Heat map of events by day of the week (rows, Monday first) and hour of the day (columns).</summary>
public static class DayHourHeatmapChart
{
    /// <summary>Days in row order, Monday first as in UK practice.</summary>
    internal static readonly DayOfWeek[] Days =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    /// <summary>
    /// Draws a 7 × 24 grid coloured by count (viridis, with a colour bar); suppressed and missing cells are left
    /// blank (white) and a legend entry says so.
    /// </summary>
    /// <param name="cells">Counts by day and hour; absent cells are treated as missing.</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="countLabel">What is counted, with units (the colour bar).</param>
    /// <returns>The chart; its data table has one row per day and one column per hour.</returns>
    public static Chart Create(IReadOnlyList<DayHourCount> cells, ChartCaption caption, string title, string countLabel = "Offences")
    {
        ArgumentNullException.ThrowIfNull(cells);
        var grid = Grid(cells, out var suppressed);
        var blank = grid.Cast<double>().Count(v => !double.IsFinite(v));
        if (blank > 0 && blank < 168)
        {
            // Stated in the caption rather than a legend: the colour bar already fills the right edge.
            caption = caption.WithNote($"Blank cells ({blank}): {(suppressed > 0 ? $"{suppressed} suppressed (small numbers)" : string.Empty)}{(suppressed > 0 && blank > suppressed ? ", " : string.Empty)}{(blank > suppressed ? $"{blank - suppressed} with no data" : string.Empty)}.");
        }
        var plot = ChartBuilder.NewPlot(title, "Hour of day (starting)", string.Empty, caption);
        var finite = grid.Cast<double>().Where(double.IsFinite).ToArray();
        if (finite.Length > 0)
        {
            var heatmap = plot.Add.Heatmap(grid);
            heatmap.Colormap = ChartPalette.Sequential;
            heatmap.NaNCellColor = Colors.White;

            // Row 0 (Monday) is drawn at the top. With centred cells the extent runs between the centres of the
            // outer cells, so whole hours and day indexes fall on cell centres.
            heatmap.Extent = new CoordinateRect(0, 23, 0, 6);
            if (finite.Min() == finite.Max())
            {
                // A constant grid has no range for the colour scale; give it one so it still renders.
                heatmap.ManualRange = new ScottPlot.Range(finite[0] - 1, finite[0] + 1);
            }

            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = countLabel;
            bar.LabelStyle.FontSize = 14;
            bar.LabelStyle.FontName = ChartFonts.FamilyName;
        }
        else
        {
            ChartBuilder.ShowNoData(plot, suppressed > 0 ? "All cells suppressed or missing" : ChartBuilder.NoDataMessage);
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, 7).Select(i => 6.0 - i).ToArray(),
            Days.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)).ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, 8).Select(h => h * 3.0).ToArray(),
            Enumerable.Range(0, 8).Select(h => $"{h * 3:00}:00").ToArray());
        plot.Axes.SetLimits(-0.5, 23.5, -0.5, 6.5);
        plot.HideGrid();

        var rows = Days.Select((d, r) => (IReadOnlyList<string>)
            [
                CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d),
                .. Enumerable.Range(0, 24).Select(h => CellText(cells, d, h, grid[r, h])),
            ])
            .ToList();
        string alt;
        if (finite.Length == 0)
        {
            alt = $"Heat map of {countLabel.ToLowerInvariant()} by day of week and hour with no values to show.";
        }
        else
        {
            var (peakDay, peakHour) = Peak(grid);
            alt = $"Heat map of {countLabel.ToLowerInvariant()} by day of week and hour of day, highest on {CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(Days[peakDay])} at {peakHour:00}:00 ({ChartBuilder.Number(grid[peakDay, peakHour], 0)}){(suppressed > 0 ? $", with {suppressed} small cells suppressed" : string.Empty)}.";
        }

        return new Chart(plot, title, alt, caption, new ChartDataTable(["Day", .. Enumerable.Range(0, 24).Select(h => $"{h:00}:00")], rows));
    }

    /// <summary>7 × 24 grid of counts, Monday in row 0 and midnight in column 0; NaN where suppressed or missing.</summary>
    internal static double[,] Grid(IReadOnlyList<DayHourCount> cells, out int suppressed)
    {
        var grid = new double[7, 24];
        for (var r = 0; r < 7; r++)
        {
            for (var h = 0; h < 24; h++)
            {
                grid[r, h] = double.NaN;
            }
        }

        var hidden = new HashSet<(int, int)>();
        foreach (var cell in cells)
        {
            if (cell.Hour is < 0 or > 23)
            {
                continue;
            }

            var r = Array.IndexOf(Days, cell.Day);
            if (cell.Suppressed || hidden.Contains((r, cell.Hour)))
            {
                // One suppressed part makes the whole cell undisclosable.
                hidden.Add((r, cell.Hour));
                grid[r, cell.Hour] = double.NaN;
            }
            else if (cell.Count is { } c && double.IsFinite(c))
            {
                grid[r, cell.Hour] = double.IsNaN(grid[r, cell.Hour]) ? c : grid[r, cell.Hour] + c;
            }
        }

        suppressed = hidden.Count;
        return grid;
    }

    private static string CellText(IReadOnlyList<DayHourCount> cells, DayOfWeek day, int hour, double value)
    {
        if (double.IsFinite(value))
        {
            return ChartBuilder.Number(value, 0);
        }

        return cells.Any(c => c.Day == day && c.Hour == hour && c.Suppressed) ? ChartDataTable.SuppressedText : ChartDataTable.MissingText;
    }

    private static (int Day, int Hour) Peak(double[,] grid)
    {
        var best = (0, 0);
        var max = double.NegativeInfinity;
        for (var r = 0; r < 7; r++)
        {
            for (var h = 0; h < 24; h++)
            {
                if (double.IsFinite(grid[r, h]) && grid[r, h] > max)
                {
                    max = grid[r, h];
                    best = (r, h);
                }
            }
        }

        return best;
    }
}
