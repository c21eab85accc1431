using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace NeedsAssessment.Spatial;

/// <summary>How neighbour weights are scaled (spdep's <c>nb2listw</c> <c>style</c>).</summary>
public enum WeightsStyle
{
    /// <summary>Every neighbour weight is 1 (spdep style "B").</summary>
    Binary,

    /// <summary>Each unit's weights sum to 1 (spdep style "W").</summary>
    RowStandardised,
}

/// <summary>How the neighbour sets were built, for the run's parameters file.</summary>
/// <param name="Method">"distance-band", "k-nearest" or "explicit".</param>
/// <param name="Distance">Band distance in metres (distance-band only).</param>
/// <param name="K">Number of neighbours (k-nearest only).</param>
/// <param name="Style">Weight scaling.</param>
/// <param name="IncludesSelf">True when each unit is its own neighbour (as spdep's <c>include.self</c>, needed for Gi*).</param>
public sealed record WeightsParameters(string Method, double? Distance, int? K, WeightsStyle Style, bool IncludesSelf);

/// <summary>
/// Sparse spatial weights w<sub>ij</sub> in compressed-row form: unit i's neighbours are
/// <c>Neighbours[Offsets[i]..Offsets[i+1]]</c> in ascending index order with matching <c>Values</c>.
/// Built from a <see cref="KdTree"/>, never from an all-pairs loop.
/// </summary>
public sealed class SpatialWeights
{
    private readonly int[] _offsets;
    private readonly int[] _neighbours;
    private readonly double[] _values;

    private SpatialWeights(int[] offsets, int[] neighbours, double[] values, WeightsParameters parameters)
    {
        _offsets = offsets; _neighbours = neighbours; _values = values; Parameters = parameters;
    }

    /// <summary>How the weights were built.</summary>
    public WeightsParameters Parameters { get; }

    /// <summary>Number of units n.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>Total number of (i, j) links stored, including self links.</summary>
    public int LinkCount => _neighbours.Length;

    /// <summary>Row offsets into <see cref="Neighbours"/> (length n + 1).</summary>
    public ImmutableArray<int> Offsets => ImmutableCollectionsMarshal.AsImmutableArray(_offsets);

    /// <summary>Neighbour indices j, grouped by unit i.</summary>
    public ImmutableArray<int> Neighbours => ImmutableCollectionsMarshal.AsImmutableArray(_neighbours);

    /// <summary>Weights w<sub>ij</sub>, aligned with <see cref="Neighbours"/>.</summary>
    public ImmutableArray<double> Values => ImmutableCollectionsMarshal.AsImmutableArray(_values);

    /// <summary>Unit i's neighbour indices (ascending).</summary>
    public ReadOnlySpan<int> NeighboursOf(int i) => _neighbours.AsSpan(_offsets[i], _offsets[i + 1] - _offsets[i]);

    /// <summary>Unit i's weights, aligned with <see cref="NeighboursOf"/>.</summary>
    public ReadOnlySpan<double> WeightsOf(int i) => _values.AsSpan(_offsets[i], _offsets[i + 1] - _offsets[i]);

    /// <summary>W<sub>i</sub> = Σ<sub>j</sub> w<sub>ij</sub>.</summary>
    public double RowSum(int i)
    {
        double s = 0; foreach (var w in WeightsOf(i)) s += w; return s;
    }

    /// <summary>S1<sub>i</sub> = Σ<sub>j</sub> w<sub>ij</sub>².</summary>
    public double RowSumOfSquares(int i)
    {
        double s = 0; foreach (var w in WeightsOf(i)) s += w * w; return s;
    }

    /// <summary>Spatial lag Σ<sub>j</sub> w<sub>ij</sub> v<sub>j</sub> for every unit.</summary>
    public double[] Lag(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Count) throw new ArgumentException("One value per unit is needed.", nameof(values));
        var lag = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            double s = 0;
            for (int k = _offsets[i]; k < _offsets[i + 1]; k++) s += _values[k] * values[_neighbours[k]];
            lag[i] = s;
        }
        return lag;
    }

    /// <summary>w<sub>ij</sub>, or 0 when j is not a neighbour of i (binary search of the sorted row).</summary>
    public double Weight(int i, int j)
    {
        int k = NeighboursOf(i).BinarySearch(j);
        return k >= 0 ? _values[_offsets[i] + k] : 0.0;
    }

    /// <summary>
    /// Distance-band neighbours: j is a neighbour of i when d<sub>ij</sub> &lt;= <paramref name="distance"/>
    /// (as spdep's <c>dnearneigh(x, 0, d)</c>). A relative tolerance of 1e-9 keeps grid neighbours exactly at the band
    /// edge (e.g. diagonal cells at cell size x √2) from being lost to rounding. Coincident points are neighbours.
    /// </summary>
    /// <param name="points">Unit locations (e.g. grid cell centres).</param>
    /// <param name="distance">Band distance in metres.</param>
    /// <param name="includeSelf">Make each unit its own neighbour (required for Gi*; forbidden for Moran's I).</param>
    /// <param name="style">Weight scaling.</param>
    public static SpatialWeights DistanceBand(IReadOnlyList<SpatialPoint> points, double distance, bool includeSelf = false, WeightsStyle style = WeightsStyle.Binary)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!(distance > 0) || !double.IsFinite(distance)) throw new ArgumentOutOfRangeException(nameof(distance), "Distance must be positive and finite.");
        var tree = new KdTree(points);
        double band = distance * (1 + 1e-9);
        var offsets = new int[points.Count + 1];
        var all = new List<int>(points.Count * 8);
        var buffer = new List<int>(32);
        for (int i = 0; i < points.Count; i++)
        {
            buffer.Clear();
            tree.WithinDistance(points[i].X, points[i].Y, band, buffer);
            buffer.Sort();
            foreach (int j in buffer) if (j != i || includeSelf) all.Add(j);
            offsets[i + 1] = all.Count;
        }
        return Create(offsets, all.ToArray(), new WeightsParameters("distance-band", distance, null, style, includeSelf));
    }

    /// <summary>
    /// k-nearest-neighbour weights (as spdep's <c>knn2nb(knearneigh(x, k))</c>): asymmetric in general;
    /// equal distances are broken by the lower index.
    /// </summary>
    /// <param name="points">Unit locations.</param>
    /// <param name="k">Neighbours per unit, not counting itself.</param>
    /// <param name="includeSelf">Also make each unit its own neighbour.</param>
    /// <param name="style">Weight scaling.</param>
    public static SpatialWeights KNearest(IReadOnlyList<SpatialPoint> points, int k, bool includeSelf = false, WeightsStyle style = WeightsStyle.Binary)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (k < 1 || k >= points.Count) throw new ArgumentOutOfRangeException(nameof(k), "k must be at least 1 and less than the number of points.");
        var tree = new KdTree(points);
        var offsets = new int[points.Count + 1];
        var all = new List<int>(points.Count * (k + 1));
        for (int i = 0; i < points.Count; i++)
        {
            var nn = tree.Nearest(points[i].X, points[i].Y, k, exclude: i);
            if (includeSelf) { Array.Resize(ref nn, nn.Length + 1); nn[^1] = i; }
            Array.Sort(nn);
            all.AddRange(nn);
            offsets[i + 1] = all.Count;
        }
        return Create(offsets, all.ToArray(), new WeightsParameters("k-nearest", null, k, style, includeSelf));
    }

    /// <summary>Weights from explicit neighbour lists (e.g. rook or queen contiguity worked out elsewhere).</summary>
    /// <param name="neighbours">For each unit, the indices of its neighbours; duplicates are not allowed.</param>
    /// <param name="style">Weight scaling.</param>
    public static SpatialWeights FromNeighbours(IReadOnlyList<IReadOnlyList<int>> neighbours, WeightsStyle style = WeightsStyle.Binary)
    {
        ArgumentNullException.ThrowIfNull(neighbours);
        int n = neighbours.Count;
        var offsets = new int[n + 1];
        var all = new List<int>();
        bool self = false;
        for (int i = 0; i < n; i++)
        {
            var row = neighbours[i].ToArray();
            Array.Sort(row);
            for (int k = 0; k < row.Length; k++)
            {
                if (row[k] < 0 || row[k] >= n) throw new ArgumentOutOfRangeException(nameof(neighbours), $"Neighbour {row[k]} of unit {i} is out of range.");
                if (k > 0 && row[k] == row[k - 1]) throw new ArgumentException($"Unit {i} lists neighbour {row[k]} twice.", nameof(neighbours));
                if (row[k] == i) self = true;
            }
            all.AddRange(row);
            offsets[i + 1] = all.Count;
        }
        return Create(offsets, all.ToArray(), new WeightsParameters("explicit", null, null, style, self));
    }

    private static SpatialWeights Create(int[] offsets, int[] neighbours, WeightsParameters parameters)
    {
        var values = new double[neighbours.Length];
        for (int i = 0; i + 1 < offsets.Length; i++)
        {
            int len = offsets[i + 1] - offsets[i];
            // A unit with no neighbours keeps an empty row; spdep's zero.policy = TRUE behaves the same way.
            double w = parameters.Style == WeightsStyle.RowStandardised && len > 0 ? 1.0 / len : 1.0;
            for (int k = offsets[i]; k < offsets[i + 1]; k++) values[k] = w;
        }
        return new SpatialWeights(offsets, neighbours, values, parameters);
    }
}
