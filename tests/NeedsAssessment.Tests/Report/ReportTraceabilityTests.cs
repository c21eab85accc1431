using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The report is a view: every number in the rendered demo report's prevalence, severity and impact tables (the
/// indicator matrices, the full tables and the offence mix) is a value of a row of a published result table
/// (<c>indicator_values_export</c> or a <c>descriptive_*</c> table), to the precision printed.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed partial class ReportTraceabilityTests(ReportFixture fixture)
{
    [Fact]
    public void Every_number_in_the_prevalence_tables_is_a_value_of_a_published_result_row()
    {
        var html = File.ReadAllText(Path.Combine(fixture.Demo.Run.OutputFolder, AssessmentReport.FileName));
        var start = html.IndexOf("<section id=\"prevalence\">", StringComparison.Ordinal);
        Assert.True(start > 0, "The report has no prevalence section.");
        // The tables come before the section's charts; the charts' own data tables are drawn from the same rows.
        var end = html.IndexOf("<h3>Charts</h3>", start, StringComparison.Ordinal);
        Assert.True(end > start);
        var section = html[start..end];

        var published = PublishedNumbers();
        Assert.NotEmpty(published);
        var numbers = 0;
        var untraced = new List<string>();
        foreach (Match cell in NumericCell().Matches(section))
        {
            var text = WebUtility.HtmlDecode(Tags().Replace(cell.Groups[1].Value, " ")).Replace('\u2212', '-');
            foreach (Match m in NumberToken().Matches(text))
            {
                numbers++;
                var token = m.Value;
                var value = double.Parse(token.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
                var dot = token.IndexOf('.', StringComparison.Ordinal);
                var decimals = dot < 0 ? 0 : token.Length - dot - 1;
                var tolerance = 0.5 * Math.Pow(10, -decimals) + 1e-9;
                if (!Traced(published, value, tolerance)) untraced.Add($"{token} in \"{text.Trim()}\"");
            }
        }
        Assert.True(numbers > 50, $"Only {numbers} numbers found in the prevalence tables: the test is not reading them.");
        Assert.True(untraced.Count == 0, $"{untraced.Count} of {numbers} numbers are in no published row, e.g. {string.Join("; ", untraced.Take(10))}");
    }

    private static bool Traced(double[] published, double value, double tolerance)
    {
        // Shown as printed (a count, a rate) or, for a share held as a fraction, as a percentage.
        foreach (var candidate in new[] { value, value / 100 })
        {
            var t = candidate == value ? tolerance : tolerance / 100;
            var i = Array.BinarySearch(published, candidate - t);
            if (i < 0) i = ~i;
            if (i < published.Length && published[i] <= candidate + t) return true;
        }
        return false;
    }

    /// <summary>Every numeric value of every row of the published indicator values and the descriptive tables, sorted.</summary>
    private double[] PublishedNumbers()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var values = new List<double>();
        foreach (var table in DescriptiveTables.All.Prepend(IndicatorTable.ExportName))
        {
            foreach (var row in store.Query($"SELECT * FROM {table}", r =>
                     {
                         var v = new List<double>();
                         for (var i = 0; i < r.FieldCount; i++)
                         {
                             if (r.IsDBNull(i)) continue;
                             var o = r.GetValue(i);
                             if (o is long or int or short or byte or double or float or decimal or ulong or uint)
                                 v.Add(Convert.ToDouble(o, CultureInfo.InvariantCulture));
                             else if (o is System.Numerics.BigInteger b) v.Add((double)b);
                         }
                         return v;
                     }))
                values.AddRange(row.Where(double.IsFinite));
        }
        values.Sort();
        return values.ToArray();
    }

    [GeneratedRegex("<td[^>]*class=\"n[^\"]*\"[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex NumericCell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"(?<![\d.,])[-+]?\d[\d,]*(\.\d+)?")]
    private static partial Regex NumberToken();
}
