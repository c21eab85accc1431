using System.Text;

namespace NeedsAssessment.Report;

/// <summary>A table cell: its text, and whether it is a count of people or events (so the small-number rule applies and tests can find it).</summary>
internal readonly record struct HtmlCell(string Text, string? Class = null, string? Title = null)
{
    public static implicit operator HtmlCell(string text) => new(text);
}

/// <summary>Writes HTML tables and counts with the small-number rule applied at the point of printing.</summary>
internal sealed class HtmlTables(SmallNumberRule rule)
{
    public SmallNumberRule Rule => rule;

    /// <summary>A count cell: hidden as "*" when the rule says so.</summary>
    public HtmlCell Count(long? value, bool hidden = false) =>
        value is null || hidden || rule.Hides(value.Value) ? new HtmlCell(ReportFormat.Hidden, "n count hidden") : new HtmlCell(ReportFormat.Count(value.Value), "n count");

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

    /// <summary>
    /// Hides cells of a count grid with row and column totals: primary by the rule, then secondary until no row or
    /// column has exactly one hidden cell (the smallest positive visible cell is hidden next), so totals give nothing away.
    /// </summary>
    public bool[,] SuppressGrid(long[,] grid)
    {
        var rows = grid.GetLength(0);
        var cols = grid.GetLength(1);
        var hidden = new bool[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                hidden[r, c] = rule.Hides(grid[r, c]);
        if (rule.HideTo == 0) return hidden;
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r < rows; r++)
                changed |= HideSecond(Enumerable.Range(0, cols).Select(c => (r, c)).ToList());
            for (var c = 0; c < cols; c++)
                changed |= HideSecond(Enumerable.Range(0, rows).Select(r => (r, c)).ToList());
        }
        while (changed);
        return hidden;

        bool HideSecond(List<(int R, int C)> line)
        {
            if (line.Count(p => hidden[p.R, p.C]) != 1) return false;
            var candidates = line.Where(p => !hidden[p.R, p.C] && grid[p.R, p.C] > 0).OrderBy(p => grid[p.R, p.C]).ThenBy(p => p.R).ThenBy(p => p.C).ToList();
            if (candidates.Count == 0) return false;
            hidden[candidates[0].R, candidates[0].C] = true;
            return true;
        }
    }
}
