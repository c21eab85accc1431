using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>A row of <c>indicator_trends</c> (data-schemas/outputs/indicator-trends.schema.json): one indicator's recent trend in one area.</summary>
/// <param name="IndicatorId">Catalogue id.</param>
/// <param name="Level">partnership, hub or district.</param>
/// <param name="AreaCode">Area code.</param>
/// <param name="AreaName">Area name.</param>
/// <param name="PeriodType">Period type of the trend (financial_year).</param>
/// <param name="FirstPeriodStart">Start of the first period used.</param>
/// <param name="LastPeriodEnd">End of the last period used.</param>
/// <param name="Periods">Periods used.</param>
/// <param name="PercentChangePerYear">Change per year, %.</param>
/// <param name="Lower95">Lower 95% limit of the change, %.</param>
/// <param name="Upper95">Upper 95% limit of the change, %.</param>
/// <param name="PValue">Wald p-value of the slope.</param>
/// <param name="Direction">increasing, decreasing, no significant change or cannot be calculated.</param>
/// <param name="Note">Why there is no trend, or a caveat.</param>
public sealed record IndicatorTrendRow(
    string IndicatorId, string Level, string AreaCode, string? AreaName, string PeriodType, DateOnly? FirstPeriodStart, DateOnly? LastPeriodEnd,
    long Periods, double? PercentChangePerYear, double? Lower95, double? Upper95, double? PValue, string Direction, string? Note)
{
    /// <summary>Direction when the interval excludes zero upwards.</summary>
    public const string Increasing = "increasing";

    /// <summary>Direction when the interval excludes zero downwards.</summary>
    public const string Decreasing = "decreasing";

    /// <summary>Direction when the interval includes zero.</summary>
    public const string NoChange = "no significant change";

    /// <summary>Direction when no trend could be fitted.</summary>
    public const string NotCalculated = "cannot be calculated";
}

/// <summary>
/// The indicator stage's recent trends (<c>indicator_trends</c>), as Fingertips shows them beside each value: for each
/// rate and proportion indicator of the partnership, its hubs and districts, a Poisson trend over the latest five
/// financial years, or quarters when the data cover fewer than three years (<see cref="IndicatorTrends.ByArea"/>'s
/// model: the slope is per year either way), and its direction at 95%.
/// </summary>
public static class IndicatorTrendTable
{
    /// <summary>The table's name.</summary>
    public const string Table = "indicator_trends";

    /// <summary>Periods a recent trend uses at most (Fingertips: the last five data points).</summary>
    public const int RecentPeriods = 5;

    /// <summary>Levels trends are written for.</summary>
    public static IReadOnlyList<string> Levels { get; } = [IndicatorLevels.Partnership, IndicatorLevels.Hub, IndicatorLevels.District];

    /// <summary>Computes the trends from <c>indicator_values</c> and replaces the table.</summary>
    /// <param name="store">Store after <see cref="IndicatorEngine.Compute"/>.</param>
    /// <param name="catalogue">The catalogue whose rate and proportion indicators are trended (the built-in one when null).</param>
    /// <returns>The rows written.</returns>
    public static IReadOnlyList<IndicatorTrendRow> Write(AssessmentStore store, IndicatorCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = Compute(store, catalogue ?? IndicatorCatalogue.Default);
        ResultTable<IndicatorTrendRow>.Write(store, Table, rows);
        return rows;
    }

    /// <summary>Reads the table; empty when the store has none (an older store).</summary>
    public static IReadOnlyList<IndicatorTrendRow> Read(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TableExists(Table) ? ResultTable<IndicatorTrendRow>.Read(store, Table) : [];
    }

    private static List<IndicatorTrendRow> Compute(AssessmentStore store, IndicatorCatalogue catalogue)
    {
        var result = new List<IndicatorTrendRow>();
        if (!store.TableExists(IndicatorTable.Name)) return result;
        // A count and a denominator the count is a part of: crude rates and proportions (a harm rate's count is of
        // events, not of the harm it sums, and a DSR is standardised, so neither trends this way).
        var trended = catalogue.Indicators.Where(d => d.Method is IndicatorMethods.CrudeRate or IndicatorMethods.Proportion).Select(d => d.Id).ToList();
        // Financial years when there are at least three with counts; otherwise quarters (data covering less than three
        // years, such as a few quarters of police.uk files), so a short series still gets a recent trend.
        var periods = store.Query($"""
            SELECT indicator_id, period_type, count(DISTINCT period_start)::BIGINT FROM {IndicatorTable.Name}
            WHERE period_type IN ('{PeriodTypes.FinancialYear}', '{PeriodTypes.Quarter}') AND count IS NOT NULL AND denominator > 0
            GROUP BY ALL
            """, r => (Id: r.GetString(0), Type: r.GetString(1), N: r.GetInt64(2)));
        if (trended.Count == 0) return result;
        // Every row the trends read, in one query rather than one per indicator and level; grouped in the order Read gives.
        var read = store.Query($"""
            SELECT {string.Join(", ", IndicatorTable.Columns)} FROM {IndicatorTable.Name}
            WHERE indicator_id IN {IndicatorEngine.InList(trended)} AND level IN {IndicatorEngine.InList(Levels)}
              AND period_type IN ('{PeriodTypes.FinancialYear}', '{PeriodTypes.Quarter}')
            ORDER BY indicator_id, level, area_code, period_type, period_start
            """, IndicatorValue.FromReader)
            .GroupBy(v => (v.IndicatorId, v.Level, v.PeriodType)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var id in trended)
        {
            var years = periods.FirstOrDefault(p => p.Id == id && p.Type == PeriodTypes.FinancialYear).N;
            var quarters = periods.FirstOrDefault(p => p.Id == id && p.Type == PeriodTypes.Quarter).N;
            if (years == 0 && quarters == 0) continue;
            var type = years >= 3 || quarters < 3 ? PeriodTypes.FinancialYear : PeriodTypes.Quarter;
            foreach (var level in Levels)
                foreach (var area in IndicatorTrends.FromRows(read.GetValueOrDefault((id, level, type), []), level, recentPeriods: RecentPeriods))
                {
                    var used = area.Periods;
                    var t = area.Trend;
                    string direction = t is null ? IndicatorTrendRow.NotCalculated
                        : t.PercentChangeLower > 0 ? IndicatorTrendRow.Increasing
                        : t.PercentChangeUpper < 0 ? IndicatorTrendRow.Decreasing
                        : IndicatorTrendRow.NoChange;
                    var unit = type == PeriodTypes.Quarter ? "quarters" : "financial years";
                    var note = area.Note ?? (used.Count < RecentPeriods ? $"{used.Count} {unit} with data, fewer than the {RecentPeriods} a recent trend uses" : null);
                    if (type == PeriodTypes.Quarter) note = (note is null ? "" : note + "; ") + "quarters, as the data cover fewer than three financial years: a trend across quarters can carry the season";
                    result.Add(new IndicatorTrendRow(id, level, area.AreaCode, area.AreaName, type,
                        used.Count > 0 ? used[0].PeriodStart : null, used.Count > 0 ? used[^1].PeriodEnd : null, used.Count,
                        Finite(t?.PercentChangePerPeriod), Finite(t?.PercentChangeLower), Finite(t?.PercentChangeUpper), Finite(t?.PValue), direction, note));
                }
        }
        return result;
    }

    private static double? Finite(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
