using System.Globalization;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>Finds where serious violence concentrates (Gi*, LISA, KDE) and writes the hot spot tables and their exports.</summary>
public sealed class HotspotsStage : PipelineStage<HotspotOptions, HotspotRunResult>
{
    internal HotspotsStage() : base("hotspots",
        ["sv_events", "centroids", "population", "population_syoa", "population_total", AreaHierarchy.Table, "boundaries", AreaShapes.Table],
        ["hotspots", "hotspot_top", "hotspot_parameters", "hotspot_classes", HotspotAnalysis.EvaluationTable]) { }

    /// <inheritdoc />
    public override string Settings(RunPlan plan) =>
        $"{string.Join(",", plan.File.HotspotMethods)}|{plan.File.CellSize?.ToString(CultureInfo.InvariantCulture) ?? "auto"}|{plan.File.Suppression}";

    /// <inheritdoc />
    public override HotspotOptions Options(StageContext context) => new()
    {
        Methods = context.File.HotspotMethods.Aggregate(HotspotMethods.None, (m, name) => m | HotspotAnalysis.ParseMethod(name)),
        CellSize = context.File.CellSize,
        // Gi* runs on the published counts, so the policy is part of the stage's result, not only of its files.
        Suppression = context.File.Suppression.ToPolicy(),
        TablesWritten = context.TableFinished is { } finished ? () => Announce(context.Store, Writes, finished) : null,
    };

    /// <inheritdoc />
    // The report reads only the tables; the CSV and GeoJSON files written after them are a third of the stage's time.
    internal override bool AnnouncesTables => true;

    /// <inheritdoc />
    protected override string OutputFolder(string stagingFolder) => Path.Combine(stagingFolder, HotspotAnalysis.OutputSubfolder);

    /// <summary>Runs the analysis; files go to <paramref name="outputFolder"/> unless the options name another folder.</summary>
    protected override HotspotRunResult ExecuteCore(AssessmentStore store, HotspotOptions options, string outputFolder, IProgress<string>? progress = null) =>
        HotspotAnalysis.Run(store, options.OutputFolder is null ? options with { OutputFolder = outputFolder } : options);

    /// <inheritdoc />
    public override string Summary(HotspotOptions options, HotspotRunResult result) => HotspotAnalysis.Summary(result);
}
