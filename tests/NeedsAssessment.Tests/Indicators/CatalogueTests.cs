using NeedsAssessment.Indicators;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>The built-in catalogue and catalogue validation.</summary>
public sealed class CatalogueTests
{
    [Theory]
    [InlineData("sv_rate", "crude_rate")]
    [InlineData("vwi_rate", "crude_rate")]
    [InlineData("knife_rate", "crude_rate")]
    [InlineData("under25_victim_rate", "crude_rate")]
    [InlineData("da_rate", "crude_rate")]
    [InlineData("vawg_rate", "crude_rate")]
    [InlineData("ed_assault_rate", "crude_rate")]
    [InlineData("violence_admission_dsr", "dsr")]
    [InlineData("sharp_admission_rate", "crude_rate")]
    [InlineData("youth_fte_rate", "crude_rate")]
    [InlineData("youth_reoffending_rate", "proportion")]
    [InlineData("penalty_harm_rate", "harm_rate")]
    [InlineData("life_tier_share", "proportion")]
    [InlineData("crime_harm_rate", "harm_rate")]
    [InlineData("mean_crime_harm", "mean")]
    [InlineData("severity_volume", "severity_volume")]
    [InlineData("harm_top5_share", "top_share")]
    [InlineData("sv_gini", "gini")]
    [InlineData("sv_deprivation_rate_ratio", "rate_ratio")]
    [InlineData("sv_sii", "sii")]
    [InlineData("sv_rii", "rii")]
    [InlineData("public_place_share", "proportion")]
    [InlineData("nte_share", "proportion")]
    [InlineData("repeat_locations", "repeat_locations")]
    [InlineData("under25_share", "proportion")]
    [InlineData("hidden_violence_ratio", "count_ratio")]
    [InlineData("convergence_areas", "convergence")]
    public void Built_in_catalogue_has_the_indicator_with_its_method(string id, string method)
    {
        Assert.Equal(method, IndicatorCatalogue.Default.Get(id).Method);
    }

    [Fact]
    public void Invalid_indicator_is_reported_with_its_id_and_the_allowed_values()
    {
        const string yaml = """
            version: 1
            indicators:
              - id: bad_one
                name: Bad
                domain: prevalence
                method: crude_rate
                numerator: { filter: "police" }
                denominator: { population: teenagers }
                levels: [lsoa]
                periods: [fortnight]
            """;
        var ex = Assert.Throws<UserErrorException>(() => IndicatorCatalogue.Parse(yaml, "test.yaml"));
        Assert.Contains("indicator 'bad_one': period 'fortnight' is not one of month,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("indicator 'bad_one': denominator.population must be one of all_ages", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_that_is_not_valid_sql_names_the_indicator()
    {
        const string yaml = """
            version: 1
            indicators:
              - id: typo
                name: Typo
                domain: prevalence
                method: crude_rate
                numerator: { filter: "polise AND in_definition" }
                denominator: { population: all_ages }
                multiplier: 1000
                levels: [lsoa]
                periods: [financial_year]
            """;
        using var f = new IndicatorFixture();
        var ex = Assert.Throws<UserErrorException>(() => IndicatorEngine.Compute(f.Store, new IndicatorOptions { Catalogue = IndicatorCatalogue.Parse(yaml, "t.yaml") }));
        Assert.StartsWith("Indicator 'typo' could not be computed", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>Every indicator of the built-in catalogue says how a higher value reads (Fingertips polarity).</summary>
public sealed class CataloguePolarityTests
{
    [Fact]
    public void Every_built_in_indicator_has_a_polarity()
    {
        var missing = IndicatorCatalogue.Default.Indicators.Where(i => !IndicatorPolarity.All.Contains(i.Polarity)).Select(i => i.Id).ToList();
        Assert.True(missing.Count == 0, $"Indicators without a polarity: {string.Join(", ", missing)}");
        Assert.Equal(IndicatorPolarity.HigherIsWorse, IndicatorCatalogue.Default.Get("sv_rate").Polarity);
    }

    [Fact]
    public void An_unknown_polarity_is_a_catalogue_error_naming_the_indicator()
    {
        var yaml = """
            indicators:
              - id: x_rate
                name: X
                domain: prevalence
                polarity: sideways
                method: crude_rate
                numerator: { filter: "police" }
                denominator: { population: all_ages }
                multiplier: 1000
                levels: [district]
                periods: [financial_year]
            """;
        var ex = Assert.Throws<UserErrorException>(() => IndicatorCatalogue.Parse(yaml, "test"));
        Assert.Contains("x_rate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("polarity", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("higher", IndicatorPolarity.HigherIsWorse, "worse")]
    [InlineData("lower", IndicatorPolarity.HigherIsWorse, "better")]
    [InlineData("higher", IndicatorPolarity.HigherIsBetter, "better")]
    [InlineData("lower", IndicatorPolarity.HigherIsBetter, "worse")]
    [InlineData("higher", IndicatorPolarity.NoJudgement, "higher")]
    [InlineData("similar", IndicatorPolarity.HigherIsWorse, "similar")]
    [InlineData("not compared", IndicatorPolarity.HigherIsWorse, "not compared")]
    [InlineData("higher", "", "higher")]
    public void A_comparison_reads_through_the_polarity(string comparison, string polarity, string expected) =>
        Assert.Equal(expected, IndicatorPolarity.Judge(comparison, polarity));
}
