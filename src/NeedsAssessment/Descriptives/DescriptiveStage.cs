using System.Globalization;
using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Descriptives;

/// <summary>Settings of the descriptives stage; the defaults are those of the indicator stage.</summary>
public sealed record DescriptiveOptions
{
    /// <summary>Small-number policy, the same one the indicator export applies (default NHS, 1-7 hidden).</summary>
    public SuppressionPolicy Suppression { get; init; } = SuppressionPolicy.Nhs;

    /// <summary>Days standing for a life maximum penalty in severity means (30 years, as the indicator engine).</summary>
    public double LifePenaltyDays { get; init; } = Classify.LifeMaximumPenalty.Days;
}

/// <summary>
/// The descriptives stage: computes once, in DuckDB, what the report, workbook, charts and notebooks show beside
/// the indicators (monthly counts with the rolling mean and seasonal pattern, day of week by hour, victims by age and
/// sex, offence mix with severity, change on the previous period with its interval, deprivation deciles, the Lorenz
/// curve, funnel limits, justice cohorts and the data-quality summaries), suppresses every count once through
/// <see cref="SmallNumberSuppression"/>, and writes the <c>descriptive_*</c> result tables declared in
/// <c>data-schemas/outputs</c>. SQL aggregates to one row per month, cell, group or area; C# adds only the intervals.
/// </summary>
public static class DescriptiveStage
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Computes and writes every descriptive table; returns the headline period.</summary>
    /// <param name="store">A store after classification and the indicator stage (the headline period is the indicator stage's).</param>
    /// <param name="options">Suppression policy and life-penalty days.</param>
    /// <exception cref="UserErrorException">No classified events, geography, population or indicator periods, or no police records in the definition.</exception>
    public static DescriptivePeriod Run(AssessmentStore store, DescriptiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new DescriptiveOptions();
        var policy = options.Suppression;
        if (!store.TableExists("sv_events"))
            throw new UserErrorException($"Store '{store.Path}' has no classified events. Run 'needs-assessment classify --db {store.Path}' first.");
        AreaHierarchy.EnsureBuilt(store);
        PhaseTrace.Mark("descriptives: start");
        if (!store.TableExists(AreaHierarchy.Table) || L(store.Scalar($"SELECT count(*) FROM {AreaHierarchy.Table}")) == 0)
            throw new UserErrorException($"Store '{store.Path}' has no neighbourhoods in the partnership's area; the descriptives need them. Load the ONS ward lookup or the partner's reference files and declare partnership.local_authorities.");
        var residents = Residents.Find(store)
            ?? throw new UserErrorException($"Store '{store.Path}' has no population rows; the descriptives need them for rates. Load Census 2021 TS001 ('needs-assessment ingest population-total <file>') or the six-group table ('population').");
        if (!store.TableExists(IndicatorTable.Name))
            throw new UserErrorException($"Store '{store.Path}' has no indicator values; the headline period is the indicator stage's. Run 'needs-assessment indicators --db {store.Path}' first.");

        var police = PoliceSource.Counted(store);
        var src = AssessmentStore.Literal(police);
        var inArea = AreaHierarchy.InArea();
        var span = store.Query($"SELECT min(month), max(month) FROM sv_events WHERE in_definition AND source = {src} AND month IS NOT NULL AND {inArea}",
            r => r.IsDBNull(0) ? ((DateOnly, DateOnly)?)null : (DateOnly.FromDateTime(r.GetDateTime(0)), DateOnly.FromDateTime(r.GetDateTime(1)))).Single()
            ?? throw new UserErrorException("The store has no police records counted as serious violence, so there is nothing to report. Load police recorded crime or police.uk street crime and classify again.");
        var monthsWithData = store.Query($"SELECT DISTINCT month FROM sv_events WHERE source = {src} AND month IS NOT NULL", r => DateOnly.FromDateTime(r.GetDateTime(0))).ToHashSet();

        var computed = store.Query($"""
            SELECT DISTINCT period_type, period_start, period_end, indicator_id = 'sv_rate' AND level = 'partnership' AS headline
            FROM {IndicatorTable.Name}
            """, r => (Period: new ReportingPeriod(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), DateOnly.FromDateTime(r.GetDateTime(2))), Headline: r.GetBoolean(3)));
        var headline = HeadlinePeriod.Choose(computed.Where(c => c.Headline).Select(c => c.Period)) ?? HeadlinePeriod.Choose(computed.Select(c => c.Period))
            ?? throw new UserErrorException($"The indicator stage computed no month, quarter, financial year or rolling 12 months with police data in every month (police data: {span.Item1:yyyy-MM} to {span.Item2:yyyy-MM}). Add 'month' or 'quarter' to the assessment file's periods.");
        var previous = HeadlinePeriod.Previous(headline);
        var previousComplete = Enumerable.Range(0, previous.Months).All(i => monthsWithData.Contains(previous.Start.AddMonths(i)));
        var (pCode, pName) = store.Query($"""
            SELECT coalesce(partnership_code, 'partnership'), coalesce(partnership_name, partnership_code, 'the partnership')
            FROM {AreaHierarchy.Table} GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1
            """, r => (r.GetString(0), r.GetString(1))).Single();

        var now = $"in_definition AND source = {src} AND {inArea} AND month BETWEEN DATE '{Iso(headline.Start)}' AND DATE '{Iso(headline.End)}'";
        var before = $"in_definition AND source = {src} AND {inArea} AND month BETWEEN DATE '{Iso(previous.Start)}' AND DATE '{Iso(previous.End)}'";

        var untimed = L(store.Scalar($"SELECT count(*) FROM sv_events WHERE {now} AND event_datetime IS NULL"));
        var period = new DescriptivePeriod(headline.Type, headline.Start, headline.End, headline.Months, previous.Start, previous.End, previousComplete,
            police, span.Item1, span.Item2, pCode, pName, DescriptiveSuppression.Each("untimed", [untimed], policy)[0] ? null : untimed,
            policy.Name, policy.HideFrom, policy.HideTo);
        ResultTable<DescriptivePeriod>.Write(store, DescriptiveTables.Period, [period]);
        PhaseTrace.Mark("descriptives: DescriptivePeriod");

        ResultTable<MonthlyCount>.Write(store, DescriptiveTables.Monthly, Monthly(store, src, span.Item1, span.Item2, policy));
        PhaseTrace.Mark("descriptives: MonthlyCount");
        ResultTable<DayHourCell>.Write(store, DescriptiveTables.DayHour, DayHour(store, now, policy));
        PhaseTrace.Mark("descriptives: DayHourCell");
        var victims = Victims(store, now, policy);
        ResultTable<VictimCount>.Write(store, DescriptiveTables.Victims, victims);
        PhaseTrace.Mark("descriptives: VictimCount");
        ResultTable<VictimRate>.Write(store, DescriptiveTables.VictimRates, VictimRates.Compute(store, victims, headline.Months));
        PhaseTrace.Mark("descriptives: VictimRate");
        ResultTable<OffenceMix>.Write(store, DescriptiveTables.OffenceMix, OffenceMixRows(store, now, options));
        PhaseTrace.Mark("descriptives: OffenceMix");
        ResultTable<JusticeOutcome>.Write(store, DescriptiveTables.Outcomes, Outcomes(store, inArea, headline, policy));
        PhaseTrace.Mark("descriptives: JusticeOutcome");
        ResultTable<AreaChange>.Write(store, DescriptiveTables.Change, previousComplete && period.HasPrevious ? Change(store, now, before, pCode, pName, policy) : []);
        PhaseTrace.Mark("descriptives: AreaChange");
        var lsoas = LsoaCounts(store, now, residents.Sql);
        ResultTable<DecileRate>.Write(store, DescriptiveTables.Deprivation, Deciles(store, now, residents.Sql, policy));
        PhaseTrace.Mark("descriptives: DecileRate");
        ResultTable<LorenzRow>.Write(store, DescriptiveTables.Lorenz, Lorenz(lsoas));
        PhaseTrace.Mark("descriptives: LorenzRow");
        ResultTable<FunnelRow>.Write(store, DescriptiveTables.Funnel, Funnel(lsoas, headline.Months / 12.0));
        PhaseTrace.Mark("descriptives: FunnelRow");
        ResultTable<CohortRate>.Write(store, DescriptiveTables.Cohorts, Cohorts(store, policy));
        PhaseTrace.Mark("descriptives: CohortRate");
        DataQuality(store, residents, policy);
        PhaseTrace.Mark("descriptives: DataQuality");
        ResultTable<RuralUrbanLsoa>.Write(store, DescriptiveTables.RuralUrbanLsoas, RuralUrbanAreas.Compute(store, residents));
        PhaseTrace.Mark("descriptives: RuralUrbanLsoa");
        ResultTable<RuralUrbanRate>.Write(store, DescriptiveTables.RuralUrban, RuralUrbanParity.Compute(store, police, headline.Start, headline.End, headline.Months, residents, policy));
        PhaseTrace.Mark("descriptives: RuralUrbanRate");
        ResultTable<RepeatCount>.Write(store, DescriptiveTables.Repeat, RepeatVictimisation.Compute(store, police, headline.Start, headline.End, policy));
        PhaseTrace.Mark("descriptives: RepeatCount");
        return period;
    }

    private static List<MonthlyCount> Monthly(AssessmentStore store, string src, DateOnly first, DateOnly last, SuppressionPolicy policy)
    {
        var raw = store.Query($"""
            WITH m AS (SELECT unnest(generate_series(DATE '{Iso(first)}', DATE '{Iso(last)}', INTERVAL 1 MONTH))::DATE AS month),
            d AS (SELECT DISTINCT month FROM sv_events WHERE source = {src} AND month IS NOT NULL),
            c AS (SELECT month, count(*) AS n FROM sv_events WHERE in_definition AND source = {src} AND {AreaHierarchy.InArea()} GROUP BY 1),
            j AS (SELECT m.month, d.month IS NOT NULL AS has_data, CASE WHEN d.month IS NOT NULL THEN coalesce(c.n, 0) END AS n
                  FROM m LEFT JOIN d USING (month) LEFT JOIN c USING (month))
            SELECT month, has_data, n::BIGINT,
                CASE WHEN count(n) OVER w = 3 THEN avg(n) OVER w END AS rolling,
                -- A calendar-month average is a seasonal pattern only over two or more years of that month.
                CASE WHEN has_data AND count(n) OVER (PARTITION BY month(month)) >= 2 THEN avg(n) OVER (PARTITION BY month(month)) END AS seasonal
            FROM j WINDOW w AS (ORDER BY month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
            ORDER BY month
            """, r => new MonthlyCount(DateOnly.FromDateTime(r.GetDateTime(0)), r.GetBoolean(1), r.IsDBNull(2) ? null : r.GetInt64(2),
            r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), false));
        var hidden = DescriptiveSuppression.OneWay(DescriptiveTables.Monthly, raw.Select(m => m.Count).ToList(), raw.Sum(m => m.Count ?? 0), policy);
        // A mean over a hidden month would give it away: the rolling mean is hidden where its window holds one, the
        // calendar-month average where any year of that month is hidden.
        var hiddenCalendarMonths = raw.Where((m, i) => hidden[i]).Select(m => m.Month.Month).ToHashSet();
        return raw.Select((m, i) => m with
        {
            Count = hidden[i] ? null : m.Count,
            RollingMean = Enumerable.Range(Math.Max(0, i - 2), Math.Min(3, i + 1)).Any(j => hidden[j]) ? null : m.RollingMean,
            SeasonalMean = hiddenCalendarMonths.Contains(m.Month.Month) ? null : m.SeasonalMean,
            Suppressed = hidden[i],
        }).ToList();
    }

    private static List<DayHourCell> DayHour(AssessmentStore store, string now, SuppressionPolicy policy)
    {
        var raw = store.Query($"""
            WITH g AS (SELECT d.range AS iso_day, h.range AS hour FROM range(1, 8) d CROSS JOIN range(0, 24) h),
            c AS (SELECT isodow(event_datetime) AS iso_day, hour(event_datetime) AS hour, count(*) AS n
                  FROM sv_events WHERE {now} AND event_datetime IS NOT NULL GROUP BY ALL)
            SELECT g.iso_day::BIGINT, g.hour::BIGINT, coalesce(c.n, 0)::BIGINT FROM g LEFT JOIN c USING (iso_day, hour) ORDER BY 1, 2
            """, r => new DayHourCell(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), false));
        if (raw.All(c => c.Count == 0)) return [];
        var hidden = DescriptiveSuppression.OneWay(DescriptiveTables.DayHour, raw.Select(c => c.Count).ToList(), raw.Sum(c => c.Count ?? 0), policy);
        return raw.Select((c, i) => c with { Count = hidden[i] ? null : c.Count, Suppressed = hidden[i] }).ToList();
    }

    private static readonly string[] Sexes = ["F", "M", "U"];

    private static List<VictimCount> Victims(AssessmentStore store, string now, SuppressionPolicy policy)
    {
        var raw = store.Query($"""
            SELECT coalesce(nullif(victim_age_band, ''), 'unknown'), CASE WHEN victim_sex IN ('F', 'M') THEN victim_sex ELSE 'U' END, count(*)::BIGINT
            FROM sv_events WHERE {now} GROUP BY ALL
            """, r => (Band: r.GetString(0), Sex: r.GetString(1), Count: r.GetInt64(2)));
        if (raw.Count == 0) return [];
        var bands = raw.Select(v => v.Band).Distinct().OrderBy(b => b == "unknown" ? 1 : 0).ThenBy(BandStart).ThenBy(b => b, StringComparer.Ordinal).ToList();
        long Cell(string band, string sex) => raw.Where(v => v.Band == band && v.Sex == sex).Sum(v => v.Count);
        var cells = new List<DescriptiveCell>();
        var rows = new List<VictimCount>();
        var nesting = new Dictionary<(string, string), Dictionary<string, string>>
        {
            [("cell", "row")] = [], [("cell", "column")] = [], [("row", "total")] = [], [("column", "total")] = [],
        };
        for (var b = 0; b <= bands.Count; b++)
        {
            var band = b < bands.Count ? bands[b] : "all";
            foreach (var sex in Sexes.Append("all"))
            {
                var count = band == "all" ? (sex == "all" ? raw.Sum(v => v.Count) : raw.Where(v => v.Sex == sex).Sum(v => v.Count))
                    : sex == "all" ? raw.Where(v => v.Band == band).Sum(v => v.Count) : Cell(band, sex);
                var (level, code) = (band, sex) switch
                {
                    ("all", "all") => ("total", "all"),
                    ("all", _) => ("column", sex),
                    (_, "all") => ("row", band),
                    _ => ("cell", band + "|" + sex),
                };
                if (level == "cell") { nesting[("cell", "row")][code] = band; nesting[("cell", "column")][code] = sex; }
                else if (level == "row") nesting[("row", "total")][code] = "all";
                else if (level == "column") nesting[("column", "total")][code] = "all";
                cells.Add(new DescriptiveCell(level, code, count));
                rows.Add(new VictimCount(b, band, sex, count, false));
            }
        }
        var hidden = DescriptiveSuppression.Hidden(DescriptiveTables.Victims, cells, nesting, policy);
        return rows.Select((r, i) => r with { Count = hidden[i] ? null : r.Count, Suppressed = hidden[i] }).ToList();
    }

    private static List<OffenceMix> OffenceMixRows(AssessmentStore store, string now, DescriptiveOptions options)
    {
        var life = options.LifePenaltyDays.ToString("R", C);
        var raw = store.Query($"""
            WITH e AS (
                SELECT coalesce(offence_subgroup, offence_group, category, 'Not recorded') AS grp, max_penalty_known, max_penalty_life, max_penalty_days,
                    coalesce(severity_is_range, false) AS is_range,
                    coalesce(penalty_min_life, max_penalty_life AND max_penalty_known, false) AS lo_life,
                    coalesce(penalty_min_days, CASE WHEN max_penalty_known AND NOT max_penalty_life THEN max_penalty_days END) AS lo_days,
                    coalesce(penalty_max_life, max_penalty_life AND max_penalty_known, false) AS hi_life,
                    coalesce(penalty_max_days, CASE WHEN max_penalty_known AND NOT max_penalty_life THEN max_penalty_days END) AS hi_days
                FROM sv_events WHERE {now})
            SELECT grp, count(*)::BIGINT,
                avg(CASE WHEN max_penalty_life THEN {life} ELSE max_penalty_days END) FILTER (WHERE max_penalty_known AND NOT is_range)::DOUBLE,
                min(lo_days) FILTER (WHERE NOT lo_life)::DOUBLE, bool_and(lo_life), max(hi_days) FILTER (WHERE NOT hi_life)::DOUBLE, bool_or(hi_life),
                bool_or(is_range), count(*) FILTER (WHERE max_penalty_known AND max_penalty_life AND NOT is_range)::BIGINT
            FROM e GROUP BY 1 ORDER BY 2 DESC, 1
            """, r => (Group: r.GetString(0), Count: r.GetInt64(1), Mean: r.IsDBNull(2) ? (double?)null : r.GetDouble(2) / 365.25,
            Min: r.IsDBNull(3) ? (double?)null : r.GetDouble(3) / 365.25, MinLife: r.GetBoolean(4), Max: r.IsDBNull(5) ? (double?)null : r.GetDouble(5) / 365.25,
            MaxLife: r.GetBoolean(6), Range: r.GetBoolean(7), Life: r.GetInt64(8)));
        var total = raw.Sum(g => g.Count);
        var hidden = DescriptiveSuppression.OneWay(DescriptiveTables.OffenceMix, raw.Select(g => (long?)g.Count).ToList(), total, options.Suppression);
        var lifeHidden = DescriptiveSuppression.Each(DescriptiveTables.OffenceMix + "_life", raw.Select(g => (long?)g.Life).ToList(), options.Suppression);
        // Harm share: each group's penalty years over every group's with a known mean (hidden groups included, so the
        // shares of the groups shown are their true shares).
        var harm = raw.Where(g => g.Mean is not null).Sum(g => g.Count * g.Mean!.Value);
        return raw.Select((g, i) => new OffenceMix(i + 1, g.Group, hidden[i] ? null : g.Count, hidden[i] || total == 0 ? null : 100.0 * g.Count / total,
            hidden[i] ? null : g.Mean, hidden[i] || g.Mean is null ? null : g.Count * g.Mean.Value,
            hidden[i] || g.Mean is null || harm <= 0 ? null : 100.0 * g.Count * g.Mean.Value / harm, g.MinLife ? null : g.Min, g.MinLife, g.MaxLife ? null : g.Max, g.MaxLife, g.Range,
            hidden[i] || lifeHidden[i] ? null : g.Life, hidden[i])).ToList();
    }

    /// <summary>The <c>problem</c> of <c>descriptive_unplaced</c> rows that count stop and search records by how they were placed.</summary>
    public const string StopSearchProblem = "stop-search placement";

    /// <summary>The total row's group name in <c>descriptive_outcomes</c>.</summary>
    public const string AllOutcomes = "All crimes with an outcome";

    /// <summary>
    /// Serious violence crimes of the area in the headline period from police.uk street records (the only source with
    /// outcomes, whichever police source the indicators count), by the group of their latest outcome: the outcomes
    /// files' latest for the Crime ID, else the street file's last outcome category (classification's <c>outcome</c>).
    /// Each group is suppressed beside the published total.
    /// </summary>
    private static List<JusticeOutcome> Outcomes(AssessmentStore store, string inArea, ReportingPeriod headline, SuppressionPolicy policy)
    {
        var raw = store.Query($"""
            SELECT {PoliceUkOutcomes.GroupSql("outcome")} AS grp, string_agg(DISTINCT outcome, '; ' ORDER BY outcome), count(*)::BIGINT
            FROM sv_events
            WHERE in_definition AND source = 'police_street' AND outcome IS NOT NULL AND {inArea}
              AND month BETWEEN DATE '{Iso(headline.Start)}' AND DATE '{Iso(headline.End)}'
            GROUP BY 1
            """, r => (Group: r.GetString(0), Outcomes: r.GetString(1), Count: r.GetInt64(2)));
        if (raw.Count == 0) return [];
        var order = PoliceUkOutcomes.Groups.Select(g => g.Group).Append(PoliceUkOutcomes.OtherGroup).ToList();
        raw = raw.OrderBy(g => order.IndexOf(g.Group)).ToList();
        var total = raw.Sum(g => g.Count);
        var hidden = DescriptiveSuppression.OneWay(DescriptiveTables.Outcomes, raw.Select(g => (long?)g.Count).ToList(), total, policy);
        var totalHidden = DescriptiveSuppression.Each(DescriptiveTables.Outcomes + "_total", [total], policy)[0];
        var rows = raw.Select((g, i) => new JusticeOutcome(i, g.Group, g.Outcomes, hidden[i] || totalHidden ? null : g.Count,
            hidden[i] || totalHidden ? null : 100.0 * g.Count / total, hidden[i] || totalHidden)).ToList();
        rows.Add(new JusticeOutcome(raw.Count, AllOutcomes, "", totalHidden ? null : total, totalHidden ? null : 100, totalHidden));
        return rows;
    }

    private static List<AreaChange> Change(AssessmentStore store, string now, string before, string pCode, string pName, SuppressionPolicy policy)
    {
        var raw = store.Query($"""
            WITH geo AS (SELECT lsoa21_code, any_value(district_code) AS dc, any_value(coalesce(district_name, district_code)) AS dn
                         FROM {AreaHierarchy.Table} GROUP BY 1),
            ev AS (SELECT lsoa21_code, count(*) FILTER (WHERE {now}) AS cur, count(*) FILTER (WHERE {before}) AS prev
                   FROM sv_events WHERE lsoa21_code IS NOT NULL GROUP BY 1)
            SELECT dc, any_value(dn), sum(coalesce(cur, 0))::BIGINT, sum(coalesce(prev, 0))::BIGINT
            FROM geo LEFT JOIN ev USING (lsoa21_code) WHERE dc IS NOT NULL GROUP BY 1 ORDER BY 1
            """, r => (Code: r.GetString(0), Name: r.GetString(1), Cur: r.GetInt64(2), Prev: r.GetInt64(3)));
        // The partnership's own totals count events placed in the partnership but in no district too, as its indicator does.
        var whole = store.Query($"""
            SELECT count(*) FILTER (WHERE {now})::BIGINT, count(*) FILTER (WHERE {before})::BIGINT
            FROM sv_events WHERE {AreaHierarchy.InArea()}
            """, r => (Cur: r.GetInt64(0), Prev: r.GetInt64(1))).Single();
        var areas = new List<(string Level, string Code, string Name, long Cur, long Prev)> { ("partnership", pCode, pName, whole.Cur, whole.Prev) };
        areas.AddRange(raw.Select(d => ("district", d.Code, d.Name, d.Cur, d.Prev)));
        bool[] Suppress(string table, Func<(string Level, string Code, string Name, long Cur, long Prev), long> count)
        {
            var cells = areas.Select(a => new DescriptiveCell(a.Level, a.Code, count(a))).ToList();
            var nesting = new Dictionary<(string, string), Dictionary<string, string>> { [("district", "partnership")] = raw.ToDictionary(d => d.Code, _ => pCode, StringComparer.Ordinal) };
            return DescriptiveSuppression.Hidden(table, cells, nesting, policy);
        }
        var curHidden = Suppress(DescriptiveTables.Change + "_current", a => a.Cur);
        var prevHidden = Suppress(DescriptiveTables.Change + "_previous", a => a.Prev);
        return areas.Select((a, i) =>
        {
            var hidden = curHidden[i] || prevHidden[i];
            if (hidden)
                return new AreaChange(i, a.Level, a.Code, a.Name, null, null, null, null, null, "not compared", true, "Not shown: small numbers.");
            if (a.Prev == 0)
                return new AreaChange(i, a.Level, a.Code, a.Name, a.Cur, a.Prev, null, null, null, "not compared", false, "No offences in the previous period.");
            var c = PeriodChange.Calculate(a.Prev, 1, a.Cur, 1);
            var comparison = c.PercentLower > 0 ? "increase" : c.PercentUpper < 0 ? "decrease" : "no clear change";
            return new AreaChange(i, a.Level, a.Code, a.Name, a.Cur, a.Prev, c.Percent, c.PercentLower, double.IsFinite(c.PercentUpper) ? c.PercentUpper : null, comparison, false, null);
        }).ToList();
    }

    private static string Lsoas(string now, string residents) => $"""
        geo AS (SELECT lsoa21_code FROM {AreaHierarchy.Table}),
        pop AS (SELECT lsoa21_code, residents AS pop FROM ({residents})),
        ev AS (SELECT lsoa21_code, count(*) AS n FROM sv_events WHERE {now} AND lsoa21_code IS NOT NULL GROUP BY 1),
        lsoa AS (SELECT geo.lsoa21_code, coalesce(pop.pop, 0) AS pop, coalesce(ev.n, 0) AS n FROM geo LEFT JOIN pop USING (lsoa21_code) LEFT JOIN ev USING (lsoa21_code))
        """;

    private static List<(double Count, double Population)> LsoaCounts(AssessmentStore store, string now, string residents) =>
        store.Query($"WITH {Lsoas(now, residents)} SELECT n::DOUBLE, pop FROM lsoa WHERE pop > 0 ORDER BY lsoa21_code", r => (r.GetDouble(0), r.GetDouble(1)));

    private static List<DecileRate> Deciles(AssessmentStore store, string now, string residents, SuppressionPolicy policy)
    {
        if (!store.TableExists("deprivation")) return [];
        var lookup = store.TableExists("lsoa_lookup") && L(store.Scalar("SELECT count(*) FROM lsoa_lookup")) > 0;
        var decile = lookup
            ? "SELECT k.lsoa21_code, min(d.imd_decile)::INTEGER AS decile FROM deprivation d JOIN lsoa_lookup k ON upper(trim(k.lsoa11_code)) = upper(trim(d.lsoa11_code)) GROUP BY 1"
            : "SELECT upper(trim(lsoa11_code)) AS lsoa21_code, min(imd_decile)::INTEGER AS decile FROM deprivation GROUP BY 1";
        var raw = store.Query($"""
            WITH {Lsoas(now, residents)}, dec AS ({decile})
            SELECT decile::BIGINT, sum(n)::BIGINT, sum(pop)::DOUBLE FROM lsoa JOIN dec USING (lsoa21_code) WHERE decile IS NOT NULL AND pop > 0 GROUP BY 1 ORDER BY 1
            """, r => (Decile: r.GetInt64(0), Count: r.GetInt64(1), Population: r.GetDouble(2)));
        var hidden = DescriptiveSuppression.OneWay(DescriptiveTables.Deprivation, raw.Select(d => (long?)d.Count).ToList(), raw.Sum(d => d.Count), policy);
        // Deciles run from 1, the most deprived, so the ridits are cumulative from the most deprived residents.
        IReadOnlyList<double> ridits = raw.Count == 0 ? Array.Empty<double>() : SlopeIndexOfInequality.Ridits(raw.Select(d => d.Population).ToArray());
        return raw.Select((d, i) =>
        {
            if (hidden[i]) return new DecileRate(d.Decile, null, d.Population, ridits[i], null, null, null, true);
            var e = CrudeRate.Calculate(d.Count, d.Population, 1_000);
            return new DecileRate(d.Decile, d.Count, d.Population, ridits[i], e.Value, e.Lower, e.Upper, false);
        }).ToList();
    }

    private static List<LorenzRow> Lorenz(List<(double Count, double Population)> lsoas)
    {
        if (lsoas.Count < 2 || lsoas.Sum(l => l.Count) <= 0) return [];
        var gini = GiniCoefficient.Calculate(lsoas.Select(l => l.Count).ToList(), lsoas.Select(l => l.Population).ToList());
        return Enumerable.Range(0, 21).Select(i => new LorenzRow(i, i / 20.0, Interpolate(gini.Lorenz, i / 20.0))).ToList();
    }

    private static double Interpolate(IReadOnlyList<LorenzPoint> curve, double x)
    {
        if (x <= 0) return 0;
        for (var i = 1; i < curve.Count; i++)
        {
            var a = curve[i - 1];
            var b = curve[i];
            if (b.CumulativePopulationShare >= x)
            {
                var span = b.CumulativePopulationShare - a.CumulativePopulationShare;
                return span <= 0 ? b.CumulativeCountShare : a.CumulativeCountShare + ((x - a.CumulativePopulationShare) / span * (b.CumulativeCountShare - a.CumulativeCountShare));
            }
        }
        return 1;
    }

    // In the indicators' units: a rate per 1,000 residents a year against person-years (residents times the period's
    // length in years, the LSOA rows' denominator), so a quarter's neighbourhoods sit inside a quarter's funnel.
    private static List<FunnelRow> Funnel(List<(double Count, double Population)> lsoas, double years)
    {
        var total = lsoas.Sum(l => l.Count);
        var pop = lsoas.Sum(l => l.Population) * years;
        if (lsoas.Count == 0 || total <= 0 || pop <= 0) return [];
        var curve = FunnelPlot.RateCurve(total / pop, lsoas.Min(l => l.Population) * years * 0.9, lsoas.Max(l => l.Population) * years * 1.1, 100, 1_000);
        return curve.Select((p, i) => new FunnelRow(i, p.Denominator, p.Target, p.Lower95, p.Upper95, p.Lower998, p.Upper998)).ToList();
    }

    private static List<CohortRate> Cohorts(AssessmentStore store, SuppressionPolicy policy)
    {
        if (!store.TableExists("justice_cohort")) return [];
        var raw = store.Query("""
            WITH latest AS (SELECT cohort_kind, max(period_start) AS ps FROM justice_cohort GROUP BY 1)
            SELECT j.cohort_kind, j.period_start, max(j.period_end), coalesce(j.age_band, 'all'), sum(j.count)::BIGINT, sum(j.denominator)::DOUBLE
            FROM justice_cohort j JOIN latest l ON l.cohort_kind = j.cohort_kind AND l.ps = j.period_start
            GROUP BY 1, 2, 4 ORDER BY 1, 4
            """, r => (Kind: r.GetString(0), Start: DateOnly.FromDateTime(r.GetDateTime(1)), End: DateOnly.FromDateTime(r.GetDateTime(2)), Band: r.GetString(3),
            Count: r.GetInt64(4), Denominator: r.IsDBNull(5) ? (double?)null : r.GetDouble(5)));
        var result = new List<CohortRate>();
        foreach (var kind in raw.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = kind.OrderBy(r => r.Band == "all" ? 1 : 0).ThenBy(r => BandStart(r.Band)).ThenBy(r => r.Band, StringComparer.Ordinal).ToList();
            var parts = rows.Where(r => r.Band != "all").ToList();
            var total = rows.FirstOrDefault(r => r.Band == "all");
            var partHidden = DescriptiveSuppression.OneWay(DescriptiveTables.Cohorts, parts.Select(r => (long?)r.Count).ToList(), total.Kind is null ? parts.Sum(r => r.Count) : total.Count, policy);
            var denHidden = DescriptiveSuppression.Each(DescriptiveTables.Cohorts + "_denominator", rows.Select(r => r.Denominator is { } d ? (long?)Math.Round(d) : null).ToList(), policy);
            // First-time entrants are counted against the resident population aged 10-17, so they are a rate, not a share.
            var perPopulation = kind.Key == "youth_first_time_entrants";
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                var hidden = r.Band == "all" ? DescriptiveSuppression.Each(DescriptiveTables.Cohorts + "_total", [r.Count], policy)[0] : partHidden[parts.IndexOf(r)];
                double? value = null, lower = null, upper = null;
                if (!hidden && !denHidden[i] && r.Denominator is > 0 and var d)
                {
                    if (perPopulation) { var e = CrudeRate.Calculate(r.Count, d, 100_000); (value, lower, upper) = (e.Value, e.Lower, e.Upper); }
                    else { var p = WilsonProportion.Calculate(r.Count, d, 100); (value, lower, upper) = (p.Value, p.Lower, p.Upper); }
                }
                result.Add(new CohortRate(kind.Key, i, r.Band, r.Start, r.End, hidden ? null : r.Count, hidden || denHidden[i] ? null : r.Denominator,
                    value, lower, upper, perPopulation, hidden));
            }
        }
        return result;
    }

    private static void DataQuality(AssessmentStore store, ResidentsSource residents, SuppressionPolicy policy)
    {
        var sources = store.Query("""
            SELECT source, count(*)::BIGINT, count(*) FILTER (WHERE in_definition)::BIGINT,
                count(*) FILTER (WHERE in_definition AND lsoa21_code IS NULL)::BIGINT, min(month), max(month)
            FROM sv_events GROUP BY 1 ORDER BY 1
            """, r => new SourceSummary(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3),
            r.IsDBNull(4) ? null : DateOnly.FromDateTime(r.GetDateTime(4)), r.IsDBNull(5) ? null : DateOnly.FromDateTime(r.GetDateTime(5)), false));
        var inHidden = DescriptiveSuppression.Each(DescriptiveTables.Sources, sources.Select(s => s.InDefinition).ToList(), policy);
        var noAreaHidden = DescriptiveSuppression.Each(DescriptiveTables.Sources + "_no_area", sources.Select(s => s.NoArea).ToList(), policy);
        ResultTable<SourceSummary>.Write(store, DescriptiveTables.Sources, sources.Select((s, i) => s with
        {
            InDefinition = inHidden[i] ? null : s.InDefinition, NoArea = noAreaHidden[i] ? null : s.NoArea, Suppressed = inHidden[i] || noAreaHidden[i],
        }));

        ResultTable<CoverageGap>.Write(store, DescriptiveTables.Gaps, store.Query("""
            WITH r AS (SELECT source, min(month) AS m0, max(month) AS m1 FROM sv_events WHERE month IS NOT NULL GROUP BY 1),
            s AS (SELECT source, unnest(generate_series(m0, m1, INTERVAL 1 MONTH))::DATE AS month FROM r),
            c AS (SELECT DISTINCT source, month FROM sv_events WHERE month IS NOT NULL),
            missing AS (SELECT s.source, s.month FROM s ANTI JOIN c ON c.source = s.source AND c.month = s.month),
            runs AS (SELECT source, month, month - to_months(row_number() OVER (PARTITION BY source ORDER BY month)::INTEGER) AS grp FROM missing)
            SELECT source, min(month), max(month), count(*)::BIGINT FROM runs GROUP BY source, grp ORDER BY 1, 2
            """, r => new CoverageGap(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), DateOnly.FromDateTime(r.GetDateTime(2)), r.GetInt64(3))));

        ResultTable<QuarantineSummary>.Write(store, DescriptiveTables.Quarantine, store.Query("""
            SELECT l.kind, q.rule, coalesce(q.column_name, '(whole row)'), count(*)::BIGINT
            FROM quarantine q JOIN loads l USING (load_id) WHERE l.status IN ('loaded', 'replaced')
            GROUP BY ALL ORDER BY 1, 4 DESC, 2, 3
            """, r => (Kind: r.GetString(0), Rule: r.GetString(1), Column: r.GetString(2), Rows: r.GetInt64(3)))
            .Select((q, i) => new QuarantineSummary(i, q.Kind, q.Rule, q.Column, q.Rows)));

        var unplaced = new List<UnplacedCode>();
        if (store.TableExists("sv_unmapped"))
            unplaced.AddRange(store.Query("SELECT source, coalesce(code, '(blank)'), records::BIGINT FROM sv_unmapped ORDER BY records DESC, source, code",
                r => (r.GetString(0), r.GetString(1), r.GetInt64(2))).Select((u, i) => new UnplacedCode(i, "code", u.Item1, u.Item2, u.Item3, false)));
        if (store.TableExists("sv_lsoa_unmatched"))
        {
            var lsoa = store.Query("SELECT * FROM sv_lsoa_unmatched", r => (Source: r.GetString(0), Code: r.IsDBNull(1) ? "(blank)" : r.GetString(1), Records: Convert.ToInt64(r.GetValue(2), C)))
                .OrderByDescending(u => u.Records).ThenBy(u => u.Source, StringComparer.Ordinal).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
            var hidden = DescriptiveSuppression.Each(DescriptiveTables.Unplaced, lsoa.Select(u => (long?)u.Records).ToList(), policy);
            unplaced.AddRange(lsoa.Select((u, i) => new UnplacedCode(i, "lsoa", u.Source, u.Code, hidden[i] ? null : u.Records, hidden[i])));
        }
        if (store.TableExists(StopSearchPlacement.Table))
        {
            // Every stop and search record, by where classification placed it: searches outside the area or in no LSOA
            // are in no indicator, and are counted here rather than dropped.
            var searches = store.Query($"""
                SELECT CASE WHEN placed_by IN ('{StopSearchPlacement.NoLocation}', '{StopSearchPlacement.NotPlaced}') THEN placed_by
                            WHEN {AreaHierarchy.InArea()} THEN 'in the area, ' || placed_by ELSE 'outside the area' END AS how, count(*)::BIGINT
                FROM {StopSearchPlacement.Table} GROUP BY 1 ORDER BY 2 DESC, 1
                """, r => (How: r.GetString(0), Records: r.GetInt64(1)));
            var hidden = DescriptiveSuppression.Each(DescriptiveTables.Unplaced + "_stop_search", searches.Select(u => (long?)u.Records).ToList(), policy);
            unplaced.AddRange(searches.Select((u, i) => new UnplacedCode(i, StopSearchProblem, "police_stop_search", u.How, hidden[i] ? null : u.Records, hidden[i])));
        }
        ResultTable<UnplacedCode>.Write(store, DescriptiveTables.Unplaced, unplaced);

        // Force from police.uk's own column, so an analyst can see which neighbour's records came in the download. The
        // records outside the area are found first and joined to police_street on its key alone: a join condition on
        // the event's source as well made DuckDB compare every event with every police.uk row (60 s on the demo).
        var force = store.TableExists("police_street")
            ? "LEFT JOIN (SELECT load_id, source_row, falls_within FROM police_street) ps ON ps.load_id = o.street_load AND ps.source_row = o.source_row"
            : "LEFT JOIN (SELECT NULL::BIGINT AS load_id, NULL::BIGINT AS source_row, NULL::VARCHAR AS falls_within WHERE false) ps ON false";
        var outside = store.Query($"""
            WITH o AS MATERIALIZED (
                SELECT source, lsoa21_code, lsoa_code_given, x, y, source_row,
                    CASE WHEN source = 'police_street' THEN source_load_id END AS street_load
                FROM sv_events e
                WHERE e.in_definition AND NOT coalesce({AreaHierarchy.InArea("e.lsoa21_code")}, false))
            SELECT o.source, coalesce(nullif(trim(ps.falls_within), ''), '(not given)') AS force,
                CASE WHEN o.lsoa21_code IS NOT NULL THEN 'LSOA outside the area'
                     WHEN o.lsoa_code_given IS NOT NULL THEN 'LSOA code not recognised'
                     WHEN o.x IS NOT NULL AND o.y IS NOT NULL THEN 'location but no LSOA'
                     ELSE 'no location' END AS reason,
                count(*)::BIGINT
            FROM o {force}
            GROUP BY ALL ORDER BY 4 DESC, 1, 2, 3
            """, r => (Source: r.GetString(0), Force: r.GetString(1), Reason: r.GetString(2), Records: r.GetInt64(3)));
        var outsideHidden = DescriptiveSuppression.Each(DescriptiveTables.OutsideArea, outside.Select(o => (long?)o.Records).ToList(), policy);
        ResultTable<OutsideAreaCount>.Write(store, DescriptiveTables.OutsideArea,
            outside.Select((o, i) => new OutsideAreaCount(i, o.Source, o.Force, o.Reason, outsideHidden[i] ? null : o.Records, outsideHidden[i])));
        ResultTable<AreaPlacementCount>.Write(store, DescriptiveTables.AreaPlacement, store.Query($"""
            SELECT placed_by, district_named_by, count(*)::BIGINT, count(DISTINCT district_code)::BIGINT
            FROM {AreaHierarchy.Table} GROUP BY ALL ORDER BY 3 DESC, 1, 2
            """, r => new AreaPlacementCount(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3))));

        // An LSOA the population file misses keeps its records out of every rate (the indicator stage drops them from
        // the numerator, as their residents are not in the denominator); they still count in totals and maps.
        var noPopulation = store.Query($"""
                SELECT e.source, count(DISTINCT e.lsoa21_code)::BIGINT, count(*)::BIGINT FROM sv_events e
                WHERE e.in_definition AND e.lsoa21_code IN (SELECT lsoa21_code FROM {AreaHierarchy.Table})
                  AND e.lsoa21_code NOT IN (SELECT lsoa21_code FROM ({residents.Sql}) WHERE residents > 0 AND lsoa21_code IS NOT NULL)
                GROUP BY 1 ORDER BY 3 DESC, 1
                """, r => (Source: r.GetString(0), Lsoas: r.GetInt64(1), Records: r.GetInt64(2)));
        var noPopulationHidden = DescriptiveSuppression.Each(DescriptiveTables.NoPopulation, noPopulation.Select(o => (long?)o.Records).ToList(), policy);
        ResultTable<NoPopulationCount>.Write(store, DescriptiveTables.NoPopulation,
            noPopulation.Select((o, i) => new NoPopulationCount(i, o.Source, o.Lsoas, noPopulationHidden[i] ? null : o.Records, noPopulationHidden[i])));

        ResultTable<ClassificationSummary>.Write(store, DescriptiveTables.Classification, store.TableExists("sv_runs")
            ? store.Query("""
                SELECT definition_name, definition_version, definition_origin, events, in_definition, unmapped, lsoa_unmatched, lsoa_split
                FROM sv_runs ORDER BY run_id DESC LIMIT 1
                """, r => new ClassificationSummary(r.GetString(0), r.GetString(1), r.GetString(2), L(r.GetValue(3)), L(r.GetValue(4)), L(r.GetValue(5)), L(r.GetValue(6)), L(r.GetValue(7))))
            : []);
    }

    /// <summary>The first age of a band such as "18-24" or "65+" (999 when it has none), so bands sort by age.</summary>
    internal static int BandStart(string band)
    {
        var digits = new string(band.TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, NumberStyles.Integer, C, out var n) ? n : 999;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", C);

    private static long L(object? o) => o is null or DBNull ? 0 : Convert.ToInt64(o, C);
}
