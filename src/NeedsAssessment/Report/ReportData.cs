using System.Data.Common;
using System.Globalization;
using NeedsAssessment.Classify;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// The reporting periods: the latest run of up to 12 consecutive months the police source covers, and the run of the
/// same length before it. A gap shortens the period rather than counting missing months as months without violence.
/// </summary>
internal sealed record ReportPeriods(string PoliceSource, DateOnly Start, DateOnly End, DateOnly PreviousStart, DateOnly PreviousEnd, DateOnly FirstMonth, DateOnly LastMonth)
{
    /// <summary>Months in the period: 12 unless the police data has fewer consecutive months up to its last.</summary>
    public int Months { get; init; } = 12;

    /// <summary>True when every month of the previous period of the same length has police data.</summary>
    public bool PreviousComplete { get; init; } = true;

    public string Label => ReportFormat.Period(Start, End);

    public string PreviousLabel => ReportFormat.Period(PreviousStart, PreviousEnd);

    public bool HasPrevious => PreviousStart >= FirstMonth && PreviousComplete;

    /// <summary>"the latest 12 months of police data", or what a shorter period is and why.</summary>
    public string Description => Months == 12
        ? "the latest 12 months of police data"
        : $"the latest {Months} consecutive month{(Months == 1 ? "" : "s")} of police data; {(Start > FirstMonth ? "the month before is missing" : "no earlier month is loaded")}, so rates and counts cover a part year";

    /// <summary>"the previous 12 months", or the previous period of the same length.</summary>
    public string PreviousDescription => Months == 12 ? "the previous 12 months" : $"the previous {Months} month{(Months == 1 ? "" : "s")}";

    /// <summary>SQL for "month in the latest 12 months" (months are stored as their first day).</summary>
    public string LatestSql => $"month BETWEEN DATE '{Iso(Start)}' AND DATE '{Iso(End)}'";

    public string PreviousSql => $"month BETWEEN DATE '{Iso(PreviousStart)}' AND DATE '{Iso(PreviousEnd)}'";

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Counts for one area (an LSOA, a district or the partnership) in the latest period.</summary>
internal sealed record AreaMeasures(
    string Level, string Code, string Name, string? DistrictCode, string? DistrictName, double Population,
    long SeriousViolence, long SeriousViolencePrevious, long ViolenceWithInjury, long LifeMaximum, long PenaltyKnown, double PenaltyDays,
    long PublicPlace, long PublicPlaceKnown, long Under25, long Under25Known, long NightTime, long NightTimeKnown,
    long EdAssaults, long Ambulance, long Admissions, int? Decile);

internal sealed record SubgroupMeasures(string Group, long Count, double? MeanPenaltyDays, long LifeMaximum);

internal sealed record DecileMeasures(int Decile, long Count, double Population);

internal sealed record AgeSexCount(string AgeBand, string Sex, long Count);

internal sealed record CohortRow(string CohortKind, DateOnly PeriodStart, DateOnly PeriodEnd, string AgeBand, long Count, double? Denominator);

internal sealed record QuarantineSummary(string Kind, string Rule, string Column, long Rows);

internal sealed record CoverageGap(string Source, DateOnly From, DateOnly To, int Months);

internal sealed record BoundaryRow(string Code, string Name, string Crs, string GeoJson);

internal sealed record Centroid(string Code, double X, double Y);

internal sealed record ClassificationRun(string DefinitionName, string DefinitionVersion, string DefinitionOrigin, long Events, long InDefinition, long Unmapped, long LsoaUnmatched, long LsoaSplit);

internal sealed record SourceSummary(string Source, long Records, long InDefinition, long NoArea, DateOnly? First, DateOnly? Last);

/// <summary>
/// Every query the report runs. Aggregation happens in DuckDB; C# receives one row per area, month, cell or
/// group, never one per event (except event locations for the hot-spot grid, which needs points).
/// </summary>
internal sealed class ReportData
{
    public required ReportPeriods Periods { get; init; }
    public required string PartnershipName { get; init; }
    public required IReadOnlyList<AreaMeasures> Areas { get; init; }
    public required IReadOnlyList<(DateOnly Month, long? Count)> Months { get; init; }
    public required IReadOnlyList<(int IsoDay, int Hour, long Count)> DayHour { get; init; }
    public required long DayHourMissing { get; init; }
    public required IReadOnlyList<SubgroupMeasures> Subgroups { get; init; }
    public required IReadOnlyList<DecileMeasures> Deciles { get; init; }
    public required IReadOnlyList<AgeSexCount> Victims { get; init; }
    public required IReadOnlyList<CohortRow> Cohorts { get; init; }
    public required IReadOnlyList<KindStatus> Status { get; init; }
    public required IReadOnlyList<QuarantineSummary> Quarantine { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    public required IReadOnlyList<(string Source, string Code, long Records)> Unmapped { get; init; }
    public required IReadOnlyList<(string Source, string Code, long Records)> UnmatchedLsoas { get; init; }
    public required IReadOnlyList<SourceSummary> Sources { get; init; }
    public required IReadOnlyList<BoundaryRow> Boundaries { get; init; }
    public required IReadOnlyList<Centroid> Centroids { get; init; }
    public required ClassificationRun? Run { get; init; }
    public required bool LookupPresent { get; init; }

    /// <summary>"Synthshire overall" for "Synthshire Community Safety Partnership": short enough for a column heading or a legend.</summary>
    public string PartnershipShort
    {
        get
        {
            var name = PartnershipName;
            foreach (var suffix in new[] { " Community Safety Partnership", " Community Safety Partnerships", " CSP", " Partnership" })
                if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length) { name = name[..^suffix.Length]; break; }
            return name + " overall";
        }
    }

    public IEnumerable<AreaMeasures> Lsoas => Areas.Where(a => a.Level == "lsoa");
    public IEnumerable<AreaMeasures> Districts => Areas.Where(a => a.Level == "district");
    public AreaMeasures Partnership => Areas.Single(a => a.Level == "partnership");

    public static ReportData Load(AssessmentStore store, ReportOptions options)
    {
        if (!store.TableExists("sv_events"))
            throw new UserErrorException($"Store '{store.Path}' has no classified events. Run 'needs-assessment classify --db {store.Path}' first.");
        foreach (var t in new[] { "geography", "population" })
            if (!store.TableExists(t) || L(store.Scalar($"SELECT count(*) FROM {t}")) == 0)
                throw new UserErrorException($"Store '{store.Path}' has no {t} rows; the report needs them for area names and rates. Load them with 'needs-assessment ingest {t} <file>'.");

        var periods = ReadPeriods(store);
        var lookup = store.TableExists("lsoa_lookup") && L(store.Scalar("SELECT count(*) FROM lsoa_lookup")) > 0;
        var partnership = store.Query($"SELECT partnership_name FROM {AreaHierarchy.Lsoas} WHERE partnership_name IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1", r => r.GetString(0)).FirstOrDefault() ?? "the partnership";
        return new ReportData
        {
            Periods = periods,
            PartnershipName = partnership,
            Areas = ReadAreas(store, periods, options, lookup),
            Months = ReadMonths(store, periods),
            DayHour = store.Query($"""
                SELECT isodow(event_datetime)::INTEGER, hour(event_datetime)::INTEGER, count(*)::BIGINT
                FROM sv_events WHERE in_definition AND source = {Lit(periods.PoliceSource)} AND {periods.LatestSql} AND event_datetime IS NOT NULL
                GROUP BY ALL ORDER BY 1, 2
                """, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt64(2))),
            DayHourMissing = L(store.Scalar($"SELECT count(*) FROM sv_events WHERE in_definition AND source = {Lit(periods.PoliceSource)} AND {periods.LatestSql} AND event_datetime IS NULL")),
            Subgroups = store.Query($"""
                SELECT coalesce(offence_subgroup, offence_group, category, 'Not recorded') AS grp, count(*)::BIGINT,
                    avg(CASE WHEN max_penalty_life THEN {D(options.LifePenaltyDays)} ELSE max_penalty_days END) FILTER (WHERE max_penalty_known)::DOUBLE,
                    count(*) FILTER (WHERE max_penalty_life)::BIGINT
                FROM sv_events WHERE in_definition AND source = {Lit(periods.PoliceSource)} AND {periods.LatestSql}
                GROUP BY 1 ORDER BY 2 DESC, 1
                """, r => new SubgroupMeasures(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.GetInt64(3))),
            Deciles = store.Query($"""
                WITH {AreaCtes(periods, options, lookup)}
                SELECT decile, sum(sv)::BIGINT, sum(pop)::DOUBLE FROM lsoa WHERE decile IS NOT NULL AND pop > 0 GROUP BY 1 ORDER BY 1
                """, r => new DecileMeasures(r.GetInt32(0), r.GetInt64(1), r.GetDouble(2))),
            Victims = store.Query($"""
                SELECT coalesce(nullif(victim_age_band, ''), 'unknown'), coalesce(nullif(victim_sex, ''), 'U'), count(*)::BIGINT
                FROM sv_events WHERE in_definition AND source = {Lit(periods.PoliceSource)} AND {periods.LatestSql}
                GROUP BY ALL ORDER BY 1, 2
                """, r => new AgeSexCount(r.GetString(0), r.GetString(1), r.GetInt64(2))),
            Cohorts = ReadCohorts(store),
            Status = StoreStatus.Read(store),
            Quarantine = store.Query("""
                SELECT l.kind, q.rule, coalesce(q.column_name, '(whole row)'), count(*)::BIGINT
                FROM quarantine q JOIN loads l USING (load_id) WHERE l.status IN ('loaded', 'replaced')
                GROUP BY ALL ORDER BY 1, 4 DESC, 2, 3
                """, r => new QuarantineSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3))),
            Gaps = ReadGaps(store),
            Unmapped = store.TableExists("sv_unmapped")
                ? store.Query("SELECT source, code, records::BIGINT FROM sv_unmapped ORDER BY records DESC, source, code", r => (r.GetString(0), r.IsDBNull(1) ? "(blank)" : r.GetString(1), r.GetInt64(2)))
                : [],
            UnmatchedLsoas = store.TableExists("sv_lsoa_unmatched")
                ? store.Query("SELECT * FROM sv_lsoa_unmatched", r => (r.GetString(0), r.IsDBNull(1) ? "(blank)" : r.GetString(1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)))
                    .OrderByDescending(u => u.Item3).ThenBy(u => u.Item1, StringComparer.Ordinal).ThenBy(u => u.Item2, StringComparer.Ordinal).ToList()
                : [],
            Sources = store.Query("""
                SELECT source, count(*)::BIGINT, count(*) FILTER (WHERE in_definition)::BIGINT,
                    count(*) FILTER (WHERE in_definition AND lsoa21_code IS NULL)::BIGINT, min(month), max(month)
                FROM sv_events GROUP BY 1 ORDER BY 1
                """, r => new SourceSummary(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3),
                r.IsDBNull(4) ? null : DateOnly.FromDateTime(r.GetDateTime(4)), r.IsDBNull(5) ? null : DateOnly.FromDateTime(r.GetDateTime(5)))),
            Boundaries = store.TableExists("boundaries")
                ? store.Query($"SELECT lsoa21_code, coalesce(lsoa21_name, lsoa21_code), coalesce(crs, ''), CAST(geometry AS VARCHAR) FROM {ReferenceLoads.LatestRow("boundaries", where: "geometry IS NOT NULL")} ORDER BY 1",
                    r => new BoundaryRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)))
                : [],
            Centroids = store.TableExists("centroids")
                ? store.Query($"SELECT lsoa21_code, x, y FROM {ReferenceLoads.LatestRow("centroids", where: "x IS NOT NULL AND y IS NOT NULL")} ORDER BY 1", r => new Centroid(r.GetString(0), r.GetDouble(1), r.GetDouble(2)))
                : [],
            Run = store.TableExists("sv_runs")
                ? store.Query("""
                    SELECT definition_name, definition_version, definition_origin, events, in_definition, unmapped, lsoa_unmatched, lsoa_split
                    FROM sv_runs ORDER BY run_id DESC LIMIT 1
                    """, r => new ClassificationRun(r.GetString(0), r.GetString(1), r.GetString(2), L(r.GetValue(3)), L(r.GetValue(4)), L(r.GetValue(5)), L(r.GetValue(6)), L(r.GetValue(7)))).FirstOrDefault()
                : null,
            LookupPresent = lookup,
        };
    }

    private static readonly string Deprivation = ReferenceLoads.LatestRow("deprivation", "lsoa11_code");

    private static ReportPeriods ReadPeriods(AssessmentStore store)
    {
        var counted = PoliceSource.Counted(store);
        var police = store.Query($"SELECT source, min(month), max(month) FROM sv_events WHERE in_definition AND month IS NOT NULL AND source = {Lit(counted)} GROUP BY 1",
            r => (Source: r.GetString(0), First: DateOnly.FromDateTime(r.GetDateTime(1)), Last: DateOnly.FromDateTime(r.GetDateTime(2)))).FirstOrDefault();
        if (police.Source is null)
            throw new UserErrorException("The store has no police records counted as serious violence, so there is nothing to report. Load police recorded crime or police.uk street crime and classify again.");
        var months = store.Query($"SELECT DISTINCT month FROM sv_events WHERE source = {Lit(police.Source)} AND month IS NOT NULL",
            r => DateOnly.FromDateTime(r.GetDateTime(0))).ToHashSet();
        return PeriodsFrom(police.Source, months, police.First, police.Last);
    }

    /// <summary>
    /// The latest run of up to 12 consecutive months ending at <paramref name="last"/> that all have police records, and
    /// the same number of months before it (complete only when every one of those months has records too).
    /// </summary>
    internal static ReportPeriods PeriodsFrom(string source, IReadOnlySet<DateOnly> monthsWithData, DateOnly first, DateOnly last)
    {
        var start = last;
        while (ReportMonthsBetween(start, last) < 12 && monthsWithData.Contains(start.AddMonths(-1))) start = start.AddMonths(-1);
        var length = ReportMonthsBetween(start, last);
        var previousStart = start.AddMonths(-length);
        var previousComplete = Enumerable.Range(0, length).All(i => monthsWithData.Contains(previousStart.AddMonths(i)));
        return new ReportPeriods(source, start, last, previousStart, start.AddMonths(-1), first, last)
        {
            Months = length,
            PreviousComplete = previousComplete,
        };
    }

    private static int ReportMonthsBetween(DateOnly start, DateOnly end) => (end.Year - start.Year) * 12 + end.Month - start.Month + 1;

    private static string AreaCtes(ReportPeriods p, ReportOptions options, bool lookup)
    {
        var src = Lit(p.PoliceSource);
        var now = $"in_definition AND source = {src} AND {p.LatestSql}";
        var decile = lookup
            ? $"SELECT k.lsoa21_code, min(d.imd_decile)::INTEGER AS decile FROM {Deprivation} d JOIN lsoa_lookup k ON upper(trim(k.lsoa11_code)) = upper(trim(d.lsoa11_code)) GROUP BY 1"
            : $"SELECT upper(trim(lsoa11_code)) AS lsoa21_code, min(imd_decile)::INTEGER AS decile FROM {Deprivation} GROUP BY 1";
        return $"""
            geo AS (SELECT lsoa21_code, any_value(coalesce(lsoa21_name, lsoa21_code)) AS lsoa_name, any_value(district_code) AS district_code,
                any_value(coalesce(district_name, district_code)) AS district_name, any_value(coalesce(partnership_code, 'partnership')) AS pc,
                any_value(coalesce(partnership_name, 'Partnership')) AS pn
                FROM {AreaHierarchy.Lsoas} GROUP BY 1),
            pop AS (SELECT lsoa21_code, sum(usual_residents)::DOUBLE AS pop FROM {ReferenceLoads.Latest("population")} GROUP BY 1),
            dec AS ({decile}),
            ev AS (SELECT lsoa21_code,
                count(*) FILTER (WHERE {now}) AS sv,
                count(*) FILTER (WHERE in_definition AND source = {src} AND {p.PreviousSql}) AS sv_prev,
                count(*) FILTER (WHERE {now} AND offence_subgroup = 'Violence with injury') AS vwi,
                count(*) FILTER (WHERE {now} AND max_penalty_life) AS life,
                count(*) FILTER (WHERE {now} AND max_penalty_known) AS pen_n,
                sum(CASE WHEN max_penalty_life THEN {D(options.LifePenaltyDays)} ELSE max_penalty_days END) FILTER (WHERE {now} AND max_penalty_known) AS pen_days,
                count(*) FILTER (WHERE {now} AND public_place) AS pub, count(*) FILTER (WHERE {now} AND public_place IS NOT NULL) AS pub_n,
                count(*) FILTER (WHERE {now} AND victim_under25) AS u25, count(*) FILTER (WHERE {now} AND victim_under25 IS NOT NULL) AS u25_n,
                count(*) FILTER (WHERE {now} AND night_time_economy) AS nte, count(*) FILTER (WHERE {now} AND night_time_economy IS NOT NULL) AS nte_n,
                count(*) FILTER (WHERE in_definition AND source = 'health_ed_assault' AND {p.LatestSql}) AS ed,
                count(*) FILTER (WHERE in_definition AND source = 'ambulance_assault' AND {p.LatestSql}) AS amb,
                count(*) FILTER (WHERE in_definition AND source = 'health_admission' AND {p.LatestSql}) AS adm
                FROM sv_events WHERE lsoa21_code IS NOT NULL GROUP BY 1),
            lsoa AS (SELECT g.*, coalesce(pop.pop, 0) AS pop, dec.decile,
                coalesce(sv, 0) AS sv, coalesce(sv_prev, 0) AS sv_prev, coalesce(vwi, 0) AS vwi, coalesce(life, 0) AS life, coalesce(pen_n, 0) AS pen_n,
                coalesce(pen_days, 0) AS pen_days, coalesce(pub, 0) AS pub, coalesce(pub_n, 0) AS pub_n, coalesce(u25, 0) AS u25, coalesce(u25_n, 0) AS u25_n,
                coalesce(nte, 0) AS nte, coalesce(nte_n, 0) AS nte_n, coalesce(ed, 0) AS ed, coalesce(amb, 0) AS amb, coalesce(adm, 0) AS adm
                FROM geo g LEFT JOIN pop USING (lsoa21_code) LEFT JOIN dec USING (lsoa21_code) LEFT JOIN ev USING (lsoa21_code))
            """;
    }

    private static List<AreaMeasures> ReadAreas(AssessmentStore store, ReportPeriods p, ReportOptions options, bool lookup) =>
        store.Query($"""
            WITH {AreaCtes(p, options, lookup)}
            SELECT CASE WHEN grouping(lsoa21_code) = 0 THEN 'lsoa' WHEN grouping(district_code) = 0 THEN 'district' ELSE 'partnership' END AS level,
                CASE WHEN grouping(lsoa21_code) = 0 THEN lsoa21_code WHEN grouping(district_code) = 0 THEN district_code ELSE any_value(pc) END AS code,
                CASE WHEN grouping(lsoa21_code) = 0 THEN any_value(lsoa_name) WHEN grouping(district_code) = 0 THEN any_value(district_name) ELSE any_value(pn) END AS name,
                district_code, any_value(district_name),
                sum(pop)::DOUBLE, sum(sv)::BIGINT, sum(sv_prev)::BIGINT, sum(vwi)::BIGINT, sum(life)::BIGINT, sum(pen_n)::BIGINT, sum(pen_days)::DOUBLE,
                sum(pub)::BIGINT, sum(pub_n)::BIGINT, sum(u25)::BIGINT, sum(u25_n)::BIGINT, sum(nte)::BIGINT, sum(nte_n)::BIGINT,
                sum(ed)::BIGINT, sum(amb)::BIGINT, sum(adm)::BIGINT, min(decile)::INTEGER
            FROM lsoa
            GROUP BY GROUPING SETS ((lsoa21_code, district_code), (district_code), ())
            ORDER BY CASE level WHEN 'partnership' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, code
            """, r => new AreaMeasures(r.GetString(0), r.IsDBNull(1) ? "unknown" : r.GetString(1), r.IsDBNull(2) ? "Unknown area" : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetDouble(5),
            r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetDouble(11),
            r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15), r.GetInt64(16), r.GetInt64(17),
            r.GetInt64(18), r.GetInt64(19), r.GetInt64(20), r.IsDBNull(21) ? null : r.GetInt32(21)));

    private static List<(DateOnly, long?)> ReadMonths(AssessmentStore store, ReportPeriods p) =>
        store.Query($"""
            WITH m AS (SELECT unnest(generate_series(DATE '{ReportPeriods.Iso(p.FirstMonth)}', DATE '{ReportPeriods.Iso(p.LastMonth)}', INTERVAL 1 MONTH))::DATE AS month),
            c AS (SELECT month, count(*)::BIGINT AS n FROM sv_events WHERE in_definition AND source = {Lit(p.PoliceSource)} GROUP BY 1)
            SELECT m.month, c.n FROM m LEFT JOIN c USING (month) ORDER BY 1
            """, r => (DateOnly.FromDateTime(r.GetDateTime(0)), r.IsDBNull(1) ? (long?)null : r.GetInt64(1)));

    private static List<CohortRow> ReadCohorts(AssessmentStore store)
    {
        if (!store.TableExists("justice_cohort")) return [];
        return store.Query("""
            WITH latest AS (SELECT cohort_kind, max(period_start) AS ps FROM justice_cohort GROUP BY 1)
            SELECT j.cohort_kind, j.period_start, max(j.period_end), coalesce(j.age_band, 'all'), sum(j.count)::BIGINT, sum(j.denominator)::DOUBLE
            FROM justice_cohort j JOIN latest l ON l.cohort_kind = j.cohort_kind AND l.ps = j.period_start
            GROUP BY 1, 2, 4 ORDER BY 1, 4
            """, r => new CohortRow(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), DateOnly.FromDateTime(r.GetDateTime(2)), r.GetString(3), r.GetInt64(4), r.IsDBNull(5) ? null : r.GetDouble(5)));
    }

    private static List<CoverageGap> ReadGaps(AssessmentStore store) =>
        store.Query("""
            WITH r AS (SELECT source, min(month) AS m0, max(month) AS m1 FROM sv_events WHERE month IS NOT NULL GROUP BY 1),
            s AS (SELECT source, unnest(generate_series(m0, m1, INTERVAL 1 MONTH))::DATE AS month FROM r),
            c AS (SELECT DISTINCT source, month FROM sv_events WHERE month IS NOT NULL),
            missing AS (SELECT s.source, s.month FROM s ANTI JOIN c ON c.source = s.source AND c.month = s.month),
            runs AS (SELECT source, month, month - to_months(row_number() OVER (PARTITION BY source ORDER BY month)::INTEGER) AS grp FROM missing)
            SELECT source, min(month), max(month), count(*)::INTEGER FROM runs GROUP BY source, grp ORDER BY 1, 2
            """, r => new CoverageGap(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), DateOnly.FromDateTime(r.GetDateTime(2)), r.GetInt32(3)));

    private static string Lit(string s) => AssessmentStore.Literal(s);

    private static string D(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    internal static long L(object? o) => o is null or DBNull ? 0 : Convert.ToInt64(o, CultureInfo.InvariantCulture);
}
