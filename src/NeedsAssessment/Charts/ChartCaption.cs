namespace NeedsAssessment.Charts;

/// <summary>
/// Provenance printed under every chart so a figure lifted out of the report still says where it came from.
/// </summary>
/// <param name="Source">Data source, e.g. "Police recorded crime (Home Office), ED attendances (SUS)".</param>
/// <param name="Period">Period covered, e.g. "April 2023 to March 2024".</param>
/// <param name="DefinitionName">Indicator or method definition name, e.g. "violence-with-injury-rate".</param>
/// <param name="DefinitionVersion">Version of that definition, e.g. "1.2".</param>
/// <param name="Note">Optional extra line (suppression rule, method caveat); null for none.</param>
public sealed record ChartCaption(string Source, string Period, string DefinitionName, string DefinitionVersion, string? Note = null)
{
    /// <summary>The caption as printed: source and period on one line, definition on the next, then the note.</summary>
    /// <returns>Lines of caption text.</returns>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>
        {
            $"Source: {Source}. Period: {Period}.",
            $"Definition: {DefinitionName} v{DefinitionVersion}.",
        };
        if (!string.IsNullOrWhiteSpace(Note))
        {
            lines.Add(Note);
        }

        return lines;
    }

    /// <summary>The caption as one string, lines joined by spaces (for report text beneath a figure).</summary>
    /// <returns>The caption text.</returns>
    public override string ToString() => string.Join(" ", Lines());

    /// <summary>A copy with <paramref name="extra"/> appended to <see cref="Note"/> (used for chart-specific suppression notes).</summary>
    /// <param name="extra">Text to append; ignored when null or blank.</param>
    /// <returns>The extended caption.</returns>
    public ChartCaption WithNote(string? extra)
    {
        if (string.IsNullOrWhiteSpace(extra))
        {
            return this;
        }

        return this with { Note = string.IsNullOrWhiteSpace(Note) ? extra : $"{Note} {extra}" };
    }
}
