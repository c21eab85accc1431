using NeedsAssessment.Indicators;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>
/// Publishes <c>indicator_values</c> as CSV and Parquet under the disclosure policy, with secondary suppression. The
/// only indicator step that depends on the suppression setting, so changing it reruns this and the report, not the
/// computation.
/// </summary>
public sealed class IndicatorExportStage : PipelineStage<SuppressionPolicy, IndicatorExportResult>
{
    /// <summary>Folder of the export inside the output folder.</summary>
    public const string Subfolder = "indicators";

    internal IndicatorExportStage() : base("indicator-export", ["indicator_values", "indicator_meta", "indicator_runs"], [IndicatorTable.ExportName]) { }

    /// <inheritdoc />
    public override string Settings(RunPlan plan) => plan.File.Suppression.ToString();

    /// <inheritdoc />
    public override SuppressionPolicy Options(StageContext context) => context.File.Suppression.ToPolicy();

    /// <inheritdoc />
    protected override IndicatorExportResult ExecuteCore(AssessmentStore store, SuppressionPolicy options, string outputFolder, IProgress<string>? progress = null) =>
        IndicatorExport.Write(store, outputFolder, options);

    /// <inheritdoc />
    protected override string OutputFolder(string stagingFolder) => Path.Combine(stagingFolder, Subfolder);

    /// <inheritdoc />
    public override string Summary(SuppressionPolicy options, IndicatorExportResult result) =>
        $"{result.Rows:N0} indicator values published; {result.PrimarySuppressed + result.SecondarySuppressed:N0} suppressed under '{options.Name}'.";
}
