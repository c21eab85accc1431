namespace NeedsAssessment.Statistics;

/// <summary>Adjusted Rand index between two partitions of the same items.</summary>
public static class AdjustedRandIndex
{
    /// <summary>
    /// ARI from two label vectors: builds the contingency table nᵢⱼ and applies <see cref="FromContingency"/>.
    /// </summary>
    /// <param name="a">Labels of the first partition.</param>
    /// <param name="b">Labels of the second partition, same items in the same order.</param>
    public static double Compute(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException("Both partitions must label the same items.", nameof(b));
        if (a.Count < 2) throw new ArgumentException("At least two items are needed.", nameof(a));
        var ra = a.Distinct().Order().Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);
        var rb = b.Distinct().Order().Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);
        var table = new long[ra.Count, rb.Count];
        for (int i = 0; i < a.Count; i++) table[ra[a[i]], rb[b[i]]]++;
        return FromContingency(table);
    }

    /// <summary>
    /// ARI = (Σᵢⱼ C(nᵢⱼ,2) − [Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2)] / C(n,2)) / (½[Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)] − [Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2)] / C(n,2)),
    /// aᵢ and bⱼ the row and column totals. 1 for identical partitions, about 0 for independent ones. When both partitions
    /// put everything in one cluster (or everything in singletons) the index is 0/0 and 1 is returned, as they agree.
    /// Source: Hubert L, Arabie P. Comparing partitions. Journal of Classification 1985;2:193-218.
    /// </summary>
    /// <param name="table">Contingency table nᵢⱼ (items in cluster i of the first and j of the second partition).</param>
    public static double FromContingency(long[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int r = table.GetLength(0), c = table.GetLength(1);
        static double C2(double v) => v * (v - 1) / 2;
        double sumCells = 0, sumRows = 0, sumCols = 0, n = 0;
        var cols = new double[c];
        for (int i = 0; i < r; i++)
        {
            double row = 0;
            for (int j = 0; j < c; j++)
            {
                if (table[i, j] < 0) throw new ArgumentException("Counts must be non-negative.", nameof(table));
                row += table[i, j];
                cols[j] += table[i, j];
                sumCells += C2(table[i, j]);
            }
            sumRows += C2(row);
            n += row;
        }
        foreach (var col in cols) sumCols += C2(col);
        if (n < 2) throw new ArgumentException("At least two items are needed.", nameof(table));
        var expected = sumRows * sumCols / C2(n);
        var max = (sumRows + sumCols) / 2;
        if (max == expected) return 1;
        return (sumCells - expected) / (max - expected);
    }
}
