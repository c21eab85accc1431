using System.Text;

namespace NeedsAssessment.Report;

/// <summary>A table cell: its text, and whether it is a count of people or events (so the small-number rule applies and tests can find it).</summary>
internal readonly record struct HtmlCell(string Text, string? Class = null, string? Title = null)
{
    public static implicit operator HtmlCell(string text) => new(text);
}

/// <summary>
/// Writes HTML tables. A count arrives already suppressed by the stage that published it: null is a hidden count,
/// printed "*"; the report hides nothing of its own.
/// </summary>
internal static class HtmlTables
{
    /// <summary>A count cell: "*" when its stage hid it (null, or <paramref name="hidden"/>).</summary>
    public static HtmlCell Count(long? value, bool hidden = false) =>
        value is null || hidden ? new HtmlCell(ReportFormat.Hidden, "n count hidden") : new HtmlCell(ReportFormat.Count(value.Value), "n count");

    /// <summary>A number that is not a count of people or events (a rate, a share, a file's row total).</summary>
    public static HtmlCell Number(string text) => new(text, "n");

    public static void Table(StringBuilder sb, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<HtmlCell>> rows, string? caption = null, string? cssClass = null)
    {
        sb.Append("<div class=\"scroll\"><table").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append(">\n");
        if (caption is not null) sb.Append("<caption>").Append(ReportFormat.Html(caption)).Append("</caption>\n");
        var list = rows.ToList();
        // A column whose every cell is a number is right-aligned, heading included, so figures line up under it.
        var numeric = headers.Select((_, i) => i > 0 && list.Count > 0 && list.All(r => i < r.Count && r[i].Class?.StartsWith('n') == true)).ToArray();
        sb.Append("<thead><tr>");
        for (var i = 0; i < headers.Count; i++)
            sb.Append(numeric[i] ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">").Append(ReportFormat.Html(headers[i])).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in list)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var c = row[i];
                var tag = i == 0 ? "th scope=\"row\"" : "td";
                sb.Append('<').Append(tag);
                if (c.Class is not null) sb.Append(" class=\"").Append(c.Class).Append('"');
                if (c.Title is not null) sb.Append(" title=\"").Append(ReportFormat.Html(c.Title)).Append('"');
                sb.Append('>').Append(c.Text.StartsWith('<') ? c.Text : ReportFormat.Html(c.Text)).Append("</").Append(i == 0 ? "th" : "td").Append('>');
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
    }
}
