using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Store;

/// <summary>Place names for the maps, from the area's own hierarchy: North Yorkshire and York from the national files.</summary>
public sealed class AreaPlacesTests(NationalReferenceFixture fixture) : IClassFixture<NationalReferenceFixture>
{
    [Fact]
    public void North_Yorkshire_and_York_get_their_districts_former_districts_and_main_towns_at_their_centres()
    {
        AreaHierarchy.Build(fixture.Store, new PartnershipArea(["E06000014", "E06000065"]), "North Yorkshire CSP");
        var places = AreaPlaces.Build(fixture.Store);
        Assert.Equal(places, AreaPlaces.Read(fixture.Store));

        Assert.Equal(["North Yorkshire", "York"], places.Where(p => p.PlaceType == "district").Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Craven", "Hambleton", "Harrogate", "Richmondshire", "Ryedale", "Scarborough", "Selby"],
            places.Where(p => p.PlaceType == "hub").Select(p => p.Name).Order(StringComparer.Ordinal));
        var towns = places.Where(p => p.PlaceType == "town").ToDictionary(p => p.Name, StringComparer.Ordinal);

        // The largest towns, each named once; York first, with most of the city's residents.
        Assert.Equal("York", places.Single(p => p.PlaceType == "town" && p.Rank == 1).Name);
        foreach (var town in new[] { "Harrogate", "Scarborough", "Selby", "Northallerton", "Ripon", "Skipton", "Knaresborough", "Whitby" })
            Assert.True(towns.ContainsKey(town), $"{town} is not among the towns: {string.Join(", ", towns.Keys)}");
        Assert.DoesNotContain(towns.Keys, n => n is "Craven" or "Hambleton" or "Richmondshire" or "Ryedale");
        Assert.InRange(towns["York"].Residents!.Value, 120_000, 202_834);

        // Centres where the places are (British National Grid, to within 2 km): York Minster is at about 460300, 452200,
        // Scarborough's centre about 504000, 488500, Skipton's about 399000, 451500.
        Assert.InRange(Distance(towns["York"], 460_300, 452_200), 0, 2_000);
        Assert.InRange(Distance(towns["Scarborough"], 504_000, 488_500), 0, 2_000);
        Assert.InRange(Distance(towns["Skipton"], 399_000, 451_500), 0, 2_000);
        Assert.All(places, p => Assert.False(string.IsNullOrWhiteSpace(p.NamedBy)));
    }

    private static double Distance(AreaPlace p, double x, double y) => Math.Sqrt(Math.Pow(p.X - x, 2) + Math.Pow(p.Y - y, 2));

    [Theory]
    [InlineData("Skipton East & South", "Skipton")]
    [InlineData("Skipton West & West Craven", "Skipton")]
    [InlineData("Great Ayton", "Great Ayton")]
    [InlineData("High Harrogate & Kingsley", "High Harrogate")]
    [InlineData("Glusburn, Cross Hills & Sutton-in-Craven", "Glusburn,")]
    public void A_ward_names_its_town_by_its_first_word_or_two(string ward, string stem)
    {
        Assert.Equal(stem.TrimEnd(','), AreaPlaces.Stem(ward));
    }

    [Theory]
    [InlineData("Northallerton North & Brompton", "Northallerton")]
    [InlineData("Sherburn in Elmet", "Sherburn in Elmet")]
    [InlineData("Glusburn, Cross Hills & Sutton-in-Craven", "Glusburn")]
    [InlineData("Thirsk", "Thirsk")]
    public void A_ward_names_its_town_by_its_first_part_without_a_direction(string ward, string name)
    {
        Assert.Equal(name, AreaPlaces.Component(ward));
    }
}
