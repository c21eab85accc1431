using NeedsAssessment.Indicators;

namespace NeedsAssessment.Tests.Indicators;

public class MissingDataTests
{
    [Fact]
    public void An_indicator_whose_source_is_not_loaded_gives_no_rows_and_says_why()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute("DELETE FROM sv_events WHERE source = 'health_ed_assault'");

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["ed_assault_rate", "sv_rate"] });

        Assert.Empty(IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "ed_assault_rate" }));
        Assert.NotEmpty(IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "sv_rate" }));
        Assert.Contains(run.Messages, m => m.StartsWith("ed_assault_rate not computed: no loaded record matches", StringComparison.Ordinal));
    }

    [Fact]
    public void An_indicator_whose_flag_the_source_does_not_record_gives_no_rows_rather_than_zeros()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute("UPDATE sv_events SET knife = NULL");

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["knife_rate"] });

        Assert.Empty(IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "knife_rate" }));
        Assert.Contains(run.Messages, m => m.StartsWith("knife_rate not computed: the loaded data can't tell", StringComparison.Ordinal));
    }

    [Fact]
    public void Indicators_matching_nothing_in_one_run_each_say_whether_a_flag_is_unrecorded_or_the_source_not_loaded()
    {
        // Their unknown counts come from one scan together: each must still get its own reason.
        using var f = new IndicatorFixture();
        f.Store.Execute("DELETE FROM sv_events WHERE source = 'health_ed_assault'");
        f.Store.Execute("UPDATE sv_events SET knife = NULL");

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["ed_assault_rate", "knife_rate", "sv_rate"] });

        Assert.Contains(run.Messages, m => m.StartsWith("ed_assault_rate not computed: no loaded record matches", StringComparison.Ordinal));
        Assert.Contains(run.Messages, m => m.StartsWith("knife_rate not computed: the loaded data can't tell", StringComparison.Ordinal));
        Assert.NotEmpty(IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "sv_rate" }));
    }

    [Fact]
    public void An_lsoa_missing_from_the_population_file_leaves_both_numerator_and_denominator_and_is_counted()
    {
        // E01000004 (district D2, 500 residents, 10 events) is missing from the population file. Before, its events
        // stayed in D2's numerator while its residents left the denominator: 13 events over 1,500 people.
        using var f = new IndicatorFixture();
        f.Store.Execute($"DELETE FROM population_syoa WHERE lsoa21_code = '{IndicatorFixture.L4}'");

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate"] });

        var d2 = IndicatorTestHelpers.One(f.Store, "sv_rate", IndicatorLevels.District, IndicatorFixture.D2);
        Assert.Equal(((long?)3, (double?)1500), (d2.Count, d2.Denominator));
        var p = IndicatorTestHelpers.One(f.Store, "sv_rate", IndicatorLevels.Partnership, IndicatorFixture.P);
        Assert.Equal(((long?)45, (double?)4500), (p.Count, p.Denominator));
        Assert.Contains(run.Messages, m => m.StartsWith(
            "10 events in 1 LSOA(s) of the area hierarchy that have no row in population_syoa are left out of every rate's numerator", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_outside_the_area_or_without_a_code_are_counted_once_each_beside_those_without_a_population()
    {
        // 7 events in an LSOA outside the area hierarchy, 4 with no LSOA code, and L4 (10 events) without a population
        // row: each message counts records, not codes, and the unpopulated LSOAs are counted once.
        using var f = new IndicatorFixture();
        f.Police(7, "E01099999", "2023-06", cchi: 10);
        f.Police(4, "none", "2023-06", cchi: 10);
        f.Store.Execute("UPDATE sv_events SET lsoa21_code = NULL WHERE lsoa21_code = 'none'");
        f.Store.Execute($"DELETE FROM population_syoa WHERE lsoa21_code = '{IndicatorFixture.L4}'");

        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate"] });

        Assert.Contains(run.Messages, m => m.StartsWith("11 events have no LSOA 2021 code in the partnership's area", StringComparison.Ordinal));
        Assert.Contains(run.Messages, m => m.StartsWith(
            "10 events in 1 LSOA(s) of the area hierarchy that have no row in population_syoa", StringComparison.Ordinal));
    }

    [Fact]
    public void An_lsoa_missing_from_the_population_file_is_reported_under_data_quality_with_its_records()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute($"DELETE FROM population_syoa WHERE lsoa21_code = '{IndicatorFixture.L4}'");
        IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate"] });

        NeedsAssessment.Descriptives.DescriptiveStage.Run(f.Store, new NeedsAssessment.Descriptives.DescriptiveOptions { Suppression = SuppressionPolicy.None });

        var rows = NeedsAssessment.Descriptives.DescriptiveResults.Read(f.Store).NoPopulation;
        var expected = f.Store.Query($"SELECT source, count(*) FROM sv_events WHERE in_definition AND lsoa21_code = '{IndicatorFixture.L4}' GROUP BY 1 ORDER BY 2 DESC, 1",
            r => (r.GetString(0), (long?)r.GetInt64(1)));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(n => (n.Source, n.Records)));
        Assert.All(rows, n => Assert.Equal(1, n.Lsoas));
    }
}
