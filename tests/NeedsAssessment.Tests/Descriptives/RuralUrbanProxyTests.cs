using System.Globalization;
using NeedsAssessment.Descriptives;
using NetTopologySuite.Geometries;

namespace NeedsAssessment.Tests.Descriptives;

/// <summary>
/// The rural and urban proxy: neighbourhoods at or above the density threshold join into settlements where their
/// boundaries touch, and are urban when the settlement reaches the settlement size; all else is rural.
/// </summary>
public sealed class RuralUrbanProxyTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 27700);

    /// <summary>A square of <paramref name="side"/> metres with its south-west corner at (x, y).</summary>
    private static Polygon Square(double x, double y, double side) =>
        Factory.CreatePolygon([new(x, y), new(x + side, y), new(x + side, y + side), new(x, y + side), new(x, y)]);

    /// <summary>A block of <paramref name="n"/> by <paramref name="n"/> touching one-hectare squares, each with <paramref name="residents"/>.</summary>
    private static IEnumerable<ProxyArea> Block(string prefix, double x, double y, int n, double residents) =>
        from i in Enumerable.Range(0, n)
        from j in Enumerable.Range(0, n)
        select new ProxyArea(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}{j}"), Square(x + 100 * i, y + 100 * j, 100), residents);

    [Fact]
    public void A_dense_town_of_ten_thousand_is_urban_and_a_dense_village_and_open_country_are_rural()
    {
        // Town: 25 hectares of 500 residents each (12,500); village: 4 hectares of 400 each; country: 1 km square of 150.
        var areas = Block("T", 400_000, 450_000, 5, 500).Concat(Block("V", 410_000, 450_000, 2, 400))
            .Append(new ProxyArea("C", Square(420_000, 450_000, 1000), 150)).ToList();
        var placed = RuralUrbanProxy.Classify(areas).ToDictionary(p => p.Code);

        Assert.All(placed.Values.Where(p => p.Code.StartsWith('T')), p => Assert.True(p.Urban && p.SettlementResidents == 12_500 && p.Settlement == placed["T00"].Settlement));
        Assert.All(placed.Values.Where(p => p.Code.StartsWith('V')), p => Assert.True(!p.Urban && p.SettlementResidents == 1_600));
        Assert.False(placed["C"].Urban);
        Assert.Null(placed["C"].Settlement);
        Assert.Equal((100.0, 1.5), (placed["C"].Hectares, placed["C"].Density), new ToleranceComparer(1e-9));
        Assert.Equal(500, placed["T22"].Density, 9);
    }

    [Fact]
    public void Two_dense_neighbourhoods_count_as_one_settlement_only_when_their_boundaries_touch()
    {
        // Two blocks of 6,000 residents: apart, each is short of 10,000; side by side they are one town of 12,000.
        var apart = Block("A", 400_000, 450_000, 2, 1_500).Concat(Block("B", 401_000, 450_000, 2, 1_500)).ToList();
        Assert.All(RuralUrbanProxy.Classify(apart), p => Assert.False(p.Urban));
        var touching = Block("A", 400_000, 450_000, 2, 1_500).Concat(Block("B", 400_200, 450_000, 2, 1_500)).ToList();
        var placed = RuralUrbanProxy.Classify(touching);
        Assert.All(placed, p => Assert.True(p.Urban && p.SettlementResidents == 12_000));
        Assert.Single(placed.Select(p => p.Settlement).Distinct());
    }

    [Fact]
    public void The_density_threshold_is_inclusive_and_a_sparse_neighbourhood_breaks_a_settlement()
    {
        // A row of three 100-hectare neighbourhoods: 4,000 residents at each end, and in the middle exactly 3 per hectare
        // (dense, so the row is one settlement of 8,300), then one resident fewer (sparse, so the ends stand apart).
        IReadOnlyList<ProxyArea> Row(double middle) =>
        [
            new("R1", Square(400_000, 450_000, 1000), 4_000), new("R2", Square(401_000, 450_000, 1000), middle), new("R3", Square(402_000, 450_000, 1000), 4_000),
        ];
        var exact = RuralUrbanProxy.Classify(Row(300), density: 3, settlementResidents: 8_300);
        Assert.All(exact, p => Assert.True(p.Urban));
        var broken = RuralUrbanProxy.Classify(Row(299), density: 3, settlementResidents: 8_300);
        Assert.All(broken, p => Assert.False(p.Urban));
        Assert.Null(broken[1].Settlement);
    }

    [Fact]
    public void Settlement_numbers_follow_the_codes_not_the_input_order()
    {
        var areas = Block("B", 400_000, 450_000, 2, 500).Concat(Block("A", 410_000, 450_000, 2, 500)).ToList();
        var forward = RuralUrbanProxy.Classify(areas).ToDictionary(p => p.Code, p => p.Settlement);
        var backward = RuralUrbanProxy.Classify(areas.AsEnumerable().Reverse().ToList()).ToDictionary(p => p.Code, p => p.Settlement);
        Assert.Equal(forward, backward);
        Assert.Equal((1, 2), (forward["A00"], forward["B00"]));
    }

    [Fact]
    public void A_threshold_that_is_not_positive_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RuralUrbanProxy.Classify([], density: 0));
        Assert.Equal("density", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => RuralUrbanProxy.Classify([], settlementResidents: -1));
        Assert.Equal("settlementResidents", e.ParamName);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) <= tolerance && Math.Abs(a.Item2 - b.Item2) <= tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
