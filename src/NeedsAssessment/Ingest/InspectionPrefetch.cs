using NeedsAssessment.Store;

namespace NeedsAssessment.Ingest;

/// <summary>
/// One file's inspection (<see cref="SourceFile.Inspect"/>) started ahead of its load on a thread-pool thread.
/// The load takes it only for the same path and schema, when the file's size and write time are still those seen
/// when it started, and when it finished without error; otherwise the load inspects the file itself, so an error is
/// raised where it always was and a file changed in between is read as it now is.
/// </summary>
internal sealed class InspectionPrefetch
{
    private sealed record Pending(DatasetSchema Schema, long Length, DateTime WrittenUtc, Task<SourceFile> Inspection);

    // By path: the next file's prefetch starts before the current file, itself prefetched, is loaded.
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Starts inspecting <paramref name="path"/> under <paramref name="schema"/>, replacing an earlier prefetch of that path.</summary>
    public void Start(string path, DatasetSchema schema)
    {
        var info = SourceFile.Target(path);
        _pending[path] = new Pending(schema, info.Length, info.LastWriteTimeUtc, Task.Run(() => SourceFile.Inspect(path, schema)));
    }

    /// <summary>The prefetched inspection of <paramref name="path"/> under <paramref name="schema"/>, or null to inspect it now.</summary>
    public SourceFile? Take(string path, DatasetSchema schema)
    {
        if (!_pending.Remove(path, out var pending) || !ReferenceEquals(pending.Schema, schema)) return null;
        try
        {
            var file = pending.Inspection.GetAwaiter().GetResult();
            var info = SourceFile.Target(path);
            return info.Exists && info.Length == pending.Length && info.LastWriteTimeUtc == pending.WrittenUtc ? file : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The load's own inspection meets the same problem and reports it in the file's name.
            return null;
        }
    }
}
