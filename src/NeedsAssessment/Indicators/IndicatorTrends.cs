using NeedsAssessment.Store;
using NeedsAssessment.Statistics;

namespace NeedsAssessment.Indicators;

/// <summary>Trends of an indicator's rate per area across periods, from <c>indicator_values</c>.</summary>
public static class IndicatorTrends
{
    /// <summary>
    /// Fits <see cref="PoissonTrend.Fit"/> to each area's counts with log(person-years) as offset, over the periods
    /// of <paramref name="periodType"/> (time = years since the first period start), so the slope is the change in
    /// log rate per year and <see cref="TrendEstimate.PercentChangePerPeriod"/> the % change per year.
    /// Needs count and denominator (crude or harm rates, not suppressed); rows without them are skipped.
    /// </summary>
    /// <param name="store">Store after <see cref="IndicatorEngine.Compute"/>.</param>
    /// <param name="indicatorId">Indicator, default sv_rate.</param>
    /// <param name="level">Level, default district.</param>
    /// <param name="periodType">Period type, default financial_year.</param>
    /// <param name="confidence">Two-sided confidence level of the slope's interval.</param>
    /// <param name="recentPeriods">When given, only the latest this many usable periods (a recent trend, as Fingertips shows).</param>
    public static IReadOnlyList<AreaTrend> ByArea(AssessmentStore store, string indicatorId = "sv_rate", string level = IndicatorLevels.District,
        string periodType = PeriodTypes.FinancialYear, double confidence = 0.95, int? recentPeriods = null)
    {
        var rows = IndicatorValue.Read(store, new IndicatorFilter { IndicatorId = indicatorId, Level = level, PeriodType = periodType });
        return FromRows(rows, level, confidence, recentPeriods);
    }

    /// <summary>
    /// <see cref="ByArea"/> over rows already read: one indicator, level and period type, in the order
    /// <see cref="IndicatorValue.Read"/> gives them (area, then period start).
    /// </summary>
    internal static IReadOnlyList<AreaTrend> FromRows(IEnumerable<IndicatorValue> rows, string level, double confidence = 0.95, int? recentPeriods = null)
    {
        var result = new List<AreaTrend>();
        foreach (var g in rows.GroupBy(r => r.AreaCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var usable = g.Where(r => r.Count is not null && r.Denominator is > 0).OrderBy(r => r.PeriodStart).ToList();
            if (recentPeriods is { } n && usable.Count > n) usable = usable.Skip(usable.Count - n).ToList();
            var name = g.First().AreaName;
            if (usable.Select(r => r.PeriodStart).Distinct().Count() < 2)
            {
                result.Add(new AreaTrend(level, g.Key, name, usable, null, "fewer than two periods with a count and denominator"));
                continue;
            }
            if (usable.All(r => r.Count == 0))
            {
                result.Add(new AreaTrend(level, g.Key, name, usable, null, "no events in any period"));
                continue;
            }
            var first = usable[0].PeriodStart;
            var times = usable.Select(r => (r.PeriodStart.DayNumber - first.DayNumber) / 365.25).ToList();
            try
            {
                var trend = PoissonTrend.Fit(times, usable.Select(r => (double)r.Count!.Value).ToList(), usable.Select(r => r.Denominator!.Value).ToList(), confidence);
                result.Add(new AreaTrend(level, g.Key, name, usable, trend, null));
            }
            catch (InvalidOperationException ex)
            {
                result.Add(new AreaTrend(level, g.Key, name, usable, null, ex.Message));
            }
        }
        return result;
    }
}
