using NeedsAssessment.Descriptives;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The real example (police.uk only, no ONS Rural-Urban Classification): the rural chapter shows rural and urban parity
/// for all serious violence through the labelled proxy, the proxy puts York, Harrogate and Scarborough in towns and the
/// Dales and the Moors in the country, and every other chapter says which data would answer it.
/// </summary>
[Collection(RealExampleCollection.Name)]
public sealed class RealExampleThemeTests(RealExampleFixture fixture)
{
    private string Html => File.ReadAllText(Path.Combine(fixture.Folder, AssessmentReport.FileName));

    private static string Chapter(string html, string id)
    {
        var at = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no chapter {id}");
        var chapter = html[at..];
        return chapter[..chapter.IndexOf("</section>", StringComparison.Ordinal)];
    }

    [Fact]
    public void The_rural_chapter_compares_all_serious_violence_in_urban_and_rural_parts_with_intervals_and_ratio_and_says_it_is_a_proxy()
    {
        using var store = AssessmentStore.Open(fixture.Run.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var sv = d.RuralUrban.Where(r => r.Measure == "sv_rate").ToDictionary(r => r.Part);
        Assert.All(sv.Values, r => Assert.Equal(RuralUrbanAreas.Proxy, r.Classification));
        Assert.True(sv["urban"].Rate > 0 && sv["rural"].Rate > 0);
        Assert.True(sv["rural"].RatioLower95 < sv["rural"].RateRatio && sv["rural"].RateRatio < sv["rural"].RatioUpper95);

        var rural = Chapter(Html, "theme-rural");
        Assert.Contains("Serious violence offences per 1,000 residents a year", rural, StringComparison.Ordinal);
        Assert.Contains(ReportFormat.Interval(sv["rural"].Lower95, sv["rural"].Upper95, ReportFormat.Rate), rural, StringComparison.Ordinal);
        Assert.Contains(sv["rural"].RateRatio!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), rural, StringComparison.Ordinal);
        Assert.Contains("a proxy, not the ONS Rural-Urban Classification", rural, StringComparison.Ordinal);
        Assert.Contains("Loading the ONS Rural-Urban Classification 2021 of LSOAs (inputs: rural-urban) replaces it", rural, StringComparison.Ordinal);
        var methods = Html[Html.IndexOf("<section id=\"methods\">", StringComparison.Ordinal)..];
        Assert.Contains("Urban and rural.", methods, StringComparison.Ordinal);
        Assert.Contains("a proxy, not the ONS classification", methods, StringComparison.Ordinal);
        var charts = Directory.GetFiles(Path.Combine(fixture.Folder, ReportChartFiles.Folder), "*theme-rural-parts*").Select(Path.GetExtension).Order().ToList();
        Assert.Equal([".csv", ".png", ".svg"], charts);
    }

    [Fact]
    public void Every_other_chapter_says_which_data_would_answer_it()
    {
        var html = Html;
        foreach (var (id, data) in new[]
                 {
                     ("theme-vawg", "police-recorded-crime"), ("theme-domestic-abuse", "domestic abuse flag"), ("theme-hate", "hate strands"),
                     ("theme-early-intervention", "justice-cohort"),
                 })
        {
            var chapter = Chapter(html, id);
            Assert.Contains("The loaded data cannot answer this", chapter, StringComparison.Ordinal);
            Assert.Contains(data, chapter, StringComparison.Ordinal);
            Assert.Contains("police.uk street-level files carry no", chapter.Replace("carry none", "carry no", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    /// <summary>Places, in British National Grid metres, and whether the proxy should call the neighbourhood nearest them urban.</summary>
    public static TheoryData<string, double, double, bool> Places => new()
    {
        { "York Minster", 460_300, 452_200, true },
        { "Harrogate centre", 430_300, 455_500, true },
        { "Scarborough centre", 504_400, 488_600, true },
        { "Hawes, Wensleydale", 387_300, 489_900, false },
        { "Grassington, Wharfedale", 400_300, 464_200, false },
        { "Reeth, Swaledale", 403_800, 499_200, false },
        { "Goathland, North York Moors", 483_300, 501_200, false },
        { "Hutton-le-Hole, North York Moors", 470_500, 490_000, false },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void The_proxy_puts_the_city_and_large_towns_in_urban_and_the_dales_and_moors_in_rural(string place, double x, double y, bool urban)
    {
        using var store = AssessmentStore.Open(fixture.Run.StorePath, readOnly: true);
        // The neighbourhood whose population-weighted centroid is nearest the place.
        var flag = store.Query($"""
            SELECT r.urban_rural_flag FROM {RuralUrbanAreas.Table} r
            JOIN (SELECT upper(trim(lsoa21_code)) AS lsoa21_code, any_value(x) AS x, any_value(y) AS y FROM centroids GROUP BY 1) c USING (lsoa21_code)
            ORDER BY (c.x - {x}) * (c.x - {x}) + (c.y - {y}) * (c.y - {y}) LIMIT 1
            """, r => r.GetString(0)).Single();
        Assert.True((flag == "Urban") == urban, $"{place}: the proxy says {flag}");
    }
}
