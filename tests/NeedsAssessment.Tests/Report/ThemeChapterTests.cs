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
/// gap, a hate-crime cluster, repeat victims, spiking) found with intervals that contain the planted values in
/// ground-truth.json, or, for realised counts, equal to them.
/// </summary>
public sealed class ThemeChapterTests(ReportFixture fixture) : IClassFixture<ReportFixture>
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
        Assert.Contains("Trend: Hate crimes", hate, StringComparison.Ordinal);
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
    public void The_planted_hate_cluster_is_higher_than_the_partnership_its_published_strand_rate_interval_holds_the_planted_rate_and_its_share_ratio_the_multiplier()
    {
        var truth = Truth.HateCluster!;
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var published = IndicatorValue.Read(store, new IndicatorFilter { Table = IndicatorTable.ExportName });
        bool AtHeadline(IndicatorValue v) => v.PeriodType == d.Period.PeriodType && v.PeriodStart == d.Period.PeriodStart && v.PeriodEnd == d.Period.PeriodEnd;
        var cluster = published.Single(v => v.IndicatorId == "hate_rate" && v.Level == "district" && v.AreaCode == truth.DistrictCode && AtHeadline(v));
        Assert.Equal("higher", cluster.Comparison95);
        // The engine's own published interval for the cluster's disability strand (planted only by the cluster's
        // mechanism) holds the planted expectation, as does the partnership's.
        Assert.Equal((truth.FromMonth, truth.ToMonth),
            (d.Period.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture), d.Period.PeriodEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
        var strand = $"hate_{truth.Strand}_rate";
        void Holds(IndicatorValue row, double expectedCount)
        {
            var planted = expectedCount * row.Multiplier / row.Denominator!.Value;
            Assert.True(row.Lower95 <= planted && planted <= row.Upper95, $"{row.AreaCode}: planted {planted:F1} outside {row.Lower95:F1} to {row.Upper95:F1} (count {row.Count})");
        }
        Holds(published.Single(v => v.IndicatorId == strand && v.Level == "district" && v.AreaCode == truth.DistrictCode && AtHeadline(v)), truth.ExpectedStrandByDistrict[truth.DistrictCode]);
        Holds(published.Single(v => v.IndicatorId == strand && v.Level == "partnership" && AtHeadline(v)), truth.ExpectedStrandByDistrict.Values.Sum());
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

    [Fact]
    public void The_planted_repeat_victims_and_suspects_are_counted_exactly_as_ground_truth_records_them_and_the_chapter_shows_them()
    {
        var truth = Truth.RepeatVictims!;
        Assert.True(truth.Probability > 0);
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        // The truth's window is the headline period the repeat counts cover.
        Assert.Equal((truth.FromMonth, truth.ToMonth),
            (d.Period.PeriodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture), d.Period.PeriodEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
        var victims = d.Repeat.Single(r => r.Role == "victim");
        var suspects = d.Repeat.Single(r => r.Role == "suspect");
        // Realised counts, not estimates: every planted repeat offence is serious violence in the area, so they match exactly.
        Assert.True(truth.VictimsTwoPlus > 20 && truth.VictimsThreePlus > 0, $"too few planted repeat victims to test: {truth.VictimsTwoPlus}");
        Assert.Equal((truth.VictimsTwoPlus, truth.VictimsThreePlus), (victims.PeopleTwoPlus!.Value, victims.PeopleThreePlus!.Value));
        Assert.Equal((truth.SuspectsTwoPlus, truth.SuspectsThreePlus), (suspects.PeopleTwoPlus!.Value, suspects.PeopleThreePlus!.Value));
        var chapter = Html[Html.IndexOf("<section id=\"theme-domestic-abuse\">", StringComparison.Ordinal)..];
        chapter = chapter[..chapter.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains(ReportFormat.Count(truth.VictimsTwoPlus), chapter, StringComparison.Ordinal);
        Assert.Contains(ReportFormat.Count(truth.VictimsThreePlus), chapter, StringComparison.Ordinal);
    }

    [Fact]
    public void The_planted_spiking_is_counted_by_its_offence_subcodes_exactly_and_its_night_time_economy_share_matches()
    {
        var truth = Truth.Spiking!;
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var published = IndicatorValue.Read(store, new IndicatorFilter { Table = IndicatorTable.ExportName });
        IndicatorValue Partnership(string id) => published.Single(v => v.IndicatorId == id && v.Level == "partnership"
            && v.PeriodType == d.Period.PeriodType && v.PeriodStart == d.Period.PeriodStart && v.PeriodEnd == d.Period.PeriodEnd);
        Assert.True(truth.Offences > 10, $"too few planted spiking offences to test: {truth.Offences}");
        Assert.Equal(truth.Offences, Partnership("spiking_rate").Count);
        var share = Partnership("spiking_nte_share");
        Assert.Equal((truth.NightTimeEconomy, (double)truth.Offences), (share.Count!.Value, share.Denominator!.Value));
        var chapter = Html[Html.IndexOf("<section id=\"theme-vawg\">", StringComparison.Ordinal)..];
        chapter = chapter[..chapter.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("Spiking (a substance administered without consent", chapter, StringComparison.Ordinal);
        Assert.DoesNotContain("no Home Office offence code", chapter, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_uses_its_ons_format_classification_and_the_proxy_beside_it_agrees_with_the_planted_split_for_most_neighbourhoods()
    {
        var truth = Truth.RuralUrban!;
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var lsoas = DescriptiveResults.Read(store).RuralUrbanLsoas;
        Assert.All(lsoas, l => Assert.Equal((RuralUrbanAreas.Ons, l.OnsFlag), (l.Classification, l.UrbanRuralFlag)));
        Assert.Equal(truth.RuralLsoas, lsoas.Count(l => l.OnsFlag == "Rural"));
        // The proxy, from the demo's boundaries and residents alone, against the planted split (measured: 84% on seed 42).
        var agree = lsoas.Count(l => l.ProxyFlag == l.OnsFlag) / (double)lsoas.Count;
        Assert.InRange(agree, 0.75, 1.0);
        Assert.All(lsoas.Where(l => l.ProxyFlag == "Urban"), l => Assert.True(l.ResidentsPerHectare >= l.DensityThreshold && l.SettlementResidents >= l.SettlementThreshold));
    }

    [Fact]
    public void Each_chapter_draws_its_figures_into_charts_as_png_svg_and_csv()
    {
        var files = Directory.GetFiles(Path.Combine(fixture.Demo.Run.OutputFolder, ReportChartFiles.Folder), "*theme-*").Select(Path.GetFileName).ToList();
        foreach (var subject in new[] { "theme-vawg-districts", "theme-vawg-victims-by-age", "theme-domestic-abuse-districts", "theme-hate-districts", "theme-rural-parts", "theme-early-intervention-districts" })
            foreach (var ext in new[] { ".png", ".svg", ".csv" })
                Assert.Contains(files, f => f!.EndsWith(subject + ext, StringComparison.Ordinal));
    }

    [Fact]
    public void Repeat_victims_planted_in_domestic_abuse_are_counted_as_a_recount_gives_and_no_key_appears_in_any_published_file()
    {
        Assert.True(Truth.RepeatDomesticProbability > 0);
        using var store = AssessmentStore.Open(fixture.StorePath, readOnly: true);
        var d = DescriptiveResults.Read(store);
        var victims = d.Repeat.Single(r => r.Role == "victim");
        var recount = store.Query($"""
            SELECT count(*) FILTER (WHERE n >= 2)::BIGINT, count(*) FILTER (WHERE n >= 3)::BIGINT, count(*)::BIGINT FROM (
                SELECT p.victim_key, count(*) AS n FROM sv_events e JOIN police_recorded_crime p ON p.load_id = e.source_load_id AND p.source_row = e.source_row
                WHERE e.source = 'police_recorded_crime' AND e.in_definition AND e.lsoa21_code IN (SELECT lsoa21_code FROM area_lsoas)
                  AND e.month BETWEEN DATE '{d.Period.PeriodStart:yyyy-MM-dd}' AND DATE '{d.Period.PeriodEnd:yyyy-MM-dd}' AND p.victim_key <> ''
                GROUP BY 1)
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();
        Assert.Equal(recount, (victims.PeopleTwoPlus!.Value, victims.PeopleThreePlus!.Value, victims.People!.Value));
        Assert.True(victims.PeopleTwoPlus > 0);

        // Every key of the force extract, searched for in every file the run published (the store and the partner files aside).
        var keys = store.Query("SELECT DISTINCT victim_key FROM police_recorded_crime WHERE victim_key <> '' UNION SELECT DISTINCT suspect_key FROM police_recorded_crime WHERE suspect_key <> ''",
            r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(keys);
        var root = fixture.Demo.Run.OutputFolder;
        var published = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "partner-files" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !Path.GetFileName(f).StartsWith("assessment.duckdb", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(published);
        var leaks = new List<string>();
        foreach (var file in published)
        {
            var texts = new List<string>();
            if (file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = System.IO.Compression.ZipFile.OpenRead(file);
                foreach (var e in zip.Entries) { using var r = new StreamReader(e.Open()); texts.Add(r.ReadToEnd()); }
            }
            else if (file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
                texts.AddRange(store.Query($"SELECT CAST(p AS VARCHAR) FROM read_parquet({AssessmentStore.Literal(file)}) p", r => r.GetString(0)));
            else texts.Add(File.ReadAllText(file));
            var words = texts.SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, "[VS][0-9a-f]{16}").Select(m => m.Value));
            leaks.AddRange(words.Where(keys.Contains).Select(k => $"{Path.GetRelativePath(root, file)}: {k}"));
        }
        Assert.Empty(leaks);
    }
}
