using Deedle;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Notebooks;

/// <summary>
/// Hotspot results as Deedle frames, one row per grid cell (or unit), for notebooks: filter, sort and join them to
/// area lookups without unpacking the result records by hand.
/// </summary>
public static class SpatialFrames
{
    /// <summary>Gi* per grid cell: cell id, centre (BNG metres), count, weight sum, z, p, FDR-adjusted p and class.</summary>
    /// <param name="result">From <see cref="HotspotGiStar.Find"/>.</param>
    public static Frame<int, string> ToFrame(this HotspotGiStarResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var gi = result.GiStar.Values;
        return new FrameColumns<(GridCell Cell, GiStarValue Gi)>(result.Grid.Cells.Select((c, i) => (c, gi[i])))
            .Add("cell", r => r.Cell.Id)
            .Add("x", r => r.Cell.X)
            .Add("y", r => r.Cell.Y)
            .Add("count", r => r.Cell.Count)
            .Add("sum", r => r.Cell.Sum)
            .Add("z", r => r.Gi.Z)
            .Add("p", r => r.Gi.P)
            .Add("p_adjusted", r => r.Gi.PAdjusted)
            .AddName("class", r => r.Gi.Class)
            .Build();
    }

    /// <summary>Gi* per unit, in the order of the values given to <see cref="GetisOrdGiStar.Compute"/>.</summary>
    /// <param name="result">From <see cref="GetisOrdGiStar.Compute"/>.</param>
    /// <param name="ids">Optional unit ids (e.g. LSOA codes) in the same order.</param>
    public static Frame<int, string> ToFrame(this GiStarResult result, IReadOnlyList<string>? ids = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        CheckIds(ids, result.Values.Length);
        return new FrameColumns<(int Index, GiStarValue Gi)>(result.Values.Select((v, i) => (i, v)))
            .Add("id", r => ids?[r.Index] ?? r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("z", r => r.Gi.Z)
            .Add("p", r => r.Gi.P)
            .Add("p_adjusted", r => r.Gi.PAdjusted)
            .AddName("class", r => r.Gi.Class)
            .Build();
    }

    /// <summary>Local Moran's I per unit: I, its expectation, variance, z, p, pseudo p (when permuted) and quadrant.</summary>
    /// <param name="result">From <see cref="LocalMoran.Compute"/>.</param>
    /// <param name="ids">Optional unit ids (e.g. LSOA codes or cell ids) in the order of the values given.</param>
    public static Frame<int, string> ToFrame(this LocalMoranResult result, IReadOnlyList<string>? ids = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        CheckIds(ids, result.Values.Length);
        return new FrameColumns<(int Index, LocalMoranValue V)>(result.Values.Select((v, i) => (i, v)))
            .Add("id", r => ids?[r.Index] ?? r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("i", r => r.V.I)
            .Add("expected", r => r.V.Expected)
            .Add("variance", r => r.V.Variance)
            .Add("z", r => r.V.Z)
            .Add("p", r => r.V.P)
            .Add("pseudo_p", r => r.V.PseudoP)
            .AddName("quadrant", r => r.V.Quadrant)
            .Build();
    }

    /// <summary>Kernel density per grid cell: centre, count and density (events per km²).</summary>
    /// <param name="result">From <see cref="KernelDensity.Estimate"/>.</param>
    public static Frame<int, string> ToFrame(this KernelDensityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FrameColumns<DensityCell>(result.Cells)
            .Add("cell", c => c.Id)
            .Add("x", c => c.X)
            .Add("y", c => c.Y)
            .Add("count", c => c.Count)
            .Add("density", c => c.Density)
            .Build();
    }

    /// <summary>Dual kernel density per grid cell: event density, population density and their ratio (risk).</summary>
    /// <param name="result">From <see cref="DualKernelDensity.Estimate"/>.</param>
    public static Frame<int, string> ToFrame(this DualKernelDensityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FrameColumns<RiskCell>(result.Cells)
            .Add("cell", c => c.Id)
            .Add("x", c => c.X)
            .Add("y", c => c.Y)
            .Add("count", c => c.Count)
            .Add("event_density", c => c.EventDensity)
            .Add("population_density", c => c.PopulationDensity)
            .Add("risk", c => c.Risk)
            .Build();
    }

    /// <summary>
    /// Hotspot classes over time per grid cell: the trend class, the shares of periods hot and cold it rests on, and
    /// the count and Gi* class in each period (columns <c>count_1</c>, <c>class_1</c>, ... oldest first).
    /// </summary>
    /// <param name="result">From <see cref="HotspotTrends.Find"/>.</param>
    public static Frame<int, string> ToFrame(this HotspotTrendsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var grid = result.Periods[0].Grid.Cells;
        var builder = new FrameColumns<HotspotTrendCell>(result.Classification.Cells)
            .Add("cell", c => grid[c.Index].Id)
            .Add("x", c => grid[c.Index].X)
            .Add("y", c => grid[c.Index].Y)
            .AddName("trend", c => c.Trend)
            .Add("share_hot", c => c.ShareHot)
            .Add("recent_share_hot", c => c.RecentShareHot)
            .Add("share_cold", c => c.ShareCold)
            .Add("recent_share_cold", c => c.RecentShareCold);
        for (int p = 0; p < result.Periods.Length; p++)
        {
            var period = result.Periods[p];
            builder.Add($"count_{p + 1}", c => period.Grid.Cells[c.Index].Count)
                .AddName($"class_{p + 1}", c => period.GiStar.Values[c.Index].Class);
        }
        return builder.Build();
    }

    private static void CheckIds(IReadOnlyList<string>? ids, int count)
    {
        if (ids is not null && ids.Count != count)
            throw new ArgumentException($"{ids.Count} ids were given for {count} units; give one id per unit, in the same order.", nameof(ids));
    }
}
