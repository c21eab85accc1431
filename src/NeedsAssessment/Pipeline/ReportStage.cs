using NeedsAssessment.Descriptives;
using NeedsAssessment.Indicators;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>What the report stage wrote.</summary>
/// <param name="Report">The HTML report.</param>
/// <param name="WorkbookPath">The indicator workbook.</param>
public sealed record ReportStageResult(ReportResult Report, string WorkbookPath);

/// <summary>
/// The SRO report (self-contained HTML) and the indicator workbook: a view over the stages' result tables (the published
/// indicator values, the descriptive tables, the hot spot and model tables) plus the store's load status and the
/// boundaries for maps. It queries no events and applies no suppression of its own. Last: it reads what every earlier
/// stage wrote.
/// </summary>
public sealed class ReportStage : PipelineStage<ReportOptions, ReportStageResult>
{
    internal ReportStage() : base("report",
        [
            IndicatorTable.ExportName, IndicatorTrendTable.Table, .. DescriptiveTables.All, "hotspots", "hotspot_top", "hotspot_parameters", "hotspot_classes", Spatial.HotspotAnalysis.EvaluationTable, .. Modelling.Modeller.Tables,
            // Load status (loads and each input's period) and the map boundaries with their districts.
            "loads", "sv_penalty_recall", .. SchemaCatalog.Default.All.Where(s => s.PeriodField is not null).Select(s => s.Table).Order(StringComparer.Ordinal), "boundaries", AreaHierarchy.Table, AreaPlaces.Table, AreaShapes.Table,
        ],
        []) { }

    /// <inheritdoc />
    public override string Settings(RunPlan plan) => $"{plan.File.Suppression}|{plan.File.PartnershipName}|charts={string.Join(",", plan.File.Charts)}|themes={string.Join(",", plan.File.Themes)}|templates={TemplatesHash(plan.File.ReportTemplates)}";

    // An edited template changes the report, so the folder's templates are part of the stage's settings.
    private static string TemplatesHash(string? folder)
    {
        if (folder is null || !Directory.Exists(folder)) return "shipped";
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(folder, "*.liquid").Order(StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <inheritdoc />
    public override ReportOptions Options(StageContext context) => new()
    {
        Suppression = context.File.Suppression.ToPolicy(),
        Definition = context.Plan.Definition,
        Themes = context.File.Themes,
        Charts = context.File.Charts,
        Templates = context.File.ReportTemplates,
        Title = string.IsNullOrWhiteSpace(context.File.PartnershipName) ? null : $"Serious violence strategic needs assessment: {context.File.PartnershipName}",
    };

    /// <inheritdoc />
    internal override Task Prepare() =>
        Task.Factory.StartNew(ReportWarmUp.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <inheritdoc />
    protected override ReportStageResult ExecuteCore(AssessmentStore store, ReportOptions options, string outputFolder, IProgress<string>? progress = null)
    {
        PhaseTrace.Mark("report: start");
        // The hot spot rows and the map shapes are read and built on a connection of their own while the view is read:
        // with it they are most of the stage's start, before any figure can be queued, and they need nothing from it.
        var early = Task.Factory.StartNew(() =>
        {
            using var connection = store.Duplicate();
            return AssessmentReport.ReadEarly(connection);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // The result tables are read once, for the report and the workbook.
        ReportView view;
        try
        {
            view = ReportView.Load(store, options);
        }
        catch
        {
            // The reader must be done with the store before the failure is reported.
            Task.WaitAny(early);
            throw;
        }
        PhaseTrace.Mark("report: result tables read");
        // The workbook reads only the view and, for its figure sheet, the figures' data tables (not their images): it is
        // written on a thread of its own beside the report's sections and figures, its long sheets first.
        var figures = new TaskCompletionSource<IReadOnlyList<ReportFigureEntry>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workbook = Task.Factory.StartNew(() => IndicatorWorkbook.WriteFrom(view, outputFolder, options, () => figures.Task.GetAwaiter().GetResult()),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            using var composed = AssessmentReport.Compose(store, view, options, early);
            figures.SetResult(composed.Figures);
            var report = composed.Write(outputFolder);
            var path = workbook.GetAwaiter().GetResult();
            PhaseTrace.Mark("report: workbook written (beside the report)");
            return new(report, path);
        }
        catch
        {
            // The workbook must be done with the output folder before the failure leaves it to be cleaned up.
            figures.TrySetCanceled();
            Task.WaitAny(workbook);
            Task.WaitAny(early);
            throw;
        }
    }

    /// <inheritdoc />
    public override string Summary(ReportOptions options, ReportStageResult result) =>
        $"{AssessmentReport.FileName} ({result.Report.Bytes / 1024.0:N0} KB, {result.Report.Charts} charts), {result.Report.ChartFiles.Count / 3} of them also as PNG, SVG and CSV in {ReportChartFiles.Folder}/, and {IndicatorWorkbook.FileName}.";
}
