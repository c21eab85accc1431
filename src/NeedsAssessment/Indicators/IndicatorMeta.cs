namespace NeedsAssessment.Indicators;

/// <summary>What suppression needs to know about an indicator (from the <c>indicator_meta</c> table).</summary>
internal sealed record IndicatorMeta(string Id, string Method, bool Disclosive, string? Base, bool CountDenominator);
