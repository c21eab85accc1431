using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;
using NeedsAssessment.Tests.Classify;

namespace NeedsAssessment.Tests.Indicators;

/// <summary>The engine on sv_events built by the real classification stage rather than the SQL fixture.</summary>
public sealed class ClassifiedEventsTests
{
    [Fact]
    public void Classified_police_and_ed_records_feed_the_rate_indicators()
    {
        using var store = ClassifyFixture.NewStore();
        const string lsoa = "E01100004";
        store.Execute($"""
            INSERT INTO geography (load_id, source_row, lsoa21_code, lsoa21_name, ward_code, ward_name, district_code, district_name, partnership_code, partnership_name)
            VALUES (7, 1, '{lsoa}', 'York 1', 'E05000010', 'Ward', 'E06000014', 'York', 'E99000002', 'York CSP');
            INSERT INTO population_syoa (load_id, source_row, lsoa21_code, total, f30, m30) VALUES (8, 1, '{lsoa}', 2000, 1000, 1000);
            """);
        for (var i = 1; i <= 12; i++) ClassifyFixture.Crime(store, i, "8N", lsoa, weapon: i <= 4 ? "knife_or_sharp_instrument" : "none");
        ClassifyFixture.Crime(store, 13, "8L", lsoa); // harassment: serious violence but not violence with injury
        for (var i = 1; i <= 3; i++) ClassifyFixture.Ed(store, i, "knife_or_sharp_object", lsoa: lsoa);
        Classifier.Run(store);

        IndicatorEngine.Compute(store, new IndicatorOptions
        {
            IndicatorIds = ["sv_rate", "vwi_rate", "knife_rate", "ed_assault_rate", "hidden_violence_ratio"],
            // The records are all from March 2024: keep the financial year they only partly cover.
            PeriodTypes = [PeriodTypes.FinancialYear],
            IncludePartialPeriods = true,
        });
        long? Count(string id) => IndicatorTestHelpers.One(store, id, IndicatorLevels.District, "E06000014", PeriodTypes.FinancialYear).Count;
        Assert.Equal(13, Count("sv_rate"));
        Assert.Equal(12, Count("vwi_rate"));
        Assert.Equal(4, Count("knife_rate"));
        Assert.Equal(3, Count("ed_assault_rate"));
        IndicatorTestHelpers.Near(3.0 / 12, IndicatorTestHelpers.One(store, "hidden_violence_ratio", IndicatorLevels.District, "E06000014").Value, 1e-12, "ED / VWI");
    }
}
