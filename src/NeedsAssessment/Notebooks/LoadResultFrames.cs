using Deedle;
using NeedsAssessment.Ingest;

namespace NeedsAssessment.Notebooks;

/// <summary>Load results as Deedle frames, for notebooks.</summary>
public static class LoadResultFrames
{
    /// <summary>One row per file loaded (or validated): what happened and the row accounting.</summary>
    /// <param name="loads">Results of <see cref="Ingester.Ingest"/>, <see cref="Ingester.Validate"/> or <see cref="Ingester.Load"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<LoadResult> loads) =>
        new FrameColumns<LoadResult>(loads)
            .Add("load_id", r => r.LoadId)
            .Add("kind", r => r.Kind)
            .Add("file_name", r => Path.GetFileName(r.FilePath))
            .AddName("status", r => r.Status)
            .Add("rows_read", r => r.RowsRead)
            .Add("rows_loaded", r => r.RowsLoaded)
            .Add("rows_quarantined", r => r.RowsQuarantined)
            .Add("notes", r => r.Notes.Count == 0 ? null : string.Join(" ", r.Notes))
            .Build();
}
