using NeedsAssessment.Indicators;

namespace NeedsAssessment.Descriptives;

/// <summary>One published count of a descriptive table, placed in the sums it is published beside.</summary>
/// <param name="Level">Its place in the table's nesting: "cell", or a margin such as "row", "column" or "total".</param>
/// <param name="Code">Its key within the level.</param>
/// <param name="Count">The raw count (null when there is none to publish).</param>
internal sealed record DescriptiveCell(string Level, string Code, long? Count);

/// <summary>
/// Hands descriptive tables to the one suppression home, <see cref="SmallNumberSuppression"/>, under the same
/// policy as the indicator export: each table is posed as one disclosive "indicator" whose cells nest in their
/// margins (a cross-table's cells in its row and column totals, those in the grand total), so primary and
/// secondary suppression are exactly the export's.
/// </summary>
internal static class DescriptiveSuppression
{
    private static readonly DateOnly Day = new(2000, 1, 1);

    /// <summary>Which cells are hidden, in the order given.</summary>
    /// <param name="table">Table id (only names the pseudo-indicator).</param>
    /// <param name="cells">Cells and margins.</param>
    /// <param name="nesting">For each (child level, parent level), child code to parent code.</param>
    /// <param name="policy">Small-number policy.</param>
    public static bool[] Hidden(string table, IReadOnlyList<DescriptiveCell> cells, IReadOnlyDictionary<(string Child, string Parent), Dictionary<string, string>> nesting, SuppressionPolicy policy)
    {
        var rows = cells.Select(c => new IndicatorValue
        {
            IndicatorId = table, Domain = "descriptive", Level = c.Level, AreaCode = c.Code, PeriodType = "descriptive",
            PeriodStart = Day, PeriodEnd = Day, Count = c.Count, Multiplier = 1, Method = "none",
            Comparison95 = "not compared", Comparison998 = "not compared",
        }).ToList();
        var meta = new Dictionary<string, IndicatorMeta> { [table] = new IndicatorMeta(table, "none", true, null, false) };
        var result = SmallNumberSuppression.Decide(rows, policy, meta, nesting).Rows;
        return result.Select(r => r.Suppressed).ToArray();
    }

    /// <summary>A list of counts published beside their total: each cell nests in "total" (the total itself is the last cell when given).</summary>
    public static bool[] OneWay(string table, IReadOnlyList<long?> counts, long? total, SuppressionPolicy policy)
    {
        var cells = counts.Select((c, i) => new DescriptiveCell("cell", i.ToString(System.Globalization.CultureInfo.InvariantCulture), c)).ToList();
        var nesting = new Dictionary<(string, string), Dictionary<string, string>>
        {
            [("cell", "total")] = cells.ToDictionary(c => c.Code, _ => "all"),
        };
        cells.Add(new DescriptiveCell("total", "all", total));
        return Hidden(table, cells, nesting, policy)[..counts.Count];
    }

    /// <summary>Counts published on their own (no sum of them is published): primary suppression only.</summary>
    public static bool[] Each(string table, IReadOnlyList<long?> counts, SuppressionPolicy policy) =>
        Hidden(table, counts.Select((c, i) => new DescriptiveCell("cell", i.ToString(System.Globalization.CultureInfo.InvariantCulture), c)).ToList(),
            new Dictionary<(string, string), Dictionary<string, string>>(), policy);
}
