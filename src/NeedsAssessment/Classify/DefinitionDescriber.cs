using System.Text;

namespace NeedsAssessment.Classify;

/// <summary>
/// Turns a serious violence definition into plain text for <c>definition show</c> and the report's method
/// section, so partners can check in words what is counted before they agree it.
/// </summary>
public static class DefinitionDescriber
{
    /// <summary>Describes the definition: what counts, what is excluded, which sources and qualifiers apply.</summary>
    public static string Describe(SeriousViolenceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var codes = ReferenceData.Rows(ReferenceData.OffenceCodes).ToDictionary(r => r["code"], r => r["description"], StringComparer.Ordinal);
        string Code(string c) => codes.TryGetValue(c, out var d) ? $"{c} {d}" : c;
        static string Words(string id) => id.Replace('_', ' ');

        var sb = new StringBuilder();
        sb.AppendLine($"Serious violence definition: {definition.Name} (version {definition.Version})");
        sb.AppendLine($"Source: {definition.Origin}");
        if (!string.IsNullOrWhiteSpace(definition.Description)) sb.AppendLine(definition.Description.Trim());
        sb.AppendLine();
        sb.AppendLine("Counts:");
        if (definition.Categories.Count == 0) sb.AppendLine("  - no whole category; only the codes listed below");
        foreach (var c in definition.Categories) sb.AppendLine($"  - {Words(c)}");
        foreach (var c in definition.IncludeCodes) sb.AppendLine($"  - also {Code(c)}");
        if (definition.ExcludeCodes.Count > 0)
        {
            sb.AppendLine("Except:");
            foreach (var c in definition.ExcludeCodes) sb.AppendLine($"  - {Code(c)}");
        }
        sb.AppendLine("Never counted: terrorism (excluded by the Serious Violence Duty).");
        sb.AppendLine();
        sb.AppendLine("From sources: " + string.Join(", ", definition.Sources.Select(Words)) + ".");
        if (definition.Sources.Contains(ClassificationSources.PoliceStreet, StringComparer.Ordinal))
            sb.AppendLine("  police.uk street crime carries crime types, not offence codes: its category is coarse and its severity is a range of maximum penalties.");
        var missing = ClassificationSources.All.Except(definition.Sources, StringComparer.Ordinal).ToList();
        if (missing.Count > 0) sb.AppendLine("Not from: " + string.Join(", ", missing.Select(Words)) + ".");
        sb.AppendLine();
        if (definition.RestrictToAny.Count == 0)
            sb.AppendLine("Restricted to: no cohort restriction.");
        else
        {
            sb.AppendLine("Restricted to events with at least one of: " + string.Join(", ", definition.RestrictToAny.Select(Words)) + ".");
            if (definition.RestrictExemptCategories.Count > 0)
                sb.AppendLine("  except " + string.Join(", ", definition.RestrictExemptCategories.Select(Words)) + ", which count whatever the qualifiers.");
            sb.AppendLine("  A record whose source cannot show a qualifier (for example no victim age) does not meet it.");
        }
        sb.AppendLine(definition.Flags.Count == 0
            ? "Flags reported: none."
            : "Flags reported: " + string.Join(", ", definition.Flags.Select(Words)) + ".");
        return sb.ToString();
    }
}
