namespace NeedsAssessment.Indicators;

/// <summary>
/// Primary and secondary suppression of indicator rows (the rule is documented on <see cref="IndicatorExport"/>).
/// </summary>
internal static class SmallNumberSuppression
{
    private const string BreakdownPrefix = "offence_subgroup=";

    internal static string? Breakdown(IndicatorValue v) =>
        v.Note is { } n && n.StartsWith(BreakdownPrefix, StringComparison.Ordinal) ? n[..(n.IndexOf(';', StringComparison.Ordinal) is var i and >= 0 ? i : n.Length)] : null;

    private static (string, string?, string, string, string, DateOnly) Key(IndicatorValue v, string? breakdown) =>
        (v.IndicatorId, breakdown, v.Level, v.AreaCode, v.PeriodType, v.PeriodStart);

    /// <param name="rows">Raw rows.</param>
    /// <param name="policy">Policy.</param>
    /// <param name="meta">Indicator facts by id; rows of unknown indicators are treated as disclosive.</param>
    /// <param name="parents">For each nested (child level, parent level) pair, child area code → parent area code.</param>
    internal static List<IndicatorValue> Apply(
        IReadOnlyList<IndicatorValue> rows,
        SuppressionPolicy policy,
        IReadOnlyDictionary<string, IndicatorMeta> meta,
        IReadOnlyDictionary<(string Child, string Parent), Dictionary<string, string>> parents)
    {
        var n = rows.Count;
        var reason = new string?[n];
        var breakdowns = rows.Select(Breakdown).ToArray();
        IndicatorMeta? Meta(int i) => meta.GetValueOrDefault(rows[i].IndicatorId);
        bool Disclosive(int i) => Meta(i)?.Disclosive ?? true;
        var primaryNote = $"suppressed: count {policy.HideFrom}-{policy.HideTo} ({policy.Name} policy)";
        const string secondaryNote = "suppressed (secondary): hidden so that another hidden count cannot be found by subtraction";

        for (var i = 0; i < n; i++)
        {
            if (!Disclosive(i)) continue;
            var v = rows[i];
            if ((v.Count is { } c && policy.Hides(c)) || (Meta(i)?.CountDenominator == true && v.Denominator is { } d && policy.Hides(d)))
                reason[i] = primaryNote;
        }

        if (policy.Secondary)
        {
            var index = new Dictionary<(string, string?, string, string, string, DateOnly), int>();
            for (var i = 0; i < n; i++) index.TryAdd(Key(rows[i], breakdowns[i]), i);
            var groups = new List<(int? Parent, List<int> Members)>();
            foreach (var ((child, parent), map) in parents)
            {
                var byParent = new Dictionary<(string, string?, string, string, string, DateOnly), List<int>>();
                for (var i = 0; i < n; i++)
                {
                    var v = rows[i];
                    if (v.Level != child || !Disclosive(i) || !map.TryGetValue(v.AreaCode, out var p)) continue;
                    var k = (v.IndicatorId, breakdowns[i], parent, p, v.PeriodType, v.PeriodStart);
                    if (!byParent.TryGetValue(k, out var list)) byParent[k] = list = [];
                    list.Add(i);
                }
                foreach (var (k, members) in byParent)
                    groups.Add((index.TryGetValue(k, out var pi) ? pi : null, members));
            }
            // Breakdowns of one area (offence subgroups) add up to the area's total, shown as their denominator.
            foreach (var g in Enumerable.Range(0, n).Where(i => breakdowns[i] is not null && Disclosive(i))
                         .GroupBy(i => (rows[i].IndicatorId, rows[i].Level, rows[i].AreaCode, rows[i].PeriodType, rows[i].PeriodStart)))
                groups.Add((null, g.ToList()));

            bool Hidden(int i) => reason[i] is not null || rows[i].Count is null;
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var (parent, members) in groups)
                {
                    if (members.Count(Hidden) != 1) continue;
                    var next = members.Where(i => !Hidden(i) && rows[i].Count > 0)
                        .OrderBy(i => rows[i].Count).ThenBy(i => rows[i].AreaCode, StringComparer.Ordinal).ThenBy(i => breakdowns[i], StringComparer.Ordinal)
                        .Select(i => (int?)i).FirstOrDefault();
                    if (next is { } s)
                    {
                        reason[s] = secondaryNote;
                        changed = true;
                        continue;
                    }
                    // Only zeros left visible: hiding a zero alone would not protect (total − visible still gives the
                    // hidden count), so the total itself is hidden, and a zero too so no group shows one hidden cell.
                    var zero = members.Where(i => !Hidden(i)).Select(i => (int?)i).FirstOrDefault();
                    if (zero is { } z)
                    {
                        reason[z] = secondaryNote;
                        changed = true;
                    }
                    if (parent is { } p && !Hidden(p))
                    {
                        reason[p] = secondaryNote;
                        changed = true;
                    }
                }
                // A measure built on another indicator shows the same events (e.g. a Gini's count is the area's
                // serious violence count), so it is hidden wherever its base is.
                for (var i = 0; i < n; i++)
                {
                    if (reason[i] is not null || Meta(i)?.Base is not { } b) continue;
                    var v = rows[i];
                    if (index.TryGetValue((b, null, v.Level, v.AreaCode, v.PeriodType, v.PeriodStart), out var bi) && reason[bi] is not null)
                    {
                        reason[i] = secondaryNote;
                        changed = true;
                    }
                }
            }
        }

        var result = new List<IndicatorValue>(n);
        for (var i = 0; i < n; i++)
        {
            var v = rows[i];
            if (reason[i] is { } why)
            {
                result.Add(v with
                {
                    Count = null,
                    Denominator = Meta(i)?.CountDenominator == true ? null : v.Denominator,
                    Value = null,
                    Lower95 = null,
                    Upper95 = null,
                    Lower998 = null,
                    Upper998 = null,
                    Comparison95 = "not compared",
                    Comparison998 = "not compared",
                    Suppressed = true,
                    // The offence subgroup stays visible so the row can still be identified.
                    Note = breakdowns[i] is { } bd ? $"{bd}; {why}" : why,
                });
                continue;
            }
            if (policy.DsrMinimumCount > 0 && Meta(i)?.Method == IndicatorMethods.Dsr && v.Count is { } c && c < policy.DsrMinimumCount && v.Value is not null)
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
        return result;
    }
}
