namespace NeedsAssessment.Indicators;

/// <summary>What <see cref="DisclosureAudit.Run"/> found in an output folder.</summary>
/// <param name="Files">Indicator files read.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="SuppressedCells">Hidden counts (and count denominators) the attack tried to recover.</param>
/// <param name="Relations">Additive relations the attack used.</param>
/// <param name="Recovered">Hidden counts worked out exactly (excluding any the store shows to be wrong).</param>
/// <param name="Leaks">Fields that narrow a hidden count (a value, limit or interval method on a hidden row; a count in a note).</param>
/// <param name="Wrong">Values derived from a relation the store shows not to hold for that cell (not disclosures).</param>
public sealed record DisclosureAuditResult(
    IReadOnlyList<string> Files, int Rows, int SuppressedCells, int Relations,
    IReadOnlyList<DisclosureFinding> Recovered, IReadOnlyList<DisclosureFinding> Leaks, int Wrong)
{
    /// <summary>True when nothing hidden can be recovered or narrowed.</summary>
    public bool Clean => Recovered.Count == 0 && Leaks.Count == 0;
}
