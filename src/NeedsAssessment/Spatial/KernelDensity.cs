using System.Collections.Immutable;

namespace NeedsAssessment.Spatial;

/// <summary>One grid cell's kernel density.</summary>
/// <param name="Id">Cell id, as in <see cref="GridCell.Id"/>.</param>
/// <param name="X">Easting of the cell centre.</param>
/// <param name="Y">Northing of the cell centre.</param>
/// <param name="Count">Points in the cell.</param>
/// <param name="Density">Estimated events (or weight) per square kilometre at the cell centre.</param>
public sealed record DensityCell(string Id, double X, double Y, int Count, double Density);

/// <summary>Kernel density settings actually used.</summary>
/// <param name="Kernel">Always "quartic".</param>
/// <param name="Bandwidth">Kernel radius h in metres, after <paramref name="BandwidthAdjust"/>.</param>
/// <param name="BandwidthAutomatic">True when h came from <see cref="KernelDensity.DefaultBandwidth"/>.</param>
/// <param name="BandwidthAdjust">Multiplier applied to the base bandwidth.</param>
/// <param name="Grid">Grid parameters.</param>
public sealed record KernelDensityParameters(string Kernel, double Bandwidth, bool BandwidthAutomatic, double BandwidthAdjust, GridParameters Grid);

/// <summary>Kernel density per grid cell (as sfhotspot's <c>hotspot_kde</c>).</summary>
/// <param name="Parameters">Settings used.</param>
/// <param name="Cells">Cells in grid order.</param>
public sealed record KernelDensityResult(KernelDensityParameters Parameters, ImmutableArray<DensityCell> Cells);

/// <summary>Quartic (biweight) kernel density estimation on a square grid.</summary>
public static class KernelDensity
{
    /// <summary>
    /// The quartic kernel K(d) = 3/(πh²) (1 − d²/h²)² for d &lt; h, else 0 (Silverman 1986, Density Estimation, table 4.1
    /// scaled to two dimensions; the kernel of ArcGIS Kernel Density and SpatialKDE). It integrates to 1 over the plane.
    /// </summary>
    public static double Quartic(double distance, double bandwidth)
    {
        double u2 = distance * distance / (bandwidth * bandwidth);
        return u2 >= 1 ? 0.0 : 3.0 / (Math.PI * bandwidth * bandwidth) * (1 - u2) * (1 - u2);
    }

    /// <summary>
    /// sfhotspot's rule-of-thumb bandwidth (<c>bandwidth_nrd</c>, copied from MASS::bandwidth.nrd):
    /// 4 × 1.06 × min(sd, IQR/1.34) × n^(−1/5) per coordinate, averaged over x and y.
    /// (sfhotspot writes <c>mean(bx, by)</c>, which in R returns bx alone; the average of both is what it documents.)
    /// Quantiles are R's type 7. Falls back to 0 when the points do not spread in either direction.
    /// </summary>
    public static double DefaultBandwidth(IReadOnlyList<SpatialPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2) return 0.0;
        return 0.5 * (Nrd(points.Select(p => p.X).ToArray()) + Nrd(points.Select(p => p.Y).ToArray()));
    }

    private static double Nrd(double[] v)
    {
        int n = v.Length;
        Array.Sort(v);
        double mean = v.Average();
        double sd = Math.Sqrt(v.Sum(a => (a - mean) * (a - mean)) / (n - 1));
        double iqr = (Quantile7(v, 0.75) - Quantile7(v, 0.25)) / 1.34;
        double spread = Math.Min(sd, iqr);
        // MASS uses min(sd, IQR/1.34); a zero IQR with a positive sd (heavily tied data) would give zero, so use sd then.
        if (!(spread > 0)) spread = sd;
        return 4 * 1.06 * spread * Math.Pow(n, -0.2);
    }

    private static double Quantile7(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(sorted.Length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Density at each grid-cell centre: f(c) = Σ<sub>i</sub> w<sub>i</sub> K(‖c − p<sub>i</sub>‖) × 10⁶, in events (or weight)
    /// per km². Points within h of each centre are found with a <see cref="KdTree"/>.
    /// </summary>
    /// <param name="points">Event locations in metres.</param>
    /// <param name="cellSize">Cell side; automatic when null (<see cref="GridCounter.DefaultCellSize"/>).</param>
    /// <param name="bandwidth">Kernel radius h in metres; <see cref="DefaultBandwidth"/> when null (falling back to the cell size if that is 0).</param>
    /// <param name="bandwidthAdjust">Multiplier on the bandwidth (sfhotspot's <c>bandwidth_adjust</c>); 1 by default.</param>
    /// <param name="extent">Area to grid; the points' bounding box when null.</param>
    /// <param name="weights">Optional weight per point.</param>
    public static KernelDensityResult Estimate(
        IReadOnlyList<SpatialPoint> points,
        double? cellSize = null,
        double? bandwidth = null,
        double bandwidthAdjust = 1.0,
        Extent? extent = null,
        IReadOnlyList<double>? weights = null)
    {
        var grid = GridCounter.Count(points, cellSize, extent, weights);
        return OnGrid(points, grid, bandwidth, bandwidthAdjust, weights);
    }

    internal static KernelDensityResult OnGrid(
        IReadOnlyList<SpatialPoint> points, GridCountResult grid, double? bandwidth, double bandwidthAdjust, IReadOnlyList<double>? weights)
    {
        if (!(bandwidthAdjust > 0)) throw new ArgumentOutOfRangeException(nameof(bandwidthAdjust), "The bandwidth adjustment must be positive.");
        if (bandwidth is { } given && !(given > 0)) throw new ArgumentOutOfRangeException(nameof(bandwidth), "Bandwidth must be positive.");
        double baseH = bandwidth ?? DefaultBandwidth(points);
        if (!(baseH > 0)) baseH = grid.Parameters.CellSize;
        double h = baseH * bandwidthAdjust;

        var density = Evaluate(points, weights, grid.Centres(), h);
        var cells = ImmutableArray.CreateBuilder<DensityCell>(grid.Cells.Length);
        for (int k = 0; k < grid.Cells.Length; k++)
        {
            var c = grid.Cells[k];
            cells.Add(new DensityCell(c.Id, c.X, c.Y, c.Count, density[k]));
        }
        var parameters = new KernelDensityParameters("quartic", h, bandwidth is null, bandwidthAdjust, grid.Parameters);
        return new KernelDensityResult(parameters, cells.MoveToImmutable());
    }

    internal static double[] Evaluate(IReadOnlyList<SpatialPoint> points, IReadOnlyList<double>? weights, SpatialPoint[] at, double h)
    {
        var result = new double[at.Length];
        if (points.Count == 0) return result;
        var tree = new KdTree(points);
        var found = new List<int>(64);
        for (int k = 0; k < at.Length; k++)
        {
            found.Clear();
            tree.WithinDistance(at[k].X, at[k].Y, h, found);
            double s = 0;
            foreach (int i in found)
            {
                double dx = points[i].X - at[k].X, dy = points[i].Y - at[k].Y;
                s += (weights is null ? 1.0 : weights[i]) * Quartic(Math.Sqrt(dx * dx + dy * dy), h);
            }
            result[k] = s * 1e6;
        }
        return result;
    }
}
