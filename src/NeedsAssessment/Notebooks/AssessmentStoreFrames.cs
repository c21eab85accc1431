using System.Globalization;
using System.Numerics;
using System.Reflection;
using Deedle;
using NeedsAssessment.Store;

namespace NeedsAssessment.Notebooks;

/// <summary>
/// Query results as Deedle frames, for notebooks. DuckDB does the grouping and joining (10-20 times faster than
/// Deedle's own), so hand it the aggregate and let Deedle hold only the answer.
/// </summary>
public static class AssessmentStoreFrames
{
    /// <summary>
    /// Runs <paramref name="sql"/> and returns the result as a frame with rows keyed 0..n-1 and one column per result
    /// column, in order. SQL NULLs are missing values. DuckDB's own .NET types are turned into ones Deedle converts:
    /// DATE to <see cref="DateTime"/>, TIME to <see cref="TimeSpan"/>, HUGEINT (what <c>sum()</c> of integers returns)
    /// to <see cref="long"/> (<see cref="double"/> beyond its range), DECIMAL and FLOAT to <see cref="double"/>, smaller
    /// integers to <see cref="int"/>. A repeated column name gets a suffix (<c>_2</c>, ...), as frame columns must be unique.
    /// </summary>
    /// <param name="store">An open store (read-only is enough).</param>
    /// <param name="sql">Any DuckDB query.</param>
    /// <returns>The result.</returns>
    public static Frame<int, string> QueryFrame(this AssessmentStore store, string sql)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        // Frame.ReadReader keeps DuckDB's DateOnly and BigInteger columns as they are, and Deedle cannot convert
        // those (GetAs<DateTime> fails), so the values are read and normalised here instead.
        using var reader = store.Query(sql);
        var names = UniqueNames(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList());
        var columns = names.Select(_ => new List<object?>()).ToArray();
        while (reader.Read())
            for (int i = 0; i < columns.Length; i++) columns[i].Add(reader.IsDBNull(i) ? null : Normalise(reader.GetValue(i)));
        int rows = columns.Length == 0 ? 0 : columns[0].Count;
        var frame = Frame.FromRowKeys(Enumerable.Range(0, rows));
        for (int i = 0; i < columns.Length; i++) frame.AddColumn(names[i], MakeSeries(columns[i]));
        return frame;
    }

    /// <summary>Quarantined rows as a frame (see <see cref="QuarantineRow.Read"/>), one row per rejected row and reason.</summary>
    /// <param name="rows">Rows from <see cref="QuarantineRow.Read"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<QuarantineRow> rows) =>
        new Notebooks.FrameColumns<QuarantineRow>(rows)
            .Add("load_id", r => r.LoadId)
            .Add("file_name", r => r.FileName)
            .Add("record", r => r.Record)
            .Add("line", r => r.Line)
            .Add("column", r => r.Column)
            .Add("raw_value", r => r.RawValue)
            .Add("rule", r => r.Rule)
            .Add("message", r => r.Message)
            .Add("raw_record", r => r.RawRecord)
            .Build();

    /// <summary>Per-file store status as a frame, one row per file currently loaded.</summary>
    /// <param name="kinds">From <see cref="StoreStatus.Read"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<KindStatus> kinds) =>
        new Notebooks.FrameColumns<FileStatus>((kinds ?? throw new ArgumentNullException(nameof(kinds))).SelectMany(k => k.FileDetails))
            .Add("kind", f => f.Kind)
            .Add("file_name", f => f.FileName)
            .Add("load_id", f => f.LoadId)
            .Add("status", f => f.Status)
            .Add("rows_read", f => f.RowsRead)
            .Add("rows_loaded", f => f.RowsLoaded)
            .Add("rows_quarantined", f => f.RowsQuarantined)
            .Add("period_start", f => f.PeriodStart?.ToDateTime(TimeOnly.MinValue))
            .Add("period_end", f => f.PeriodEnd?.ToDateTime(TimeOnly.MinValue))
            .Build();

    private static List<string> UniqueNames(List<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return names.Select(n =>
        {
            var name = n;
            for (int k = 2; !seen.Add(name); k++) name = string.Create(CultureInfo.InvariantCulture, $"{n}_{k}");
            return name;
        }).ToList();
    }

    private static object Normalise(object value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        TimeOnly t => t.ToTimeSpan(),
        BigInteger b => b >= long.MinValue && b <= long.MaxValue ? (long)b : (double)b,
        Int128 b => b >= long.MinValue && b <= long.MaxValue ? (long)b : (double)b,
        UInt128 b => b <= long.MaxValue ? (long)b : (double)b,
        ulong u => u <= long.MaxValue ? (long)u : (double)u,
        uint u => (long)u,
        decimal m => (double)m,
        float f => (double)f,
        sbyte or byte or short or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static ISeries<int> MakeSeries(List<object?> values)
    {
        var types = values.Where(v => v is not null).Select(v => v!.GetType()).Distinct().ToList();
        var type = types.Count switch
        {
            0 => typeof(string),
            1 => types[0],
            // A HUGEINT column can mix longs and doubles (values past long's range); a column of ints and longs widens.
            _ when types.All(t => t == typeof(long) || t == typeof(double)) => typeof(double),
            _ when types.All(t => t == typeof(int) || t == typeof(long)) => typeof(long),
            _ => typeof(object),
        };
        return (ISeries<int>)MakeTyped.MakeGenericMethod(type).Invoke(null, [values])!;
    }

    private static readonly MethodInfo MakeTyped = typeof(AssessmentStoreFrames).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Missing rows are left out of the series; adding it to the frame's row index makes them missing there.
    private static Series<int, T> Typed<T>(List<object?> values)
    {
        var keys = new List<int>(values.Count);
        var typed = new List<T>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v) continue;
            keys.Add(i);
            typed.Add(v is T t ? t : (T)Convert.ChangeType(v, typeof(T), CultureInfo.InvariantCulture));
        }
        return new Series<int, T>(keys, typed);
    }
}
