using NeedsAssessment.Ingest;
using NeedsAssessment.Store;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Store;

/// <summary>
/// The partnership's area built from the national reference files as ONS and Nomis publish them (England and Wales):
/// the ward lookup, the 2011-2021 lookup, the population-weighted centroids and Census 2021 TS001.
/// </summary>
public sealed class NationalReferenceFixture : IDisposable
{
    public NationalReferenceFixture()
    {
        Store = AssessmentStore.Open(":memory:");
        var ingester = new Ingester(Store);
        ingester.Load("ward-lookup", SharedData.File("geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv"));
        ingester.Load("lsoa-lookup", SharedData.File("geography/LSOA11_LSOA21_LAD22_lookup_EW_v2.csv"));
        ingester.Load("centroids", SharedData.File("geography/LSOA_Dec_2021_PWC_EW.csv"));
        ingester.Load("population-total", SharedData.File("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv"));
        // Counted from the published file's own lines, independently of the store.
        foreach (var f in WardLookupRows())
        {
            if (f[6] == "E06000014") York.Add(f[0]);
            if (f[6] == "E06000065") NorthYorkshire.Add(f[0]);
        }
    }

    public AssessmentStore Store { get; }

    /// <summary>The published ward lookup's data rows, parsed as CSV (ward names hold quoted commas).</summary>
    public static IEnumerable<string[]> WardLookupRows()
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(SharedData.File("geography/LSOA21_WD23_LAD23_best_fit_lookup_EW.csv"))
            { TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        parser.ReadFields();
        while (parser.ReadFields() is { } fields) yield return fields;
    }

    /// <summary>York's LSOAs as the ward lookup lists them.</summary>
    public HashSet<string> York { get; } = new(StringComparer.Ordinal);

    /// <summary>North Yorkshire's (E06000065) LSOAs as the ward lookup lists them.</summary>
    public HashSet<string> NorthYorkshire { get; } = new(StringComparer.Ordinal);

    public void Dispose() => Store.Dispose();
}

public sealed class AreaHierarchyTests(NationalReferenceFixture fixture) : IClassFixture<NationalReferenceFixture>
{
    [Fact]
    public void A_declared_authority_takes_exactly_its_lsoas_from_national_files_with_its_wards_and_real_name()
    {
        var summary = AreaHierarchy.Build(fixture.Store, new PartnershipArea(["E06000014"]), "York CSP");
        var area = AreaHierarchy.Read(fixture.Store);
        Assert.Equal(121, fixture.York.Count);
        Assert.Equal(fixture.York.Order(StringComparer.Ordinal), area.Select(a => a.Lsoa21Code));
        Assert.All(area, a => Assert.Equal(("E06000014", "York"), (a.DistrictCode, a.DistrictName)));
        Assert.All(area, a => Assert.StartsWith("E05", a.WardCode, StringComparison.Ordinal));
        Assert.Equal(21, summary.Wards);
        Assert.Equal(["E06000014"], summary.Authorities);
        // York was not reorganised in 2023, so it has no hubs of former districts.
        Assert.All(area, a => Assert.Null(a.HubCode));
    }

    [Fact]
    public void Authorities_can_be_named_and_a_merged_authority_has_its_former_districts_as_hubs()
    {
        AreaHierarchy.Build(fixture.Store, new PartnershipArea(["york", "North Yorkshire"]), "North Yorkshire CSP");
        var area = AreaHierarchy.Read(fixture.Store);
        Assert.Equal(fixture.York.Count + fixture.NorthYorkshire.Count, area.Count);
        Assert.Equal(500, area.Count);
        Assert.Equal(["North Yorkshire", "York"], area.Select(a => a.DistrictName!).Distinct().Order(StringComparer.Ordinal));
        var hubs = area.Where(a => a.DistrictCode == "E06000065").Select(a => a.HubName).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Craven", "Hambleton", "Harrogate", "Richmondshire", "Ryedale", "Scarborough", "Selby"], hubs);
        // LSOAs created in 2021 are missing from the 2011-2021 lookup and take the hub of their nearest LSOA.
        Assert.Contains(area, a => a.PlacedBy == "ward lookup; hub of the nearest LSOA");
        Assert.DoesNotContain(area, a => a.DistrictName == a.DistrictCode);
    }

    [Fact]
    public void Undeclared_national_reference_files_are_refused_with_the_setting_to_add()
    {
        var e = Assert.Throws<UserErrorException>(() => AreaHierarchy.Build(fixture.Store, PartnershipArea.Undeclared, "Partnership"));
        Assert.Contains("look national", e.Message, StringComparison.Ordinal);
        Assert.Contains("local_authorities", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_authority_is_refused_with_the_closest_name()
    {
        var e = Assert.Throws<UserErrorException>(() => AreaHierarchy.Build(fixture.Store, new PartnershipArea(["Yrok"]), "Partnership"));
        Assert.Contains("'Yrok' cannot be placed", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'York'", e.Message, StringComparison.Ordinal);
    }
}

public sealed class DerivedAreaTests
{
    [Fact]
    public void A_merged_authority_that_no_lookup_names_is_named_after_all_its_lsoa_names_not_the_largest()
    {
        using var store = AssessmentStore.Open(":memory:");
        new Ingester(store).Load("boundaries", SharedData.File("geography/lsoa_E06000065.geojson"));
        AreaHierarchy.Build(store, PartnershipArea.Undeclared, "Partnership");
        var names = AreaHierarchy.Read(store).Select(a => a.DistrictName).Distinct().ToList();
        Assert.Equal(["Craven, Hambleton, Harrogate, Richmondshire, Ryedale, Scarborough and Selby"], names);
        Assert.All(AreaHierarchy.Read(store), a => Assert.Equal("LSOA names of the merged authorities", a.DistrictNamedBy));
    }

    [Fact]
    public void With_no_reference_file_the_area_is_empty_and_nothing_is_clipped()
    {
        using var store = AssessmentStore.Open(":memory:");
        AreaHierarchy.Build(store, PartnershipArea.Undeclared, "Partnership");
        Assert.Empty(AreaHierarchy.Read(store));
        Assert.True(Convert.ToBoolean(store.Scalar($"SELECT {AreaHierarchy.InArea("'E01000001'")}"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
