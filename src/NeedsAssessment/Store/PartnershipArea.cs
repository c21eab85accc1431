namespace NeedsAssessment.Store;

/// <summary>
/// Which areas the partnership covers, as the assessment file declares them (<c>partnership.local_authorities</c>):
/// local authority district codes (E06, E07, E08, E09, W06) or names, matched against the loaded ward lookup, LSOA
/// lookup, boundaries and area hierarchy. Undeclared, the partnership is every LSOA of the partner's area hierarchy
/// file, or else of the reference files (which only works when they were cut to the partnership).
/// </summary>
/// <param name="LocalAuthorities">Codes or names as written; empty when undeclared.</param>
public sealed record PartnershipArea(IReadOnlyList<string> LocalAuthorities)
{
    /// <summary>No area declared.</summary>
    public static PartnershipArea Undeclared { get; } = new(Array.Empty<string>());

    /// <summary>True when the assessment file names the area.</summary>
    public bool Declared => LocalAuthorities.Count > 0;

    /// <summary>Text for the stage fingerprint and the manifest.</summary>
    public override string ToString() => Declared ? "local_authorities: " + string.Join(", ", LocalAuthorities) : "undeclared";
}
