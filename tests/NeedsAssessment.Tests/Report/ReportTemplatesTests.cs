using System.Text.RegularExpressions;
using NeedsAssessment.Report;
using NeedsAssessment.Tests.Classify;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The report's layout lives in the Liquid templates, not in the code that fills them: a template in an override
/// folder changes the page and nothing else, values are HTML-encoded unless a template marks them raw, and no report
/// section's C# writes markup of its own.
/// </summary>
public sealed partial class ReportTemplatesTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    // A tag in a C# string literal: "<p>", "<td class=", "</section>".
    [GeneratedRegex("\"[^\"\\n]*</?(p|div|span|table|thead|tbody|tr|td|th|ul|ol|li|h[1-6]|section|figure|figcaption|img|details|summary|small|br|strong|caption|style|nav|header|footer|main|html|head|body)\\b[^\"\\n]*\"")]
    private static partial Regex MarkupLiteral();

    [Fact]
    public void A_findings_template_in_the_override_folder_changes_that_layout_and_keeps_every_other_byte_of_text()
    {
        var folder = fixture.NewFolder() + "-templates";
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "findings.liquid"), """
            <section id="{{ m.head.id }}" class="override">
            <h2>{{ m.head.heading }}</h2>
            <ol class="findings-override">{% for f in m.findings %}<li>{{ f }}</li>{% endfor %}</ol>
            </section>

            """);
        var shipped = File.ReadAllText(fixture.Report.HtmlPath);
        var changed = fixture.WriteReport(fixture.StorePath, new ReportOptions { Templates = folder });
        var html = File.ReadAllText(changed.HtmlPath);

        Assert.Contains("<ol class=\"findings-override\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ol class=\"findings-override\">", shipped, StringComparison.Ordinal);
        Assert.DoesNotContain("<ul class=\"findings\">", html[..html.IndexOf("<section id=\"priorities\"", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.NotEmpty(changed.KeyFindings);
        Assert.All(changed.KeyFindings, f => Assert.Contains("<li>" + System.Net.WebUtility.HtmlEncode(f) + "</li>", html, StringComparison.Ordinal));
        // Every other section is the shipped template's.
        static string After(string page) => page[page.IndexOf("<section id=\"priorities\"", StringComparison.Ordinal)..];
        Assert.Equal(Regex.Replace(After(shipped), "base64,[A-Za-z0-9+/=]+", ""), Regex.Replace(After(html), "base64,[A-Za-z0-9+/=]+", ""));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_a_user_error_naming_the_file_and_a_missing_folder_is_refused()
    {
        var folder = fixture.NewFolder() + "-broken";
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "methods.liquid"), "{% for i in m.items %}<li>{{ i.lead </li>");
        var ex = Assert.Throws<UserErrorException>(() => fixture.WriteReport(fixture.StorePath, new ReportOptions { Templates = folder }));
        Assert.Contains("methods.liquid", ex.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<UserErrorException>(() => fixture.WriteReport(fixture.StorePath, new ReportOptions { Templates = folder + "-absent" }));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_templates_in_the_assessment_file_is_a_folder_beside_it_and_a_missing_folder_is_an_error_with_its_line()
    {
        var dir = fixture.NewFolder();
        Directory.CreateDirectory(Path.Combine(dir, "layout"));
        var file = NeedsAssessment.Pipeline.AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\nreport_templates: layout\n", Path.Combine(dir, "a.yaml"));
        Assert.Equal(Path.Combine(dir, "layout"), file.ReportTemplates);
        Assert.Null(NeedsAssessment.Pipeline.AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\n", Path.Combine(dir, "b.yaml")).ReportTemplates);
        var ex = Assert.Throws<UserErrorException>(() => NeedsAssessment.Pipeline.AssessmentFile.Parse("inputs:\n  police-street: [a.csv]\nreport_templates: nowhere\n", Path.Combine(dir, "c.yaml")));
        Assert.Contains("c.yaml:3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_html_encoded_by_the_templates_and_a_table_cell_cannot_inject_markup()
    {
        var table = HtmlTables.Of(["Area <b>", "Offences"], [["<script>alert('x')</script> & co", HtmlTables.Count(12)]], caption: "A \"quoted\" caption");
        var html = ReportTemplates.Render("table", table);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Area &lt;b&gt;</th>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>A &quot;quoted&quot; caption</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n count\">12</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void No_report_section_writes_markup_in_its_CSharp()
    {
        var folder = Path.Combine(ClassifyFixture.RepoRoot(), "src", "NeedsAssessment", "Report");
        var offenders = Directory.EnumerateFiles(folder, "*.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && MarkupLiteral().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}").ToList();
        Assert.True(offenders.Count == 0, "markup belongs in Report/Templates/*.liquid:\n" + string.Join("\n", offenders));
        // The check itself finds markup where there is some.
        Assert.Matches(MarkupLiteral(), "sb.Append(\"<p class=\\\"note\\\">\");");
        Assert.Contains(ReportTemplates.Names, n => n == "report");
        Assert.All(["report", "style", "table", "figure", "findings", "priorities", "definition", "prevalence", "comparisons", "where", "spatial", "when", "who", "justice", "themes", "model", "data", "methods"],
            n => Assert.Contains(n, ReportTemplates.Names));
    }
}
