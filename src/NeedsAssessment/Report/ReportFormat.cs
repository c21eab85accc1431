using System.Globalization;
using System.Net;

namespace NeedsAssessment.Report;

/// <summary>
/// The small-number rule as the report applies it to every count it prints. Zero is never hidden: it discloses no one.
/// </summary>
/// <param name="Name">nhs, fingertips or none.</param>
/// <param name="HideFrom">Smallest count hidden.</param>
/// <param name="HideTo">Largest count hidden (0 = none hidden).</param>
internal sealed record SmallNumberRule(string Name, long HideFrom, long HideTo)
{
    public static SmallNumberRule From(Indicators.SuppressionPolicy policy) =>
        new(policy.Name, policy.HideTo > 0 ? Math.Max(1, policy.HideFrom) : 0, Math.Max(0, policy.HideTo));

    public bool Hides(double count) => HideTo > 0 && count >= HideFrom && count <= HideTo;

    /// <summary>Plain-English description for the methods section and the workbook notes.</summary>
    public string Describe() => HideTo == 0
        ? "No small-number suppression was applied (policy 'none'): this version is for analysts inside the partnership and must not be published."
        : $"Counts from {HideFrom} to {HideTo} are not shown (policy '{Name}'), nor any rate or percentage built on them; where hiding one figure would let it be worked out from a total, a second figure is hidden too. Zero is shown: it identifies no one.";
}

/// <summary>Number and date formatting for an SRO: thousands separators, one decimal place for rates, plain month names.</summary>
internal static class ReportFormat
{
    public const string Hidden = "*";

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Count(double value) => value.ToString("N0", C);

    public static string Count(long value) => value.ToString("N0", C);

    // A value that rounds to zero prints as 0, never "-0.0" (an interval's lower limit just below zero).
    public static string Number(double value, int decimals) =>
        (Math.Round(value, decimals) == 0 ? 0 : value).ToString("N" + decimals.ToString(C), C);

    public static string Rate(double value) => Number(value, value != 0 && Math.Abs(value) < 0.1 ? 2 : 1);

    public static string Percent(double value) => Number(value, 1) + "%";

    public static string Interval(double? lower, double? upper, Func<double, string> format) =>
        lower is { } l && upper is { } u && double.IsFinite(l) && double.IsFinite(u) ? $"{format(l)} to {format(u)}" : "not available";

    public static string Month(DateOnly d) => d.ToString("MMMM yyyy", C);

    public static string ShortMonth(DateOnly d) => d.ToString("MMM yyyy", C);

    public static string Period(DateOnly start, DateOnly end) => $"{Month(start)} to {Month(end)}";

    /// <summary>
    /// Puts thousands separators into whole numbers inside free text (notes written by other stages), leaving years,
    /// codes and decimals alone.
    /// </summary>
    public static string Prose(string? text) => string.IsNullOrEmpty(text) ? "" : System.Text.RegularExpressions.Regex.Replace(text,
        @"(?<![\w.,/:-])\d{4,}(?![\w.,/:-]|\.\d)", m =>
        {
            var n = long.Parse(m.Value, C);
            return m.Value.Length == 4 && n is >= 1900 and <= 2099 ? m.Value : n.ToString("N0", C);
        });

    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Turns a snake_case code into words with a capital, e.g. <c>violence_against_the_person</c>.</summary>
    public static string Words(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "Not recorded";
        var s = id.Replace('_', ' ').Replace('-', ' ').Trim();
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    public static string SourceName(string source) => source switch
    {
        "police_recorded_crime" => "Police recorded crime (force extract)",
        "police_street" => "Police street-level crime (police.uk)",
        "health_ed_assault" => "Emergency department assault attendances",
        "health_admission" => "Emergency hospital admissions for assault",
        "ambulance_assault" => "Ambulance assault call-outs",
        _ => Words(source),
    };
}
