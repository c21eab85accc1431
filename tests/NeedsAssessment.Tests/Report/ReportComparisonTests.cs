using System.Text.RegularExpressions;
using NeedsAssessment.Indicators;
using NeedsAssessment.Report;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The priorities section, the Fingertips-style comparisons (polarity, symbols as well as colours, trend arrows from
/// indicator_trends), the other spatial analyses and the forecasts for every district, on the demo report.
/// </summary>
public sealed partial class ReportComparisonTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private string Html => File.ReadAllText(Path.Combine(fixture.Demo.Run.OutputFolder, AssessmentReport.FileName));

    private static string Section(string html, string id)
    {
        var m = Regex.Match(html, $"<section id=\"{id}\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(m.Success, $"No section {id}.");
        return m.Groups[1].Value;
    }

    [Fact]
    public void The_priorities_section_comes_after_the_key_findings_and_names_a_result_table_for_every_line()
    {
        var html = Html;
        Assert.True(html.IndexOf("<section id=\"findings\">", StringComparison.Ordinal) < html.IndexOf("<section id=\"priorities\">", StringComparison.Ordinal));
        var body = Section(html, "priorities");
        var rows = Regex.Matches(body, "<tr><th scope=\"row\">(?<q>[^<]+)</th>(?<rest>.*?)</tr>", RegexOptions.Singleline);
        Assert.True(rows.Count >= 4, $"Only {rows.Count} priority lines.");
        var questions = rows.Select(r => r.Groups["q"].Value).ToHashSet();
        foreach (var q in new[] { "Where", "Who", "When", "Which offences" }) Assert.Contains(q, questions);
        var tables = new[] { IndicatorTable.ExportName, "hotspot_top", "descriptive_" };
        Assert.All(rows, r => Assert.Contains(tables, t => r.Groups["rest"].Value.Contains(t, StringComparison.Ordinal)));
        // Findings, not instructions.
        Assert.DoesNotMatch(new Regex(@"\b(should|must)\b", RegexOptions.IgnoreCase), Regex.Replace(body, "<[^>]+>", " "));
    }

    [Fact]
    public void Every_comparison_cell_says_its_judgement_in_words_and_symbols_as_well_as_colour()
    {
        var body = Section(Html, "comparisons");
        var cells = Regex.Matches(body, "<td class=\"n rag-(?<j>[a-z-]+)\"[^>]*>(?<text>.*?)</td>", RegexOptions.Singleline);
        Assert.True(cells.Count > 50, $"Only {cells.Count} comparison cells.");
        foreach (Match c in cells)
        {
            var j = c.Groups["j"].Value.Replace('-', ' ');
            var text = c.Groups["text"].Value;
            if (text is "*" or "-") continue;
            Assert.Contains(j, text, StringComparison.Ordinal);
            Assert.Matches("[▲▼●–]", text);
        }
        Assert.Contains(cells, c => c.Groups["j"].Value == "worse");
        Assert.Contains(cells, c => c.Groups["j"].Value == "better");
    }

    [Fact]
    public void Trend_arrows_follow_the_indicator_stages_trends_and_each_direction_agrees_with_its_interval()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var trends = IndicatorTrendTable.Read(store);
        Assert.NotEmpty(trends);
        Assert.All(trends, t =>
        {
            Assert.True(t.Periods <= IndicatorTrendTable.RecentPeriods);
            var expected = t.PercentChangePerYear is null ? IndicatorTrendRow.NotCalculated
                : t.Lower95 > 0 ? IndicatorTrendRow.Increasing : t.Upper95 < 0 ? IndicatorTrendRow.Decreasing : IndicatorTrendRow.NoChange;
            Assert.Equal(expected, t.Direction);
        });
        var partnership = trends.FirstOrDefault(t => t.IndicatorId == "sv_rate" && t.Level == "partnership");
        Assert.NotNull(partnership);
        var arrow = partnership.Direction switch { IndicatorTrendRow.Increasing => "↑", IndicatorTrendRow.Decreasing => "↓", IndicatorTrendRow.NoChange => "→", _ => "·" };
        var row = Regex.Match(Section(Html, "comparisons"), "<tr><th scope=\"row\">Serious violence offences per 1,000 residents a year</th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success);
        var firstCell = Regex.Match(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(arrow, firstCell, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hot_spot_evaluation_table_holds_the_parameters_pai_and_rri_and_the_report_shows_the_maps_and_every_districts_forecast()
    {
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var stage = HotspotAnalysis.Read(store);
        var evaluation = HotspotAnalysis.ReadEvaluation(store);
        if (stage.Parameters?.Evaluation is { } e)
        {
            var row = Assert.Single(evaluation);
            Assert.Equal(e.PaiNext, row.PaiNext!.Value, 9);
            Assert.Equal(e.Rri, row.Rri!.Value, 9);
        }
        else Assert.Empty(evaluation);
        var html = Html;
        var where = Section(html, "where");
        // Each analysis is drawn when the stage ran it, and otherwise says why not.
        Assert.Contains(stage.Of("lisa").Any() ? "clusters and outliers of serious violence by neighbourhood" : "Not drawn: the local Moran map", where, StringComparison.Ordinal);
        Assert.Contains(stage.Of("kde").Any() ? "Kernel density of serious violence" : "Not drawn: the density surface", where, StringComparison.Ordinal);
        Assert.Contains(evaluation.Count > 0 ? "PAI (next year)" : "Not computed: PAI and RRI", where, StringComparison.Ordinal);
        var model = Section(html, "model");
        var districts = store.Query("SELECT count(DISTINCT district_code) FROM forecasts WHERE kind = 'forecast'", r => r.GetInt64(0)).Single();
        Assert.Equal(districts, Regex.Matches(model, "serious violence per month and 12-month forecast\\.</strong>").Count);
    }
}
