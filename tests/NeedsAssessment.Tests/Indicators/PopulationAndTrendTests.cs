using NeedsAssessment.Indicators;
using static NeedsAssessment.Tests.Indicators.IndicatorFixture;
using static NeedsAssessment.Tests.Indicators.IndicatorTestHelpers;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>Census population fallback, justice cohorts and per-district trends.</summary>
public sealed class PopulationAndTrendTests
{
    [Fact]
    public void Census_six_groups_approximate_ages_10_to_24_from_16_to_24_plus_six_sixteenths_of_0_to_15()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute($"""
            DELETE FROM population_syoa;
            INSERT INTO population (load_id, source_row, lsoa21_code, age_group, usual_residents) VALUES
            (5, 1, '{L2}', 'Aged 15 years and under', 320), (5, 2, '{L2}', 'Aged 16 to 24 years', 180), (5, 3, '{L2}', 'Aged 25 to 34 years', 1500);
            UPDATE sv_events SET victim_under25 = true, vawg = true WHERE lsoa21_code = '{L2}';
            """);
        var run = IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["under25_victim_rate", "vawg_rate", "sv_rate"] });
        Assert.Equal("population", run.PopulationSource);
        Assert.Contains(run.Messages, m => m.Contains("approximated", StringComparison.Ordinal));
        var v = One(f.Store, "under25_victim_rate", IndicatorLevels.Lsoa, L2);
        Assert.Equal(180 + (320 * 6.0 / 16), v.Denominator);
        Assert.Equal(2000 * 0.51, One(f.Store, "vawg_rate", IndicatorLevels.Lsoa, L2).Denominator);
        Assert.Equal("no population for the area", One(f.Store, "sv_rate", IndicatorLevels.Lsoa, L1).Note);
    }

    [Fact]
    public void Youth_first_time_entrant_rate_uses_the_district_total_row_and_the_10_to_17_population()
    {
        using var f = new IndicatorFixture();
        f.Store.Execute($"""
            INSERT INTO justice_cohort (load_id, source_row, period_start, period_end, geography_code, cohort_kind, age_band, sex, count) VALUES
            (6, 1, DATE '2023-04-01', DATE '2024-03-31', '{D2}', 'youth_first_time_entrants', '10-17', 'all', 4),
            (6, 2, DATE '2023-04-01', DATE '2024-03-31', '{D2}', 'youth_first_time_entrants', '10-14', 'M', 1),
            (6, 3, DATE '2023-04-01', DATE '2024-03-31', '{D2}', 'youth_first_time_entrants', '15-17', 'M', 2);
            """);
        IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["youth_fte_rate"] });
        var v = One(f.Store, "youth_fte_rate", IndicatorLevels.District, D2);
        Assert.Equal(4, v.Count); // the total row, not total + breakdown
        Assert.Equal(300, v.Denominator); // L3's age-12 residents; L4 has none aged 10-17
        Near(4 / 300.0 * 100_000, v.Value, 1e-6, "rate per 100,000");
        Assert.Equal("justice data for 1 of 2 districts", One(f.Store, "youth_fte_rate", IndicatorLevels.Partnership, P).Note);
    }

    [Fact]
    public void Poisson_trend_per_district_finds_a_planted_rise_and_not_a_flat_series()
    {
        using var f = new IndicatorFixture(events: false);
        int[] d1 = [20, 40, 80], d2 = [30, 30, 30];
        for (var y = 0; y < 3; y++)
        {
            f.Police(d1[y], L1, $"{2021 + y}-06", cchi: 10);
            f.Police(d2[y], L3, $"{2021 + y}-06", cchi: 10);
        }
        f.Police(1, L2, "2021-04", cchi: 10);
        f.Police(1, L2, "2024-03", cchi: 10);
        IndicatorEngine.Compute(f.Store, new IndicatorOptions { IndicatorIds = ["sv_rate"] });
        var annual = IndicatorValue.Read(f.Store, new IndicatorFilter { IndicatorId = "sv_rate", Level = IndicatorLevels.District, AreaCode = D1, PeriodType = PeriodTypes.FinancialYear });
        Assert.Equal([new DateOnly(2021, 4, 1), new(2022, 4, 1), new(2023, 4, 1)], annual.Select(r => r.PeriodStart));
        var trends = IndicatorTrends.ByArea(f.Store);
        var t1 = trends.Single(t => t.AreaCode == D1).Trend!;
        var t2 = trends.Single(t => t.AreaCode == D2).Trend!;
        // D1's counts 21, 40, 80 (plus one L2 event in the first year) roughly double each year: slope ≈ ln 2.
        Assert.True(t1.PValue < 0.001 && t1.Slope > 0.5, $"D1 slope {t1.Slope}, p {t1.PValue}");
        Assert.True(t2.PValue > 0.5, $"D2 p {t2.PValue}");
        Near(0, t2.Slope, 1e-6, "flat D2 slope");
    }
}
