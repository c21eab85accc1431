using NeedsAssessment.Spatial;

namespace NeedsAssessment.Tests.Spatial;

public class KdTreeTests
{
    private static SpatialPoint[] RandomPoints(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new SpatialPoint(random.NextDouble() * 5_000, random.NextDouble() * 3_000)).ToArray();
    }

    [Fact]
    public void Distance_band_query_returns_exactly_the_brute_force_set()
    {
        var points = RandomPoints(3_000, 11);
        var tree = new KdTree(points);
        var random = new Random(12);
        var found = new List<int>();
        for (int q = 0; q < 60; q++)
        {
            double x = random.NextDouble() * 5_000, y = random.NextDouble() * 3_000, d = random.NextDouble() * 400;
            found.Clear();
            tree.WithinDistance(x, y, d, found);
            var brute = Enumerable.Range(0, points.Length)
                .Where(i => Math.Sqrt((points[i].X - x) * (points[i].X - x) + (points[i].Y - y) * (points[i].Y - y)) <= d);
            Assert.Equal(brute.OrderBy(i => i), found.OrderBy(i => i));
        }
    }

    [Fact]
    public void Nearest_returns_the_brute_force_k_nearest_in_distance_order()
    {
        var points = RandomPoints(2_000, 21);
        var tree = new KdTree(points);
        foreach (int i in new[] { 0, 5, 77, 1_000, 1_999 })
        {
            var brute = Enumerable.Range(0, points.Length).Where(j => j != i)
                .OrderBy(j => Dist2(points[i], points[j])).ThenBy(j => j).Take(7);
            Assert.Equal(brute, tree.Nearest(points[i].X, points[i].Y, 7, exclude: i));
        }
    }

    [Fact]
    public void Nearest_breaks_equal_distances_by_lower_index_on_a_regular_grid()
    {
        // A lattice has many exact ties, which a naive pruning rule gets wrong.
        var points = (from r in Enumerable.Range(0, 15) from c in Enumerable.Range(0, 15) select new SpatialPoint(c * 10.0, r * 10.0)).ToArray();
        var tree = new KdTree(points);
        for (int i = 0; i < points.Length; i += 13)
        {
            var brute = Enumerable.Range(0, points.Length).Where(j => j != i)
                .OrderBy(j => Dist2(points[i], points[j])).ThenBy(j => j).Take(6);
            Assert.Equal(brute, tree.Nearest(points[i].X, points[i].Y, 6, exclude: i));
        }
    }

    [Fact]
    public void Distance_band_query_finds_duplicate_points()
    {
        var points = new SpatialPoint[] { new(1, 1), new(1, 1), new(1, 1), new(50, 50) };
        var found = new List<int>();
        new KdTree(points).WithinDistance(1, 1, 0, found);
        Assert.Equal([0, 1, 2], found.OrderBy(i => i));
    }

    private static double Dist2(SpatialPoint a, SpatialPoint b) => (a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y);
}
