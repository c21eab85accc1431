using System.Globalization;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The report and the workbook are views: every number in the rendered demo report's tables and figure data tables,
/// section by section, is a value of a row of a result table that section reads (to the precision printed), and every
/// number in the workbook is a value of a published indicator row. See <see cref="ReportTrace"/>.
/// </summary>
public sealed class ReportTraceabilityTests(ReportFixture fixture, ReportTraceabilityTests.DemoTrace trace) : IClassFixture<ReportFixture>, IClassFixture<ReportTraceabilityTests.DemoTrace>
{
    /// <summary>
    /// The demo report's untraced numbers, joined once for the class: the first two tests both need them (the second as
    /// the unchanged report its changed copy is compared with), and the join reads every result table.
    /// </summary>
    public sealed class DemoTrace
    {
        private Lazy<(List<ReportTrace.Printed> Untraced, int Numbers)>? _untraced;

        /// <summary>The result rows the join read from the demo's store, indexed: a changed copy of the report is joined with them.</summary>
        internal ReportTrace.SourceRows Rows { get; } = new();

        internal (List<ReportTrace.Printed> Untraced, int Numbers) Of(string html, string storePath)
        {
            _untraced ??= new(() =>
            {
                using var store = AssessmentStore.Open(storePath, readOnly: true);
                return (ReportTrace.Untraced(html, store, Rows, out var numbers), numbers);
            });
            return _untraced.Value;
        }
    }

    private string Html => File.ReadAllText(Path.Combine(fixture.Demo.Run.OutputFolder, AssessmentReport.FileName));

    [Fact]
    public void Every_number_in_the_demo_reports_tables_and_figure_data_is_a_value_of_a_result_row()
    {
        var (untraced, numbers) = trace.Of(Html, fixture.StorePath);
        var sections = ReportTrace.Numbers(Html).GroupBy(n => n.Section).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(sections.GetValueOrDefault("justice") > 5, $"Only {sections.GetValueOrDefault("justice")} numbers found in the justice outcomes section.");
        foreach (var s in new[] { "priorities", "prevalence", "comparisons", "where", "when", "who", "model", "data" })
            Assert.True(sections.GetValueOrDefault(s) > 10, $"Only {sections.GetValueOrDefault(s)} numbers found in section {s}: the test is not reading it.");
        Assert.True(untraced.Count == 0, $"{untraced.Count} of {numbers} numbers are in no result row, e.g.\n{string.Join("\n", untraced.Take(15).Select(u => $"{u.Section}: {u.Token} in \"{u.Cell}\""))}");
    }

    [Fact]
    public void A_value_changed_beside_its_interval_in_the_report_is_found_untraced()
    {
        var html = Html;
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        // A prevalence matrix cell: the value in a span, its 95% interval below it.
        var match = System.Text.RegularExpressions.Regex.Match(html[html.IndexOf("<section id=\"prevalence\">", StringComparison.Ordinal)..],
            @"<span>(?<v>\d+\.\d)</span><br><small>");
        Assert.True(match.Success, "No matrix cell with an interval in the prevalence section.");
        var value = match.Groups["v"].Value;
        var changed = (double.Parse(value, CultureInfo.InvariantCulture) + 0.1).ToString("0.0", CultureInfo.InvariantCulture);
        var at = html.IndexOf(match.Value, html.IndexOf("<section id=\"prevalence\">", StringComparison.Ordinal), StringComparison.Ordinal);
        var mutated = html[..at] + match.Value.Replace(value, changed, StringComparison.Ordinal) + html[(at + match.Value.Length)..];

        Assert.Empty(trace.Of(html, fixture.StorePath).Untraced);
        // Joined with the rows the unchanged report's join read from the same store (no table read and sorted again).
        var untraced = ReportTrace.Untraced(mutated, store, trace.Rows, out _);
        Assert.Contains(untraced, u => u.Token == changed);
    }

    [Fact]
    public void Every_number_in_the_demo_workbook_is_a_value_of_a_published_indicator_row_and_every_sheet_has_rows()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        // The demo's indicators.xlsx, read once for this class and the read-back tests.
        var untraced = ReportTrace.UntracedWorkbookCells(fixture.DemoWorkbook, store, out var cells, out var rows);
        Assert.True(cells > 1000, $"Only {cells} numeric cells read.");
        Assert.All(rows, kv => Assert.True(kv.Value > 0, $"Sheet {kv.Key} has no rows."));
        Assert.True(untraced.Count == 0, $"{untraced.Count} of {cells} workbook cells are in no published row, e.g. {string.Join("; ", untraced.Take(10))}");
    }
}

/// <summary>The same joins on the real example (police.uk files only, national and regional reference files as published).</summary>
[Collection(RealExampleCollection.Name)]
public sealed class RealExampleTraceabilityTests(RealExampleFixture fixture)
{
    [Fact]
    public void Every_number_in_the_real_examples_report_is_a_value_of_a_result_row_and_it_has_prevalence_severity_and_impact_tables()
    {
        var html = File.ReadAllText(Path.Combine(fixture.Run.OutputFolder, AssessmentReport.FileName));
        using var store = AssessmentStore.Open(fixture.Run.StorePath, readOnly: true);
        var untraced = ReportTrace.Untraced(html, store, out var numbers);
        var prevalence = ReportTrace.Numbers(html).Count(n => n.Section == "prevalence");
        Assert.True(prevalence > 50, $"Only {prevalence} numbers in the prevalence section.");
        foreach (var domain in new[] { "prevalence", "severity", "impact" })
            Assert.Contains($"Full {domain} table", html, StringComparison.Ordinal);
        Assert.True(untraced.Count == 0, $"{untraced.Count} of {numbers} numbers are in no result row, e.g.\n{string.Join("\n", untraced.Take(15).Select(u => $"{u.Section}: {u.Token} in \"{u.Cell}\""))}");
    }

    [Fact]
    public void Every_number_in_the_real_examples_workbook_is_a_value_of_a_published_indicator_row_and_every_sheet_has_rows()
    {
        using var store = AssessmentStore.Open(fixture.Run.StorePath, readOnly: true);
        var untraced = ReportTrace.UntracedWorkbookCells(Path.Combine(fixture.Run.OutputFolder, IndicatorWorkbook.FileName), store, out var cells, out var rows);
        Assert.True(cells > 100, $"Only {cells} numeric cells read.");
        Assert.All(rows, kv => Assert.True(kv.Value > 0, $"Sheet {kv.Key} has no rows."));
        Assert.True(untraced.Count == 0, $"{untraced.Count} of {cells} workbook cells are in no published row, e.g. {string.Join("; ", untraced.Take(10))}");
    }
}
