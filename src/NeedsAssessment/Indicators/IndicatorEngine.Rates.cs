using NeedsAssessment.Statistics;

namespace NeedsAssessment.Indicators;

public static partial class IndicatorEngine
{
    private const double Z95 = 0.95;
    private const double Z998 = 0.998;

    /// <summary>crude_rate, harm_rate, mean, proportion and count_ratio: one GROUP BY over events × areas × periods.</summary>
    /// <param name="ctx">Engine context.</param>
    /// <param name="def">The indicator.</param>
    /// <param name="levels">Levels to compute.</param>
    /// <param name="periodTypes">Period types to compute.</param>
    /// <param name="records">Table of records with <c>lsoa21_code</c>, <c>month</c> and the filters' columns (the classified events by default).</param>
    /// <param name="periods">Table of periods (period_type, period_start, period_end, years) the records are counted in.</param>
    private static List<WorkRow> Rates(EngineContext ctx, IndicatorDefinition def, List<string> levels, List<string> periodTypes,
        string records = "ind_events", string periods = "ind_periods")
    {
        var (num, den, counted, all) = RateMeasures(def);
        var band = def.Denominator?.Population;
        var popColumn = band is null ? "CAST(NULL AS DOUBLE)" : $"pop.{band}";
        // A rate per resident counts only events in LSOAs whose residents are in the denominator.
        var members = band is null ? "ind_area_lsoa" : band == PopulationBands.Workday ? EngineContext.WorkdayMembers : EngineContext.RateMembers;
        var note = band == PopulationBands.Workday ? WorkdayNote : null;
        // The classified events' counts and sums per area and period come from the run's one pass (EventMeasures);
        // other records (stop and search), or a measure that pass could not compute, are counted here.
        var pre = records == "ind_events" && periods == "ind_periods" && ctx.Measures is { } m && all.Select(m.Columns).ToList() is [{ } cNum, { } cDen, { } cBoth]
            ? (Num: cNum, Den: cDen, Both: cBoth, Table: m.AreaPeriodTable(ctx.Store, members))
            : default;
        string agg;
        if (pre.Table is not null)
        {
            var weights = counted
                ? $"CAST({pre.Both.Count} AS DOUBLE) AS w_sum, CAST({pre.Both.Count} AS DOUBLE) AS w_sq, CAST({pre.Both.Count} AS BIGINT) AS n_w"
                : $"coalesce({pre.Both.Sum}, 0) AS w_sum, coalesce({pre.Both.SumOfSquares}, 0) AS w_sq, CAST({pre.Both.Weighted} AS BIGINT) AS n_w";
            agg = $"""
                agg AS (
                    SELECT level, area_code, period_type, period_start,
                        CAST({pre.Num.Count} AS BIGINT) AS n_num, CAST({pre.Both.Count} AS BIGINT) AS n_both, CAST({pre.Den.Count} AS BIGINT) AS n_den, {weights}
                    FROM {pre.Table})
                """;
        }
        else
        {
            // A count needs no per-event weight, so events are first counted per LSOA and month (a few thousand rows)
            // and only those counts meet the areas and the periods: the join that places every event in each of its
            // levels and overlapping periods is then hundreds of times smaller.
            var ev = counted
                ? $"""
                  ev AS (
                      SELECT lsoa21_code, month,
                          count(*) FILTER (WHERE is_num) AS c_num, count(*) FILTER (WHERE is_num AND is_den) AS c_both,
                          count(*) FILTER (WHERE is_den) AS c_den
                      FROM (SELECT lsoa21_code, month, {num} AS is_num, {den} AS is_den FROM {records} WHERE {num} OR {den})
                      GROUP BY ALL),
                  """
                : $"""
                  ev AS (
                      SELECT lsoa21_code, month, {num} AS is_num, {den} AS is_den, {Weight(def.Numerator)} AS w
                      FROM {records} WHERE {num} OR {den}),
                  """;
            var sums = counted
                ? """
                      CAST(sum(c_num) AS BIGINT) AS n_num, CAST(sum(c_both) AS BIGINT) AS n_both, CAST(sum(c_den) AS BIGINT) AS n_den,
                      CAST(sum(c_both) AS DOUBLE) AS w_sum, CAST(sum(c_both) AS DOUBLE) AS w_sq, CAST(sum(c_both) AS BIGINT) AS n_w
                  """
                : """
                      count(*) FILTER (WHERE is_num) AS n_num,
                      count(*) FILTER (WHERE is_num AND is_den) AS n_both,
                      count(*) FILTER (WHERE is_den) AS n_den,
                      coalesce(sum(w) FILTER (WHERE is_num AND is_den), 0) AS w_sum,
                      coalesce(sum(w * w) FILTER (WHERE is_num AND is_den), 0) AS w_sq,
                      count(w) FILTER (WHERE is_num AND is_den) AS n_w
                  """;
            agg = $"""
                {ev}
                agg AS (
                    SELECT a.level, a.area_code, p.period_type, p.period_start,
                    {sums}
                    FROM ev
                    JOIN {members} a ON a.lsoa21_code = ev.lsoa21_code
                    JOIN {periods} p ON ev.month BETWEEN p.period_start AND p.period_end
                    WHERE a.level IN {InList(levels)} AND p.period_type IN {InList(periodTypes)}
                    GROUP BY ALL)
                """;
        }
        var sql = $"""
            WITH {agg}
            SELECT {AreaColumns},
                coalesce(agg.n_num, 0), coalesce(agg.n_both, 0), coalesce(agg.n_den, 0),
                coalesce(agg.w_sum, 0), coalesce(agg.w_sq, 0), coalesce(agg.n_w, 0), {popColumn}
            FROM ind_areas ar CROSS JOIN {periods} p
            LEFT JOIN agg ON agg.level = ar.level AND agg.area_code = ar.area_code AND agg.period_type = p.period_type AND agg.period_start = p.period_start
            LEFT JOIN ind_area_pop pop ON pop.level = ar.level AND pop.area_code = ar.area_code
            WHERE {Frame(levels, periodTypes)}
            ORDER BY ar.level, ar.area_code, p.period_type, p.period_start
            """;
        return ctx.Store.Query(sql, r =>
        {
            var a = ReadArea(ctx, r);
            var nNum = r.GetInt64(7);
            var nBoth = r.GetInt64(8);
            var nDen = r.GetInt64(9);
            var wSum = r.GetDouble(10);
            var wSq = r.GetDouble(11);
            var nW = r.GetInt64(12);
            var pop = NullableDouble(r, 13);
            return def.Method switch
            {
                IndicatorMethods.CrudeRate => CrudeRateRow(def, a, nBoth, pop, note),
                IndicatorMethods.HarmRate => HarmRateRow(def, a, nW, wSum, wSq, pop),
                IndicatorMethods.Mean => MeanRow(def, a, nW, wSum, wSq),
                IndicatorMethods.Proportion => ProportionRow(def, a, nBoth, nDen),
                _ => CountRatioRow(def, a, nNum, nDen),
            };
        });
    }

    /// <summary>
    /// A rate's numerator and denominator conditions over its records, whether it counts (rather than sums a weight), and
    /// the measures per LSOA and month it takes: numerator, denominator, and both (with the weight when it sums one).
    /// </summary>
    private static (string Num, string Den, bool Counted, EventMeasures.Measure[] All) RateMeasures(IndicatorDefinition def)
    {
        var num = Cond(def.Numerator?.Filter);
        var den = def.Denominator?.Filter is { } df ? Cond(df) : "true";
        var counted = def.Numerator is null || def.Numerator.Sum == "count";
        return (num, den, counted, [new(num), new(den), counted ? new(num, den) : new(num, den, Weight(def.Numerator), Squares: true)]);
    }

    /// <summary>The note every rate per workday population carries, so the CSV says which denominator it used.</summary>
    internal const string WorkdayNote = "denominator: Census 2021 workday population (people working in the area plus residents not working) x years, not residents";

    internal static WorkRow CrudeRateRow(IndicatorDefinition def, AreaPeriodRow a, long count, double? population, string? note = null)
    {
        if (population is not { } pop || pop <= 0)
            return Row(def, a, count, null, null, null, null, "none", note is null ? "no population for the area" : $"no population for the area; {note}");
        var n = pop * a.Years;
        var e95 = CrudeRate.Calculate(count, n, def.Multiplier, Z95);
        var e998 = CrudeRate.Calculate(count, n, def.Multiplier, Z998);
        return Row(def, a, count, n, e95.Value, (e95.Lower, e95.Upper), (e998.Lower, e998.Upper), e95.Method, note);
    }

    /// <summary>
    /// Harm-weighted rate with Dobson limits: a sum of harm weights T = Σwᵢ over O events has variance Σwᵢ², and the
    /// limits are T + √(Σwᵢ²/O)(O_limit − O), with O_limit the exact (O &lt; 10) or Byar's limit of O (Dobson AJ et al.
    /// Stat Med 1991;10:457-462, the method PHEindicatormethods uses for DSRs).
    /// </summary>
    internal static (double Value, double L95, double U95, double L998, double U998) HarmRate(double events, double weightSum, double weightSquares, double denominator, double multiplier)
    {
        var scale = multiplier / denominator;
        var factor = Math.Sqrt(weightSquares / events);
        (double, double) Ci(double conf)
        {
            var (lo, hi, _) = PoissonConfidenceLimits.Limits(events, conf);
            return (Math.Max(0, weightSum + (factor * (lo - events))) * scale, (weightSum + (factor * (hi - events))) * scale);
        }

        var (l95, u95) = Ci(Z95);
        var (l998, u998) = Ci(Z998);
        return (weightSum * scale, l95, u95, l998, u998);
    }

    private static WorkRow HarmRateRow(IndicatorDefinition def, AreaPeriodRow a, long events, double wSum, double wSq, double? population)
    {
        if (population is not { } pop || pop <= 0)
            return Row(def, a, events, null, null, null, null, "none", "no population for the area");
        var n = pop * a.Years;
        if (events == 0)
            return Row(def, a, 0, n, 0, null, null, "none", "no events: no interval for a weighted sum");
        var h = HarmRate(events, wSum, wSq, n, def.Multiplier);
        return Row(def, a, events, n, h.Value, (h.L95, h.U95), (h.L998, h.U998), "dobson", "count is the number of events whose harm is summed");
    }

    private static WorkRow MeanRow(IndicatorDefinition def, AreaPeriodRow a, long events, double wSum, double wSq)
    {
        if (events == 0) return Row(def, a, 0, 0, null, null, null, "none", "no events");
        var mean = wSum / events;
        if (events < 2) return Row(def, a, events, events, mean * def.Multiplier, null, null, "none", "no interval for a single event");
        // Sample variance from the sums; clamp tiny negative rounding.
        var variance = Math.Max(0, (wSq - (events * mean * mean)) / (events - 1));
        var se = Math.Sqrt(variance / events);
        (double, double) Ci(double conf)
        {
            var z = PoissonConfidenceLimits.Z(conf);
            return (Math.Max(0, mean - (z * se)) * def.Multiplier, (mean + (z * se)) * def.Multiplier);
        }

        return Row(def, a, events, events, mean * def.Multiplier, Ci(Z95), Ci(Z998), "normal", null);
    }

    internal static WorkRow ProportionRow(IndicatorDefinition def, AreaPeriodRow a, long numerator, double denominator, string? note = null)
    {
        if (denominator <= 0) return Row(def, a, numerator, denominator, null, null, null, "none", note ?? "no events in the denominator");
        var p95 = WilsonProportion.Calculate(numerator, denominator, def.Multiplier, Z95);
        var p998 = WilsonProportion.Calculate(numerator, denominator, def.Multiplier, Z998);
        return Row(def, a, numerator, denominator, p95.Value, (p95.Lower, p95.Upper), (p998.Lower, p998.Upper), p95.Method, note);
    }

    /// <summary>
    /// Ratio of two Poisson counts A/B with limits from the conditional binomial: given A + B, A is binomial with
    /// p = λA/(λA + λB), so Wilson limits (pL, pU) for A/(A + B) give ratio limits pL/(1 − pL) and pU/(1 − pU)
    /// (Ederer F, Mantel N. Am J Epidemiol 1974;100:165-167 for the conditional approach).
    /// </summary>
    private static WorkRow CountRatioRow(IndicatorDefinition def, AreaPeriodRow a, long numerator, long denominator)
    {
        if (denominator == 0) return Row(def, a, numerator, denominator, null, null, null, "none", "no events in the denominator source");
        (double, double) Ci(double conf)
        {
            var (lo, hi) = WilsonProportion.Limits(numerator, numerator + denominator, conf);
            return (lo / (1 - lo) * def.Multiplier, hi >= 1 ? double.NaN : hi / (1 - hi) * def.Multiplier);
        }

        return Row(def, a, numerator, denominator, (double)numerator / denominator * def.Multiplier, Ci(Z95), Ci(Z998), "wilson (conditional binomial)", null);
    }
}
