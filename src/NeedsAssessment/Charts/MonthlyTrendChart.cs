using System.Globalization;
using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>Monthly counts with a rolling mean and the average for each calendar month overlaid.</summary>
public static class MonthlyTrendChart
{
    /// <summary>
    /// Draws monthly counts (thin line and points), a trailing rolling mean over <paramref name="rollingMonths"/>
    /// months (thick line; only where every month in the window is available) and, when at least two years are
    /// present, the average count for each calendar month as a dashed seasonal overlay. Suppressed months leave a gap.
    /// </summary>
    /// <param name="months">One count per month; order does not matter; duplicate months are summed.</param>
    /// <param name="caption">Source, period and definition.</param>
    /// <param name="title">Figure title.</param>
    /// <param name="rollingMonths">Rolling window in months: 3 or 12 are usual.</param>
    /// <param name="countLabel">What is counted, with units (the y axis).</param>
    /// <param name="meansGiven">Draw each month's own <see cref="MonthCount.RollingMean"/> and <see cref="MonthCount.SeasonalMean"/>
    /// (computed by the stage that published the counts) instead of working them out here.</param>
    /// <returns>The chart; its data table has each month's count, rolling mean and calendar-month average.</returns>
    public static Chart Create(
        IReadOnlyList<MonthCount> months,
        ChartCaption caption,
        string title,
        int rollingMonths = 3,
        string countLabel = "Offences per month",
        bool meansGiven = false)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentOutOfRangeException.ThrowIfLessThan(rollingMonths, 1);
        var series = Fill(months);
        var counts = series.Select(m => m.Suppressed || m.Count is not { } c || !double.IsFinite(c) ? (double?)null : c).ToArray();
        var rolling = meansGiven ? series.Select(m => m.RollingMean).ToArray() : RollingMean(counts, rollingMonths);
        var years = series.Count / 12.0;
        var seasonalByMonth = years >= 2 && !meansGiven ? CalendarMonthMeans(series, counts) : null;
        var seasonal = years < 2 ? null
            : meansGiven ? (series.Any(m => m.SeasonalMean is not null) ? series.Select(m => m.SeasonalMean).ToArray() : null)
            : series.Select(m => seasonalByMonth![m.Month.Month - 1]).ToArray();
        var suppressedCount = series.Count(m => m.Suppressed);
        if (suppressedCount > 0)
        {
            caption = caption.WithNote($"Gaps: {suppressedCount} suppressed month{(suppressedCount == 1 ? string.Empty : "s")} not shown.");
        }

        var plot = ChartBuilder.NewPlot(title, "Month", countLabel, caption);
        var legend = new List<LegendItem>();
        var x = series.Select(m => m.Month.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        if (counts.Any(c => c.HasValue))
        {
            AddSegments(plot, x, counts, ChartPalette.SkyBlue, 1.5f, LinePattern.Solid, 6);
            legend.Add(ChartBuilder.LineItem("Monthly count", ChartPalette.SkyBlue, 1.5f));
        }

        if (rolling.Any(r => r.HasValue))
        {
            AddSegments(plot, x, rolling, ChartPalette.Blue, 3, LinePattern.Solid, 0);
            legend.Add(ChartBuilder.LineItem($"{rollingMonths}-month rolling mean", ChartPalette.Blue, 3));
        }

        if (seasonal is not null)
        {
            AddSegments(plot, x, seasonal, ChartPalette.Vermillion, 2, LinePattern.Dashed, 0);
            legend.Add(ChartBuilder.LineItem("Calendar-month average (seasonal pattern)", ChartPalette.Vermillion, 2, LinePattern.Dashed));
        }

        if (!counts.Any(c => c.HasValue))
        {
            ChartBuilder.ShowNoData(plot, series.Count > 0 ? "All months suppressed or missing" : ChartBuilder.NoDataMessage);
            if (x.Length > 0)
            {
                plot.Axes.SetLimitsX(x[0] - 15, x[^1] + 15);
            }
        }
        else
        {
            var top = counts.Concat(rolling).Where(v => v.HasValue).Max(v => v!.Value);
            // Headroom above the data keeps the legend strip clear of the lines.
            plot.Axes.SetLimitsY(0, top > 0 ? top * 1.3 : 1);
            if (x.Length == 1)
            {
                plot.Axes.SetLimitsX(x[0] - 45, x[0] + 45);
            }
        }

        if (series.Count > 0)
        {
            plot.Axes.Bottom.TickGenerator = MonthTicks(series);
        }

        // A horizontal strip across the top keeps the full plot width for the time axis.
        ChartBuilder.ShowManualLegend(plot, legend, Alignment.UpperCenter);
        plot.Legend.Orientation = Orientation.Horizontal;
        var rows = series.Select((m, i) => (IReadOnlyList<string>)
            [
                m.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture),
                ChartBuilder.NumberOr(m.Count, m.Suppressed, 0),
                rolling[i] is { } r ? ChartBuilder.Number(r, 1) : string.Empty,
                seasonal is not null && seasonal[i] is { } s ? ChartBuilder.Number(s, 1) : string.Empty,
            ])
            .ToList();
        var alt = series.Count == 0 || !counts.Any(c => c.HasValue)
            ? $"Line chart of {countLabel.ToLowerInvariant()} with no months to show."
            : $"Line chart of {countLabel.ToLowerInvariant()} from {series[0].Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} to {series[^1].Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}, ranging from {ChartBuilder.Number(counts.Where(c => c.HasValue).Min()!.Value, 0)} to {ChartBuilder.Number(counts.Where(c => c.HasValue).Max()!.Value, 0)}, with a {rollingMonths}-month rolling mean{(seasonal is null ? string.Empty : " and the average for each calendar month")}.";
        return new Chart(plot, title, alt, caption, new ChartDataTable(["Month", countLabel, $"{rollingMonths}-month rolling mean", "Calendar-month average"], rows));
    }

    /// <summary>
    /// Trailing rolling mean: position i is the mean of values i − window + 1 … i, or null when any of them is
    /// missing or fewer than <paramref name="window"/> values precede it (a partial window would mislead).
    /// </summary>
    /// <param name="values">Values in time order; null for missing.</param>
    /// <param name="window">Window length (>= 1).</param>
    /// <returns>Rolling means aligned with <paramref name="values"/>.</returns>
    public static double?[] RollingMean(IReadOnlyList<double?> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var result = new double?[values.Count];
        for (var i = window - 1; i < values.Count; i++)
        {
            double sum = 0;
            var ok = true;
            for (var j = i - window + 1; j <= i && ok; j++)
            {
                ok = values[j].HasValue;
                sum += values[j] ?? 0;
            }

            result[i] = ok ? sum / window : null;
        }

        return result;
    }

    // "Apr 2023" labels (never an ambiguous 04/01/2023) every 1, 2, 3, 6 or 12 months so at most about 12 show.
    private static ScottPlot.TickGenerators.NumericManual MonthTicks(List<MonthCount> series)
    {
        var step = new[] { 1, 2, 3, 6, 12 }.FirstOrDefault(s => series.Count / s <= 7, 12 * (int)Math.Ceiling(series.Count / 84.0));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var m in series)
        {
            var x = m.Month.ToDateTime(TimeOnly.MinValue).ToOADate();
            if ((m.Month.Month - 1) % Math.Min(step, 12) == 0 && (step <= 12 || m.Month.Year % (step / 12) == 0))
            {
                ticks.AddMajor(x, m.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture));
            }
            else
            {
                ticks.AddMinor(x);
            }
        }

        return ticks;
    }

    // Every month from first to last, so gaps in the input show as gaps rather than joined lines.
    private static List<MonthCount> Fill(IReadOnlyList<MonthCount> months)
    {
        if (months.Count == 0)
        {
            return [];
        }

        var byMonth = months
            .GroupBy(m => new DateOnly(m.Month.Year, m.Month.Month, 1))
            .ToDictionary(g => g.Key, g => g.Count() == 1
                ? g.First() with { Month = g.Key, Count = g.First().Suppressed ? null : g.First().Count }
                : new MonthCount(g.Key, g.Any(m => m.Suppressed) || g.All(m => m.Count is null) ? null : g.Sum(m => m.Count ?? 0), g.Any(m => m.Suppressed)));
        var first = byMonth.Keys.Min();
        var last = byMonth.Keys.Max();
        var result = new List<MonthCount>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            result.Add(byMonth.TryGetValue(m, out var v) ? v : new MonthCount(m, null));
        }

        return result;
    }

    private static double?[] CalendarMonthMeans(List<MonthCount> series, double?[] counts)
    {
        var result = new double?[12];
        for (var month = 1; month <= 12; month++)
        {
            var values = series.Select((m, i) => (m, c: counts[i])).Where(t => t.m.Month.Month == month && t.c.HasValue).Select(t => t.c!.Value).ToList();
            result[month - 1] = values.Count > 0 ? values.Average() : null;
        }

        return result;
    }

    private static void AddSegments(Plot plot, double[] x, IReadOnlyList<double?> y, Color colour, float width, LinePattern pattern, float markerSize)
    {
        var start = 0;
        while (start < y.Count)
        {
            while (start < y.Count && !y[start].HasValue)
            {
                start++;
            }

            var end = start;
            while (end < y.Count && y[end].HasValue)
            {
                end++;
            }

            if (end > start)
            {
                var xs = x[start..end];
                var ys = y.Skip(start).Take(end - start).Select(v => v!.Value).ToArray();
                var line = plot.Add.Scatter(xs, ys, colour);
                line.LineWidth = width;
                line.LinePattern = pattern;
                line.MarkerSize = markerSize;
            }

            start = end;
        }
    }
}
