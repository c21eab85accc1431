using NeedsAssessment.Statistics;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

public static partial class IndicatorEngine
{
    // ------------------------------------------------------------------ dsr

    private static List<WorkRow> Dsr(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        var labels = "[" + string.Join(", ", EuropeanStandardPopulation2013.BandLabels.Select(AssessmentStore.Literal)) + "]";
        var bands = EuropeanStandardPopulation2013.BandCount;
        var num = Cond(def.Numerator?.Filter);
        var sql = $"""
            WITH ev AS (SELECT lsoa21_code, month, list_position({labels}, victim_age_band) - 1 AS band FROM ind_events WHERE {num}),
            agg AS (
                SELECT a.level, a.area_code, p.period_type, p.period_start,
                    {string.Join(", ", Enumerable.Range(0, bands).Select(b => $"count(*) FILTER (WHERE band = {b}) AS c{b}"))},
                    count(*) FILTER (WHERE band IS NULL) AS c_unknown
                FROM ev JOIN {EngineContext.RateMembers} a ON a.lsoa21_code = ev.lsoa21_code
                JOIN ind_periods p ON ev.month BETWEEN p.period_start AND p.period_end
                WHERE a.level IN {InList(levels)} AND p.period_type IN {InList(periodTypes)}
                GROUP BY ALL)
            SELECT {AreaColumns},
                {string.Join(", ", Enumerable.Range(0, bands).Select(b => $"coalesce(agg.c{b}, 0)"))}, coalesce(agg.c_unknown, 0),
                {string.Join(", ", Enumerable.Range(0, bands).Select(b => $"pop.esp{b}"))}
            FROM ind_areas ar CROSS JOIN ind_periods p
            LEFT JOIN agg ON agg.level = ar.level AND agg.area_code = ar.area_code AND agg.period_type = p.period_type AND agg.period_start = p.period_start
            LEFT JOIN ind_area_pop pop ON pop.level = ar.level AND pop.area_code = ar.area_code
            WHERE {Frame(levels, periodTypes)}
            ORDER BY ar.level, ar.area_code, p.period_type, p.period_start
            """;
        return ctx.Store.Query(sql, r =>
        {
            var a = ReadArea(ctx, r);
            var counts = Enumerable.Range(0, bands).Select(b => (double)r.GetInt64(7 + b)).ToArray();
            var unknown = r.GetInt64(7 + bands);
            var pops = Enumerable.Range(0, bands).Select(b => NullableDouble(r, 8 + bands + b)).ToArray();
            var total = (long)counts.Sum();
            var unknownNote = unknown > 0 ? $"; {unknown} events with no age band left out" : "";
            if (pops.Any(p => p is null))
                return Row(def, a, total, null, null, null, null, "none", "dsr needs population_syoa (single years of age for ESP 2013 bands)" + unknownNote);
            var personYears = pops.Select(p => p!.Value * a.Years).ToArray();
            if (Enumerable.Range(0, bands).Any(b => personYears[b] <= 0 && counts[b] > 0))
                return Row(def, a, total, personYears.Sum(), null, null, null, "none", "events in an age band with no population" + unknownNote);
            // A band with no people and no events contributes a zero rate; give it a nominal population so the
            // statistic's positive-population check holds without changing the result.
            var safe = personYears.Select(p => p > 0 ? p : 1).ToArray();
            var d95 = DirectlyStandardisedRate.Calculate(counts, safe, null, def.Multiplier, Z95);
            var d998 = DirectlyStandardisedRate.Calculate(counts, safe, null, def.Multiplier, Z998);
            var note = (d95.Reason is null ? "ESP 2013 standardised" : d95.Reason) + unknownNote;
            return Row(def, a, total, personYears.Sum(), d95.Value, (d95.Lower, d95.Upper), (d998.Lower, d998.Upper), d95.Method, note);
        });
    }

    // ------------------------------------------------------------------ justice cohorts

    /// <summary>
    /// The justice indicators. Files give totals, breakdowns, or both: per area and cohort period the first tier present
    /// is taken so that no person is counted twice (1 all sexes and all ages, 2 all sexes by age, 3 by sex all ages, 4 by
    /// sex and age). An indicator period adds the cohort periods wholly inside it, each span once
    /// (<see cref="CountCohortsOnce"/>): overlapping cohort rows are legitimate in a file (rolling years, a year and its
    /// quarters) but added together they would count the same young people twice.
    /// </summary>
    private static List<WorkRow> Justice(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        var kind = AssessmentStore.Literal(def.Numerator!.CohortKind);
        var band = def.Denominator?.Population;
        var popColumn = band is null ? "CAST(NULL AS DOUBLE)" : $"pop.{band}";
        var candidates = ctx.Store.Query($"""
            WITH j AS (
                SELECT load_id, period_start, period_end, upper(trim(geography_code)) AS g, count, denominator,
                    CASE WHEN sex = 'all' AND age_band IN ('all', '10-17') THEN 1
                         WHEN sex = 'all' AND age_band IN ('10-14', '15-17', '18-20', '21-24', '25-34', '35-49', '50+') THEN 2
                         WHEN sex <> 'all' AND age_band IN ('all', '10-17') THEN 3
                         WHEN sex <> 'all' AND age_band IN ('10-14', '15-17', '18-20', '21-24', '25-34', '35-49', '50+') THEN 4 END AS tier
                FROM justice_cohort WHERE cohort_kind = {kind}),
            best AS (SELECT period_start, period_end, g, min(tier) AS tier FROM j WHERE tier IS NOT NULL GROUP BY ALL),
            jd AS (
                SELECT j.g, j.period_start AS cs, j.period_end AS ce, min(j.load_id) AS load_id,
                    CAST(sum(j.count) AS BIGINT) AS n, CAST(sum(j.denominator) AS DOUBLE) AS d
                FROM j JOIN best USING (period_start, period_end, g, tier) GROUP BY ALL)
            SELECT p.period_type, p.period_start, jd.g, jd.cs, jd.ce, jd.load_id, coalesce(jd.n, 0), coalesce(jd.d, 0)
            FROM jd JOIN ind_periods p ON jd.cs >= p.period_start AND jd.ce <= p.period_end
            WHERE p.period_type IN {InList(periodTypes)}
            """, r => new CohortSpan(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2),
                DateOnly.FromDateTime(r.GetDateTime(3)), DateOnly.FromDateTime(r.GetDateTime(4)), r.GetInt64(5), r.GetInt64(6), r.GetDouble(7)));

        ctx.Store.Execute("CREATE OR REPLACE TEMP TABLE ind_justice (period_type VARCHAR, period_start DATE, g VARCHAR, n BIGINT, d DOUBLE, days BIGINT, left_out BIGINT)");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        // A few rows per district and period: literal VALUES, as for ind_periods (the appender does not reach the temp schema).
        foreach (var chunk in CountCohortsOnce(candidates).Chunk(500))
            ctx.Store.Execute("INSERT INTO ind_justice VALUES " + string.Join(", ", chunk.Select(k =>
                $"({AssessmentStore.Literal(k.PeriodType)}, DATE '{k.PeriodStart:yyyy-MM-dd}', {AssessmentStore.Literal(k.G)}, {k.N.ToString(inv)}, {k.D.ToString("R", inv)}, {k.Days.ToString(inv)}, {k.LeftOut.ToString(inv)})")));

        var sql = $"""
            WITH dm AS (SELECT DISTINCT level, area_code, district_code FROM ind_area_lsoa WHERE district_code IS NOT NULL),
            agg AS (
                SELECT dm.level, dm.area_code, k.period_type, k.period_start, CAST(sum(k.n) AS BIGINT) AS n, CAST(sum(k.d) AS DOUBLE) AS d,
                    count(*) AS districts, min(k.days) AS min_days, CAST(sum(k.left_out) AS BIGINT) AS left_out
                FROM ind_justice k JOIN dm ON dm.district_code = k.g
                GROUP BY ALL)
            SELECT {AreaColumns},
                coalesce(agg.n, 0), coalesce(agg.d, 0), coalesce(agg.districts, 0), ar.districts, agg.min_days,
                CAST(date_diff('day', p.period_start, p.period_end) + 1 AS BIGINT), {popColumn}, coalesce(agg.left_out, 0)
            FROM ind_areas ar CROSS JOIN ind_periods p
            LEFT JOIN agg ON agg.level = ar.level AND agg.area_code = ar.area_code AND agg.period_type = p.period_type AND agg.period_start = p.period_start
            LEFT JOIN ind_area_pop pop ON pop.level = ar.level AND pop.area_code = ar.area_code
            WHERE {Frame(levels, periodTypes)}
            ORDER BY ar.level, ar.area_code, p.period_type, p.period_start
            """;
        var rows = ctx.Store.Query(sql, r =>
        {
            var a = ReadArea(ctx, r);
            var n = Convert.ToInt64(r.GetValue(7), inv);
            var d = Convert.ToDouble(r.GetValue(8), inv);
            var withData = r.GetInt64(9);
            var districts = r.GetInt64(10);
            var minDays = NullableDouble(r, 11);
            var periodDays = r.GetInt64(12);
            var pop = NullableDouble(r, 13);
            var leftOut = r.GetInt64(14);
            if (withData == 0) return (WorkRow?)null;
            if (withData < districts)
                return Row(def, a, null, null, null, null, null, "none", $"justice data for {withData} of {districts} districts");
            WorkRow row;
            if (def.Method == IndicatorMethods.Proportion)
                row = n > d
                    ? Row(def, a, n, d, null, null, null, "none", "cohort count exceeds its denominator: check the justice_cohort file")
                    : ProportionRow(def, a, n, d, d <= 0 ? "no cohort denominator" : null);
            else if (minDays is { } md && md < periodDays)
                row = Row(def, a, n, null, null, null, null, "none", $"cohort periods cover {md} of {periodDays} days");
            else
                row = CrudeRateRow(def, a, n, pop);
            if (leftOut > 0)
            {
                var said = $"overlapping cohort periods counted once: {leftOut} cohort period{(leftOut == 1 ? "" : "s")} left out ({CohortOverlapRule})";
                row.Value = row.Value with { Note = row.Value.Note is { } note ? $"{note}; {said}" : said };
            }
            return row;
        });
        return rows.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>The rule <see cref="CountCohortsOnce"/> applies, as the indicator's note states it.</summary>
    internal const string CohortOverlapRule = "kept first: the longer period, then the earlier load, then the later end";

    /// <summary>One district's cohort row (after the tier choice) inside one indicator period.</summary>
    private sealed record CohortSpan(string PeriodType, DateOnly PeriodStart, string G, DateOnly Start, DateOnly End, long LoadId, long N, double D);

    /// <summary>What one district adds to one indicator period: counts, days covered, and how many cohort rows were left out.</summary>
    private sealed record CohortTotal(string PeriodType, DateOnly PeriodStart, string G, long N, double D, long Days, long LeftOut);

    /// <summary>
    /// Counts each cohort span once per district and indicator period. The district's cohort rows wholly inside the
    /// period are taken in order: the longer period in calendar months first (a figure published for the whole span beats its parts, so a
    /// cohort period, and any period with the same dates, always shows its own published row), then the earlier load
    /// (as the ingest keeps the first file's row when the same cohort is loaded twice), then the later end (the more
    /// recent cohort). A row is kept when it overlaps no row kept before it and left out otherwise. So a year holding
    /// four quarters and an annual row counts the annual row, and rolling years count the latest year and the earlier
    /// ones that do not overlap it. The days covered are those of the kept rows, so a rate's coverage check sees any
    /// gap the rule leaves.
    /// </summary>
    private static IEnumerable<CohortTotal> CountCohortsOnce(IEnumerable<CohortSpan> spans)
    {
        foreach (var group in spans.GroupBy(s => (s.PeriodType, s.PeriodStart, s.G)))
        {
            var kept = new List<CohortSpan>();
            long leftOut = 0;
            foreach (var s in group.OrderByDescending(s => Months(s.Start, s.End)).ThenBy(s => s.LoadId)
                         .ThenByDescending(s => s.End).ThenBy(s => s.Start))
            {
                if (kept.Any(k => k.Start <= s.End && s.Start <= k.End)) leftOut++;
                else kept.Add(s);
            }
            yield return new CohortTotal(group.Key.PeriodType, group.Key.PeriodStart, group.Key.G,
                kept.Sum(k => k.N), kept.Sum(k => k.D), kept.Sum(k => (long)(k.End.DayNumber - k.Start.DayNumber + 1)), leftOut);
        }

        // Length in calendar months touched, so half-years of 181 and 184 days are equally long.
        static int Months(DateOnly start, DateOnly end) => ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
    }

    // ------------------------------------------------------------------ LSOA distributions (gini, top share, deprivation)

    private sealed record LsoaCell(string Level, string AreaCode, string? AreaName, string? PartnershipCode, ReportingPeriod Period, double Years,
        string Lsoa, long Count, double Weight, double? Population, int? Decile);

    /// <summary>The measure per LSOA and month <see cref="LsoaCells"/> reads: events meeting the filter, with their weight.</summary>
    /// <remarks>A count's weight is one per event, so its sum is the count itself, as a double.</remarks>
    private static EventMeasures.Measure CellsMeasure(string? filter, NumeratorSpec? weight) =>
        new(Cond(filter), Weight: weight is null || weight.Sum == "count" ? null : Weight(weight));

    private static List<LsoaCell> LsoaCells(EngineContext ctx, string? filter, NumeratorSpec? weight, string? band, IReadOnlyList<string> levels, IReadOnlyList<string> periodTypes)
    {
        var num = Cond(filter);
        var popColumn = band is null ? "CAST(NULL AS DOUBLE)" : $"pop.{band}";
        var sql = $"""
            WITH {(ctx.Measures?.Columns(CellsMeasure(filter, weight)) is { } m
                ? $"ev AS (SELECT lsoa21_code, month, {m.Count} AS n, {m.Sum ?? $"CAST({m.Count} AS DOUBLE)"} AS w FROM {EventMeasures.Table} WHERE {m.Count} > 0),"
                : $"ev AS (SELECT lsoa21_code, month, 1 AS n, {Weight(weight)} AS w FROM ind_events WHERE {num}),")}
            l AS (
                SELECT ev.lsoa21_code, p.period_type, p.period_start, CAST(sum(ev.n) AS BIGINT) AS n, coalesce(sum(w), 0) AS w
                FROM ev JOIN ind_periods p ON ev.month BETWEEN p.period_start AND p.period_end
                WHERE p.period_type IN {InList(periodTypes)}
                GROUP BY ALL)
            SELECT {AreaColumns}, m.lsoa21_code, coalesce(l.n, 0), coalesce(l.w, 0), {popColumn}, d.imd_decile
            FROM ind_area_lsoa m JOIN ind_areas ar ON ar.level = m.level AND ar.area_code = m.area_code
            CROSS JOIN ind_periods p
            LEFT JOIN l ON l.lsoa21_code = m.lsoa21_code AND l.period_type = p.period_type AND l.period_start = p.period_start
            LEFT JOIN ind_lsoa_pop pop ON pop.lsoa21_code = m.lsoa21_code
            LEFT JOIN ind_lsoa_imd d ON d.lsoa21_code = m.lsoa21_code
            WHERE {Frame(levels, periodTypes)}
            ORDER BY ar.level, ar.area_code, p.period_type, p.period_start, m.lsoa21_code
            """;
        return ctx.Store.Query(sql, r =>
        {
            var a = ReadArea(ctx, r);
            return new LsoaCell(a.Level, a.AreaCode, a.AreaName, a.PartnershipCode, a.Period, a.Years, r.GetString(7), r.GetInt64(8), r.GetDouble(9),
                NullableDouble(r, 10), r.IsDBNull(11) ? null : r.GetInt32(11));
        });
    }

    private static List<WorkRow> Distribution(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        var baseDef = ctx.Catalogue.Get(def.Base!);
        if (baseDef.Numerator is not { Table: "events" })
            throw new UserErrorException($"Indicator '{def.Id}': base '{baseDef.Id}' must count events (numerator.table events).");
        var cells = LsoaCells(ctx, baseDef.Numerator.Filter, baseDef.Numerator, baseDef.Denominator?.Population, levels, periodTypes);
        var result = new List<WorkRow>();
        foreach (var g in cells.GroupBy(c => (c.Level, c.AreaCode, c.Period.Type, c.Period.Start)))
        {
            var list = g.ToList();
            var f = list[0];
            var a = new AreaPeriodRow(f.Level, f.AreaCode, f.AreaName, f.PartnershipCode, f.Period, f.Years);
            var events = list.Sum(c => c.Count);
            var popYears = list.Sum(c => (c.Population ?? 0) * c.Years);
            result.Add(def.Method switch
            {
                IndicatorMethods.Gini => GiniRow(def, a, list, events, popYears),
                IndicatorMethods.TopShare => TopShareRow(def, a, list, events),
                IndicatorMethods.RateRatio => RateRatioRow(def, a, list),
                IndicatorMethods.Sii or IndicatorMethods.Rii => InequalityRow(def, baseDef, a, list, events, popYears),
                _ => RepeatRow(def, a, list),
            });
        }
        return result;
    }

    private static WorkRow GiniRow(IndicatorDefinition def, AreaPeriodRow a, List<LsoaCell> cells, long events, double popYears)
    {
        if (events == 0) return Row(def, a, 0, popYears, null, null, null, "none", "no events: Gini undefined");
        var weighted = cells.All(c => c.Population is > 0);
        var g = GiniCoefficient.Calculate(cells.Select(c => (double)c.Count).ToList(), weighted ? cells.Select(c => c.Population!.Value).ToList() : null);
        return Row(def, a, events, weighted ? popYears : null, g.Gini * def.Multiplier, null, null, "none",
            $"{(weighted ? "population-weighted" : "unweighted (an LSOA has no population)")} Gini across {cells.Count} LSOAs; no interval");
    }

    private static WorkRow TopShareRow(IndicatorDefinition def, AreaPeriodRow a, List<LsoaCell> cells, long events)
    {
        var total = cells.Sum(c => c.Weight);
        var k = (int)Math.Ceiling(def.TopFraction * cells.Count);
        if (total <= 0) return Row(def, a, 0, events, null, null, null, "none", "no harm recorded: share undefined");
        var top = cells.OrderByDescending(c => c.Weight).ThenBy(c => c.Lsoa, StringComparer.Ordinal).Take(k).ToList();
        return Row(def, a, top.Sum(c => c.Count), events, top.Sum(c => c.Weight) / total * def.Multiplier, null, null, "none",
            $"top {k} of {cells.Count} LSOAs by harm; count = events in them, denominator = all events; no interval");
    }

    /// <summary>
    /// Rate ratio of the most deprived IMD quintile (deciles 1-2) to the least deprived (deciles 9-10), with limits
    /// exp(ln RR ± z√(1/O₁ + 1/O₅)) (Rothman KJ, Greenland S. Modern Epidemiology, 2nd ed. 1998, ch. 14).
    /// </summary>
    private static WorkRow RateRatioRow(IndicatorDefinition def, AreaPeriodRow a, List<LsoaCell> cells)
    {
        var q1 = cells.Where(c => c.Decile is 1 or 2).ToList();
        var q5 = cells.Where(c => c.Decile is 9 or 10).ToList();
        long o1 = q1.Sum(c => c.Count), o5 = q5.Sum(c => c.Count);
        double n1 = q1.Sum(c => (c.Population ?? 0) * c.Years), n5 = q5.Sum(c => (c.Population ?? 0) * c.Years);
        if (n1 <= 0 || n5 <= 0)
            return Row(def, a, o1, n1 > 0 ? n1 : null, null, null, null, "none", "the area has no population in the most or the least deprived quintile");
        if (o1 == 0 || o5 == 0)
            return Row(def, a, o1, n1, null, null, null, "none", $"no events in the {(o1 == 0 ? "most" : "least")} deprived quintile: ratio not given");
        var rr = o1 / n1 / (o5 / n5);
        var se = Math.Sqrt((1.0 / o1) + (1.0 / o5));
        (double, double) Ci(double conf)
        {
            var z = PoissonConfidenceLimits.Z(conf);
            return (rr * Math.Exp(-z * se) * def.Multiplier, rr * Math.Exp(z * se) * def.Multiplier);
        }

        return Row(def, a, o1, n1, rr * def.Multiplier, Ci(Z95), Ci(Z998), "log normal",
            "count and person-years are the most deprived quintile's; the least deprived quintile's are not shown (a note must not carry a count)");
    }

    private static WorkRow InequalityRow(IndicatorDefinition def, IndicatorDefinition baseDef, AreaPeriodRow a, List<LsoaCell> cells, long events, double popYears)
    {
        // Least deprived first, so a positive slope means rates rise with deprivation.
        var deciles = cells.Where(c => c.Decile is not null && c.Population is > 0)
            .GroupBy(c => c.Decile!.Value).OrderByDescending(g => g.Key)
            .Select(g => (Count: g.Sum(c => c.Count), Pop: g.Sum(c => c.Population!.Value * c.Years))).ToList();
        if (deciles.Count < 3)
            return Row(def, a, events, popYears, null, null, null, "none", $"{deciles.Count} IMD deciles with population in the area; SII needs at least 3");
        var multiplier = def.Method == IndicatorMethods.Sii ? def.Multiplier : baseDef.Multiplier;
        var values = deciles.Select(d => d.Count / d.Pop * multiplier).ToList();
        var pops = deciles.Select(d => d.Pop).ToList();
        var e95 = SlopeIndexOfInequality.Calculate(values, pops, Z95);
        var e998 = SlopeIndexOfInequality.Calculate(values, pops, Z998);
        var note = $"{deciles.Count} IMD deciles, least to most deprived (positive = higher in more deprived areas)";
        if (def.Method == IndicatorMethods.Sii)
            return Row(def, a, events, popYears, e95.Sii, (e95.SiiLower, e95.SiiUpper), (e998.SiiLower, e998.SiiUpper), e95.Method, note);
        if (events == 0) return Row(def, a, 0, popYears, null, null, null, "none", "no events: RII undefined");
        return Row(def, a, events, popYears, e95.Rii * def.Multiplier, (e95.RiiLower * def.Multiplier, e95.RiiUpper * def.Multiplier),
            (e998.RiiLower * def.Multiplier, e998.RiiUpper * def.Multiplier), e95.Method, note);
    }

    private static WorkRow RepeatRow(IndicatorDefinition def, AreaPeriodRow a, List<LsoaCell> cells)
    {
        var repeat = cells.Count(c => c.Count >= def.Threshold);
        return Row(def, a, repeat, cells.Count, (double)repeat / cells.Count * def.Multiplier, null, null, "none",
            $"LSOAs with at least {def.Threshold} events; count and denominator are numbers of LSOAs");
    }

    // ------------------------------------------------------------------ convergence

    private static List<WorkRow> Convergence(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        var band = def.Denominator?.Population ?? PopulationBands.AllAges;
        // Top deciles are ranked across every LSOA of the geography, so all parents share one yardstick.
        var topBySource = new List<HashSet<(string Lsoa, string Type, DateOnly Start)>>();
        var withData = new Dictionary<(string, DateOnly), int>();
        foreach (var component in def.Components)
        {
            var cells = LsoaCells(ctx, component, null, band, [IndicatorLevels.Lsoa], periodTypes);
            var top = new HashSet<(string, string, DateOnly)>();
            foreach (var g in cells.GroupBy(c => (c.Period.Type, c.Period.Start)))
            {
                var ranked = g.Where(c => c.Count > 0)
                    .OrderByDescending(c => c.Population is > 0 ? c.Count / c.Population.Value : double.PositiveInfinity)
                    .ThenBy(c => c.Lsoa, StringComparer.Ordinal).ToList();
                if (ranked.Count == 0) continue;
                withData[g.Key] = withData.GetValueOrDefault(g.Key) + 1;
                var k = (int)Math.Ceiling(g.Count() / 10.0);
                foreach (var c in ranked.Take(k)) top.Add((c.Lsoa, g.Key.Type, g.Key.Start));
            }
            topBySource.Add(top);
        }

        var membership = LsoaCells(ctx, "false", null, null, levels, periodTypes);
        var result = new List<WorkRow>();
        foreach (var g in membership.GroupBy(c => (c.Level, c.AreaCode, c.Period.Type, c.Period.Start)))
        {
            var f = g.First();
            var a = new AreaPeriodRow(f.Level, f.AreaCode, f.AreaName, f.PartnershipCode, f.Period, f.Years);
            var sources = withData.GetValueOrDefault((f.Period.Type, f.Period.Start));
            int Tops(string lsoa) => topBySource.Count(t => t.Contains((lsoa, f.Period.Type, f.Period.Start)));
            if (f.Level == IndicatorLevels.Lsoa)
            {
                result.Add(Row(def, a, Tops(f.Lsoa), sources, Tops(f.Lsoa), null, null, "none",
                    $"number of sources (of {sources} with data) in whose top decile of rate the LSOA lies"));
                continue;
            }
            var lsoas = g.Select(c => c.Lsoa).ToList();
            var converging = lsoas.Count(l => Tops(l) >= def.MinSources);
            result.Add(Row(def, a, converging, lsoas.Count, converging * def.Multiplier, null, null, "none",
                $"LSOAs in the top decile of at least {def.MinSources} of {sources} sources with data; denominator = LSOAs in the area"));
        }
        return result;
    }

    // ------------------------------------------------------------------ severity against volume

    private static List<WorkRow> SeverityVolume(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes)
    {
        var num = Cond(def.Numerator?.Filter);
        var sql = $"""
            WITH ev AS (SELECT lsoa21_code, month, coalesce(offence_subgroup, '(not known)') AS grp, {Weight(def.Numerator)} AS w FROM ind_events WHERE {num})
            SELECT {AreaColumns}, ev.grp, count(*), coalesce(sum(ev.w), 0)
            FROM ev JOIN ind_area_lsoa m ON m.lsoa21_code = ev.lsoa21_code
            JOIN ind_areas ar ON ar.level = m.level AND ar.area_code = m.area_code
            JOIN ind_periods p ON ev.month BETWEEN p.period_start AND p.period_end
            WHERE {Frame(levels, periodTypes)}
            GROUP BY ALL
            ORDER BY ar.level, ar.area_code, p.period_type, p.period_start, ev.grp
            """;
        var cells = ctx.Store.Query(sql, r => (Area: ReadArea(ctx, r), Group: r.GetString(7), Count: r.GetInt64(8), Harm: r.GetDouble(9)));
        var result = new List<WorkRow>();
        foreach (var g in cells.GroupBy(c => (c.Area.Level, c.Area.AreaCode, c.Area.Period.Type, c.Area.Period.Start)))
        {
            var list = g.ToList();
            long n = list.Sum(c => c.Count);
            var harm = list.Sum(c => c.Harm);
            var byVolume = list.OrderByDescending(c => c.Count).ThenBy(c => c.Group, StringComparer.Ordinal).Select(c => c.Group).ToList();
            var byHarm = list.OrderByDescending(c => c.Harm).ThenBy(c => c.Group, StringComparer.Ordinal).Select(c => c.Group).ToList();
            foreach (var c in list)
            {
                var volumeShare = (double)c.Count / n;
                double? value = harm > 0 ? c.Harm / harm / volumeShare * def.Multiplier : null;
                var row = Row(def, c.Area, c.Count, n, value, null, null, "none",
                    $"offence_subgroup={c.Group}; {100 * volumeShare:0.#}% of offences, {(harm > 0 ? 100 * c.Harm / harm : 0):0.#}% of harm; " +
                    $"volume rank {byVolume.IndexOf(c.Group) + 1}, harm rank {byHarm.IndexOf(c.Group) + 1} of {list.Count}",
                    breakdown: c.Group);
                result.Add(row);
            }
        }
        return result;
    }
}
