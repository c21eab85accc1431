using System.Diagnostics;

namespace NeedsAssessment.Spatial;

/// <summary>Timings of one benchmark run.</summary>
/// <param name="Points">Number of random points.</param>
/// <param name="Distance">Band distance used, chosen to give about the requested neighbours per point.</param>
/// <param name="MeanNeighbours">Average neighbours per point, excluding self.</param>
/// <param name="NeighbourSearch">k-d tree build plus distance-band search into sparse weights.</param>
/// <param name="GiStar">Gi* with BH adjustment and classification.</param>
/// <param name="Total">End to end.</param>
public sealed record SpatialBenchmarkResult(int Points, double Distance, double MeanNeighbours, TimeSpan NeighbourSearch, TimeSpan GiStar, TimeSpan Total);

/// <summary>Timing hook for the CLI's <c>bench</c> command.</summary>
public static class SpatialBenchmark
{
    /// <summary>
    /// Times neighbour search and Gi* on <paramref name="points"/> uniform random points in a 20 km square with a band
    /// distance d = √(k A / (π n)), so that each point has about k = <paramref name="neighbours"/> others within d,
    /// and Poisson-like random values.
    /// </summary>
    /// <param name="points">Number of points (35,000 is a large force area's annual serious violence).</param>
    /// <param name="neighbours">Target neighbours per point.</param>
    /// <param name="seed">Seed for the random points and values.</param>
    public static SpatialBenchmarkResult RunGiStar(int points = 35_000, int neighbours = 10, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        const double side = 20_000;
        var random = new Random(seed);
        var pts = new SpatialPoint[points];
        var values = new double[points];
        for (int i = 0; i < points; i++)
        {
            pts[i] = new SpatialPoint(400_000 + random.NextDouble() * side, 200_000 + random.NextDouble() * side);
            values[i] = Math.Floor(-Math.Log(1 - random.NextDouble()) * 3);
        }
        double d = Math.Sqrt(neighbours * side * side / (Math.PI * points));

        var total = Stopwatch.StartNew();
        var sw = Stopwatch.StartNew();
        var w = SpatialWeights.DistanceBand(pts, d, includeSelf: true);
        var search = sw.Elapsed;
        sw.Restart();
        var gi = GetisOrdGiStar.Compute(values, w);
        var giTime = sw.Elapsed;
        var all = total.Elapsed;
        GC.KeepAlive(gi);
        return new SpatialBenchmarkResult(points, d, (w.LinkCount - points) / (double)points, search, giTime, all);
    }
}
