using Deedle;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Notebooks;

/// <summary>Indicator results as Deedle frames, for notebooks: one row per indicator, area and period.</summary>
public static class IndicatorFrames
{
    /// <summary>
    /// Indicator values with the columns of <c>indicator_values</c> (<see cref="IndicatorTable.Columns"/>), dates as
    /// <see cref="DateTime"/>, and missing values where there is no count, value or limit.
    /// </summary>
    /// <param name="values">From <see cref="IndicatorValue.Read"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<IndicatorValue> values) =>
        new FrameColumns<IndicatorValue>(values)
            .Add("indicator_id", v => v.IndicatorId)
            .Add("domain", v => v.Domain)
            .Add("level", v => v.Level)
            .Add("area_code", v => v.AreaCode)
            .Add("area_name", v => v.AreaName)
            .Add("period_type", v => v.PeriodType)
            .Add("period_start", v => v.PeriodStart)
            .Add("period_end", v => v.PeriodEnd)
            .Add("count", v => v.Count)
            .Add("denominator", v => v.Denominator)
            .Add("multiplier", v => v.Multiplier)
            .Add("value", v => v.Value)
            .Add("lower95", v => v.Lower95)
            .Add("upper95", v => v.Upper95)
            .Add("lower998", v => v.Lower998)
            .Add("upper998", v => v.Upper998)
            .Add("method", v => v.Method)
            .Add("benchmark_value", v => v.BenchmarkValue)
            .Add("comparison95", v => v.Comparison95)
            .Add("comparison998", v => v.Comparison998)
            .Add("suppressed", v => v.Suppressed)
            .Add("note", v => v.Note)
            .Build();

    /// <summary>Per-area trends: the yearly % change in the rate with its interval, or why there is none.</summary>
    /// <param name="trends">From <see cref="IndicatorTrends.ByArea"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<AreaTrend> trends) =>
        new FrameColumns<AreaTrend>(trends)
            .Add("level", t => t.Level)
            .Add("area_code", t => t.AreaCode)
            .Add("area_name", t => t.AreaName)
            .Add("periods", t => t.Periods.Count)
            .Add("percent_change_per_year", t => t.Trend?.PercentChangePerPeriod)
            .Add("lower", t => t.Trend?.PercentChangeLower)
            .Add("upper", t => t.Trend?.PercentChangeUpper)
            .Add("p", t => t.Trend?.PValue)
            .Add("note", t => t.Note)
            .Build();
}
