using Deedle;

namespace NeedsAssessment.Notebooks;

/// <summary>
/// Builds a Deedle <see cref="Frame{TRowKey, TColumnKey}"/> column by column from result records, so every
/// <c>ToFrame()</c> gives the same shape: rows keyed 0..n-1, one typed column per field, missing values where a
/// field has none. Nullable numbers become NaN (Deedle's missing value for doubles) and enums become their names,
/// so the frame can be filtered and displayed without knowing the engine's types.
/// </summary>
/// <typeparam name="T">Record type.</typeparam>
public sealed class FrameColumns<T>
{
    private readonly IReadOnlyList<T> _rows;
    private readonly List<KeyValuePair<string, ISeries<int>>> _columns = [];
    private readonly int[] _keys;

    /// <summary>Starts a frame over <paramref name="rows"/>.</summary>
    /// <param name="rows">The records, one frame row each.</param>
    public FrameColumns(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows as IReadOnlyList<T> ?? rows.ToList();
        _keys = Enumerable.Range(0, _rows.Count).ToArray();
    }

    /// <summary>Adds a column of values that are never missing.</summary>
    /// <typeparam name="TValue">Column type.</typeparam>
    /// <param name="name">Column name.</param>
    /// <param name="value">Value of a row.</param>
    public FrameColumns<T> Add<TValue>(string name, Func<T, TValue> value) => AddSeries(name, _rows.Select(value));

    /// <summary>Adds a number column; null becomes missing.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="value">Value of a row, or null.</param>
    public FrameColumns<T> Add(string name, Func<T, double?> value) => AddSeries(name, _rows.Select(r => value(r) ?? double.NaN));

    /// <summary>Adds a whole-number column; null becomes missing.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="value">Value of a row, or null.</param>
    public FrameColumns<T> Add(string name, Func<T, long?> value) => AddPresent(name, value);

    /// <summary>Adds a date column; null becomes missing.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="value">Value of a row, or null.</param>
    public FrameColumns<T> Add(string name, Func<T, DateTime?> value) => AddPresent(name, value);

    /// <summary>Adds a date column.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="value">Value of a row.</param>
    public FrameColumns<T> Add(string name, Func<T, DateOnly> value) => AddSeries(name, _rows.Select(r => value(r).ToDateTime(TimeOnly.MinValue)));

    /// <summary>Adds a text column; null becomes missing.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="value">Value of a row, or null.</param>
    public FrameColumns<T> Add(string name, Func<T, string?> value) => AddSeries(name, _rows.Select(value));

    /// <summary>Adds an enum column as the members' names.</summary>
    /// <typeparam name="TEnum">Enum type.</typeparam>
    /// <param name="name">Column name.</param>
    /// <param name="value">Value of a row.</param>
    public FrameColumns<T> AddName<TEnum>(string name, Func<T, TEnum> value) where TEnum : struct, Enum =>
        AddSeries(name, _rows.Select(r => value(r).ToString()));

    /// <summary>The frame, columns in the order added.</summary>
    public Frame<int, string> Build()
    {
        // Starting from the row keys keeps each column's own type (building from object series would box them all).
        var frame = Frame.FromRowKeys(_keys);
        foreach (var (name, series) in _columns) frame.AddColumn(name, series);
        return frame;
    }

    // Rows without a value are left out of the series; the frame's row index then shows them as missing.
    private FrameColumns<T> AddPresent<TValue>(string name, Func<T, TValue?> value) where TValue : struct
    {
        var present = _rows.Select((r, i) => (Key: i, Value: value(r))).Where(x => x.Value is not null).ToList();
        _columns.Add(new(name, new Series<int, TValue>(present.Select(x => x.Key), present.Select(x => x.Value!.Value))));
        return this;
    }

    private FrameColumns<T> AddSeries<TValue>(string name, IEnumerable<TValue> values)
    {
        _columns.Add(new(name, new Series<int, TValue>(_keys, values.ToArray())));
        return this;
    }
}
