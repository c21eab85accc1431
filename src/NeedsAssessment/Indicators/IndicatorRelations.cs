namespace NeedsAssessment.Indicators;

/// <summary>
/// The additive relations a reader of indicator rows knows, as a <see cref="PublishedCounts"/>: shared by the
/// suppression (<see cref="SmallNumberSuppression"/>) and the attack that audits it (<see cref="DisclosureAudit"/>),
/// so the two can never disagree about what a reader can add up.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Areas: for every pair of levels that nest in the geography (LSOA in ward, ward in district, LSOA in the
/// partnership, ...), the parent's count is the sum of its children's, for each indicator, period and breakdown.</item>
/// <item>Periods: a period is the sum of the periods of another type that tile it exactly (a financial year of its
/// quarters or months, a quarter of its months, a rolling 12 months of the months or quarters inside it, three pooled
/// years of their years); a period with the same dates under another type is the same count.</item>
/// <item>Indicators: two count columns (an indicator's count, or a denominator that is itself a count) that hold the
/// same number for the same area and period are one count shown twice (under-25 victims in a rate and in a share;
/// violence with injury as a rate and as the hidden violence ratio's denominator). Such pairs are found from the
/// numbers, not the definitions, so a pair the catalogue does not spell out is still caught.</item>
/// <item>Breakdowns: offence subgroups of one area add up to the total each shows as its denominator.</item>
/// </list>
/// </remarks>
internal static class IndicatorRelations
{
    internal enum Use
    {
        /// <summary>For suppression: raw counts; relations from the rows present; near-identical count columns linked.</summary>
        Protect,

        /// <summary>For the attack: published counts; only relations whose members are all published rows; only columns equal wherever both are shown.</summary>
        Audit,
    }

    /// <param name="Counts">Cells and relations.</param>
    /// <param name="CountCell">Each row's count cell, or -1 for rows of non-disclosive indicators.</param>
    /// <param name="DenominatorCell">Each row's denominator cell when the denominator is a count, else -1.</param>
    /// <param name="CellRow">For each cell, a row that shows it.</param>
    /// <param name="CellIsDenominator">For each cell, true when it is a denominator.</param>
    /// <param name="Links">Pairs of count columns (as "indicator count" / "indicator denominator") treated as one count.</param>
    internal sealed record Built(PublishedCounts Counts, int[] CountCell, int[] DenominatorCell, int[] CellRow, bool[] CellIsDenominator, IReadOnlySet<(string, string)> Links);

    private readonly record struct Key(int Series, int Level, int Area, int Period, int Breakdown);

    private readonly record struct Place(int Level, int Area, int Period, int Breakdown);

    internal static Built Build(
        IReadOnlyList<IndicatorValue> rows,
        IReadOnlyDictionary<string, IndicatorMeta> meta,
        IReadOnlyDictionary<(string Child, string Parent), Dictionary<string, string>> parents,
        IReadOnlyList<long?> counts,
        IReadOnlyList<double?> denominators,
        Use use,
        IReadOnlySet<(string, string)>? links = null)
    {
        var n = rows.Count;
        var indicators = new Intern();
        var levels = new Intern();
        var areas = new Intern();
        var breakdowns = new Intern();
        breakdowns.Id(""); // 0 = no breakdown
        var periods = new Dictionary<(string Type, DateOnly Start, DateOnly End), int>();
        var periodList = new List<(string Type, DateOnly Start, DateOnly End)>();

        var pc = new PublishedCounts();
        var cells = new Dictionary<Key, int>();
        var cellRow = new List<int>();
        var cellIsDen = new List<bool>();
        var countCell = new int[n];
        var denCell = new int[n];
        var breakdownParts = new Dictionary<Key, (List<int> Cells, long? Total)>();
        Array.Fill(countCell, -1);
        Array.Fill(denCell, -1);

        int NewCell(Key key, int cell, int row, bool isDen)
        {
            cells.TryAdd(key, cell);
            cellRow.Add(row);
            cellIsDen.Add(isDen);
            return cell;
        }

        for (var i = 0; i < n; i++)
        {
            var v = rows[i];
            var m = meta.GetValueOrDefault(v.IndicatorId);
            if (m is { Disclosive: false }) continue;
            var ind = indicators.Id(v.IndicatorId);
            var pk = (v.PeriodType, v.PeriodStart, v.PeriodEnd);
            if (!periods.TryGetValue(pk, out var period))
            {
                periods[pk] = period = periodList.Count;
                periodList.Add(pk);
            }
            var level = levels.Id(v.Level);
            var area = areas.Id(v.AreaCode);
            var bd = breakdowns.Id(SmallNumberSuppression.Breakdown(v) ?? "");
            var key = new Key(ind * 2, level, area, period, bd);
            if (cells.ContainsKey(key)) continue; // a duplicate row says nothing new
            countCell[i] = NewCell(key, pc.Add(counts[i]), i, false);
            if (m?.CountDenominator != true && m is not null) continue;
            var den = denominators[i] is { } d && Math.Abs(d - Math.Round(d)) < 1e-9 ? (long?)Math.Round(d) : null;
            if (m is null && den is null) continue;
            if (bd == 0)
            {
                denCell[i] = NewCell(key with { Series = (ind * 2) + 1 }, pc.Add(den), i, true);
                pc.SameRow(countCell[i], denCell[i]);
            }
            else
            {
                var total = key with { Series = (ind * 2) + 1, Breakdown = 0 };
                if (!breakdownParts.TryGetValue(total, out var parts)) breakdownParts[total] = parts = ([], null);
                parts.Cells.Add(countCell[i]);
                if (den is not null) breakdownParts[total] = parts with { Total = den };
            }
        }

        // Breakdowns: the parts add up to the total that each part shows as its denominator.
        foreach (var (total, (parts, value)) in breakdownParts)
        {
            if (cells.ContainsKey(total)) continue;
            var t = NewCell(total, pc.AddCarried(value, parts), cellRow[parts[0]], true);
            pc.Sum(t, parts, "offence subgroups = their total");
            foreach (var p in parts) denCell[cellRow[p]] = t;
        }

        AreaSums(pc, cells, levels, areas, parents, use);
        PeriodSums(pc, cells, periodList);
        var linked = SameCounts(pc, cells, use, s => indicators.Name(s / 2) + (s % 2 == 1 ? " denominator" : " count"), links ?? new HashSet<(string, string)>());

        // A measure built on a base indicator (a Gini, an SII) shows the base's events: hidden wherever the base is.
        for (var i = 0; i < n; i++)
        {
            if (countCell[i] < 0 || meta.GetValueOrDefault(rows[i].IndicatorId)?.Base is not { } b || !indicators.TryId(b, out var bi)) continue;
            var v = rows[i];
            var key = new Key(bi * 2, levels.Id(v.Level), areas.Id(v.AreaCode), periods[(v.PeriodType, v.PeriodStart, v.PeriodEnd)], 0);
            if (cells.TryGetValue(key, out var baseCell)) pc.Implies(baseCell, countCell[i]);
        }

        return new Built(pc, countCell, denCell, cellRow.ToArray(), cellIsDen.ToArray(), linked);
    }

    private static void AreaSums(PublishedCounts pc, Dictionary<Key, int> cells, Intern levels, Intern areas,
        IReadOnlyDictionary<(string Child, string Parent), Dictionary<string, string>> parents, Use use)
    {
        foreach (var ((child, parent), map) in parents.OrderBy(p => p.Key.Child, StringComparer.Ordinal).ThenBy(p => p.Key.Parent, StringComparer.Ordinal))
        {
            if (!levels.TryId(child, out var cl) || !levels.TryId(parent, out var pl)) continue;
            var parentOf = new Dictionary<int, int>();
            var children = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (c, p) in map)
            {
                children[p] = children.GetValueOrDefault(p) + 1;
                if (areas.TryId(c, out var ca)) parentOf[ca] = areas.Id(p);
            }
            var groups = new Dictionary<int, (string Parent, List<int> Cells)>();
            foreach (var (key, cell) in cells)
            {
                if (key.Level != cl || !parentOf.TryGetValue(key.Area, out var pa)) continue;
                if (!cells.TryGetValue(key with { Level = pl, Area = pa }, out var pcell)) continue;
                if (!groups.TryGetValue(pcell, out var g)) groups[pcell] = g = (areas.Name(pa), []);
                g.Cells.Add(cell);
            }
            foreach (var (pcell, (pa, list)) in groups.OrderBy(g => g.Key))
            {
                // The attack only uses a sum whose every child is published; suppression protects any it might use.
                if (use == Use.Audit && list.Count != children.GetValueOrDefault(pa)) continue;
                list.Sort();
                pc.Sum(pcell, list, $"{parent} = its {child}s");
            }
        }
    }

    private static void PeriodSums(PublishedCounts pc, Dictionary<Key, int> cells, List<(string Type, DateOnly Start, DateOnly End)> periods)
    {
        // Tilings are found once on the distinct periods, then used for every series and area.
        var tilings = new List<int[]>[periods.Count];
        var byType = periods.Select((p, i) => (p, i)).GroupBy(x => x.p.Type).ToDictionary(g => g.Key, g => g.OrderBy(x => x.p.Start).ToList());
        for (var i = 0; i < periods.Count; i++)
        {
            tilings[i] = [];
            var (type, start, end) = periods[i];
            foreach (var (other, list) in byType)
            {
                if (other == type) continue;
                var inside = list.Where(x => x.p.Start >= start && x.p.End <= end).ToList();
                if (inside.Count == 0 || inside[0].p.Start != start) continue;
                var ok = true;
                for (var k = 1; k < inside.Count && ok; k++) ok = inside[k].p.Start == inside[k - 1].p.End.AddDays(1);
                if (!ok || inside[^1].p.End != end) continue;
                // The same dates under two types are one count: record that once, from the type that sorts first.
                if (inside.Count == 1 && string.CompareOrdinal(type, other) > 0) continue;
                tilings[i].Add(inside.Select(x => x.i).ToArray());
            }
        }
        if (tilings.All(t => t.Count == 0)) return;
        foreach (var (key, cell) in cells.OrderBy(c => c.Value))
        {
            foreach (var tiling in tilings[key.Period])
            {
                var parts = new List<int>(tiling.Length);
                foreach (var p in tiling)
                {
                    if (!cells.TryGetValue(key with { Period = p }, out var part)) break;
                    parts.Add(part);
                }
                if (parts.Count == tiling.Length) pc.Sum(cell, parts, tiling.Length == 1 ? "same dates" : "period = periods inside it");
            }
        }
    }

    private static HashSet<(string, string)> SameCounts(PublishedCounts pc, Dictionary<Key, int> cells, Use use, Func<int, string> seriesName, IReadOnlySet<(string, string)> extra)
    {
        var values = pc.Values;
        var byPlace = new Dictionary<Place, List<(int Series, int Cell)>>();
        var maxSeries = 0;
        foreach (var (key, cell) in cells)
        {
            var place = new Place(key.Level, key.Area, key.Period, key.Breakdown);
            if (!byPlace.TryGetValue(place, out var list)) byPlace[place] = list = [];
            list.Add((key.Series, cell));
            maxSeries = Math.Max(maxSeries, key.Series + 1);
        }
        var equal = new long[maxSeries, maxSeries];
        var both = new long[maxSeries, maxSeries];
        foreach (var list in byPlace.Values)
        {
            for (var a = 0; a < list.Count; a++)
            {
                if (values[list[a].Cell] is not { } va) continue;
                for (var b = a + 1; b < list.Count; b++)
                {
                    if (values[list[b].Cell] is not { } vb || (va == 0 && vb == 0)) continue;
                    var (x, y) = list[a].Series < list[b].Series ? (list[a].Series, list[b].Series) : (list[b].Series, list[a].Series);
                    both[x, y]++;
                    if (va == vb) equal[x, y]++;
                }
            }
        }
        // Suppression links columns that agree nearly everywhere (a reader who guesses they are equal is right almost
        // always); the attack only trusts columns that agree wherever both are shown.
        var link = new int[maxSeries];
        var linked = new HashSet<(string, string)>();
        for (var s = 0; s < maxSeries; s++) link[s] = s;
        int Find(int s) => link[s] == s ? s : link[s] = Find(link[s]);
        for (var x = 0; x < maxSeries; x++)
        {
            for (var y = x + 1; y < maxSeries; y++)
            {
                var same = use == Use.Protect
                    ? equal[x, y] >= 1 && equal[x, y] * 10 >= both[x, y] * 9
                    : both[x, y] >= 3 && equal[x, y] == both[x, y];
                var (nx, ny) = (seriesName(x), seriesName(y));
                if (!same && !extra.Contains((nx, ny)) && !extra.Contains((ny, nx))) continue;
                linked.Add(string.CompareOrdinal(nx, ny) < 0 ? (nx, ny) : (ny, nx));
                var (fx, fy) = (Find(x), Find(y));
                if (fx != fy) link[Math.Max(fx, fy)] = Math.Min(fx, fy);
            }
        }
        foreach (var list in byPlace.Values)
        {
            if (list.Count < 2) continue;
            list.Sort();
            var first = new Dictionary<int, (int Series, int Cell)>();
            foreach (var (series, cell) in list)
            {
                var root = Find(series);
                if (first.TryGetValue(root, out var prev)) pc.Sum(prev.Cell, [cell], $"same count as {seriesName(prev.Series)} = {seriesName(series)}");
                first[root] = (series, cell);
            }
        }
        return linked;
    }

    private sealed class Intern
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _names = [];

        public int Id(string s)
        {
            if (!_ids.TryGetValue(s, out var id))
            {
                _ids[s] = id = _names.Count;
                _names.Add(s);
            }
            return id;
        }

        public bool TryId(string s, out int id) => _ids.TryGetValue(s, out id);

        public string Name(int id) => _names[id];
    }
}
