namespace NeedsAssessment.Spatial;

/// <summary>
/// A static two-dimensional k-d tree (Bentley 1975, Commun. ACM 18:509-517) over a fixed point set, for
/// distance-band and k-nearest-neighbour queries without an all-pairs loop. Built once in O(n log n);
/// a query visits only subtrees whose splitting plane lies within the search radius.
/// </summary>
public sealed class KdTree
{
    private const int LeafSize = 8;
    private readonly int[] _index;   // original point index at each tree position
    private readonly double[] _x;    // coordinates in tree order, for locality
    private readonly double[] _y;
    private readonly byte[] _axis;   // split axis at each internal node's median position

    /// <summary>Builds the tree; the point list is copied, so later changes to it do not affect the tree.</summary>
    /// <exception cref="ArgumentException">A non-finite coordinate.</exception>
    public KdTree(IReadOnlyList<SpatialPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        _index = new int[n];
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            var p = points[i];
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y)) throw new ArgumentException("Point coordinates must be finite.", nameof(points));
            _index[i] = i; xs[i] = p.X; ys[i] = p.Y;
        }
        _axis = new byte[n];
        Build(xs, ys, 0, n);
        _x = new double[n];
        _y = new double[n];
        for (int k = 0; k < n; k++) { _x[k] = xs[_index[k]]; _y[k] = ys[_index[k]]; }
    }

    /// <summary>Number of points in the tree.</summary>
    public int Count => _index.Length;

    private void Build(double[] xs, double[] ys, int lo, int hi)
    {
        if (hi - lo <= LeafSize) return;
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (int k = lo; k < hi; k++)
        {
            int i = _index[k];
            if (xs[i] < minX) minX = xs[i]; if (xs[i] > maxX) maxX = xs[i];
            if (ys[i] < minY) minY = ys[i]; if (ys[i] > maxY) maxY = ys[i];
        }
        // Splitting the wider dimension keeps cells squarish, which bounds how many a radius query must open.
        byte axis = (byte)(maxX - minX >= maxY - minY ? 0 : 1);
        int mid = (lo + hi) >> 1;
        Select(axis == 0 ? xs : ys, lo, hi - 1, mid);
        _axis[mid] = axis;
        Build(xs, ys, lo, mid);
        Build(xs, ys, mid + 1, hi);
    }

    // Hoare quickselect: afterwards key(_index[k]) is the k-th smallest in [l, r], smaller to its left, larger to its right.
    private void Select(double[] key, int l, int r, int k)
    {
        while (l < r)
        {
            double pivot = key[_index[(l + r) >> 1]];
            int i = l, j = r;
            while (i <= j)
            {
                while (key[_index[i]] < pivot) i++;
                while (key[_index[j]] > pivot) j--;
                if (i <= j) { (_index[i], _index[j]) = (_index[j], _index[i]); i++; j--; }
            }
            if (k <= j) r = j;
            else if (k >= i) l = i;
            else return;
        }
    }

    /// <summary>
    /// Appends to <paramref name="result"/> the original indices of all points with Euclidean distance
    /// &lt;= <paramref name="distance"/> from (x, y), including any point at the query location itself. Order is unspecified.
    /// </summary>
    public void WithinDistance(double x, double y, double distance, List<int> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!(distance >= 0)) throw new ArgumentOutOfRangeException(nameof(distance), "Distance must be non-negative.");
        Radius(x, y, distance * distance, 0, _index.Length, result);
    }

    private void Radius(double qx, double qy, double r2, int lo, int hi, List<int> result)
    {
        while (true)
        {
            if (hi - lo <= LeafSize)
            {
                for (int k = lo; k < hi; k++)
                {
                    double dx = _x[k] - qx, dy = _y[k] - qy;
                    if (dx * dx + dy * dy <= r2) result.Add(_index[k]);
                }
                return;
            }
            int mid = (lo + hi) >> 1;
            double mx = _x[mid] - qx, my = _y[mid] - qy;
            if (mx * mx + my * my <= r2) result.Add(_index[mid]);
            double diff = _axis[mid] == 0 ? qx - _x[mid] : qy - _y[mid];
            bool near2 = diff * diff <= r2;
            if (diff <= 0)
            {
                if (near2) Radius(qx, qy, r2, mid + 1, hi, result);
                hi = mid;
            }
            else
            {
                if (near2) Radius(qx, qy, r2, lo, mid, result);
                lo = mid + 1;
            }
        }
    }

    /// <summary>
    /// The original indices of the <paramref name="k"/> points nearest (x, y), nearest first; equal distances are
    /// broken by the lower index so results are deterministic. <paramref name="exclude"/> (usually the query point's
    /// own index) is skipped. Fewer than k are returned only when the tree holds fewer eligible points.
    /// </summary>
    public int[] Nearest(double x, double y, int k, int exclude = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var state = new KnnState(k);
        if (k > 0) Knn(x, y, 0, _index.Length, exclude, state);
        return state.Ids.AsSpan(0, state.Count).ToArray();
    }

    private sealed class KnnState(int k)
    {
        public readonly double[] D2 = new double[k];
        public readonly int[] Ids = new int[k];
        public int Count;
        public double Worst => Count < D2.Length ? double.PositiveInfinity : D2[Count - 1];

        public void Offer(double d2, int id)
        {
            int cap = D2.Length;
            if (Count == cap && (d2 > D2[cap - 1] || (d2 == D2[cap - 1] && id > Ids[cap - 1]))) return;
            int pos = Count < cap ? Count++ : cap - 1;
            while (pos > 0 && (D2[pos - 1] > d2 || (D2[pos - 1] == d2 && Ids[pos - 1] > id)))
            {
                D2[pos] = D2[pos - 1]; Ids[pos] = Ids[pos - 1]; pos--;
            }
            D2[pos] = d2; Ids[pos] = id;
        }
    }

    private void Knn(double qx, double qy, int lo, int hi, int exclude, KnnState s)
    {
        if (hi - lo <= LeafSize)
        {
            for (int k = lo; k < hi; k++)
            {
                if (_index[k] == exclude) continue;
                double dx = _x[k] - qx, dy = _y[k] - qy;
                s.Offer(dx * dx + dy * dy, _index[k]);
            }
            return;
        }
        int mid = (lo + hi) >> 1;
        double diff = _axis[mid] == 0 ? qx - _x[mid] : qy - _y[mid];
        if (diff <= 0) Knn(qx, qy, lo, mid, exclude, s); else Knn(qx, qy, mid + 1, hi, exclude, s);
        if (_index[mid] != exclude)
        {
            double mx = _x[mid] - qx, my = _y[mid] - qy;
            s.Offer(mx * mx + my * my, _index[mid]);
        }
        // "<=" so a tie on the far side with a lower index can still displace the current worst.
        if (diff * diff <= s.Worst)
        {
            if (diff <= 0) Knn(qx, qy, mid + 1, hi, exclude, s); else Knn(qx, qy, lo, mid, exclude, s);
        }
    }
}
