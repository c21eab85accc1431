using System.Globalization;
using System.Text;
using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Statistics;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Descriptives;

/// <summary>
/// The ONS Rural-Urban Classification 2021 LSOA file loads as published, and the parity table splits the partnership's
/// rates into its urban and rural parts with intervals, their ratio with exact limits, and suppression over the tiling.
/// </summary>
public sealed class RuralUrbanParityTests
{
    private static readonly DateOnly Start = new(2024, 4, 1);
    private static readonly DateOnly End = new(2025, 3, 1);

    // Four urban LSOAs and four rural ones (the published layout: LSOA21CD, LSOA21NM, RUC21CD, RUC21NM, Urban_rural_flag).
    private static string RucFile(int lsoas = 8)
    {
        var sb = new StringBuilder("LSOA21CD,LSOA21NM,RUC21CD,RUC21NM,Urban_rural_flag,ObjectId\n");
        for (var i = 1; i <= lsoas; i++)
        {
            var urban = i <= lsoas / 2;
            sb.Append(CultureInfo.InvariantCulture, $"E0100000{i},Synth {i:D3}A,{(urban ? "UN1" : "RLF1")},\"{(urban ? "Urban: Nearer to a major town or city" : "Larger rural: Further from a major town or city")}\",{(urban ? "Urban" : "Rural")},{i}\n");
        }
        return sb.ToString();
    }

    /// <summary>A store with the classification, 8 LSOAs of 1,500 residents, and <paramref name="perLsoa"/> in-definition events in each.</summary>
    private static Harness Store(Func<int, int> perLsoa, bool withClassification = true)
    {
        var h = new Harness();
        if (withClassification)
        {
            var load = h.Load("rural-urban", "RUC21_LSOA21_EW.csv", RucFile());
            Assert.Equal((8L, 0L), (load.RowsLoaded, load.RowsQuarantined));
        }
        // The store makes every input table when it opens; these stand in for the stages' own tables.
        h.Store.Execute($"DROP TABLE IF EXISTS {AreaHierarchy.Table}; DROP TABLE IF EXISTS population_total; DROP TABLE IF EXISTS sv_events");
        h.Store.Execute($"CREATE TABLE {AreaHierarchy.Table} AS SELECT 'E0100000' || i AS lsoa21_code FROM range(1, 9) t(i)");
        h.Store.Execute("CREATE TABLE population_total AS SELECT 'E0100000' || i AS lsoa21_code, 1500 AS usual_residents, 1 AS load_id, i AS source_row FROM range(1, 9) t(i)");
        var rows = new List<string>();
        for (var i = 1; i <= 8; i++)
            for (var k = 0; k < perLsoa(i); k++)
                rows.Add($"('police_recorded_crime', 'E0100000{i}', DATE '2024-{4 + (k % 9):D2}-01', true, {(k % 3 == 0 ? "true" : "false")}, 'Violence with injury', false, false, '105A', 'Violence against the person', NULL)");
        h.Store.Execute("""
            CREATE TABLE sv_events (source VARCHAR, lsoa21_code VARCHAR, month DATE, in_definition BOOLEAN, domestic_abuse BOOLEAN, offence_subgroup VARCHAR,
                knife BOOLEAN, hate BOOLEAN, source_code VARCHAR, offence_group VARCHAR, spiking BOOLEAN)
            """);
        if (rows.Count > 0) h.Store.Execute("INSERT INTO sv_events VALUES " + string.Join(", ", rows));
        return h;
    }

    /// <summary>As the stage: the neighbourhoods' classification first, then the rates.</summary>
    private static List<RuralUrbanRate> Compute(Harness h, SuppressionPolicy policy)
    {
        var residents = Residents.Find(h.Store)!;
        ResultTable<RuralUrbanLsoa>.Write(h.Store, RuralUrbanAreas.Table, RuralUrbanAreas.Compute(h.Store, residents));
        return RuralUrbanParity.Compute(h.Store, "police_recorded_crime", Start, End, 12, residents, policy);
    }

    /// <summary>Eight one-square-kilometre LSOAs in a row as boundaries (British National Grid); LSOAs 1-4 touch, 5-8 stand apart.</summary>
    private static string Boundaries()
    {
        var features = Enumerable.Range(1, 8).Select(i =>
        {
            var x = i <= 4 ? 440_000 + 1_000 * (i - 1) : 450_000 + 2_000 * i;
            var ring = string.Create(CultureInfo.InvariantCulture, $"[[{x},450000],[{x + 1000},450000],[{x + 1000},451000],[{x},451000],[{x},450000]]");
            return "{\"type\":\"Feature\",\"properties\":{\"LSOA21CD\":\"E0100000" + i + "\",\"LSOA21NM\":\"Synth " + i + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}";
        });
        return "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[" + string.Join(",", features) + "]}";
    }

    [Fact]
    public void The_published_file_loads_and_urban_and_rural_rates_and_their_ratio_match_the_statistics()
    {
        // Urban LSOAs 1-4: 30 events each; rural LSOAs 5-8: 15 each.
        using var h = Store(i => i <= 4 ? 30 : 15);
        var rows = Compute(h, SuppressionPolicy.Nhs);
        var sv = rows.Where(r => r.Measure == "sv_rate").ToDictionary(r => r.Part);
        Assert.Equal(["urban", "rural", "partnership"], rows.Where(r => r.Measure == "sv_rate").Select(r => r.Part));
        Assert.Equal((120L, 60L, 180L), (sv["urban"].Count, sv["rural"].Count, sv["partnership"].Count));
        Assert.Equal((4L, 6000.0), (sv["urban"].Lsoas, sv["urban"].Residents));
        var urban = CrudeRate.Calculate(120, 6000, 1000);
        Assert.Equal(urban.Value, sv["urban"].Rate!.Value, 9);
        Assert.Equal(urban.Lower, sv["urban"].Lower95!.Value, 9);
        Assert.Equal(urban.Upper, sv["urban"].Upper95!.Value, 9);
        var ratio = PeriodChange.Calculate(120, 6000, 60, 6000);
        Assert.Equal(0.5, sv["rural"].RateRatio!.Value, 9);
        Assert.Equal(ratio.RatioLower, sv["rural"].RatioLower95!.Value, 9);
        Assert.Equal(ratio.RatioUpper, sv["rural"].RatioUpper95!.Value, 9);
        Assert.True(sv["rural"].RatioUpper95 < 1);
        Assert.Null(sv["urban"].RateRatio);
        // Domestic abuse (one event in three here) is split too; knife and hate match no record, so they are left out.
        Assert.Contains(rows, r => r.Measure == "da_rate" && r.Part == "rural" && r.Count == 20);
        Assert.DoesNotContain(rows, r => r.Measure is "knife_rate" or "hate_rate" or "hate_sv_rate" or "sexual_offence_rate");
        ResultTable<RuralUrbanRate>.Write(h.Store, DescriptiveTables.RuralUrban, rows);
        Assert.Equal(rows.Count, ResultTable<RuralUrbanRate>.Read(h.Store, DescriptiveTables.RuralUrban).Count);
    }

    [Fact]
    public void A_small_rural_part_is_hidden_and_so_is_the_urban_part_so_the_partnership_total_gives_neither_back()
    {
        // Rural: one event in all; the partnership total is published beside it.
        using var h = Store(i => i <= 4 ? 30 : (i == 5 ? 1 : 0));
        var sv = Compute(h, SuppressionPolicy.Nhs).Where(r => r.Measure == "sv_rate").ToDictionary(r => r.Part);
        Assert.True(sv["rural"].Suppressed);
        Assert.True(sv["urban"].Suppressed);
        Assert.Equal(121L, sv["partnership"].Count);
        Assert.All(new[] { sv["rural"], sv["urban"] }, r => Assert.True(r.Count is null && r.Rate is null && r.Lower95 is null && r.RateRatio is null));
    }

    [Fact]
    public void Without_the_ons_file_the_proxy_splits_the_area_from_boundaries_and_says_so_and_the_ons_file_replaces_it()
    {
        // 1,500 residents per square kilometre: 15 per hectare, so every LSOA is built up; LSOAs 1-4 touch (6,000
        // residents), 5-8 stand alone. With a settlement threshold of 10,000 all would be rural, so the test settles
        // on 5,000: the touching four are a town, the rest villages.
        using var h = Store(i => i <= 4 ? 30 : 15, withClassification: false);
        var load = h.Load("boundaries", "lsoa.geojson", Boundaries());
        Assert.Equal((8L, 0L), (load.RowsLoaded, load.RowsQuarantined));
        var residents = Residents.Find(h.Store)!;
        var lsoas = RuralUrbanAreas.Compute(h.Store, residents, settlement: 5_000);
        Assert.All(lsoas, l => Assert.Equal((RuralUrbanAreas.Proxy, (string?)null), (l.Classification, l.OnsFlag)));
        Assert.Equal(["Urban", "Urban", "Urban", "Urban", "Rural", "Rural", "Rural", "Rural"], lsoas.Select(l => l.UrbanRuralFlag));
        Assert.All(lsoas, l => Assert.Contains("not the classification itself", l.Method, StringComparison.Ordinal));
        ResultTable<RuralUrbanLsoa>.Write(h.Store, RuralUrbanAreas.Table, lsoas);
        var rows = RuralUrbanParity.Compute(h.Store, "police_recorded_crime", Start, End, 12, residents, SuppressionPolicy.Nhs);
        var rural = rows.Single(r => r.Measure == "sv_rate" && r.Part == "rural");
        Assert.Equal((RuralUrbanAreas.Proxy, 60L, 0.5), (rural.Classification, rural.Count!.Value, rural.RateRatio!.Value));

        // The ONS file decides once it is loaded, and the proxy is kept beside it for comparison.
        h.Load("rural-urban", "RUC21_LSOA21_EW.csv", RucFile());
        lsoas = RuralUrbanAreas.Compute(h.Store, residents, settlement: 5_000);
        Assert.All(lsoas, l => Assert.Equal(RuralUrbanAreas.Ons, l.Classification));
        Assert.All(lsoas, l => Assert.Equal(l.OnsFlag, l.UrbanRuralFlag));
        Assert.All(lsoas, l => Assert.NotNull(l.ProxyFlag));
    }

    [Fact]
    public void Without_the_classification_there_is_no_parity_table()
    {
        using var h = Store(_ => 5, withClassification: false);
        Assert.Empty(Compute(h, SuppressionPolicy.Nhs));
    }
}
