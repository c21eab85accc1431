namespace NeedsAssessment.Ingest;

/// <summary>String distance used to suggest the closest expected name in error messages.</summary>
public static class HeaderMatcherPublic
{
    /// <summary>Levenshtein edit distance between two strings, ignoring case.</summary>
    public static int Distance(string a, string b) => HeaderMatcher.Levenshtein(a.ToLowerInvariant(), b.ToLowerInvariant());
}
