using System.Globalization;
using NeedsAssessment.Classify;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

public static partial class IndicatorEngine
{
    /// <summary>
    /// The numerator table of indicators over police.uk stop and search: <c>sv_stop_search</c>, each record placed in an
    /// LSOA by the classification stage (<see cref="StopSearchPlacement"/>), with the filter columns <c>weapons</c>,
    /// <c>found</c> and <c>object_of_search</c>.
    /// </summary>
    public const string StopSearchTable = StopSearchPlacement.Table;

    private const string StopSearchPeriods = "ind_ss_periods";

    /// <summary>
    /// crude_rate and proportion over the placed stop and search records inside the partnership's area, for the
    /// periods the stop and search files cover (their own months, which need not be the crime files' months). Records
    /// not placed or placed outside the area are counted in the run's messages, never in an area.
    /// </summary>
    private static List<WorkRow> StopSearch(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        var store = ctx.Store;
        if (!store.TableExists(StopSearchTable) || EngineContext.Count(store, $"SELECT count(*) FROM {StopSearchTable}") == 0)
        {
            ctx.Say($"{def.Id} not computed: no police.uk stop and search file is loaded (kind police-stop-search), or the store was classified before one was.");
            return [];
        }
        if (!ctx.StopSearchPrepared)
        {
            PrepareStopSearch(ctx);
            ctx.StopSearchPrepared = true;
        }
        return Rates(ctx, def, levels, periodTypes, "ind_stop_search", StopSearchPeriods);
    }

    private static void PrepareStopSearch(EngineContext ctx)
    {
        var store = ctx.Store;
        var s = StopSearchPlacement.Read(store);
        var outside = EngineContext.Count(store, $"SELECT count(*) FROM {StopSearchTable} WHERE lsoa21_code IS NOT NULL AND NOT {AreaHierarchy.InArea()}");
        ctx.Say($"Stop and search: {s.Records:N0} police.uk records; {s.ByBoundary:N0} placed inside a loaded LSOA boundary, {s.ByCentroid:N0} at the nearest loaded " +
            $"population-weighted centroid (within {StopSearchPlacement.MaxCentroidMetres:N0} m), {s.NoLocation:N0} published without a location and " +
            $"{s.NotPlaced:N0} farther than that from the loaded geography are in no area; {outside:N0} placed outside the partnership's area are left out.");
        store.Execute($"""
            CREATE OR REPLACE TEMP VIEW ind_stop_search AS
            SELECT * FROM {StopSearchTable} WHERE lsoa21_code IS NOT NULL AND month IS NOT NULL;
            CREATE OR REPLACE TEMP TABLE {StopSearchPeriods} (period_type VARCHAR, period_start DATE, period_end DATE, years DOUBLE);
            """);
        var months = store.Query($"SELECT DISTINCT month FROM {StopSearchTable} WHERE month IS NOT NULL ORDER BY 1", r => DateOnly.FromDateTime(r.GetDateTime(0)));
        if (months.Count == 0) return;
        var covered = months.ToHashSet();
        var types = ctx.PeriodTypes.Where(t => t is not (PeriodTypes.CohortPeriod or PeriodTypes.Pooled3FinancialYears)).ToList();
        var built = ReportingPeriods.Build(months[0], months[^1], types, ctx.Options.IncludePartialPeriods, ctx.Options.RollingEveryMonth);
        // As for the crime files: a period with a month no stop and search file covers would read as a fall.
        bool Whole(ReportingPeriod p)
        {
            for (var m = new DateOnly(p.Start.Year, p.Start.Month, 1); m <= p.End; m = m.AddMonths(1))
                if (!covered.Contains(m)) return false;
            return true;
        }
        var kept = ctx.Options.IncludePartialPeriods ? built : built.Where(Whole).ToList();
        ctx.Say($"Stop and search files span {months[0]:yyyy-MM} to {months[^1]:yyyy-MM}; {kept.Count} period(s) computed" +
            (kept.Count < built.Count ? $", {built.Count - kept.Count} left out because some of their months have no stop and search file." : "."));
        foreach (var p in kept) ctx.Periods.TryAdd((p.Type, p.Start), p);
        foreach (var chunk in kept.Chunk(500))
            store.Execute($"INSERT INTO {StopSearchPeriods} VALUES " + string.Join(", ", chunk.Select(p =>
                $"({AssessmentStore.Literal(p.Type)}, DATE '{p.Start:yyyy-MM-dd}', DATE '{p.End:yyyy-MM-dd}', {p.Years.ToString("R", CultureInfo.InvariantCulture)})")));
    }
}
