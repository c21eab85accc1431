using System.Globalization;
using NeedsAssessment.Classify;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>
/// Prepares the temporary tables every indicator reads: <c>ind_events</c> (sv_events plus the <c>police</c> and
/// <c>penalty_harm_days</c> columns), <c>ind_area_lsoa</c>/<c>ind_areas</c> (LSOA membership of every area),
/// <c>ind_lsoa_pop</c>/<c>ind_area_pop</c> (population bands), <c>ind_lsoa_imd</c> (IMD 2019 decile per LSOA 2021)
/// and <c>ind_periods</c>.
/// </summary>
internal sealed class EngineContext
{
    public required AssessmentStore Store { get; init; }
    public required IndicatorOptions Options { get; init; }
    public required IndicatorCatalogue Catalogue { get; init; }
    public required IReadOnlyList<string> Levels { get; init; }
    public required IReadOnlyList<string> PeriodTypes { get; init; }
    public required string PopulationSource { get; init; }
    public required string PoliceSource { get; init; }
    public required bool HasEvents { get; init; }
    public required List<string> Messages { get; init; }
    public required Dictionary<(string Type, DateOnly Start), ReportingPeriod> Periods { get; init; }

    /// <summary>The run's event counts per LSOA and month, from one pass (null: each indicator counts its own events).</summary>
    public EventMeasures? Measures { get; set; }

    /// <summary>The Home Office table's area the partnership is compared from, once chosen (see IndicatorEngine.HomeOffice).</summary>
    public string? HomeOfficeArea { get; set; }

    /// <summary>What England and Wales is summed over in the Home Office table.</summary>
    public string? HomeOfficeNationalAreas { get; set; }

    /// <summary>True once the stop and search records and their periods are staged (see IndicatorEngine.StopSearch).</summary>
    public bool StopSearchPrepared { get; set; }

    /// <summary>Local authority districts of the Home Office table's area (the force area or CSP), for its residents; empty when unknown.</summary>
    public IReadOnlyList<string> HomeOfficeDistricts { get; set; } = [];

    /// <summary>Residents of England and Wales and of the Home Office area, once looked up (null when no national file is loaded).</summary>
    public NationalResidents? HomeOfficeResidents { get; set; }

    /// <summary>True once <see cref="HomeOfficeResidents"/> has been looked up.</summary>
    public bool HomeOfficeResidentsLooked { get; set; }

    /// <summary>Why the Home Office indicators can't be computed, once found.</summary>
    public string? HomeOfficeProblem { get; set; }

    public void Say(string message)
    {
        Messages.Add(message);
        Options.Announce?.Invoke(message);
    }

    public static EngineContext Prepare(AssessmentStore store, IndicatorOptions options)
    {
        var messages = new List<string>();
        void Say(string m)
        {
            messages.Add(m);
            options.Announce?.Invoke(m);
        }

        var catalogue = options.Catalogue ?? IndicatorCatalogue.Default;
        var levels = options.Levels ?? IndicatorLevels.Default;
        foreach (var l in levels.Where(l => !IndicatorLevels.All.Contains(l)))
            throw new UserErrorException($"Level '{l}' is not known. Use some of: {string.Join(", ", IndicatorLevels.All)}.");
        var periodTypes = options.PeriodTypes ?? Indicators.PeriodTypes.Default;
        foreach (var p in periodTypes.Where(p => !Indicators.PeriodTypes.All.Contains(p)))
            throw new UserErrorException($"Period type '{p}' is not known. Use some of: {string.Join(", ", Indicators.PeriodTypes.All)}.");
        if (!store.TableExists("sv_events"))
            throw new UserErrorException($"Store '{store.Path}' has no sv_events table. Classify the loaded sources first (the classify stage), then compute indicators.");
        AreaHierarchy.EnsureBuilt(store);
        if (Count(store, $"SELECT count(*) FROM {AreaHierarchy.Table}") == 0)
            throw new UserErrorException($"Store '{store.Path}' has no LSOA in the partnership's area. Load the ONS ward lookup ('ingest ward-lookup <file>') or the area hierarchy ('ingest geography <file>') so events can be placed in wards, districts and the partnership.");

        var police = options.PoliceSource;
        if (police is null)
        {
            police = Classify.PoliceSource.Counted(store);
            Say($"Police indicators use {police} ({Classify.PoliceSource.LeftOut(police)} is not added: {Classify.PoliceSource.Reason}).");
        }

        var life = options.LifePenaltyDays.ToString("R", CultureInfo.InvariantCulture);
        store.Execute($"""
            CREATE OR REPLACE TEMP VIEW ind_events AS
            SELECT e.*, e.source = {AssessmentStore.Literal(police)} AS police,
                CASE WHEN coalesce(e.severity_is_range, false) OR e.max_penalty_known IS DISTINCT FROM true THEN NULL
                     WHEN e.max_penalty_life THEN {life}
                     ELSE CAST(e.max_penalty_days AS DOUBLE) END AS penalty_harm_days
            FROM sv_events e
            WHERE e.lsoa21_code IS NOT NULL
            """);
        BuildAreas(store, levels);
        var populationSource = BuildPopulation(store, options.CensusFemaleShare);
        var events = Summarise(store, populationSource != "none");
        if (events.Outside > 0)
            Say($"{events.Outside:N0} events have no LSOA 2021 code in the partnership's area and are left out of every area (outside the area, or not placed; see the data quality section).");
        Say(populationSource switch
        {
            "population_syoa" => "Populations from population_syoa (single year of age and sex).",
            "population" => $"Populations from the census six-group table: aged 10-24 and 10-17 are approximated (single years spread evenly within a group), female = {options.CensusFemaleShare} of all ages, and DSRs are not given (they need single years of age).",
            "population_total" => "Populations from Census 2021 TS001 (all usual residents): rates per resident are given; age- and sex-specific rates and DSRs are not (they need an age breakdown).",
            _ => "No population loaded: rates are not given.",
        });
        if (events.UnpopulatedEvents > 0)
            Say($"{events.UnpopulatedEvents:N0} events in {events.UnpopulatedLsoas:N0} LSOA(s) of the area hierarchy that have no row in {populationSource} are left out of " +
                "every rate's numerator, as their residents are missing from its denominator; load a population file that covers them.");
        BuildDeprivation(store);

        var periods = BuildPeriods(store, events.Months, periodTypes, options, Say);
        return new EngineContext
        {
            Store = store,
            Options = options,
            Catalogue = catalogue,
            Levels = levels,
            PeriodTypes = periodTypes,
            PopulationSource = populationSource,
            PoliceSource = police,
            HasEvents = events.Located > 0,
            Messages = messages,
            Periods = periods,
        };
    }

    /// <summary>
    /// LSOA membership of every area for indicators whose denominator is a resident population: only LSOAs the
    /// population file covers. Why: an LSOA missing from the population file would keep its events in an area's
    /// numerator while its residents are absent from the denominator, inflating the rate; it is left out of both, and
    /// counted in the run's messages.
    /// </summary>
    internal const string RateMembers = "ind_rate_lsoa";

    /// <summary>LSOA membership of every area for rates per workday population: only LSOAs the workday file covers.</summary>
    internal const string WorkdayMembers = "ind_workday_lsoa";

    internal static long Count(AssessmentStore store, string sql) =>
        Convert.ToInt64(store.Scalar(sql), CultureInfo.InvariantCulture);

    private static void BuildAreas(AssessmentStore store, IReadOnlyList<string> levels)
    {
        // The partnership is always built: it is the default benchmark.
        var all = levels.Union([IndicatorLevels.District, IndicatorLevels.Hub, IndicatorLevels.Partnership]).ToList();
        var parts = all.Select(level =>
        {
            var (code, name) = IndicatorLevels.Columns(level);
            return $"SELECT {AssessmentStore.Literal(level)} AS level, {code} AS area_code, {name} AS area_name, lsoa21_code, partnership_code, district_code FROM geo WHERE {code} IS NOT NULL";
        });
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ind_area_lsoa AS
            WITH geo AS (SELECT * FROM {AreaHierarchy.Lsoas})
            SELECT DISTINCT * FROM ({string.Join("\nUNION ALL\n", parts)});
            CREATE OR REPLACE TEMP TABLE ind_areas AS
            SELECT level, area_code, min(area_name) AS area_name, min(partnership_code) AS partnership_code,
                   count(DISTINCT lsoa21_code) AS lsoas, count(DISTINCT district_code) AS districts
            FROM ind_area_lsoa GROUP BY level, area_code;
            """);
    }

    private static string SyoaSum(int from, int to, bool female = true, bool male = true)
    {
        var terms = new List<string>();
        for (var a = from; a <= to; a++)
        {
            if (female) terms.Add($"coalesce(f{a}, 0)");
            if (male) terms.Add($"coalesce(m{a}, 0)");
        }
        return "(" + string.Join(" + ", terms) + ")";
    }

    private static string BuildPopulation(AssessmentStore store, double femaleShare)
    {
        var esp = EuropeanStandardPopulation2013.BandCount;
        string source;
        string select;
        if (Count(store, "SELECT count(*) FROM population_syoa") > 0)
        {
            source = "population_syoa";
            var bands = Enumerable.Range(0, esp).Select(b =>
                b == esp - 1 ? $"CAST({SyoaSum(90, 90)} AS DOUBLE) AS esp{b}" : $"CAST({SyoaSum(5 * b, (5 * b) + 4)} AS DOUBLE) AS esp{b}");
            select = $"""
                SELECT upper(trim(lsoa21_code)) AS lsoa21_code,
                    CAST(coalesce(total, {SyoaSum(0, 90)}) AS DOUBLE) AS all_ages,
                    CAST({SyoaSum(10, 24)} AS DOUBLE) AS aged_10_24,
                    CAST({SyoaSum(10, 17)} AS DOUBLE) AS aged_10_17,
                    CAST({SyoaSum(0, 90, male: false)} AS DOUBLE) AS female,
                    CAST({SyoaSum(0, 90, female: false)} AS DOUBLE) AS male,
                    {string.Join(", ", bands)}
                FROM {ReferenceLoads.LatestRow("population_syoa")}
                """;
        }
        else if (Count(store, "SELECT count(*) FROM population") > 0)
        {
            source = "population";
            var share = femaleShare.ToString("R", CultureInfo.InvariantCulture);
            var nullBands = string.Join(", ", Enumerable.Range(0, esp).Select(b => $"CAST(NULL AS DOUBLE) AS esp{b}"));
            select = $"""
                WITH p AS (
                    SELECT upper(trim(lsoa21_code)) AS lsoa21_code, age_group, CAST(usual_residents AS DOUBLE) AS n
                    FROM {ReferenceLoads.Latest("population")}),
                g AS (
                    SELECT lsoa21_code,
                        sum(n) AS all_ages,
                        coalesce(sum(n) FILTER (WHERE age_group = 'Aged 15 years and under'), 0) AS g0_15,
                        coalesce(sum(n) FILTER (WHERE age_group = 'Aged 16 to 24 years'), 0) AS g16_24
                    FROM p GROUP BY lsoa21_code)
                SELECT lsoa21_code, all_ages,
                    g16_24 + g0_15 * 6.0 / 16 AS aged_10_24,
                    g0_15 * 6.0 / 16 + g16_24 * 2.0 / 9 AS aged_10_17,
                    all_ages * {share} AS female,
                    all_ages * (1 - {share}) AS male,
                    {nullBands}
                FROM g
                """;
        }
        else if (Count(store, "SELECT count(*) FROM population_total") > 0)
        {
            // Census TS001 gives all ages only: rates per resident are given, age- and sex-specific ones are not.
            source = "population_total";
            var nullBands = string.Join(", ", Enumerable.Range(0, esp).Select(b => $"CAST(NULL AS DOUBLE) AS esp{b}"));
            select = $"""
                SELECT upper(trim(lsoa21_code)) AS lsoa21_code, CAST(usual_residents AS DOUBLE) AS all_ages,
                    CAST(NULL AS DOUBLE) AS aged_10_24, CAST(NULL AS DOUBLE) AS aged_10_17, CAST(NULL AS DOUBLE) AS female, CAST(NULL AS DOUBLE) AS male,
                    {nullBands}
                FROM population_total WHERE lsoa21_code IS NOT NULL
                QUALIFY row_number() OVER (PARTITION BY upper(trim(lsoa21_code)) ORDER BY load_id DESC, source_row) = 1
                """;
        }
        else
        {
            source = "none";
            var nullBands = string.Join(", ", Enumerable.Range(0, esp).Select(b => $"CAST(NULL AS DOUBLE) AS esp{b}"));
            select = $"SELECT CAST(NULL AS VARCHAR) AS lsoa21_code, {string.Join(", ", PopulationBands.Residents.Select(b => $"CAST(NULL AS DOUBLE) AS {b}"))}, {nullBands} WHERE false";
        }

        var sums = string.Join(", ", PopulationBands.Residents.Concat(Enumerable.Range(0, esp).Select(b => $"esp{b}")).Select(c => $"sum(p.{c}) AS {c}"));
        // The workday population is a second denominator beside the residents, from its own file: an area's workday
        // rate counts the LSOAs that file covers (WorkdayMembers), as a resident rate counts those the residents file does.
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ind_lsoa_pop AS {select};
            CREATE OR REPLACE TEMP TABLE ind_lsoa_workday AS
            SELECT upper(trim(lsoa21_code)) AS lsoa21_code, CAST(any_value(workday_population) AS DOUBLE) AS workday
            FROM {ReferenceLoads.LatestRow("population_workday")} WHERE workday_population IS NOT NULL GROUP BY 1;
            CREATE OR REPLACE TEMP TABLE ind_area_pop AS
            WITH r AS (
                SELECT a.level, a.area_code, {sums}
                FROM ind_area_lsoa a JOIN ind_lsoa_pop p ON p.lsoa21_code = a.lsoa21_code
                GROUP BY a.level, a.area_code),
            w AS (
                SELECT a.level, a.area_code, sum(w.workday) AS {PopulationBands.Workday}
                FROM ind_area_lsoa a JOIN ind_lsoa_workday w ON w.lsoa21_code = a.lsoa21_code
                GROUP BY a.level, a.area_code)
            SELECT coalesce(r.level, w.level) AS level, coalesce(r.area_code, w.area_code) AS area_code, r.* EXCLUDE (level, area_code), w.{PopulationBands.Workday}
            FROM r FULL JOIN w ON w.level = r.level AND w.area_code = r.area_code;
            CREATE OR REPLACE TEMP TABLE {RateMembers} AS
            SELECT a.* FROM ind_area_lsoa a WHERE a.lsoa21_code IN (SELECT lsoa21_code FROM ind_lsoa_pop);
            CREATE OR REPLACE TEMP TABLE {WorkdayMembers} AS
            SELECT a.* FROM ind_area_lsoa a WHERE a.lsoa21_code IN (SELECT lsoa21_code FROM ind_lsoa_workday);
            """);
        return source;
    }

    private static void BuildDeprivation(AssessmentStore store)
    {
        // IMD 2019 is keyed on LSOA 2011. A 2021 LSOA formed by merging takes the rounded mean decile of its 2011
        // parts; a split 2011 LSOA gives its decile to every part; an unchanged code matches directly.
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE ind_lsoa_imd AS
            WITH d AS (
                SELECT upper(trim(lsoa11_code)) AS lsoa11_code, imd_decile FROM {ReferenceLoads.LatestRow("deprivation", "lsoa11_code", "imd_decile IS NOT NULL")}),
            lk AS (
                SELECT DISTINCT upper(trim(lsoa11_code)) AS l11, upper(trim(lsoa21_code)) AS l21 FROM lsoa_lookup
                WHERE lsoa11_code IS NOT NULL AND lsoa21_code IS NOT NULL),
            l AS (SELECT DISTINCT lsoa21_code FROM ind_area_lsoa)
            SELECT l.lsoa21_code, CAST(round(avg(d.imd_decile)) AS INTEGER) AS imd_decile
            FROM l LEFT JOIN lk ON lk.l21 = l.lsoa21_code
            JOIN d ON d.lsoa11_code = coalesce(lk.l11, l.lsoa21_code)
            GROUP BY l.lsoa21_code
            """);
    }

    /// <summary>What the run's messages and periods need to know of the events, from <see cref="Summarise"/>.</summary>
    /// <param name="Outside">Events with no LSOA 2021 code in the partnership's area.</param>
    /// <param name="UnpopulatedEvents">Events in an LSOA of the area that the population file has no row for.</param>
    /// <param name="UnpopulatedLsoas">Those LSOAs.</param>
    /// <param name="Months">First and last month of the events with an LSOA; null when there are none.</param>
    /// <param name="Located">Events with an LSOA 2021 code (the rows of <c>ind_events</c>).</param>
    private sealed record EventSummary(long Outside, long UnpopulatedEvents, long UnpopulatedLsoas, (DateOnly First, DateOnly Last)? Months, long Located);

    /// <summary>
    /// The counts and month span of <see cref="EventSummary"/> in one pass over <c>sv_events</c>. Why one: every pass
    /// reads the view's join of a national year's 6,000,000 records, and the four separate counts took 2.9 of the
    /// 4.7 CPU s of a national LSOA rate. The pass only counts per LSOA code; the membership tests (in the area, with a
    /// population) then run once per code, not once per record. On a national year, five semi-joins of every record
    /// made the pass 0.81 s (1.6 CPU s); over the 35,672 codes it takes 0.19-0.25 s (0.4-0.5 CPU s). Each test reads
    /// only the code, so it gives the same answer for a code's every record, and the sums are those of the per-record filters.
    /// </summary>
    private static EventSummary Summarise(AssessmentStore store, bool population)
    {
        var unpopulated = population
            ? "c.lsoa21_code IN (SELECT lsoa21_code FROM ind_area_lsoa) AND c.lsoa21_code NOT IN (SELECT lsoa21_code FROM ind_lsoa_pop)"
            : "false";
        return store.Query($"""
            WITH c AS (SELECT e.lsoa21_code, count(*) AS n, min(e.month) AS first_month, max(e.month) AS last_month FROM sv_events e GROUP BY e.lsoa21_code)
            SELECT coalesce(sum(c.n) FILTER (WHERE c.lsoa21_code IS NULL OR NOT {AreaHierarchy.InArea("c.lsoa21_code")}), 0)::BIGINT,
                coalesce(sum(c.n) FILTER (WHERE {unpopulated}), 0)::BIGINT, count(*) FILTER (WHERE {unpopulated}),
                min(c.first_month) FILTER (WHERE c.lsoa21_code IS NOT NULL), max(c.last_month) FILTER (WHERE c.lsoa21_code IS NOT NULL),
                coalesce(sum(c.n) FILTER (WHERE c.lsoa21_code IS NOT NULL), 0)::BIGINT
            FROM c
            """, r => new EventSummary(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2),
                r.IsDBNull(3) ? null : (DateOnly.FromDateTime(r.GetDateTime(3)), DateOnly.FromDateTime(r.GetDateTime(4))), r.GetInt64(5)))[0];
    }

    private static Dictionary<(string, DateOnly), ReportingPeriod> BuildPeriods(AssessmentStore store, (DateOnly First, DateOnly Last)? range,
        IReadOnlyList<string> types, IndicatorOptions options, Action<string> say)
    {
        var list = new List<ReportingPeriod>();
        if (range is { } rg)
        {
            var built = ReportingPeriods.Build(rg.Item1, rg.Item2, types, options.IncludePartialPeriods, options.RollingEveryMonth);
            // Published extracts often have gaps (a few monthly files, years apart): a period with months that no loaded
            // file covers would be divided by a whole period's person-time and read as a fall, so it is left out.
            // Coverage comes from the loaded police files' own months; without them (events built directly) every
            // month in the span counts as covered.
            var months = store.Query("""
                SELECT DISTINCT month FROM police_street
                UNION SELECT DISTINCT CAST(date_trunc('month', recorded_date) AS DATE) FROM police_recorded_crime
                """, r => DateOnly.FromDateTime(r.GetDateTime(0))).ToHashSet();
            bool Covered(ReportingPeriod p)
            {
                for (var m = new DateOnly(p.Start.Year, p.Start.Month, 1); m <= p.End; m = m.AddMonths(1))
                    if (!months.Contains(m)) return false;
                return true;
            }
            var kept = options.IncludePartialPeriods || months.Count == 0 ? built : built.Where(Covered).ToList();
            list.AddRange(kept);
            say($"Events span {rg.Item1:yyyy-MM} to {rg.Item2:yyyy-MM}; {(options.IncludePartialPeriods ? "partly covered periods are kept" : "only periods wholly inside that span are reported")}" +
                (kept.Count < built.Count ? $"; {built.Count - kept.Count} period(s) left out because some of their months have no events (a gap in the data)." : "."));
        }
        else
        {
            say("sv_events has no events with an LSOA: event-based indicators have no periods.");
        }
        if (types.Contains(Indicators.PeriodTypes.CohortPeriod))
        {
            // A period is known by its type and start everywhere downstream (the export's key, the suppression's
            // relations), so two cohort periods starting on one day (a year and its first quarter) would merge into one
            // row. The longer is reported; the shorter is counted only inside periods that hold it.
            var cohorts = store.Query(
                "SELECT DISTINCT period_start, period_end FROM justice_cohort WHERE period_start IS NOT NULL AND period_end IS NOT NULL ORDER BY 1, 2",
                r => new ReportingPeriod(Indicators.PeriodTypes.CohortPeriod, DateOnly.FromDateTime(r.GetDateTime(0)), DateOnly.FromDateTime(r.GetDateTime(1))));
            var longest = cohorts.GroupBy(p => p.Start).Select(g => g.MaxBy(p => p.End)!).ToList();
            if (longest.Count < cohorts.Count)
            {
                var shadowed = cohorts.Except(longest).ToList();
                var first = shadowed[0];
                say($"{shadowed.Count} justice cohort period(s) start on the same day as a longer one (first: {first.Start:yyyy-MM-dd} to {first.End:yyyy-MM-dd}, " +
                    $"beside {first.Start:yyyy-MM-dd} to {longest.Single(p => p.Start == first.Start).End:yyyy-MM-dd}): only the longer is reported as a cohort period of its own.");
            }
            list.AddRange(longest);
        }
        store.Execute("CREATE OR REPLACE TEMP TABLE ind_periods (period_type VARCHAR, period_start DATE, period_end DATE, years DOUBLE)");
        // A handful of rows: literal VALUES avoid the appender, which does not reach the temp schema.
        foreach (var chunk in list.Chunk(500))
        {
            var values = chunk.Select(p =>
            {
                var years = p.Type == Indicators.PeriodTypes.CohortPeriod ? (p.End.DayNumber - p.Start.DayNumber + 1) / 365.25 : p.Years;
                return $"({AssessmentStore.Literal(p.Type)}, DATE '{p.Start:yyyy-MM-dd}', DATE '{p.End:yyyy-MM-dd}', {years.ToString("R", CultureInfo.InvariantCulture)})";
            });
            store.Execute("INSERT INTO ind_periods VALUES " + string.Join(", ", values));
        }
        // A cohort period can coincide with a financial year; keying by type keeps them apart.
        return list.GroupBy(p => (p.Type, p.Start)).ToDictionary(g => g.Key, g => g.First());
    }
}
