namespace NeedsAssessment.Indicators;

/// <summary>
/// Counts published together and the additive relations between them that a reader can use (a parent area is the
/// sum of its children, a year the sum of its quarters, a count shown by two indicators is the same count). The
/// input to <see cref="SmallNumberSuppression.Protect"/> (which decides what to hide) and to
/// <see cref="DisclosureAudit"/> (which tries to recover what was hidden).
/// </summary>
/// <remarks>
/// A cell is one count as a reader sees it; a row is what is hidden as a whole (a published line: its count and any
/// other count it carries, such as a proportion's denominator). Every cell added with <see cref="Add"/> starts its
/// own row; <see cref="SameRow"/> joins rows. A cell added with <see cref="AddCarried"/> is a value several rows
/// show (a breakdown's total shown as each part's denominator): a reader knows it while any of them is shown.
/// </remarks>
public sealed class PublishedCounts
{
    private readonly List<long?> _values = [];
    private readonly List<bool> _disclosive = [];
    private readonly List<bool> _fixed = [];
    private readonly List<bool> _carried = [];
    private readonly List<int[]> _carriers = [];
    private readonly List<int> _rowParent = []; // union-find over rows
    private readonly List<int> _relStart = [0];
    private readonly List<int> _relCell = [];
    private readonly List<sbyte> _relCoef = [];
    private readonly List<string> _relKind = [];
    private readonly List<(int From, int To)> _implies = [];

    /// <summary>Number of cells.</summary>
    public int Count => _values.Count;

    /// <summary>The counts, by cell (null = not published).</summary>
    internal IReadOnlyList<long?> Values => _values;

    /// <summary>Number of additive relations.</summary>
    public int Relations => _relStart.Count - 1;

    /// <summary>Adds a count shown in its own row.</summary>
    /// <param name="count">The count; null when it is not published (a reader does not know it).</param>
    /// <param name="disclosive">False for counts of areas or other things that identify no one (never primary-suppressed).</param>
    /// <param name="shown">True for a count that is published whatever is decided (a total printed elsewhere): never chosen as a complement.</param>
    /// <returns>The cell's index.</returns>
    public int Add(long? count, bool disclosive = true, bool shown = false)
    {
        var row = _rowParent.Count;
        _rowParent.Add(row);
        _values.Add(count);
        _disclosive.Add(disclosive && !shown);
        _fixed.Add(shown);
        _carried.Add(false);
        _carriers.Add([row]);
        return _values.Count - 1;
    }

    /// <summary>Adds a count that the rows of <paramref name="cells"/> all show (known while any of them is shown).</summary>
    /// <param name="count">The count.</param>
    /// <param name="cells">Cells whose rows show it.</param>
    /// <returns>The cell's index.</returns>
    public int AddCarried(long? count, IReadOnlyList<int> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0) throw new ArgumentException("A carried count needs at least one row that shows it.", nameof(cells));
        _values.Add(count);
        _disclosive.Add(false); // its rows are primary-suppressed through their own counts
        _fixed.Add(false);
        _carried.Add(true);
        _carriers.Add(cells.Select(c => _carriers[c][0]).Distinct().ToArray());
        return _values.Count - 1;
    }

    /// <summary>Cells <paramref name="a"/> and <paramref name="b"/> are in one published row: hiding one hides both.</summary>
    public void SameRow(int a, int b)
    {
        var ra = Find(_carriers[a][0]);
        var rb = Find(_carriers[b][0]);
        if (ra != rb) _rowParent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    /// <summary>A reader knows that <paramref name="total"/> = Σ <paramref name="parts"/>.</summary>
    public void Sum(int total, IReadOnlyList<int> parts) => Sum(total, parts, "sum");

    /// <summary>As <see cref="Sum(int, IReadOnlyList{int})"/>, saying what kind of sum it is (for the audit's report).</summary>
    internal void Sum(int total, IReadOnlyList<int> parts, string kind)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) return;
        _relCell.Add(total);
        _relCoef.Add(-1);
        foreach (var p in parts)
        {
            _relCell.Add(p);
            _relCoef.Add(1);
        }
        _relStart.Add(_relCell.Count);
        _relKind.Add(kind);
    }

    /// <summary>A reader knows that <paramref name="a"/> = <paramref name="b"/> (one count shown twice).</summary>
    public void Same(int a, int b) => Sum(a, [b], "same count");

    /// <summary>Whenever the row of <paramref name="from"/> is hidden, the row of <paramref name="to"/> is hidden too (a measure built on it).</summary>
    public void Implies(int from, int to) => _implies.Add((from, to));

    private int Find(int row)
    {
        while (_rowParent[row] != row)
        {
            _rowParent[row] = _rowParent[_rowParent[row]];
            row = _rowParent[row];
        }
        return row;
    }

    /// <summary>Frozen arrays for the solvers.</summary>
    internal Frozen Freeze()
    {
        var rows = _rowParent.Count;
        var rowOf = new int[rows];
        for (var r = 0; r < rows; r++) rowOf[r] = Find(r);
        var n = _values.Count;
        var carriers = new int[n][];
        for (var c = 0; c < n; c++) carriers[c] = _carriers[c].Select(r => rowOf[r]).Distinct().ToArray();
        // Cells of each row, and relations of each cell (CSR).
        var rowCells = Csr(rows, Enumerable.Range(0, n).SelectMany(c => carriers[c].Select(r => (r, c))));
        var relCell = _relCell.ToArray();
        var relStart = _relStart.ToArray();
        var cellRels = Csr(n, Enumerable.Range(0, relStart.Length - 1).SelectMany(r => Enumerable.Range(relStart[r], relStart[r + 1] - relStart[r]).Select(k => (relCell[k], r))));
        var implied = Csr(rows, _implies.SelectMany(x => carriers[x.From].SelectMany(f => carriers[x.To].Select(t => (f, t)))));
        return new Frozen(_values.ToArray(), _disclosive.ToArray(), _fixed.ToArray(), _carried.ToArray(), carriers, rows, rowCells, relStart, relCell, _relCoef.ToArray(), _relKind.ToArray(), cellRels, implied);
    }

    private static (int[] Start, int[] Items) Csr(int size, IEnumerable<(int Key, int Item)> pairs)
    {
        var list = pairs.ToList();
        var start = new int[size + 1];
        foreach (var (k, _) in list) start[k + 1]++;
        for (var i = 0; i < size; i++) start[i + 1] += start[i];
        var items = new int[list.Count];
        var fill = (int[])start.Clone();
        foreach (var (k, item) in list) items[fill[k]++] = item;
        return (start, items);
    }

    internal sealed record Frozen(
        long?[] Values, bool[] Disclosive, bool[] Shown, bool[] Carried, int[][] Carriers, int Rows, (int[] Start, int[] Items) RowCells,
        int[] RelStart, int[] RelCell, sbyte[] RelCoef, string[] RelKind, (int[] Start, int[] Items) CellRels, (int[] Start, int[] Items) Implied);
}
