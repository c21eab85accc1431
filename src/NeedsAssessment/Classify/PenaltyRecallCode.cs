using NeedsAssessment.Store;

namespace NeedsAssessment.Classify;

/// <summary>An offence code in the classified records whose maximum penalty has no source yet (a row of <c>sv_penalty_recall</c>).</summary>
/// <param name="Code">Home Office offence code.</param>
/// <param name="Description">Offence description, or empty.</param>
public sealed record PenaltyRecallCode(string Code, string Description)
{
    /// <summary>The codes that occur in this store's records, in code order; none when classification has not run.</summary>
    public static IReadOnlyList<PenaltyRecallCode> Read(AssessmentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.TableExists("sv_penalty_recall")
            ? store.Query("SELECT code, description FROM sv_penalty_recall WHERE records > 0 ORDER BY code",
                r => new PenaltyRecallCode(r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1)))
            : [];
    }
}
