using System.Collections.Immutable;
using System.Globalization;

namespace NeedsAssessment.Spatial;

/// <summary>One square cell of a counting grid.</summary>
/// <param name="Id">Stable identifier <c>c{Column}_{Row}</c>; column 0 is the west edge, row 0 the south edge.</param>
/// <param name="Column">Zero-based column from the west.</param>
/// <param name="Row">Zero-based row from the south.</param>
/// <param name="X">Easting of the cell centre.</param>
/// <param name="Y">Northing of the cell centre.</param>
/// <param name="Count">Number of points in the cell.</param>
/// <param name="Sum">Sum of point weights in the cell (equals <paramref name="Count"/> when unweighted).</param>
public sealed record GridCell(string Id, int Column, int Row, double X, double Y, int Count, double Sum);

/// <summary>The grid parameters actually used, for the run's parameters file.</summary>
/// <param name="CellSize">Cell side in metres.</param>
/// <param name="CellSizeAutomatic">True when <paramref name="CellSize"/> was chosen by <see cref="GridCounter.DefaultCellSize"/>.</param>
/// <param name="Extent">The area gridded; the grid starts at its south-west corner and may overhang its north and east edges.</param>
/// <param name="ExtentAutomatic">True when <paramref name="Extent"/> is the points' bounding box.</param>
/// <param name="Columns">Number of columns.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Weighted">True when per-point weights were summed.</param>
public sealed record GridParameters(double CellSize, bool CellSizeAutomatic, Extent Extent, bool ExtentAutomatic, int Columns, int Rows, bool Weighted);

/// <summary>Counts of points in a square grid (as sfhotspot's <c>hotspot_count</c>).</summary>
/// <param name="Parameters">Grid parameters actually used.</param>
/// <param name="Cells">All cells in row-major order from the south-west: index = Row * Columns + Column.</param>
/// <param name="PointsOutside">Points that fell outside a supplied extent and were not counted.</param>
public sealed record GridCountResult(GridParameters Parameters, ImmutableArray<GridCell> Cells, int PointsOutside)
{
    /// <summary>Cell centres in <see cref="Cells"/> order, for building spatial weights or evaluating a density.</summary>
    public SpatialPoint[] Centres() => Cells.Select(c => new SpatialPoint(c.X, c.Y)).ToArray();

    /// <summary>Cell counts as doubles in <see cref="Cells"/> order.</summary>
    public double[] Counts() => Cells.Select(c => (double)c.Count).ToArray();

    /// <summary>Cell weight sums in <see cref="Cells"/> order.</summary>
    public double[] Sums() => Cells.Select(c => c.Sum).ToArray();
}

/// <summary>Counting points in a regular square grid.</summary>
public static class GridCounter
{
    /// <summary>
    /// sfhotspot's automatic cell size (<c>set_cell_size</c>): one fiftieth of the shorter side of the extent,
    /// rounded down to a whole multiple of 100 m when that leaves it above zero (i.e. a shorter side of at least 5 km).
    /// A zero-width extent (collinear points) uses the longer side; a single location gives 100 m.
    /// </summary>
    public static double DefaultCellSize(Extent extent)
    {
        double side = Math.Min(extent.Width, extent.Height);
        if (!(side > 0)) side = Math.Max(extent.Width, extent.Height);
        if (!(side > 0)) return 100.0;
        double raw = side / 50.0;
        double hundreds = Math.Floor(raw / 100.0);
        return hundreds > 0 ? hundreds * 100.0 : raw;
    }

    /// <summary>
    /// Counts points (and optionally sums a weight such as harm) in a square grid laid from the south-west corner
    /// of <paramref name="extent"/>; a point on a shared edge goes to the cell to its north/east, and points on the
    /// far north/east edge go to the last cell.
    /// </summary>
    /// <param name="points">Event locations in metres.</param>
    /// <param name="cellSize">Cell side in metres; automatic (<see cref="DefaultCellSize"/>) when null.</param>
    /// <param name="extent">Area to grid; the points' bounding box when null. Points outside it are not counted.</param>
    /// <param name="weights">Optional weight per point (same order as <paramref name="points"/>) summed per cell.</param>
    /// <exception cref="ArgumentException">Empty points without an extent, mismatched weights, or a non-positive cell size.</exception>
    public static GridCountResult Count(
        IReadOnlyList<SpatialPoint> points,
        double? cellSize = null,
        Extent? extent = null,
        IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (weights is not null && weights.Count != points.Count)
            throw new ArgumentException("There must be one weight per point.", nameof(weights));
        var ext = extent ?? Extent.Of(points);
        if (!(ext.Width >= 0) || !(ext.Height >= 0)) throw new ArgumentException("Extent must have MaxX >= MinX and MaxY >= MinY.", nameof(extent));
        double size = cellSize ?? DefaultCellSize(ext);
        if (!(size > 0) || !double.IsFinite(size)) throw new ArgumentException("Cell size must be positive and finite.", nameof(cellSize));

        int cols = Cells(ext.Width, size);
        int rows = Cells(ext.Height, size);
        if ((long)cols * rows > 50_000_000) throw new ArgumentException($"A {cols} x {rows} grid is too large; use a larger cell size.", nameof(cellSize));

        var counts = new int[cols * rows];
        var sums = new double[cols * rows];
        int outside = 0;
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p.X < ext.MinX || p.X > ext.MaxX || p.Y < ext.MinY || p.Y > ext.MaxY) { outside++; continue; }
            int c = Math.Min(cols - 1, (int)Math.Floor((p.X - ext.MinX) / size));
            int r = Math.Min(rows - 1, (int)Math.Floor((p.Y - ext.MinY) / size));
            int k = r * cols + c;
            counts[k]++;
            sums[k] += weights is null ? 1.0 : weights[i];
        }

        var cells = ImmutableArray.CreateBuilder<GridCell>(cols * rows);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                int k = r * cols + c;
                cells.Add(new GridCell(
                    string.Create(CultureInfo.InvariantCulture, $"c{c}_{r}"), c, r,
                    ext.MinX + (c + 0.5) * size, ext.MinY + (r + 0.5) * size, counts[k], sums[k]));
            }
        var parameters = new GridParameters(size, cellSize is null, ext, extent is null, cols, rows, weights is not null);
        return new GridCountResult(parameters, cells.MoveToImmutable(), outside);
    }

    private static int Cells(double length, double size)
    {
        // The tolerance stops an extent that is an exact multiple of the cell size gaining a sliver column from rounding.
        double n = Math.Ceiling(length / size - 1e-9);
        return Math.Max(1, (int)n);
    }
}
