using System.Globalization;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Report;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// The partnership's priorities on the demo: one chapter per theme, and the effects the generator planted (a rural/urban
/// gap, a hate-crime cluster) found with intervals that contain the planted values in ground-truth.json.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed class ThemeChapterTests(ReportFixture fixture)
{
    private string Html => File.ReadAllText(Path.Combine(fixture.Demo.Run.OutputFolder, AssessmentReport.FileName));

    private SyntheticGroundTruth Truth => SyntheticGroundTruth.Load(fixture.Demo.Data.GroundTruthPath);

    [Fact]
    public void The_demo_report_has_one_chapter_per_theme_each_with_its_indicators()
    {
        var html = Html;
        foreach (var id in new[] { "theme-vawg", "theme-domestic-abuse", "theme-hate", "theme-rural", "theme-early-intervention" })
        {
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"#{id}\">", html, StringComparison.Ordinal);
        }
        var hate = html[html.IndexOf("<section id=\"theme-hate\">", StringComparison.Ordinal)..];
        hate = hate[..hate.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Hate crimes on the disability strand", hate, StringComparison.Ordinal);
        Assert.Contains("Rural / urban rate ratio", hate, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot answer", hate, StringComparison.Ordinal);
    }

    [Fact]
    public void The_planted_rural_urban_gap_is_found_with_an_interval_that_contains_the_planted_rate_ratio()
    {
        var truth = Truth.RuralUrban!;
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        Assert.Equal(truth.ToMonth, d.Period.PeriodEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Equal(truth.FromMonth, d.Period.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var rural = d.RuralUrban.Single(r => r.Measure == truth.Measure && r.Part == "rural");
        var urban = d.RuralUrban.Single(r => r.Measure == truth.Measure && r.Part == "urban");
        Assert.Equal((truth.RuralLsoas, truth.UrbanLsoas), ((int)rural.Lsoas, (int)urban.Lsoas));
        Assert.InRange(truth.ExpectedRateRatio, rural.RatioLower95!.Value, rural.RatioUpper95!.Value);
        // The gap is real: rural rates are clearly lower, and every measure's parts add up to the partnership.
        Assert.True(rural.RatioUpper95 < 1);
        foreach (var m in d.RuralUrban.GroupBy(r => r.Measure).Where(g => g.All(r => !r.Suppressed)))
            Assert.Equal(m.Single(r => r.Part == "partnership").Count, m.Where(r => r.Part != "partnership").Sum(r => r.Count));
    }

    [Fact]
    public void The_planted_hate_cluster_district_is_higher_than_the_partnership_and_its_share_ratio_interval_contains_the_planted_multiplier()
    {
        var truth = Truth.HateCluster!;
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var published = IndicatorValue.Read(store, new IndicatorFilter { Table = IndicatorTable.ExportName });
        bool AtHeadline(IndicatorValue v) => v.PeriodType == d.Period.PeriodType && v.PeriodStart == d.Period.PeriodStart && v.PeriodEnd == d.Period.PeriodEnd;
        var cluster = published.Single(v => v.IndicatorId == "hate_rate" && v.Level == "district" && v.AreaCode == truth.DistrictCode && AtHeadline(v));
        Assert.Equal("higher", cluster.Comparison95);
        // The planted multiplier is on the chance of a non-racial strand among ordinary non-domestic violence and public
        // order: recount that share in the cluster and elsewhere, over the whole series, and compare.
        var shares = store.Query($"""
            SELECT g.district_code = {AssessmentStore.Literal(truth.DistrictCode)} AS cluster,
                count(*) FILTER (WHERE e.hate AND e.hate_strands NOT LIKE '%race%')::BIGINT,
                count(*)::BIGINT
            FROM sv_events e JOIN geography g USING (lsoa21_code)
            WHERE e.source = 'police_recorded_crime' AND NOT coalesce(e.domestic_abuse, false)
              AND e.offence_group IN ('Violence against the person', 'Sexual offences', 'Robbery', 'Possession of weapons offences', 'Public order offences')
            GROUP BY 1
            """, r => (Cluster: r.GetBoolean(0), Hate: r.GetInt64(1), All: r.GetInt64(2))).ToDictionary(x => x.Cluster);
        var ratio = PeriodChange.Calculate(shares[false].Hate, shares[false].All, shares[true].Hate, shares[true].All);
        Assert.InRange(truth.Multiplier, ratio.RatioLower, ratio.RatioUpper);
    }
}
