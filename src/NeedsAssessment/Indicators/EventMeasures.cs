using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>
/// The event counts and harm sums a run's indicators take, per LSOA and month, from one pass over <c>ind_events</c>
/// (the temp table <c>ind_lsoa_month</c>), and how many records each numerator filter matches or cannot tell.
/// </summary>
/// <remarks>
/// Why: every indicator used to group the half-million classified events by LSOA and month on its own, and to scan them
/// once more to see whether its filter matches anything. One GROUP BY with a FILTER column per measure does that work
/// once; an indicator then joins a few thousand rows to its areas and periods. Counts are the same integers. Harm sums
/// add the same terms, per LSOA and month first, which gives the same doubles while the terms are whole or quarter days
/// (the catalogue's maximum penalties and crime harm days): such sums are exact in any order.
/// An indicator whose measure is not here (a filter this pass could not evaluate) counts its events as before.
/// </remarks>
internal sealed class EventMeasures
{
    /// <summary>The temp table of counts per LSOA and month.</summary>
    internal const string Table = "ind_lsoa_month";

    private readonly Dictionary<Measure, MeasureColumns> _columns;
    private readonly Dictionary<string, long> _matches;
    private readonly Dictionary<string, long> _unknown;

    private readonly IReadOnlyList<string> _aggregates;
    private readonly HashSet<string> _counts;
    private readonly Dictionary<string, string> _areaTables = new(StringComparer.Ordinal);

    private EventMeasures(Dictionary<Measure, MeasureColumns> columns, IReadOnlyList<string> aggregates, Dictionary<string, long> matches, Dictionary<string, long> unknown)
    {
        _unknown = unknown;
        _columns = columns;
        _aggregates = aggregates;
        _counts = columns.Values.SelectMany(c => new[] { c.Count, c.Weighted }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _matches = matches;
    }

    /// <summary>
    /// Events meeting <see cref="Condition"/> (and <see cref="Also"/> when given), with the sum of <see cref="Weight"/>
    /// over them when given, and with <see cref="Squares"/> the sum of its square and the count of events with a weight.
    /// The conditions and weight are the SQL the indicator would put over <c>ind_events</c>.
    /// </summary>
    internal sealed record Measure(string Condition, string? Also = null, string? Weight = null, bool Squares = false);

    /// <summary>
    /// Columns of <see cref="Table"/> holding a measure: the count; with a weight, its sum (null where no event has a
    /// weight); with squares, the sum of squares and the count of events with a weight.
    /// </summary>
    internal sealed record MeasureColumns(string Count, string? Sum, string? SumOfSquares, string? Weighted);

    /// <summary>The columns of <paramref name="measure"/> in <see cref="Table"/>, or null when it was not computed.</summary>
    internal MeasureColumns? Columns(Measure measure) => _columns.GetValueOrDefault(measure);

    /// <summary>
    /// Every aggregate of <see cref="Table"/> summed per area and period (<c>level</c>, <c>area_code</c>,
    /// <c>period_type</c>, <c>period_start</c>), with LSOAs placed in areas by <paramref name="members"/>; built once per
    /// membership table. Why: the join that places each LSOA's month in its areas and in every period overlapping it is
    /// then done once for all indicators, and an indicator reads its columns from a few thousand rows. The sums keep
    /// each aggregate's own column name; counts are BIGINT and sums of weights DOUBLE (null where no event has one).
    /// </summary>
    internal string AreaPeriodTable(AssessmentStore store, string members)
    {
        if (_areaTables.TryGetValue(members, out var table)) return table;
        if (_areaTables.Count == 0)
        {
            // Each LSOA's months summed into the periods holding them first (a few thousand rows), so the membership
            // join multiplies periods' rows rather than months'.
            store.Execute($"""
                CREATE OR REPLACE TEMP TABLE {Table}_periods AS
                SELECT ev.lsoa21_code, p.period_type, p.period_start, {string.Join(", ", _aggregates.Select(Sum))}
                FROM {Table} ev JOIN ind_periods p ON ev.month BETWEEN p.period_start AND p.period_end
                GROUP BY ALL
                """);
        }
        table = $"{Table}_areas_{_areaTables.Count.ToString(CultureInfo.InvariantCulture)}";
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE {table} AS
            SELECT a.level, a.area_code, lp.period_type, lp.period_start, {string.Join(", ", _aggregates.Select(Sum))}
            FROM {Table}_periods lp JOIN {members} a ON a.lsoa21_code = lp.lsoa21_code
            GROUP BY ALL
            """);
        _areaTables[members] = table;
        return table;

        // Counts stay BIGINT (DuckDB's sum of integers widens to HUGEINT, slower to add, and no county comes near the limit).
        string Sum(string c) => _counts.Contains(c) ? $"CAST(sum({c}) AS BIGINT) AS {c}" : $"sum({c}) AS {c}";
    }

    /// <summary>Records of <c>ind_events</c> the filter is true for, or null when not counted here.</summary>
    internal long? Matched(string filter) => _matches.TryGetValue(filter, out var m) ? m : null;

    /// <summary>Records of <c>ind_events</c> the filter can't tell (null: a flag not recorded), counted only for a filter that matches none; otherwise null.</summary>
    internal long? Unknown(string filter) => _unknown.TryGetValue(filter, out var u) ? u : null;

    /// <summary>
    /// Computes <paramref name="measures"/> into <see cref="Table"/> and counts the records each of
    /// <paramref name="filters"/> is true for (its measure counts them). Returns null when DuckDB rejects a filter, so
    /// each indicator reports its own error as before.
    /// </summary>
    internal static EventMeasures? Build(AssessmentStore store, IReadOnlyCollection<Measure> measures, IReadOnlyCollection<(string Filter, Measure Counted)> filters)
    {
        var distinct = measures.Concat(filters.Select(f => f.Counted)).Distinct().ToList();
        // A rate with no denominator filter asks for its numerator AND true: the same events as the numerator alone.
        static IEnumerable<string> Parts(Measure m) => m.Also is null or "true" || m.Also == m.Condition ? [m.Condition] : [m.Condition, m.Also];
        var conditions = distinct.SelectMany(Parts).Distinct(StringComparer.Ordinal).ToList();
        var weights = distinct.Where(m => m.Weight is not null).Select(m => m.Weight!).Distinct(StringComparer.Ordinal).ToList();
        string C(string sql) => "c" + conditions.IndexOf(sql).ToString(CultureInfo.InvariantCulture);
        string W(string sql) => "w" + weights.IndexOf(sql).ToString(CultureInfo.InvariantCulture);
        // Measures share aggregates (many rates count the same numerator), so each aggregate is computed once.
        var aggregates = new Dictionary<string, string>(StringComparer.Ordinal);
        string Aggregate(string sql) =>
            aggregates.TryGetValue(sql, out var alias) ? alias : aggregates[sql] = "a" + aggregates.Count.ToString(CultureInfo.InvariantCulture);
        var columns = new Dictionary<Measure, MeasureColumns>();
        foreach (var m in distinct)
        {
            var where = string.Join(" AND ", Parts(m).Select(C));
            // count_if and CASE inside the aggregate take half the time of FILTER clauses over this many aggregates, with the same result.
            var count = Aggregate($"count_if({where})");
            string? sum = null, squares = null, weighted = null;
            if (m.Weight is { } w)
            {
                sum = Aggregate($"sum(CASE WHEN {where} THEN {W(w)} END)");
                if (m.Squares)
                {
                    squares = Aggregate($"sum(CASE WHEN {where} THEN {W(w)} * {W(w)} END)");
                    weighted = Aggregate($"count(CASE WHEN {where} THEN {W(w)} END)");
                }
            }
            columns[m] = new MeasureColumns(count, sum, squares, weighted);
        }
        try
        {
            if (aggregates.Count > 0)
            {
                // Each condition and weight is evaluated once per event, in the inner projection, however many measures share it.
                var projected = conditions.Select(c => $"{c} AS {C(c)}").Concat(weights.Select(w => $"{w} AS {W(w)}"));
                store.Execute($"""
                    CREATE OR REPLACE TEMP TABLE {Table} AS
                    SELECT lsoa21_code, month, {string.Join(", ", aggregates.Select(a => $"{a.Key} AS {a.Value}"))}
                    FROM (SELECT lsoa21_code, month, {string.Join(", ", projected)} FROM ind_events)
                    GROUP BY lsoa21_code, month
                    """);
            }
            var matches = new Dictionary<string, long>(StringComparer.Ordinal);
            var distinctFilters = filters.DistinctBy(f => f.Filter, StringComparer.Ordinal).ToList();
            if (distinctFilters.Count > 0)
            {
                using var reader = store.Query($"SELECT {string.Join(", ", distinctFilters.Select(f => $"CAST(coalesce(sum({columns[f.Counted].Count}), 0) AS BIGINT)"))} FROM {Table}");
                reader.Read();
                for (var i = 0; i < distinctFilters.Count; i++) matches[distinctFilters[i].Filter] = reader.GetInt64(i);
            }
            return new EventMeasures(columns, [.. aggregates.Values], matches, Unknowns(store, [.. matches.Where(m => m.Value == 0).Select(m => m.Key)]));
        }
        catch (DuckDB.NET.Data.DuckDBException)
        {
            return null;
        }
    }

    /// <summary>
    /// How many records each filter that matches none can't tell, in one scan of <c>ind_events</c>: an indicator whose
    /// filter matches nothing says whether a flag is not recorded or the source is not loaded, and on an area with few
    /// sources that is most of the catalogue (a scan each cost more than the indicators computed). Empty when DuckDB
    /// rejects the scan, so each indicator asks on its own as before.
    /// </summary>
    private static Dictionary<string, long> Unknowns(AssessmentStore store, IReadOnlyList<string> filters)
    {
        var unknown = new Dictionary<string, long>(StringComparer.Ordinal);
        if (filters.Count == 0) return unknown;
        try
        {
            using var reader = store.Query($"SELECT {string.Join(", ", filters.Select(f => $"count(*) FILTER (WHERE ({f}) IS NULL)"))} FROM ind_events");
            reader.Read();
            for (var i = 0; i < filters.Count; i++) unknown[filters[i]] = reader.GetInt64(i);
        }
        catch (DuckDB.NET.Data.DuckDBException)
        {
            unknown.Clear();
        }
        return unknown;
    }
}
