using Deedle;
using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Notebooks;

/// <summary>A run manifest's inputs and stages as Deedle frames, for notebooks.</summary>
public static class RunManifestFrames
{
    /// <summary>One row per input file: kind, file, the row accounting (read = loaded + quarantined) and its hash.</summary>
    /// <param name="inputs">From <see cref="RunManifest.Inputs"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<ManifestInput> inputs) =>
        new FrameColumns<ManifestInput>(inputs)
            .Add("kind", i => i.Kind)
            .Add("file_name", i => Path.GetFileName(i.Path))
            .Add("rows_read", i => i.RowsRead)
            .Add("rows_loaded", i => i.RowsLoaded)
            .Add("rows_quarantined", i => i.RowsQuarantined)
            .Add("bytes", i => i.Bytes)
            .Add("sha256", i => i.Sha256)
            .Build();

    /// <summary>One row per stage: whether it ran or was skipped (inputs unchanged), how long it took and what it did.</summary>
    /// <param name="stages">From <see cref="RunManifest.Stages"/>.</param>
    public static Frame<int, string> ToFrame(this IEnumerable<ManifestStage> stages) =>
        new FrameColumns<ManifestStage>(stages)
            .Add("stage", s => s.Name)
            .Add("status", s => s.Status)
            .Add("seconds", s => s.Seconds)
            .Add("message", s => s.Message)
            .Build();
}
