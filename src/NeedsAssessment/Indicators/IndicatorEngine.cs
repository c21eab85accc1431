using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>
/// Computes the catalogue's indicators into the <c>indicator_values</c> table. Aggregation runs in DuckDB (GROUP BY
/// over <c>sv_events</c> joined to the geography, population and deprivation tables); C# then applies the
/// statistic and its intervals to each output row with <see cref="NeedsAssessment.Statistics"/>. Values are stored
/// raw; small-number suppression happens at export (<see cref="IndicatorExport"/>).
/// </summary>
public static partial class IndicatorEngine
{
    /// <summary>
    /// Computes indicators and replaces <c>indicator_values</c>; appends the run's parameters to <c>indicator_runs</c>.
    /// With no options: every catalogue indicator, at LSOA, ward, district and partnership level, for financial
    /// years, the latest rolling 12 months, pooled 3-year periods and the justice cohorts' own periods (each
    /// indicator where it supports them); the benchmark is the partnership's value for the same period.
    /// </summary>
    /// <param name="store">Store holding <c>sv_events</c> (from classification), <c>geography</c> and ideally population and deprivation.</param>
    /// <param name="options">Choices; null = all defaults.</param>
    /// <returns>What was computed and the automatic choices made.</returns>
    public static IndicatorRun Compute(AssessmentStore store, IndicatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.ReadOnly)
            throw new UserErrorException($"Store '{store.Path}' is open read-only; computing indicators writes indicator_values. Open it without --read-only.");
        options ??= new IndicatorOptions();
        PhaseTrace.Mark("indicators: start");
        var ctx = EngineContext.Prepare(store, options);
        PhaseTrace.Mark("indicators: context prepared");
        var wanted = options.IndicatorIds is null
            ? ctx.Catalogue.Indicators
            : options.IndicatorIds.Select(ctx.Catalogue.Get).ToList();

        ctx.Measures = EventMeasures.Build(store, [.. wanted.SelectMany(d => MeasuresOf(ctx, d))], [.. wanted.Select(d => EventsFilter(ctx, d)).OfType<string>().Select(f => (f, new EventMeasures.Measure(Cond(f))))]);
        PhaseTrace.Mark("indicators: event counts per LSOA and month");

        var rows = new List<WorkRow>();
        foreach (var def in wanted)
        {
            var levels = def.Levels.Where(ctx.Levels.Contains).ToList();
            var periodTypes = def.Periods.Where(ctx.PeriodTypes.Contains).ToList();
            if (levels.Count == 0 || periodTypes.Count == 0) continue;
            List<WorkRow> computed;
            try
            {
                if (MissingData(ctx, def) is { } why)
                {
                    ctx.Say($"{def.Id} not computed: {why}");
                    continue;
                }
                computed = ComputeOne(ctx, def, levels, periodTypes);
            }
            catch (DuckDB.NET.Data.DuckDBException ex)
            {
                throw new UserErrorException($"Indicator '{def.Id}' could not be computed: {ex.Message}. Check its numerator and denominator filters in the catalogue ({ctx.Catalogue.Origin}).", ex);
            }
            // Offence-count indicators carry England and Wales as their benchmark already.
            if (def.Numerator?.Table != HomeOfficeTable) ApplyBenchmark(def, computed, options.Benchmarks);
            rows.AddRange(computed);
            PhaseTrace.Mark($"indicators: {def.Id} ({computed.Count:N0} rows)");
        }

        IndicatorTable.Write(store, IndicatorTable.Name, rows.Select(r => r.Value));
        WriteMeta(store, ctx.Catalogue);
        var runId = RecordRun(ctx, wanted, rows.Count);
        PhaseTrace.Mark("indicators: written");
        return new IndicatorRun(runId, rows.Count, wanted.Select(d => d.Id).ToList(), ctx.Levels, ctx.PeriodTypes, ctx.PopulationSource, ctx.PoliceSource, ctx.Messages);
    }

    /// <summary>
    /// Why an event indicator can't be computed from the loaded data, or null. When no record matches its numerator in
    /// any period, the source or flag it needs is missing (no ED file loaded; police.uk has no knife or domestic-abuse
    /// flags), and a table of zeros would read as "no such violence" rather than "no data".
    /// </summary>
    private static string? MissingData(EngineContext ctx, IndicatorDefinition def)
    {
        if (def.Denominator?.Population == PopulationBands.Workday && EngineContext.Count(ctx.Store, "SELECT count(*) FROM ind_lsoa_workday") == 0)
            return "it divides by the workday population, and none is loaded (Census 2021 workday population by LSOA, kind population-workday).";
        if (EventsFilter(ctx, def) is not { } filter) return null;
        if (ctx.Measures?.Matched(filter) > 0) return null;
        var (matched, unknown) = ctx.Measures?.Matched(filter) is { } m && ctx.Measures.Unknown(filter) is { } u
            ? (m, u)
            : ctx.Store.Query(
                $"SELECT count(*) FILTER (WHERE ({filter}) IS TRUE), count(*) FILTER (WHERE ({filter}) IS NULL) FROM ind_events",
                r => (r.GetInt64(0), r.GetInt64(1)))[0];
        if (matched > 0) return null;
        return unknown > 0
            ? $"the loaded data can't tell which records match ({filter}): a flag it needs is not recorded by the source."
            : $"no loaded record matches ({filter}): the source it needs is not loaded.";
    }

    /// <summary>The events filter an indicator's numerator (or its base's) applies, or null when it counts no events.</summary>
    private static string? EventsFilter(EngineContext ctx, IndicatorDefinition def)
    {
        var numerator = def.Numerator ?? (def.Base is { } b ? ctx.Catalogue.Get(b).Numerator : null);
        return numerator is { Table: "events", Filter: { } filter } ? filter : null;
    }

    /// <summary>
    /// The counts per LSOA and month an indicator will ask <see cref="EventMeasures"/> for, following the dispatch of
    /// <see cref="ComputeOne"/>: rates and proportions, and the distributions over LSOAs. DSRs (by age band) and severity
    /// against volume (by offence group) count their own events.
    /// </summary>
    private static IEnumerable<EventMeasures.Measure> MeasuresOf(EngineContext ctx, IndicatorDefinition def)
    {
        if (def.Numerator is { Table: not "events" }) return [];
        switch (def.Method)
        {
            case IndicatorMethods.CrudeRate or IndicatorMethods.HarmRate or IndicatorMethods.Mean or IndicatorMethods.Proportion or IndicatorMethods.CountRatio:
                return RateMeasures(def).All;
            case IndicatorMethods.Dsr or IndicatorMethods.SeverityVolume:
                return [];
            case IndicatorMethods.Convergence:
                return def.Components.Append("false").Select(c => CellsMeasure(c, null));
            default:
                var baseDef = def.Base is { } b && ctx.Catalogue.Indicators.FirstOrDefault(i => i.Id == b) is { Numerator.Table: "events" } found ? found : null;
                return baseDef is null ? [] : [CellsMeasure(baseDef.Numerator!.Filter, baseDef.Numerator)];
        }
    }

    private static List<WorkRow> ComputeOne(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        if (def.Numerator is { Table: "justice_cohort" }) return Justice(ctx, def, levels, periodTypes);
        if (def.Numerator is { Table: HomeOfficeTable }) return HomeOffice(ctx, def, levels, periodTypes);
        if (def.Numerator is { Table: StopSearchTable }) return StopSearch(ctx, def, levels, periodTypes);
        return def.Method switch
        {
            IndicatorMethods.CrudeRate or IndicatorMethods.HarmRate or IndicatorMethods.Mean or IndicatorMethods.Proportion or IndicatorMethods.CountRatio
                => Rates(ctx, def, levels, periodTypes),
            IndicatorMethods.Dsr => Dsr(ctx, def, levels, periodTypes),
            IndicatorMethods.SeverityVolume => SeverityVolume(ctx, def, levels, periodTypes),
            IndicatorMethods.Convergence => Convergence(ctx, def, levels, periodTypes),
            _ => Distribution(ctx, def, levels, periodTypes),
        };
    }

    // ------------------------------------------------------------------ shared SQL pieces

    internal static string InList(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(AssessmentStore.Literal)) + ")";

    private static string Cond(string? filter) => string.IsNullOrWhiteSpace(filter) ? "true" : $"coalesce(({filter}), false)";

    private static string Weight(NumeratorSpec? n) =>
        n is null || n.Sum == "count" ? "CAST(1 AS DOUBLE)" : $"CAST(({n.Sum}) AS DOUBLE)";

    private static string Frame(IReadOnlyList<string> levels, IReadOnlyList<string> periodTypes) =>
        $"ar.level IN {InList(levels)} AND p.period_type IN {InList(periodTypes)}";

    private static AreaPeriodRow ReadArea(EngineContext ctx, DbDataReader r)
    {
        var type = r.GetString(4);
        var start = DateOnly.FromDateTime(r.GetDateTime(5));
        return new AreaPeriodRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            ctx.Periods[(type, start)], r.GetDouble(6));
    }

    private const string AreaColumns = "ar.level, ar.area_code, ar.area_name, ar.partnership_code, p.period_type, p.period_start, p.years";

    private static double? NullableDouble(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    private static WorkRow Row(IndicatorDefinition def, AreaPeriodRow a, long? count, double? denominator, double? value,
        (double L, double U)? ci95, (double L, double U)? ci998, string method, string? note, string? breakdown = null) =>
        new()
        {
            PartnershipCode = a.PartnershipCode,
            Breakdown = breakdown,
            Value = new IndicatorValue
            {
                IndicatorId = def.Id,
                Domain = def.Domain,
                Level = a.Level,
                AreaCode = a.AreaCode,
                AreaName = a.AreaName,
                PeriodType = a.Period.Type,
                PeriodStart = a.Period.Start,
                PeriodEnd = a.Period.End,
                Count = count,
                Denominator = denominator,
                Multiplier = def.Multiplier,
                Value = value is { } v && double.IsFinite(v) ? v : null,
                Lower95 = Finite(ci95?.L),
                Upper95 = Finite(ci95?.U),
                Lower998 = Finite(ci998?.L),
                Upper998 = Finite(ci998?.U),
                Method = method,
                Comparison95 = Words(Comparison.NotCompared),
                Comparison998 = Words(Comparison.NotCompared),
                Note = note,
            },
        };

    private static double? Finite(double? x) => x is { } d && double.IsFinite(d) ? d : null;

    internal static string Words(Comparison c) => c switch
    {
        Comparison.Higher => "higher",
        Comparison.Similar => "similar",
        Comparison.Lower => "lower",
        _ => "not compared",
    };

    // ------------------------------------------------------------------ benchmark

    private static void ApplyBenchmark(IndicatorDefinition def, List<WorkRow> rows, IReadOnlyDictionary<string, double>? user)
    {
        double? fixedBenchmark = user is not null && user.TryGetValue(def.Id, out var b) ? b
            : def.Method switch
            {
                // The natural benchmark of an inequality measure is "no inequality", not the partnership's own gap.
                IndicatorMethods.RateRatio => 1.0,
                IndicatorMethods.Sii or IndicatorMethods.Rii => 0.0,
                _ => null,
            };
        var partnership = rows
            .Where(r => r.Value.Level == IndicatorLevels.Partnership && r.Value.Value is not null && r.Breakdown is null)
            .GroupBy(r => (r.Value.AreaCode, r.Value.PeriodType, r.Value.PeriodStart))
            .ToDictionary(g => g.Key, g => g.First().Value.Value!.Value);
        foreach (var r in rows)
        {
            if (!r.HasInterval || r.Value.Value is null) continue;
            double bench;
            var own = false;
            if (fixedBenchmark is { } f)
            {
                bench = f;
            }
            else if (r.PartnershipCode is { } pc && partnership.TryGetValue((pc, r.Value.PeriodType, r.Value.PeriodStart), out var pv))
            {
                bench = pv;
                own = r.Value.Level == IndicatorLevels.Partnership;
            }
            else
            {
                continue;
            }
            var v = r.Value;
            r.Value = v with
            {
                BenchmarkValue = bench,
                // The partnership is the benchmark; comparing it with itself says nothing.
                Comparison95 = own ? Words(Comparison.NotCompared) : Words(BenchmarkComparison.Compare(v.Lower95!.Value, v.Upper95!.Value, bench)),
                Comparison998 = own || v.Lower998 is null || v.Upper998 is null
                    ? Words(Comparison.NotCompared)
                    : Words(BenchmarkComparison.Compare(v.Lower998.Value, v.Upper998.Value, bench)),
            };
        }
    }

    // ------------------------------------------------------------------ run record

    /// <summary>Methods whose denominator is itself a count of events or people, so it is suppressed with the count.</summary>
    internal static bool CountDenominator(string method) =>
        method is IndicatorMethods.Proportion or IndicatorMethods.CountRatio or IndicatorMethods.Mean or IndicatorMethods.SeverityVolume;

    private static void WriteMeta(AssessmentStore store, IndicatorCatalogue catalogue)
    {
        store.Execute("CREATE OR REPLACE TABLE indicator_meta (indicator_id VARCHAR, name VARCHAR, domain VARCHAR, method VARCHAR, disclosive BOOLEAN, base VARCHAR, count_denominator BOOLEAN)");
        var values = catalogue.Indicators.Select(d =>
            $"({AssessmentStore.Literal(d.Id)}, {AssessmentStore.Literal(d.Name)}, {AssessmentStore.Literal(d.Domain)}, {AssessmentStore.Literal(d.Method)}, " +
            $"{(d.Disclosive ? "true" : "false")}, {AssessmentStore.Literal(d.Base)}, {(CountDenominator(d.Method) ? "true" : "false")})");
        store.Execute("INSERT INTO indicator_meta VALUES " + string.Join(", ", values));
    }

    /// <summary>What an indicator's rate divides by, in words, for the run's parameters.</summary>
    internal static string Denominator(EngineContext ctx, IndicatorDefinition def) => def.Denominator?.Population switch
    {
        null => "",
        PopulationBands.Workday => "Census 2021 workday population (population_workday) x years",
        var band when def.Numerator?.Table == HomeOfficeTable =>
            $"{band} residents of the force area's local authorities and of England and Wales ({ctx.HomeOfficeResidents?.Source ?? "a residents file covering England and Wales"}) x years",
        var band => $"{band} residents ({ctx.PopulationSource}) x years",
    };

    private static long RecordRun(EngineContext ctx, IReadOnlyList<IndicatorDefinition> wanted, int rows)
    {
        var store = ctx.Store;
        store.Execute("CREATE TABLE IF NOT EXISTS indicator_runs (run_id BIGINT, run_at TIMESTAMP, rows BIGINT, parameters VARCHAR)");
        var definitions = store.Query(
            "SELECT DISTINCT definition_name, definition_version FROM sv_events ORDER BY 1, 2",
            r => new { name = r.IsDBNull(0) ? null : r.GetString(0), version = r.IsDBNull(1) ? null : r.GetString(1) });
        var parameters = new
        {
            catalogue = new { origin = ctx.Catalogue.Origin, version = ctx.Catalogue.Version },
            indicators = wanted.Select(d => d.Id).ToArray(),
            levels = ctx.Levels,
            period_types = ctx.PeriodTypes,
            include_partial_periods = ctx.Options.IncludePartialPeriods,
            rolling_every_month = ctx.Options.RollingEveryMonth,
            population_source = ctx.PopulationSource,
            // Which denominator each rate divides by, so a reader of the CSV knows residents from workday population.
            denominators = wanted.Where(d => d.Denominator?.Population is not null)
                .ToDictionary(d => d.Id, d => Denominator(ctx, d)),
            police_source = ctx.PoliceSource,
            life_penalty_days = ctx.Options.LifePenaltyDays,
            census_female_share = ctx.Options.CensusFemaleShare,
            benchmark = ctx.Options.Benchmarks is { Count: > 0 } bm
                ? (object)new { kind = "user", values = bm }
                : new { kind = "partnership", values = (IReadOnlyDictionary<string, double>?)null },
            sv_definitions = definitions,
            messages = ctx.Messages,
            engine = EngineInfo.Version,
        };
        var json = JsonSerializer.Serialize(parameters);
        var id = EngineContext.Count(store, "SELECT coalesce(max(run_id), 0) + 1 FROM indicator_runs");
        store.Execute($"INSERT INTO indicator_runs VALUES ({id}, CAST(now() AS TIMESTAMP), {rows}, {AssessmentStore.Literal(json)})");
        return id;
    }
}
