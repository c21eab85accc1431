using NeedsAssessment.Store;

namespace NeedsAssessment.Indicators;

/// <summary>
/// The disclosure policy: the single place that decides which published counts are hidden. Every publisher (the
/// indicator CSV and Parquet, the report's tables, the workbook, descriptives, hot spot and model exports) calls
/// <see cref="Apply(AssessmentStore, IReadOnlyList{IndicatorValue}, SuppressionPolicy)"/> for indicator rows or
/// <see cref="Protect"/> for a table of counts of its own (<see cref="HideCounts"/> for one additive group, as the hot spot
/// grid and model exports publish), and prints <see cref="Note"/> for hidden cells.
/// </summary>
/// <remarks>
/// <para><b>Primary suppression.</b> A disclosive count (events or people) in the policy's range is hidden, and so is
/// a proportion's, mean's or count ratio's row when its denominator (itself a count) is.</para>
/// <para><b>Complementary suppression.</b> Hiding one cell protects nothing if a reader can work it out: a ward's count
/// minus its visible LSOAs, a year minus its quarters, a count that another indicator shows too. All the tables
/// published together are one problem: every level, every period type and every indicator of the export, with
/// every additive relation a reader knows (see <see cref="PublishedCounts"/> and <c>IndicatorRelations</c>). A
/// relation with exactly one unknown cell gives that cell away (the attack <see cref="DisclosureAudit"/> runs), so
/// whenever a relation has exactly one hidden cell a second is hidden (the visible member with the smallest positive
/// count; zeros only when no positive count is left), and that is repeated over every relation until no relation has
/// exactly one unknown: a fixed point, reached by a work list over the relations touched by each newly hidden row,
/// so the cost is linear in the size of the relations rather than rounds over the whole table. This is the
/// singleton rule of the audit that τ-ARGUS and sdcTable run after their complementary suppression (the hypercube
/// method of Repsilber, "Sicherung persönlicher Angaben in Tabellendaten", 1994, as GHMITER in τ-ARGUS; Hundepool et
/// al., <i>Statistical Disclosure Control</i>, Wiley 2012, §4.4-4.5; sdcTable's <c>protectTable(method = "HITAS")</c>
/// and <c>attack()</c>), applied greedily as the hypercube method does, without its linear-programming cost model.</para>
/// <para><b>What else is removed.</b> A hidden row loses its count, every value that narrows it (value, limits,
/// comparison, the interval <c>method</c>, which says "exact" only below 10, and a denominator that is itself a count),
/// and says only <see cref="Note"/>: primary and complementary cells read alike, so a reader cannot tell which hidden
/// cells are small. A benchmark that is a hidden partnership value is removed from every row that shows it.</para>
/// <para>Not covered: relations that are not sums (a Gini or SII of visible LSOAs; counts within deprivation quintiles,
/// beyond hiding such a measure wherever its base count is hidden) and bounds tighter than exact recovery (a reader of
/// <c>a + b = 9</c> with <c>a</c> in 1-7 knows <c>b</c> is at most 8).</para>
/// </remarks>
public static class SmallNumberSuppression
{
    /// <summary>
    /// Which counts of one additive group (grid cells of a period, offences of a cell, areas of a district) to hide
    /// under <paramref name="policy"/>: primary, a count the policy hides (a fractional count, e.g. apportioned across
    /// split LSOAs, is hidden when above 0 and below the policy's upper bound); then, when the group's total is published
    /// (or can be worked out from another output), secondary: while exactly one count is hidden, the smallest visible
    /// positive count (a zero if none is left; lowest index on ties) is hidden too, so that the total minus the visible
    /// counts never gives one hidden count.
    /// </summary>
    /// <param name="counts">The group's counts; null means not published (already hidden or not known).</param>
    /// <param name="policy">The publication rule.</param>
    /// <param name="totalPublished">Whether the group's total is published anywhere in the same run.</param>
    /// <returns>True for each count to hide.</returns>
    public static bool[] HideCounts(IReadOnlyList<double?> counts, SuppressionPolicy policy, bool totalPublished = true)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(policy);
        var hidden = new bool[counts.Count];
        if (policy.HideTo <= 0) return hidden;
        for (var i = 0; i < counts.Count; i++)
            hidden[i] = counts[i] is { } c && (policy.Hides(c) || (c > 0 && c < policy.HideTo && c != Math.Floor(c)));
        if (!totalPublished || !policy.Secondary) return hidden;
        // Unpublished counts (null) already count as unknown to a reader, like hidden ones.
        while (Enumerable.Range(0, counts.Count).Count(i => hidden[i] || counts[i] is null) == 1)
        {
            var next = Enumerable.Range(0, counts.Count).Where(i => !hidden[i] && counts[i] is not null)
                .OrderBy(i => counts[i]!.Value > 0 ? 0 : 1).ThenBy(i => counts[i]!.Value).ThenBy(i => i).Select(i => (int?)i).FirstOrDefault();
            if (next is not { } s) break;
            hidden[s] = true;
        }
        return hidden;
    }

    private const string BreakdownPrefix = "offence_subgroup=";

    /// <summary>What a hidden cell says, the same for every hidden cell so small ones cannot be told from the others.</summary>
    public static string Note(SuppressionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return $"suppressed ({policy.Name} policy: counts {policy.HideFrom}-{policy.HideTo}, and counts that would reveal one, are hidden)";
    }

    /// <summary>
    /// Applies the policy to indicator rows published together (pass all of them: every level, period type and
    /// indicator that goes into one output), with the indicators' facts and the area hierarchy from the store.
    /// </summary>
    /// <param name="store">Store holding <c>indicator_meta</c> and <c>geography</c>.</param>
    /// <param name="rows">Raw rows (from <c>indicator_values</c>).</param>
    /// <param name="policy">Policy, e.g. <see cref="SuppressionPolicy.Nhs"/>.</param>
    /// <returns>The rows in the same order, hidden ones with <see cref="IndicatorValue.Suppressed"/> set.</returns>
    public static IReadOnlyList<IndicatorValue> Apply(AssessmentStore store, IReadOnlyList<IndicatorValue> rows, SuppressionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Decide(rows, policy, ReadMeta(store), IndicatorExport.NestedParents(store)).Rows;
    }

    /// <summary>
    /// Decides which cells of <paramref name="counts"/> to hide: primary cells in the policy's range, then
    /// complementary cells until no relation has exactly one unknown cell (see the class remarks).
    /// </summary>
    public static CellSuppression Protect(PublishedCounts counts, SuppressionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(policy);
        var f = counts.Freeze();
        var (rowHidden, primaryRow) = Solve(f, policy);
        var n = f.Values.Length;
        var hidden = new bool[n];
        var primary = new bool[n];
        for (var c = 0; c < n; c++)
        {
            hidden[c] = f.Carriers[c].All(r => rowHidden[r]);
            primary[c] = f.Carriers[c].Length == 1 && primaryRow[f.Carriers[c][0]];
        }
        return new CellSuppression(hidden, primary);
    }

    /// <summary>
    /// A count table with row totals, column totals and a grand total, all published: which cells to hide so no hidden
    /// cell can be worked out from the totals. Totals themselves are treated as shown.
    /// </summary>
    public static bool[,] ProtectGrid(long[,] grid, SuppressionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var rows = grid.GetLength(0);
        var cols = grid.GetLength(1);
        var counts = new PublishedCounts();
        var cell = new int[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                cell[r, c] = counts.Add(grid[r, c]);
        var rowTotals = Enumerable.Range(0, rows).Select(r => counts.Add(Enumerable.Range(0, cols).Sum(c => grid[r, c]), shown: true)).ToArray();
        var colTotals = Enumerable.Range(0, cols).Select(c => counts.Add(Enumerable.Range(0, rows).Sum(r => grid[r, c]), shown: true)).ToArray();
        for (var r = 0; r < rows; r++) counts.Sum(rowTotals[r], Enumerable.Range(0, cols).Select(c => cell[r, c]).ToList());
        for (var c = 0; c < cols; c++) counts.Sum(colTotals[c], Enumerable.Range(0, rows).Select(r => cell[r, c]).ToList());
        var decided = Protect(counts, policy);
        var hidden = new bool[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                hidden[r, c] = decided.Hidden[cell[r, c]];
        return hidden;
    }

    internal static string? Breakdown(IndicatorValue v) =>
        v.Note is { } n && n.StartsWith(BreakdownPrefix, StringComparison.Ordinal) ? n[..(n.IndexOf(';', StringComparison.Ordinal) is var i and >= 0 ? i : n.Length)] : null;

    internal static Dictionary<string, IndicatorMeta> ReadMeta(AssessmentStore store) =>
        store.TableExists("indicator_meta")
            ? store.Query("SELECT indicator_id, method, disclosive, base, count_denominator FROM indicator_meta",
                r => new IndicatorMeta(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetBoolean(4)))
                .ToDictionary(m => m.Id)
            : [];

    /// <summary>Indicator facts from a catalogue, for outputs read without their store.</summary>
    internal static Dictionary<string, IndicatorMeta> MetaFrom(IndicatorCatalogue catalogue) =>
        catalogue.Indicators.ToDictionary(d => d.Id, d => new IndicatorMeta(d.Id, d.Method, d.Disclosive, d.Base, IndicatorEngine.CountDenominator(d.Method)));

    /// <summary>Rows after suppression, with which were hidden for their own count.</summary>
    internal sealed record Decision(List<IndicatorValue> Rows, int Primary, int Secondary);

    /// <param name="rows">Raw rows.</param>
    /// <param name="policy">Policy.</param>
    /// <param name="meta">Indicator facts by id; rows of unknown indicators are treated as disclosive.</param>
    /// <param name="parents">For each nested (child level, parent level) pair, child area code → parent area code.</param>
    internal static Decision Decide(
        IReadOnlyList<IndicatorValue> rows,
        SuppressionPolicy policy,
        IReadOnlyDictionary<string, IndicatorMeta> meta,
        IReadOnlyDictionary<(string Child, string Parent), Dictionary<string, string>> parents)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(policy);
        var n = rows.Count;
        var hidden = new bool[n];
        var primary = new bool[n];
        if (policy.HideTo > 0)
        {
            var counts = rows.Select(r => r.Count).ToArray();
            var denominators = rows.Select(r => r.Denominator).ToArray();
            var links = new HashSet<(string, string)>();
            // Two columns a reader sees equal wherever both are shown will be taken for one count; if the first
            // decision leaves such a pair that the raw numbers did not link, link it and decide again.
            for (var round = 0; ; round++)
            {
                var built = IndicatorRelations.Build(rows, meta, parents, counts, denominators, IndicatorRelations.Use.Protect, links);
                var decided = Protect(built.Counts, policy);
                Array.Clear(hidden);
                Array.Clear(primary);
                for (var i = 0; i < n; i++)
                {
                    if (built.CountCell[i] is not (var c and >= 0)) continue;
                    hidden[i] = decided.Hidden[c];
                    primary[i] = decided.Primary[c] || (built.DenominatorCell[i] is var d and >= 0 && decided.Primary[d]);
                }
                if (!policy.Secondary || round == 4) break;
                var seen = IndicatorRelations.Build(rows, meta, parents,
                    counts.Select((v, i) => hidden[i] ? null : v).ToArray(),
                    denominators.Select((v, i) => hidden[i] && built.DenominatorCell[i] >= 0 ? null : v).ToArray(),
                    IndicatorRelations.Use.Audit);
                var before = links.Count;
                links.UnionWith(built.Links);
                links.UnionWith(seen.Links);
                if (seen.Links.All(built.Links.Contains)) break;
                if (links.Count == before) break;
            }
        }

        var note = Note(policy);
        // A benchmark is the partnership's value: where that row is hidden, the benchmark would give it back.
        var hiddenBenchmarks = new HashSet<(string, string, DateOnly, double)>();
        for (var i = 0; i < n; i++)
            if (hidden[i] && rows[i].Level == IndicatorLevels.Partnership && rows[i].Value is { } pv)
                hiddenBenchmarks.Add((rows[i].IndicatorId, rows[i].PeriodType, rows[i].PeriodStart, pv));

        var result = new List<IndicatorValue>(n);
        var nPrimary = 0;
        var nSecondary = 0;
        for (var i = 0; i < n; i++)
        {
            var v = rows[i];
            var m = meta.GetValueOrDefault(v.IndicatorId);
            if (hidden[i])
            {
                if (primary[i]) nPrimary++;
                else nSecondary++;
                var breakdown = Breakdown(v);
                result.Add(v with
                {
                    Count = null,
                    Denominator = m?.CountDenominator ?? true ? null : v.Denominator,
                    Value = null,
                    Lower95 = null,
                    Upper95 = null,
                    Lower998 = null,
                    Upper998 = null,
                    // "exact" is only used below 10 events, so the method itself narrows a hidden count.
                    Method = "",
                    BenchmarkValue = v.Level == IndicatorLevels.Partnership ? null : v.BenchmarkValue,
                    Comparison95 = "not compared",
                    Comparison998 = "not compared",
                    Suppressed = true,
                    // The offence subgroup stays visible so the row can still be identified.
                    Note = breakdown is { } bd ? $"{bd}; {note}" : note,
                });
                continue;
            }
            if (v.BenchmarkValue is { } b && hiddenBenchmarks.Contains((v.IndicatorId, v.PeriodType, v.PeriodStart, b)))
                v = v with { BenchmarkValue = null, Comparison95 = "not compared", Comparison998 = "not compared" };
            if (policy.DsrMinimumCount > 0 && m?.Method == IndicatorMethods.Dsr && v.Count is { } c && c < policy.DsrMinimumCount && v.Value is not null)
            {
                v = v with
                {
                    Value = null, Lower95 = null, Upper95 = null, Lower998 = null, Upper998 = null,
                    Comparison95 = "not compared", Comparison998 = "not compared",
                    Note = $"dsr not given for total count < {policy.DsrMinimumCount} ({policy.Name} policy)",
                };
            }
            result.Add(v);
        }
        return new Decision(result, nPrimary, nSecondary);
    }

    /// <summary>
    /// The fixed point. Work list: a relation enters it when its count of unknown cells becomes 1; taking one out, a
    /// second cell is hidden if it still has exactly one. Each row is hidden at most once, so the loop ends.
    /// </summary>
    private static (bool[] RowHidden, bool[] PrimaryRow) Solve(PublishedCounts.Frozen f, SuppressionPolicy policy)
    {
        var n = f.Values.Length;
        var rowHidden = new bool[f.Rows];
        var primaryRow = new bool[f.Rows];
        var visibleCarriers = new int[n];
        var unknown = new bool[n];
        var revealed = new bool[n];
        var relations = f.RelStart.Length - 1;
        var unknownIn = new int[relations];
        var work = new Queue<int>();
        for (var c = 0; c < n; c++)
        {
            visibleCarriers[c] = f.Carriers[c].Length;
            if (f.Values[c] is null) MarkUnknown(c);
        }

        for (var c = 0; c < n; c++)
        {
            if (f.Disclosive[c] && f.Values[c] is { } v && policy.Hides(v))
            {
                foreach (var r in f.Carriers[c]) primaryRow[r] = true;
                foreach (var r in f.Carriers[c]) HideRow(r);
            }
        }

        if (policy.Secondary)
        {
            while (work.Count > 0)
            {
                var rel = work.Dequeue();
                if (unknownIn[rel] != 1) continue;
                var best = -1;
                var only = -1;
                for (var k = f.RelStart[rel]; k < f.RelStart[rel + 1]; k++)
                {
                    var c = f.RelCell[k];
                    if (unknown[c])
                    {
                        only = c;
                        continue;
                    }
                    if (f.Shown[c] || revealed[c]) continue;
                    if (best < 0 || Better(c, best)) best = c;
                }
                if (only >= 0 && f.Carried[only])
                {
                    // A count several rows show (a breakdown's total) is no secret of its own: a reader who works it
                    // out may use it in every other sum, so it counts as known from here on.
                    Reveal(only);
                    continue;
                }
                if (best < 0) continue;
                foreach (var r in f.Carriers[best]) HideRow(r);
            }
        }
        return (rowHidden, primaryRow);

        // Cells of one row first (hiding a breakdown's total means hiding every part), then the smallest positive
        // count (the least information lost), then zeros.
        bool Better(int a, int b)
        {
            long va = f.Values[a]!.Value, vb = f.Values[b]!.Value;
            if (f.Carried[a] != f.Carried[b]) return !f.Carried[a];
            if ((va > 0) != (vb > 0)) return va > 0;
            if (va != vb) return va < vb;
            return a < b;
        }

        void HideRow(int row)
        {
            var stack = new Stack<int>();
            stack.Push(row);
            while (stack.Count > 0)
            {
                var r = stack.Pop();
                if (rowHidden[r]) continue;
                rowHidden[r] = true;
                for (var k = f.RowCells.Start[r]; k < f.RowCells.Start[r + 1]; k++)
                {
                    var c = f.RowCells.Items[k];
                    if (--visibleCarriers[c] == 0 && !unknown[c] && !revealed[c]) MarkUnknown(c);
                }
                for (var k = f.Implied.Start[r]; k < f.Implied.Start[r + 1]; k++) stack.Push(f.Implied.Items[k]);
            }
        }

        void Reveal(int c)
        {
            unknown[c] = false;
            revealed[c] = true;
            for (var k = f.CellRels.Start[c]; k < f.CellRels.Start[c + 1]; k++)
            {
                var rel = f.CellRels.Items[k];
                if (--unknownIn[rel] == 1) work.Enqueue(rel);
            }
        }

        void MarkUnknown(int c)
        {
            unknown[c] = true;
            for (var k = f.CellRels.Start[c]; k < f.CellRels.Start[c + 1]; k++)
            {
                var rel = f.CellRels.Items[k];
                if (++unknownIn[rel] == 1) work.Enqueue(rel);
            }
        }
    }
}
