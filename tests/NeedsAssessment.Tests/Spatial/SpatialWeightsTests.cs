using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class SpatialWeightsTests
{
    internal static SpatialPoint[] GridCentres(int side, double cell = 100) =>
        (from r in Enumerable.Range(0, side) from c in Enumerable.Range(0, side) select new SpatialPoint(c * cell + cell / 2, r * cell + cell / 2)).ToArray();

    [Fact]
    public void Queen_band_of_cell_size_times_root_two_links_all_eight_surrounding_cells()
    {
        var w = SpatialWeights.DistanceBand(GridCentres(3), 100 * Math.Sqrt(2));
        Assert.Equal([0, 1, 2, 3, 5, 6, 7, 8], w.NeighboursOf(4).ToArray());
        Assert.Equal([1, 3, 4], w.NeighboursOf(0).ToArray());
        Assert.Equal(1.0, w.Weight(4, 0));
        Assert.Equal(0.0, w.Weight(0, 8));
    }

    [Fact]
    public void Including_self_adds_the_unit_to_its_own_neighbours()
    {
        var w = SpatialWeights.DistanceBand(GridCentres(3), 100, includeSelf: true);
        Assert.Equal([1, 3, 4, 5, 7], w.NeighboursOf(4).ToArray());
        Assert.True(w.Parameters.IncludesSelf);
    }

    [Fact]
    public void Row_standardised_weights_sum_to_one_per_unit()
    {
        var w = SpatialWeights.DistanceBand(GridCentres(4), 100 * Math.Sqrt(2), style: WeightsStyle.RowStandardised);
        for (int i = 0; i < w.Count; i++) Assert.Equal(1.0, w.RowSum(i), 12);
        Assert.Equal(1.0 / 3, w.Weight(0, 1), 12);
    }

    [Fact]
    public void K_nearest_matches_brute_force_and_can_be_asymmetric()
    {
        var random = new Random(5);
        var points = Enumerable.Range(0, 300).Select(_ => new SpatialPoint(random.NextDouble() * 1_000, random.NextDouble() * 1_000)).ToArray();
        var w = SpatialWeights.KNearest(points, 4);
        for (int i = 0; i < points.Length; i += 17)
        {
            var brute = Enumerable.Range(0, points.Length).Where(j => j != i)
                .OrderBy(j => Math.Pow(points[i].X - points[j].X, 2) + Math.Pow(points[i].Y - points[j].Y, 2)).ThenBy(j => j).Take(4).OrderBy(j => j);
            Assert.Equal(brute, w.NeighboursOf(i).ToArray());
        }
        Assert.Equal(4 * points.Length, w.LinkCount);
    }

    [Fact]
    public void Spatial_lag_is_the_weighted_sum_of_neighbour_values()
    {
        var w = SpatialWeights.FromNeighbours([[1], [0, 2], [1]]);
        Assert.Equal([20.0, 40.0, 20.0], w.Lag([10.0, 20.0, 30.0]));
    }
}
