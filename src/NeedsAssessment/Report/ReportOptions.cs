using NeedsAssessment.Classify;
using NeedsAssessment.Indicators;

namespace NeedsAssessment.Report;

/// <summary>Choices for <see cref="AssessmentReport.Write"/> and <see cref="IndicatorWorkbook.Write"/>; every one has a publishable default.</summary>
public sealed record ReportOptions
{
    /// <summary>
    /// Small-number rule, the same policy the indicator export applies: <see cref="SuppressionPolicy.Nhs"/> (counts
    /// 1-7 hidden, the default), <see cref="SuppressionPolicy.Fingertips"/> (1-5), a custom range, or
    /// <see cref="SuppressionPolicy.None"/> (for analysts inside the partnership only, never for publication).
    /// </summary>
    public SuppressionPolicy Suppression { get; init; } = SuppressionPolicy.Nhs;

    /// <summary>Report title; defaults to "Serious violence strategic needs assessment: {partnership}".</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The definition to describe in the report; when null the one recorded by the last classification run in the
    /// store (<c>sv_runs</c>) is reloaded, so the text always matches the counts.
    /// </summary>
    public SeriousViolenceDefinition? Definition { get; init; }

    /// <summary>Days standing for a life maximum penalty in severity averages (default <see cref="LifeMaximumPenalty.Days"/>, as the indicator engine).</summary>
    public double LifePenaltyDays { get; init; } = LifeMaximumPenalty.Days;

    /// <summary>
    /// The partnership's priorities written as chapters (vawg, domestic_abuse, hate, rural, early_intervention); null
    /// for all of them. A theme the loaded data cannot answer still gets its chapter, saying which data would.
    /// </summary>
    public IReadOnlyList<string>? Themes { get; init; }

    /// <summary>Chart width in pixels as rendered into the report.</summary>
    public int ChartWidth { get; init; } = 1000;

    /// <summary>Chart height in pixels as rendered into the report.</summary>
    public int ChartHeight { get; init; } = 620;

    /// <summary>
    /// Which figures are also written as files under <c>charts/</c> (PNG, SVG and the data as CSV): <c>all</c> (the
    /// default), <c>none</c>, or figure subjects and numbers (see <see cref="ReportChartFiles"/>). The assessment file's <c>charts:</c>.
    /// </summary>
    public IReadOnlyList<string> Charts { get; init; } = ["all"];

    /// <summary>
    /// A folder of Liquid templates that replace the shipped ones of the same file name (<c>report.liquid</c>,
    /// <c>style.liquid</c>, a section's template...), or null for the shipped layout: the assessment file's
    /// <c>report_templates:</c>. See <see cref="ReportTemplates"/>.
    /// </summary>
    public string? Templates { get; init; }
}

/// <summary>What <see cref="AssessmentReport.Write"/> produced.</summary>
/// <param name="HtmlPath">Full path of <c>needs-assessment.html</c>.</param>
/// <param name="Bytes">Size of the HTML file in bytes.</param>
/// <param name="Sections">Section headings in order.</param>
/// <param name="Charts">Number of charts embedded.</param>
/// <param name="KeyFindings">The key findings as written.</param>
public sealed record ReportResult(string HtmlPath, long Bytes, IReadOnlyList<string> Sections, int Charts, IReadOnlyList<string> KeyFindings)
{
    /// <summary>The report's figures in order, numbered as printed.</summary>
    public IReadOnlyList<ReportFigureEntry> Figures { get; init; } = [];

    /// <summary>The chart files written under <c>charts/</c>, relative to the output folder.</summary>
    public IReadOnlyList<string> ChartFiles { get; init; } = [];
}
