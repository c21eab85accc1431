using Deedle;
using NeedsAssessment.Store;

namespace NeedsAssessment.Notebooks;

/// <summary>Shortcuts from a <see cref="DemoRun"/> to its store, for notebooks.</summary>
public static class DemoRunExtensions
{
    /// <summary>Opens the demo's store; read-only by default so exploring cannot change the results.</summary>
    /// <param name="run">The demo run.</param>
    /// <param name="readOnly">False to open it writable (to run a stage again with other settings).</param>
    public static AssessmentStore OpenStore(this DemoRun run, bool readOnly = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AssessmentStore.Open(run.StorePath, readOnly: readOnly);
    }

    /// <summary>Runs one query against the demo's store (opened read-only for the query only) and returns the result as a frame.</summary>
    /// <param name="run">The demo run.</param>
    /// <param name="sql">Any DuckDB query.</param>
    public static Frame<int, string> Query(this DemoRun run, string sql)
    {
        using var store = run.OpenStore();
        return store.QueryFrame(sql);
    }
}
