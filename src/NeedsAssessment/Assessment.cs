using NeedsAssessment.Classify;
using NeedsAssessment.Ingest;
using NeedsAssessment.Report;
using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment;

/// <summary>What a demo run produced: where things are and what each stage reported.</summary>
/// <param name="OutputFolder">Folder holding the partner files, the store and the outputs.</param>
/// <param name="StorePath">The assessment store.</param>
/// <param name="Data">The synthetic files and ground truth.</param>
/// <param name="Loads">One result per ingested file.</param>
/// <param name="Classification">The classification stage's result.</param>
/// <param name="Report">The SNA report written, or null when the demo was asked not to write it.</param>
/// <param name="WorkbookPath">The indicator workbook written, or null when the demo was asked not to write it.</param>
public sealed record DemoRun(
    string OutputFolder,
    string StorePath,
    SyntheticResult Data,
    IReadOnlyList<LoadResult> Loads,
    ClassificationResult Classification,
    ReportResult? Report = null,
    string? WorkbookPath = null);

/// <summary>
/// One-call entry points for the whole assessment, for the CLI and for notebook users: every argument has a
/// sensible default, and every default can be overridden.
/// </summary>
public static class Assessment
{
    /// <summary>
    /// The order partner files are loaded in: reference data (geography, lookups, population, deprivation) first,
    /// then events, so later stages find what they join to.
    /// </summary>
    public static readonly IReadOnlyList<string> LoadOrder =
    [
        "geography", "lsoa-lookup", "centroids", "boundaries", "population", "population-syoa", "deprivation", "deprivation-domains",
        "police-recorded-crime", "police-street", "health-ed-assault", "health-admission", "ambulance-assault", "justice-cohort",
    ];

    /// <summary>
    /// Generates the synthetic county, loads every file through the normal ingestion path, and runs every stage on
    /// it. With no arguments: seed 42, county scale, five years, into <c>./demo-output</c>.
    /// </summary>
    /// <param name="outputFolder">Where to write files, store and outputs. Default <c>./demo-output</c>.</param>
    /// <param name="seed">Random seed; the same seed gives byte-identical files.</param>
    /// <param name="scale">County (about 500 areas) or national (about 35,000 areas, for benchmarks).</param>
    /// <param name="years">Years of events ending March 2025.</param>
    /// <param name="definition">Serious violence definition; default <c>home-office-core</c>.</param>
    /// <param name="progress">Receives a line per step.</param>
    /// <param name="report">Report options; the report and workbook are written into the output folder unless <paramref name="writeReport"/> is false.</param>
    /// <param name="writeReport">Write <c>needs-assessment.html</c> and <c>indicators.xlsx</c> (default true).</param>
    public static DemoRun Demo(string? outputFolder = null, int seed = 42, SyntheticScale scale = SyntheticScale.County, int years = 5,
        SeriousViolenceDefinition? definition = null, IProgress<string>? progress = null, ReportOptions? report = null, bool writeReport = true)
    {
        outputFolder = Path.GetFullPath(outputFolder ?? "demo-output");
        var dataFolder = Path.Combine(outputFolder, "partner-files");
        progress?.Report($"Generating the synthetic county (seed {seed}, {years} years) in {dataFolder}");
        var data = SyntheticCounty.Generate(new SyntheticOptions(dataFolder) { Seed = seed, Scale = scale, Years = years });

        var storePath = Path.Combine(outputFolder, "assessment.duckdb");
        // A demo always starts from a fresh store so reruns with another seed don't mix datasets.
        foreach (var stale in new[] { storePath, storePath + ".wal" }) if (File.Exists(stale)) File.Delete(stale);
        using var store = AssessmentStore.Open(storePath);
        var loads = new List<LoadResult>();
        var ingester = new Ingester(store);
        foreach (var kind in LoadOrder.Where(data.FilesByKind.ContainsKey))
        {
            progress?.Report($"Loading {kind} ({data.FilesByKind[kind].Count} file(s))");
            foreach (var file in data.FilesByKind[kind]) loads.Add(ingester.Load(kind, file));
        }
        progress?.Report("Classifying serious violence");
        var classification = Classifier.Run(store, definition);
        if (!writeReport) return new DemoRun(outputFolder, storePath, data, loads, classification);
        progress?.Report("Writing the report and the indicator workbook");
        var written = AssessmentReport.Write(store, outputFolder, report);
        var workbook = IndicatorWorkbook.Write(store, outputFolder, report);
        return new DemoRun(outputFolder, storePath, data, loads, classification, written, workbook);
    }
}
