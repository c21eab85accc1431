using System.Text;

namespace NeedsAssessment.Report;

/// <summary>
/// A table cell: its text, and whether it is a count of people or events (so the small-number rule applies and tests
/// can find it). A cell that shows a value over its interval (<see cref="Lower"/>, <see cref="Upper"/>) or a comparison
/// (<see cref="Symbol"/>, <see cref="Trend"/>) carries the parts; the table template lays them out.
/// </summary>
internal sealed record HtmlCell(string Text, string? Class = null, string? Title = null)
{
    public static implicit operator HtmlCell(string text) => new(text);

    /// <summary>
    /// How the template lays the cell out: null for its text alone, "value" for the value with its interval under it,
    /// "comparison" for the value with its comparison and trend under it.
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>Lower limit printed under the value, or null.</summary>
    public string? Lower { get; init; }

    /// <summary>Upper limit printed under the value.</summary>
    public string? Upper { get; init; }

    /// <summary>True when the limits are joined by a dash rather than "to" (neither is negative).</summary>
    public bool Dash { get; init; }

    /// <summary>A comparison's symbol and word (e.g. "▲ worse"), printed under the value, or null.</summary>
    public string? Symbol { get; init; }

    /// <summary>A recent trend's arrow and word (e.g. "↑ rising"), or null.</summary>
    public string? Trend { get; init; }

    /// <summary>The trend's word alone, for its tooltip.</summary>
    public string? TrendWord { get; init; }

    /// <summary>The trend's style class (trend-worse, trend-better, trend-neutral).</summary>
    public string? TrendClass { get; init; }
}

/// <summary>A column heading; a column whose every cell is a number is right-aligned, heading included.</summary>
internal sealed record HtmlHeader(string Text, bool Numeric);

/// <summary>A table as the <c>table</c> template draws it.</summary>
internal sealed record HtmlTable(IReadOnlyList<HtmlHeader> Headers, IReadOnlyList<IReadOnlyList<HtmlCell>> Rows, string? Caption, string? CssClass);

/// <summary>
/// Builds the report's tables. A count arrives already suppressed by the stage that published it: null is a hidden
/// count, printed "*"; the report hides nothing of its own.
/// </summary>
internal static class HtmlTables
{
    /// <summary>A count cell: "*" when its stage hid it (null, or <paramref name="hidden"/>).</summary>
    public static HtmlCell Count(long? value, bool hidden = false) =>
        value is null || hidden ? new HtmlCell(ReportFormat.Hidden, "n count hidden") : new HtmlCell(ReportFormat.Count(value.Value), "n count");

    /// <summary>A number that is not a count of people or events (a rate, a share, a file's row total).</summary>
    public static HtmlCell Number(string text) => new(text, "n");

    /// <summary>The table's view: headings (numeric where every cell of the column is a number) and rows.</summary>
    public static HtmlTable Of(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<HtmlCell>> rows, string? caption = null, string? cssClass = null)
    {
        var list = rows.ToList();
        var numeric = headers.Select((h, i) => new HtmlHeader(h, i > 0 && list.Count > 0 && list.All(r => i < r.Count && r[i].Class?.StartsWith('n') == true))).ToList();
        return new HtmlTable(numeric, list, caption, cssClass);
    }

    /// <summary>Appends the table as the <c>table</c> template renders it (for chapters still written as text).</summary>
    public static void Table(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<HtmlCell>> rows, string? caption = null, string? cssClass = null) =>
        sb.Append(ReportTemplates.Render("table", Of(headers, rows, caption, cssClass)));
}
