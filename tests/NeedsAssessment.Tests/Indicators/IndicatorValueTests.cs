using NeedsAssessment.Indicators;
using NeedsAssessment.Tests.Statistics;
using static NeedsAssessment.Tests.Indicators.IndicatorFixture;
using static NeedsAssessment.Tests.Indicators.IndicatorTestHelpers;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>Indicator values on the hand-built fixture against values worked by hand from the formulas.</summary>
public sealed class IndicatorValueTests(IndicatorValueTests.Computed computed) : IClassFixture<IndicatorValueTests.Computed>, IDisposable
{
    /// <summary>
    /// The hand-built fixture with every indicator computed at every level, made once for the class: most tests only read
    /// it (the tests of a class run one at a time, so they never read it at once). It used to be made again for each test.
    /// </summary>
    public sealed class Computed : IDisposable
    {
        internal IndicatorFixture Fixture { get; } = Make();

        /// <summary>The fixture as every test starts from it.</summary>
        internal static IndicatorFixture Make()
        {
            var f = new IndicatorFixture();
            IndicatorEngine.Compute(f.Store, new IndicatorOptions { Levels = IndicatorLevels.All });
            return f;
        }

        public void Dispose() => Fixture.Dispose();
    }

    private IndicatorFixture? _own;

    /// <summary>The shared fixture, for the tests that only read it.</summary>
    private IndicatorFixture Shared => computed.Fixture;

    /// <summary>A fixture of the test's own, made as the shared one is, for the tests that change events or recompute.</summary>
    private IndicatorFixture Own => _own ??= Computed.Make();

    public void Dispose() => _own?.Dispose();

    [Fact]
    public void Crude_rate_of_30_events_in_1000_people_is_30_per_1000_with_byars_limits()
    {
        var v = One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L1);
        Assert.Equal(30, v.Count);
        Assert.Equal(1000, v.Denominator);
        Near(30, v.Value, 1e-9, "rate");
        Near(ByarLower(30, Z95), v.Lower95, 1e-6, "lower95");
        Near(ByarUpper(30, Z95), v.Upper95, 1e-6, "upper95");
        Near(ByarLower(30, Z998), v.Lower998, 1e-6, "lower998");
        Near(ByarUpper(30, Z998), v.Upper998, 1e-6, "upper998");
        Assert.Equal("byars", v.Method);
    }

    [Fact]
    public void Crude_rate_below_ten_events_uses_exact_poisson_limits()
    {
        var v = One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L3);
        Assert.Equal(3, v.Count);
        Near(2, v.Value, 1e-9, "3 / 1500 × 1000");
        Near(ReferenceMath.ExactLowerByBisection(3, 0.95) / 1.5, v.Lower95, 1e-6, "lower95");
        Near(ReferenceMath.ExactUpperByBisection(3, 0.95) / 1.5, v.Upper95, 1e-6, "upper95");
        Assert.Equal("exact", v.Method);
    }

    [Fact]
    public void Event_before_the_financial_year_is_not_counted_in_it()
    {
        // L2 has 12 events in FY 2023 and one in March 2023 (FY 2022, which the data only partly cover).
        Assert.Equal(12, One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L2).Count);
        Assert.Empty(IndicatorValue.Read(Shared.Store, new IndicatorFilter { IndicatorId = "sv_rate", PeriodStart = new DateOnly(2022, 4, 1) }));
    }

    [Fact]
    public void Partnership_is_the_benchmark_and_an_area_whose_interval_lies_above_it_is_higher()
    {
        var p = One(Shared.Store, "sv_rate", IndicatorLevels.Partnership, P);
        Near(55.0 / 5000 * 1000, p.Value, 1e-9, "partnership rate");
        Assert.Equal("not compared", p.Comparison95);
        var l1 = One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L1);
        Near(11, l1.BenchmarkValue, 1e-9, "benchmark");
        Assert.Equal("higher", l1.Comparison95);
        Assert.Equal("higher", l1.Comparison998);
        var l3 = One(Shared.Store, "sv_rate", IndicatorLevels.Lsoa, L3);
        Assert.Equal("lower", l3.Comparison95); // exact upper 95% for 3 events is 8.77 / 1.5 = 5.8 < 11
    }

    [Fact]
    public void Rate_for_ages_10_to_24_divides_by_that_band_of_the_single_year_population()
    {
        Own.Store.Execute($"UPDATE sv_events SET victim_under25 = true WHERE lsoa21_code = '{L2}' AND source = 'police_recorded_crime'");
        IndicatorEngine.Compute(Own.Store, new IndicatorOptions { IndicatorIds = ["under25_victim_rate"] });
        var v = One(Own.Store, "under25_victim_rate", IndicatorLevels.Lsoa, L2);
        Assert.Equal(600, v.Denominator); // ages 20 (300 + 300); ages 50 are outside the band
        Near(12.0 / 600 * 1000, v.Value, 1e-9, "rate");
    }

    [Fact]
    public void Harm_rate_is_summed_weight_over_population_with_dobson_limits()
    {
        var v = One(Shared.Store, "crime_harm_rate", IndicatorLevels.Lsoa, L1);
        const double w = (20 * 10) + (10 * 365), w2 = (20 * 100) + (10 * 365.0 * 365);
        Near(w, v.Value, 1e-9, "harm per 1,000 of 1000 people");
        var factor = Math.Sqrt(w2 / 30);
        Near(w + (factor * (ByarLower(30, Z95) - 30)), v.Lower95, 1e-6, "dobson lower");
        Near(w + (factor * (ByarUpper(30, Z95) - 30)), v.Upper95, 1e-6, "dobson upper");
        Assert.Equal("dobson", v.Method);
    }

    [Fact]
    public void Maximum_penalty_harm_counts_a_life_maximum_as_the_chosen_number_of_days()
    {
        IndicatorEngine.Compute(Own.Store, new IndicatorOptions { IndicatorIds = ["penalty_harm_rate"], LifePenaltyDays = 20_000 });
        var v = One(Own.Store, "penalty_harm_rate", IndicatorLevels.Lsoa, L1);
        Near((20 * 1825) + (10 * 20_000), v.Value, 1e-9, "harm days per 1,000 of 1000 people");
    }

    [Fact]
    public void Proportion_of_public_place_offences_has_wilson_limits()
    {
        var v = One(Shared.Store, "public_place_share", IndicatorLevels.District, D1);
        Assert.Equal(18, v.Count);
        Assert.Equal(42, v.Denominator);
        Near(100.0 * 18 / 42, v.Value, 1e-9, "percentage");
        var (lo, hi) = Wilson(18, 42, Z95);
        Near(100 * lo, v.Lower95, 1e-6, "wilson lower");
        Near(100 * hi, v.Upper95, 1e-6, "wilson upper");
        Assert.Equal("wilson", v.Method);
    }

    [Fact]
    public void Charged_share_counts_charged_crimes_among_those_with_an_outcome_and_has_wilson_limits()
    {
        // L1's 10 homicides were charged, its 20 other offences were not; L2's have no outcome and count in neither part.
        Own.Store.Execute($"UPDATE sv_events SET charged = (offence_subgroup = 'Homicide') WHERE lsoa21_code = '{L1}' AND source = 'police_recorded_crime'");
        try
        {
            IndicatorEngine.Compute(Own.Store, new IndicatorOptions { IndicatorIds = ["sv_charged_share"] });
            var v = One(Own.Store, "sv_charged_share", IndicatorLevels.District, D1);
            Assert.Equal(10, v.Count);
            Assert.Equal(30, v.Denominator);
            Near(100.0 * 10 / 30, v.Value, 1e-9, "percentage");
            var (lo, hi) = Wilson(10, 30, Z95);
            Near(100 * lo, v.Lower95, 1e-6, "wilson lower");
            Near(100 * hi, v.Upper95, 1e-6, "wilson upper");
        }
        finally
        {
            Own.Store.Execute("UPDATE sv_events SET charged = NULL");
        }
    }

    [Fact]
    public void Life_tier_share_counts_offences_with_a_life_maximum()
    {
        var v = One(Shared.Store, "life_tier_share", IndicatorLevels.Partnership, P);
        Assert.Equal(10, v.Count);
        Assert.Equal(55, v.Denominator);
    }

    [Fact]
    public void Gini_across_lsoas_equals_the_weighted_mean_absolute_difference_formula()
    {
        double[] counts = [30, 12, 3, 10], pops = [1000, 2000, 1500, 500];
        var total = pops.Sum();
        var rates = counts.Select((c, i) => c / pops[i]).ToArray();
        var mean = rates.Select((r, i) => r * pops[i] / total).Sum();
        double sum = 0;
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                sum += pops[i] / total * (pops[j] / total) * Math.Abs(rates[i] - rates[j]);
        var v = One(Shared.Store, "sv_gini", IndicatorLevels.Partnership, P);
        Near(sum / (2 * mean), v.Value, 1e-9, "gini");
        Assert.Equal(55, v.Count);
    }

    [Fact]
    public void Rate_ratio_compares_the_most_with_the_least_deprived_quintile()
    {
        // Deciles 1-2: L1 (30 events, 1000 people) and L4 (10, 500); deciles 9-10: L3 (3, 1500).
        var v = One(Shared.Store, "sv_deprivation_rate_ratio", IndicatorLevels.Partnership, P);
        var rr = (40.0 / 1500) / (3.0 / 1500);
        var se = Math.Sqrt((1.0 / 40) + (1.0 / 3));
        Near(rr, v.Value, 1e-9, "rate ratio");
        Near(rr * Math.Exp(-Z95 * se), v.Lower95, 1e-6, "lower");
        Near(rr * Math.Exp(Z95 * se), v.Upper95, 1e-6, "upper");
        Assert.Equal(1, v.BenchmarkValue);
        Assert.Equal("higher", v.Comparison95);
    }

    [Fact]
    public void Slope_index_is_positive_when_rates_rise_with_deprivation()
    {
        var sii = One(Shared.Store, "sv_sii", IndicatorLevels.Partnership, P);
        var rii = One(Shared.Store, "sv_rii", IndicatorLevels.Partnership, P);
        Assert.True(sii.Value > 0, $"SII was {sii.Value}");
        // RII = SII / population-weighted mean rate (11 per 1,000).
        Near(sii.Value!.Value / 11, rii.Value, 1e-9, "rii");
    }

    [Fact]
    public void Top_five_percent_harm_share_is_the_single_most_harmed_lsoa_of_four()
    {
        double l1 = (20 * 10) + (10 * 365), l2 = 12 * 10, l3 = 3 * 365, l4 = 10 * 10;
        var v = One(Shared.Store, "harm_top5_share", IndicatorLevels.Partnership, P);
        Near(100 * l1 / (l1 + l2 + l3 + l4), v.Value, 1e-9, "share");
        Assert.Equal(30, v.Count);
    }

    [Fact]
    public void Hidden_violence_ratio_divides_ed_attendances_by_police_violence_with_injury()
    {
        var v = One(Shared.Store, "hidden_violence_ratio", IndicatorLevels.District, D2);
        Assert.Equal(20, v.Count);
        Assert.Equal(3, v.Denominator);
        Near(20.0 / 3, v.Value, 1e-9, "ratio");
        var (lo, hi) = Wilson(20, 23, Z95);
        Near(lo / (1 - lo), v.Lower95, 1e-6, "lower");
        Near(hi / (1 - hi), v.Upper95, 1e-6, "upper");
    }

    [Fact]
    public void Repeat_locations_count_lsoas_with_at_least_ten_events()
    {
        var v = One(Shared.Store, "repeat_locations", IndicatorLevels.Partnership, P);
        Assert.Equal(3, v.Count); // L1 (30), L2 (12), L4 (10); not L3 (3)
        Assert.Equal(4, v.Denominator);
        Near(75, v.Value, 1e-9, "% of LSOAs");
    }

    [Fact]
    public void Convergence_finds_the_lsoa_in_the_top_decile_of_both_police_and_ed_rates()
    {
        // Top decile of 4 LSOAs = 1 LSOA. Police rate: L1 30/1000 is highest; ED rate: L3 20/1500 > L1 5/1000.
        Assert.Equal(1, One(Own.Store, "convergence_areas", IndicatorLevels.Lsoa, L1).Value);
        Assert.Equal(1, One(Own.Store, "convergence_areas", IndicatorLevels.Lsoa, L3).Value);
        Assert.Equal(0, One(Own.Store, "convergence_areas", IndicatorLevels.Partnership, P).Count);
        Own.Other(30, L1, "2023-07", "health_ed_assault");
        IndicatorEngine.Compute(Own.Store, new IndicatorOptions { IndicatorIds = ["convergence_areas"] });
        Assert.Equal(2, One(Own.Store, "convergence_areas", IndicatorLevels.Lsoa, L1).Value);
        Assert.Equal(1, One(Own.Store, "convergence_areas", IndicatorLevels.Partnership, P).Count);
    }

    [Fact]
    public void Dsr_is_not_given_below_ten_admissions_and_says_why()
    {
        Own.Other(3, L1, "2023-08", "health_admission");
        Own.Store.Execute("UPDATE sv_events SET victim_age_band = '20-24' WHERE source = 'health_admission'");
        IndicatorEngine.Compute(Own.Store, new IndicatorOptions { IndicatorIds = ["violence_admission_dsr"], PeriodTypes = [PeriodTypes.FinancialYear] });
        var v = One(Own.Store, "violence_admission_dsr", IndicatorLevels.Partnership, P);
        Assert.Equal(3, v.Count);
        Assert.Null(v.Value);
        Assert.Contains("dsr not given for total count < 10", v.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_volume_ranks_homicide_above_its_volume()
    {
        var rows = IndicatorValue.Read(Shared.Store, new IndicatorFilter { IndicatorId = "severity_volume", Level = IndicatorLevels.Partnership, PeriodType = PeriodTypes.FinancialYear });
        var homicide = Assert.Single(rows, r => r.Note!.StartsWith("offence_subgroup=Homicide;", StringComparison.Ordinal));
        double harm = (10 * 365) + (20 * 10) + (12 * 10) + (3 * 365) + (10 * 10);
        Near(10 * 365 / harm / (10.0 / 55), homicide.Value, 1e-9, "harm share / volume share");
        Assert.Contains("harm rank 1", homicide.Note, StringComparison.Ordinal);
    }
}
