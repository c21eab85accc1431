namespace NeedsAssessment.Indicators;

/// <summary>
/// How a value above the benchmark reads, as OHID Fingertips colours it: worse (red), better (green), or neither
/// (no judgement, shaded blue). The catalogue gives each indicator one (<see cref="IndicatorDefinition.Polarity"/>).
/// </summary>
public static class IndicatorPolarity
{
    /// <summary>A higher value is worse (most violence measures).</summary>
    public const string HigherIsWorse = "higher_is_worse";

    /// <summary>A higher value is better (e.g. the share of offences charged).</summary>
    public const string HigherIsBetter = "higher_is_better";

    /// <summary>Higher and lower are different, neither better (e.g. a share of the offence mix).</summary>
    public const string NoJudgement = "no_judgement";

    /// <summary>Every polarity a catalogue may give.</summary>
    public static IReadOnlyList<string> All { get; } = [HigherIsWorse, HigherIsBetter, NoJudgement];

    /// <summary>
    /// What a comparison (<c>higher</c>, <c>lower</c>, <c>similar</c>, anything else not compared) means under
    /// <paramref name="polarity"/>: <c>worse</c>, <c>better</c>, <c>similar</c>, <c>higher</c>, <c>lower</c> (no judgement)
    /// or <c>not compared</c>. An empty polarity reads as no judgement.
    /// </summary>
    public static string Judge(string? comparison, string? polarity) => (comparison, polarity) switch
    {
        ("similar", _) => "similar",
        ("higher", HigherIsWorse) or ("lower", HigherIsBetter) => "worse",
        ("lower", HigherIsWorse) or ("higher", HigherIsBetter) => "better",
        ("higher", _) => "higher",
        ("lower", _) => "lower",
        _ => "not compared",
    };
}
