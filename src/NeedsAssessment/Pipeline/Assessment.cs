using NeedsAssessment.Classify;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Pipeline;

/// <summary>What a demo run produced: where things are and what each stage reported.</summary>
/// <param name="OutputFolder">Folder holding the partner files, the assessment file, the store and the outputs.</param>
/// <param name="StorePath">The assessment store.</param>
/// <param name="Data">The synthetic files and ground truth.</param>
/// <param name="AssessmentFilePath">The assessment file the demo wrote for its data.</param>
/// <param name="Run">The run's result and manifest.</param>
/// <param name="Hotspots">The hot spot stage's tables read back from the store, or null when the stage wrote none.</param>
/// <param name="HotspotsFolder">Folder of <c>hotspots.csv</c>, <c>hotspot-top.csv</c> and <c>hotspot-parameters.json</c>.</param>
public sealed record DemoRun(
    string OutputFolder,
    string StorePath,
    SyntheticResult Data,
    string AssessmentFilePath,
    RunResult Run,
    HotspotReadResult? Hotspots,
    string HotspotsFolder);

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
        "geography", "lsoa-lookup", "ward-lookup", "rural-urban", "centroids", "boundaries", "population", "population-syoa", "population-total", "population-workday", "csp-lookup", "deprivation", "deprivation-domains",
        "police-recorded-crime", "police-street", "police-outcomes", "police-stop-search", "home-office-offence-counts", "health-ed-assault", "health-admission", "ambulance-assault", "justice-cohort",
    ];

    /// <summary>
    /// Generates the synthetic county, writes an assessment file for it and runs it through the same path as
    /// <c>needs-assessment run</c>: ingestion, classification and every later stage. With no arguments: seed 42,
    /// county scale, five years, into <c>./demo-output</c>.
    /// </summary>
    /// <param name="outputFolder">Where to write files, store and outputs. Default <c>./demo-output</c>.</param>
    /// <param name="seed">Random seed; the same seed gives byte-identical files and outputs.</param>
    /// <param name="scale">County (about 500 areas) or national (about 35,000 areas, for benchmarks).</param>
    /// <param name="years">Years of events ending March 2025.</param>
    /// <param name="definition">Serious violence definition: a built-in name or a YAML file; default <c>home-office-core</c>.</param>
    /// <param name="progress">Receives a line per step.</param>
    public static DemoRun Demo(string? outputFolder = null, int seed = 42, SyntheticScale scale = SyntheticScale.County, int years = 5,
        string? definition = null, IProgress<string>? progress = null)
    {
        outputFolder = Path.GetFullPath(outputFolder ?? "demo-output");
        var dataFolder = Path.Combine(outputFolder, "partner-files");
        progress?.Report($"Generating the synthetic county (seed {seed}, {years} years) in {dataFolder}");
        var data = GeneratePartnerFiles(new SyntheticOptions(dataFolder) { Seed = seed, Scale = scale, Years = years });

        // A demo always starts from a fresh store so reruns with another seed don't mix datasets.
        var storePath = Path.Combine(outputFolder, AssessmentRunner.StoreFileName);
        foreach (var stale in new[] { storePath, storePath + ".wal" }) if (File.Exists(stale)) File.Delete(stale);

        var yaml = DemoAssessmentFile(data, outputFolder, definition ?? SeriousViolenceDefinition.DefaultName);
        var assessmentPath = Path.Combine(outputFolder, "demo.assessment.yaml");
        // Written beside and renamed over the old one, so a kill never leaves half an assessment file.
        var partial = assessmentPath + ".partial";
        try
        {
            File.WriteAllText(partial, yaml);
            File.Move(partial, assessmentPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw FolderPublication.NotWritable(outputFolder, "the output folder", ex);
        }
        var run = AssessmentRunner.Run(AssessmentFile.Load(assessmentPath), progress);
        HotspotReadResult? hotspots;
        using (var store = AssessmentStore.Open(storePath, readOnly: true))
            hotspots = store.TableExists("hotspots") ? HotspotAnalysis.Read(store) : null;
        return new DemoRun(outputFolder, storePath, data, assessmentPath, run, hotspots, Path.Combine(outputFolder, HotspotAnalysis.OutputSubfolder));
    }

    /// <summary>
    /// Generates the synthetic county's partner files into a staging folder beside <see cref="SyntheticOptions.OutputFolder"/>
    /// and swaps it in whole (<see cref="FolderPublication"/>), so a failure or a kill while generating leaves the
    /// previous partner files and ground truth byte-identical. Nothing is carried over: the folder holds exactly one
    /// generation, with no files left from a run with other options. Paths in the result are the published ones.
    /// </summary>
    /// <param name="options">Generator options; <see cref="SyntheticOptions.OutputFolder"/> is the folder to publish.</param>
    /// <exception cref="UserErrorException">The folder is read-only, or the disk is full.</exception>
    public static SyntheticResult GeneratePartnerFiles(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var publication = FolderPublication.Begin(options.OutputFolder);
        SyntheticResult staged;
        try { staged = SyntheticCounty.Generate(options with { OutputFolder = publication.StagingFolder }); }
        catch (Exception ex) when (ex is not UserErrorException && FileSystemErrors.IsDiskFull(ex))
        {
            throw FileSystemErrors.DiskFull(Path.GetDirectoryName(publication.OutputFolder)!, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw FolderPublication.NotWritable(publication.StagingFolder, "the staging folder", ex);
        }
        publication.Commit();
        var files = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (kind, paths) in staged.FilesByKind) files[kind] = paths.Select(publication.PublishedPath).ToList();
        return new SyntheticResult(publication.OutputFolder, files, staged.RowsByKind, publication.PublishedPath(staged.GroundTruthPath));
    }

    private static string DemoAssessmentFile(SyntheticResult data, string outputFolder, string definition)
    {
        string Rel(string p) => Path.GetRelativePath(outputFolder, p).Replace('\\', '/');
        var inputs = LoadOrder.Where(data.FilesByKind.ContainsKey)
            .Select(k => $"  {k}: [{string.Join(", ", data.FilesByKind[k].Select(Rel))}]");
        var def = File.Exists(definition) ? Path.GetFullPath(definition).Replace('\\', '/') : definition;
        return $"""
            # Written by 'needs-assessment demo' for its synthetic county; run it again with
            #   needs-assessment run {Path.GetFileName(outputFolder)}/demo.assessment.yaml
            partnership:
              name: Synthshire Community Safety Partnership
              area: Synthshire (a fictional county; synthetic data)
            inputs:
            {string.Join("\n", inputs)}
            definition: {def}
            geography:
              levels: [lsoa, ward, district, partnership]
            periods: [financial_year, rolling_12_months]
            benchmark: partnership
            suppression: nhs
            indicators: all
            hotspots:
              methods: [gistar, lisa, kde]
              cell_size: auto
            charts: all
            output: .

            """;
    }
}
