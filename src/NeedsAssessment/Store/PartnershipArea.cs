namespace NeedsAssessment.Store;

/// <summary>
/// Which areas the partnership covers, as the assessment file declares them under <c>partnership:</c>, in any
/// combination (the area is their union):
/// <c>local_authorities</c>, local authority district codes (E06, E07, E08, E09, W06) or names, matched against the
/// loaded ward lookup, LSOA lookup, boundaries and area hierarchy; <c>csp</c>, community safety partnership codes or
/// names, resolved to their local authorities through the loaded CSP lookup (<c>csp-lookup</c>); and <c>boundary</c>, a
/// GeoJSON file whose polygons' union holds the partnership's LSOAs (those whose population-weighted centroid falls
/// inside). Undeclared, the partnership is every LSOA of the partner's area hierarchy file, or else of the reference
/// files (which only works when they were cut to the partnership).
/// </summary>
/// <param name="LocalAuthorities">Codes or names as written; empty when not given.</param>
public sealed record PartnershipArea(IReadOnlyList<string> LocalAuthorities)
{
    /// <summary>No area declared.</summary>
    public static PartnershipArea Undeclared { get; } = new(Array.Empty<string>());

    /// <summary>Community safety partnership codes or names as written (<c>partnership.csp</c>); empty when not given.</summary>
    public IReadOnlyList<string> Csps { get; init; } = [];

    /// <summary>Full path of the boundary file (<c>partnership.boundary</c>); null when not given.</summary>
    public string? BoundaryFile { get; init; }

    /// <summary>True when the assessment file names the area.</summary>
    public bool Declared => LocalAuthorities.Count > 0 || Csps.Count > 0 || BoundaryFile is not null;

    /// <summary>Text for the stage fingerprint and the manifest.</summary>
    public override string ToString()
    {
        if (!Declared) return "undeclared";
        var parts = new List<string>();
        if (LocalAuthorities.Count > 0) parts.Add("local_authorities: " + string.Join(", ", LocalAuthorities));
        if (Csps.Count > 0) parts.Add("csp: " + string.Join(", ", Csps));
        if (BoundaryFile is not null) parts.Add("boundary: " + BoundaryFile);
        return string.Join("; ", parts);
    }
}
