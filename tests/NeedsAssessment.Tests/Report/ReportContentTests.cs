using System.Globalization;
using System.Text.RegularExpressions;
using NeedsAssessment.Report;

namespace NeedsAssessment.Tests.Report;

public sealed partial class ReportContentTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void Report_has_every_section_heading_in_order()
    {
        var result = fixture.Report;
        var html = File.ReadAllText(result.HtmlPath);
        var positions = AssessmentReport.SectionHeadings.Select(h => html.IndexOf($">{System.Net.WebUtility.HtmlEncode(h)}</h2>", StringComparison.Ordinal)).ToList();
        Assert.All(positions.Zip(AssessmentReport.SectionHeadings), p => Assert.True(p.First > 0, $"Section '{p.Second}' is missing."));
        Assert.Equal(positions.OrderBy(p => p), positions);
        Assert.Equal(AssessmentReport.FileName, Path.GetFileName(result.HtmlPath));
    }

    [Fact]
    public void Methods_name_every_offence_code_in_the_records_whose_maximum_penalty_is_unsourced_without_counts()
    {
        using var store = NeedsAssessment.Store.AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var recall = store.Query("SELECT code FROM sv_penalty_recall WHERE records > 0 ORDER BY code", r => r.GetString(0));
        Assert.NotEmpty(recall);
        var html = File.ReadAllText(fixture.Report.HtmlPath);
        var item = System.Text.RegularExpressions.Regex.Match(html, "<li><strong>Unsourced maxima\\.</strong>([^<]*)</li>");
        Assert.True(item.Success, "no 'Unsourced maxima' item in the methods");
        Assert.StartsWith($" {recall.Count} offence code", item.Groups[1].Value, StringComparison.Ordinal);
        Assert.All(recall, code => Assert.Contains(System.Net.WebUtility.HtmlEncode(code) + " (", item.Groups[1].Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_writes_the_report_and_the_workbook_as_its_last_stage()
    {
        Assert.True(File.Exists(Path.Combine(fixture.Demo.Run.OutputFolder, AssessmentReport.FileName)));
        Assert.True(File.Exists(Path.Combine(fixture.Demo.Run.OutputFolder, IndicatorWorkbook.FileName)));
        Assert.Equal("report", fixture.Demo.Run.Manifest.Stages[^1].Name);
    }

    [Fact]
    public void Every_chart_has_alt_text_a_caption_and_a_data_table()
    {
        var html = File.ReadAllText(fixture.Report.HtmlPath);
        var figures = FigureRegex().Matches(html);
        Assert.True(figures.Count >= 9, $"Expected the ten charts, found {figures.Count} figures.");
        foreach (Match f in figures)
        {
            var body = f.Value;
            var alt = AltRegex().Match(body);
            Assert.True(alt.Success && alt.Groups[1].Value.Trim().Length > 20, "A chart has no alt text: " + body[..Math.Min(200, body.Length)]);
            Assert.Contains("<figcaption>", body, StringComparison.Ordinal);
            Assert.Matches("<details class=\"data\"><summary>Data table for figure \\d+</summary>\\s*<div class=\"scroll\"><table>", body);
            Assert.Matches("<tbody>\\s*<tr>", body);
        }
    }

    [Fact]
    public void Key_findings_quote_rates_with_their_intervals_in_plain_numbers()
    {
        var result = fixture.Report;
        Assert.NotEmpty(result.KeyFindings);
        Assert.Contains(result.KeyFindings, f => f.Contains("per 1,000 residents a year (95% CI ", StringComparison.Ordinal));
        Assert.Contains(result.KeyFindings, f => f.Contains("hot spot", StringComparison.Ordinal));
        var html = File.ReadAllText(result.HtmlPath);
        // Numbers of four or more digits carry a thousands separator wherever the report prints them as text.
        var text = TagRegex().Replace(DataUriRegex().Replace(html, ""), " ");
        Assert.DoesNotMatch(@"(?<![\w.,/-])\d{5,}(?![\w.,/-])", text.Replace("2020", "").Replace("2021", ""));
        // No raw SQL column names reach the reader.
        foreach (var column in new[] { "in_definition", "lsoa21_code", "sv_events", "max_penalty", "usual_residents" })
            Assert.DoesNotContain(column, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressed_cells_never_show_a_count_from_1_to_7()
    {
        var html = File.ReadAllText(fixture.SparseReport.HtmlPath);
        var counts = CountCellRegex().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(counts);
        Assert.Contains(ReportFormatHidden, counts);
        foreach (var c in counts.Where(c => !IsHiddenText(c)))
        {
            var n = long.Parse(c, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.False(n is >= 1 and <= 7, $"A count of {n} is shown.");
        }
    }

    [Fact]
    public void Without_suppression_small_counts_are_shown_and_the_report_says_not_to_publish()
        => WithoutSuppression();

    [Fact]
    public void A_report_asked_for_another_policy_than_its_stages_published_under_is_refused()
    {
        var e = Assert.Throws<UserErrorException>(() => fixture.WriteReport(fixture.StorePath, new ReportOptions { Suppression = NeedsAssessment.Indicators.SuppressionPolicy.Fingertips }));
        Assert.Contains("suppressed under 'nhs'", e.Message, StringComparison.Ordinal);
    }

    private void WithoutSuppression()
    {
        // The stages publish under one policy; an internal copy is made by running them again with none.
        var copy = Path.Combine(fixture.NewFolder(), "assessment.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(fixture.SparseStorePath, copy);
        if (File.Exists(fixture.SparseStorePath + ".wal")) File.Copy(fixture.SparseStorePath + ".wal", copy + ".wal");
        using (var store = NeedsAssessment.Store.AssessmentStore.Open(copy))
        {
            NeedsAssessment.Indicators.IndicatorExport.Write(store, Path.Combine(Path.GetDirectoryName(copy)!, "indicators"), NeedsAssessment.Indicators.SuppressionPolicy.None);
            NeedsAssessment.Descriptives.DescriptiveStage.Run(store, new NeedsAssessment.Descriptives.DescriptiveOptions { Suppression = NeedsAssessment.Indicators.SuppressionPolicy.None });
        }
        var html = File.ReadAllText(fixture.WriteReport(copy, new ReportOptions { Suppression = NeedsAssessment.Indicators.SuppressionPolicy.None }).HtmlPath);
        var counts = CountCellRegex().Matches(html).Select(m => m.Groups[1].Value).Where(c => !IsHiddenText(c))
            .Select(c => long.Parse(c, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Contains(counts, n => n is >= 1 and <= 7);
        Assert.Contains("must not be published", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_store_gives_a_byte_identical_report()
    {
        // The shared report is one write; this is a second.
        var first = File.ReadAllBytes(fixture.Report.HtmlPath);
        var second = File.ReadAllBytes(fixture.WriteReport(fixture.StorePath).HtmlPath);
        Assert.Equal(first.Length, second.Length);
        Assert.True(first.AsSpan().SequenceEqual(second), "Two writes of the same store differ.");
    }

    [Fact]
    public void Report_is_self_contained_with_no_external_references_or_scripts()
    {
        var html = File.ReadAllText(fixture.Report.HtmlPath);
        Assert.DoesNotMatch("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", html);
        Assert.DoesNotMatch("(?i)url\\(\\s*[\"']?(https?:)?//", html);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("<img src=\"data:image/png;base64,", html);
    }

    private const string ReportFormatHidden = "*";

    private static bool IsHiddenText(string text) =>
        text is ReportFormatHidden or NeedsAssessment.Charts.ChartDataTable.SuppressedText or NeedsAssessment.Charts.ChartDataTable.MissingText || text.Length == 0;

    [GeneratedRegex("<figure id=\"figure-\\d+\">.*?</figure>", RegexOptions.Singleline)]
    private static partial Regex FigureRegex();

    [GeneratedRegex("<img [^>]*alt=\"([^\"]*)\"")]
    private static partial Regex AltRegex();

    [GeneratedRegex("<td class=\"n count(?: hidden)?\">([^<]*)</td>")]
    private static partial Regex CountCellRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("data:image/png;base64,[A-Za-z0-9+/=]+")]
    private static partial Regex DataUriRegex();
}
