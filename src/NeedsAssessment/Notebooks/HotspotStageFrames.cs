using Deedle;
using NeedsAssessment.Spatial;

namespace NeedsAssessment.Notebooks;

/// <summary>The hot spot stage's tables as Deedle frames, for notebooks.</summary>
public static class HotspotStageFrames
{
    /// <summary>
    /// Rows of the <c>hotspots</c> table: one per method, period and unit (grid cell or LSOA), with the value analysed,
    /// z, p, FDR-adjusted p and class. Filter with <see cref="HotspotReadResult.Of"/> before converting to keep it small.
    /// </summary>
    /// <param name="rows">From <see cref="HotspotReadResult.Rows"/>, <see cref="HotspotReadResult.Of"/> or <see cref="HotspotRunResult.Rows"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<HotspotRow> rows) =>
        new FrameColumns<HotspotRow>(rows)
            .Add("method", r => r.Method)
            .Add("period", r => r.Period)
            .Add("unit_id", r => r.UnitId)
            .Add("x", r => r.X)
            .Add("y", r => r.Y)
            .Add("count", r => r.Count)
            .Add("value", r => r.Value)
            .Add("z", r => r.Z)
            .Add("p", r => r.P)
            .Add("p_fdr", r => r.PFdr)
            .Add("class", r => r.Class)
            .Build();

    /// <summary>The ranked hot spot list (<c>hotspot_top</c>): cell, Gi*, cluster, trend, nearest LSOA, ward and district, and the commonest offences.</summary>
    /// <param name="top">From <see cref="HotspotReadResult.Top"/> or <see cref="HotspotRunResult.Top"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<HotspotTopEntry> top) =>
        new FrameColumns<HotspotTopEntry>(top)
            .Add("rank", t => t.Rank)
            .Add("unit_id", t => t.UnitId)
            .Add("count", t => t.Count)
            .Add("z", t => t.Z)
            .Add("p_fdr", t => t.PFdr)
            .Add("class", t => t.Class)
            .Add("cluster", t => t.Cluster)
            .Add("cluster_cells", t => t.ClusterCells)
            .Add("cluster_count", t => t.ClusterCount)
            .Add("trend", t => t.Trend)
            .Add("lsoa21_code", t => t.Lsoa21Code)
            .Add("lsoa21_name", t => t.Lsoa21Name)
            .Add("ward_name", t => t.WardName)
            .Add("district_name", t => t.DistrictName)
            .Add("centroid_distance", t => t.CentroidDistance)
            .Add("top_offences", t => t.TopOffences)
            .Add("top_offence_group", t => t.TopOffenceGroup)
            .Add("x", t => t.X)
            .Add("y", t => t.Y)
            .Build();
}
