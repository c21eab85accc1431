using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeedsAssessment.Classify;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>The outcome of <see cref="AssessmentRunner.Run"/>.</summary>
/// <param name="OutputFolder">Where the outputs are.</param>
/// <param name="StorePath">The run's store.</param>
/// <param name="ManifestPath">The run manifest.</param>
/// <param name="Manifest">The manifest's content.</param>
public sealed record RunResult(string OutputFolder, string StorePath, string ManifestPath, RunManifest Manifest);

/// <summary>What a stage gets to work with.</summary>
/// <param name="File">The assessment file.</param>
/// <param name="Store">The run's store.</param>
/// <param name="Definition">The serious violence definition.</param>
/// <param name="StagingFolder">Empty folder the stage writes its outputs into; they replace the published ones only if the stage succeeds.</param>
public sealed record StageContext(AssessmentFile File, AssessmentStore Store, SeriousViolenceDefinition Definition, string StagingFolder);

/// <summary>One step of the run: a name, what its output depends on, and the work.</summary>
/// <param name="Name">Stage name, as shown and recorded.</param>
/// <param name="Parameters">Text of the settings the stage's output depends on (beyond upstream stages).</param>
/// <param name="Work">Does the work; returns a one-sentence summary.</param>
public sealed record Stage(string Name, Func<AssessmentFile, string> Parameters, Func<StageContext, string> Work);

/// <summary>A failure inside a stage, naming the stage (and the file, where the stage knows it).</summary>
public sealed class StageFailedException : UserErrorException
{
    /// <summary>Creates the error.</summary>
    public StageFailedException(string stage, string message, Exception inner)
        : base($"Stage '{stage}' failed: {message} Earlier outputs are unchanged.", inner) => StageName = stage;

    /// <summary>The stage that failed.</summary>
    public string StageName { get; }
}

/// <summary>
/// Runs an assessment file from raw partner files to the SRO pack: ingest, classify, then each later stage in
/// order. A stage whose inputs and settings haven't changed since the last run is skipped (its fingerprint is kept
/// in the store's <c>pipeline_stages</c> table). A stage writes into a staging folder; its files replace the
/// published ones only when it succeeds, so a failure leaves the previous outputs usable.
/// </summary>
public static class AssessmentRunner
{
    /// <summary>File name of the run's store inside the output folder.</summary>
    public const string StoreFileName = "assessment.duckdb";

    private static readonly List<Stage> LaterStages = [];

    /// <summary>
    /// Stages after ingest and classify, in order. Each stage's module adds itself here (indicators, hotspots,
    /// charts and report, workbook, model), so the runner needs no knowledge of them.
    /// </summary>
    public static IReadOnlyList<Stage> Stages => LaterStages;

    /// <summary>Adds a stage after the existing ones (idempotent by name).</summary>
    public static void Register(Stage stage)
    {
        lock (LaterStages)
        {
            LaterStages.RemoveAll(s => s.Name == stage.Name);
            LaterStages.Add(stage);
        }
    }

    /// <summary>Runs the assessment. <paramref name="progress"/> receives a line per step.</summary>
    public static RunResult Run(AssessmentFile file, IProgress<string>? progress = null)
    {
        StageRegistry.EnsureRegistered();
        var started = DateTime.UtcNow;
        Directory.CreateDirectory(file.OutputFolder);
        var storePath = Path.Combine(file.OutputFolder, StoreFileName);
        using var store = AssessmentStore.Open(storePath);
        store.Execute("CREATE TABLE IF NOT EXISTS pipeline_stages (stage VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, outputs VARCHAR NOT NULL)");
        var stages = new List<ManifestStage>();
        var definition = ResolveDefinition(file.Definition);

        // Ingest: the fingerprint is every input file's content hash, so an unchanged set of files is skipped.
        var inputs = file.Inputs.OrderBy(kv => Assessment.LoadOrder.ToList().IndexOf(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => ExpandOrFail(kv.Key, kv.Value).Select(f => (Kind: kv.Key, File: f, Sha: FileHash(f)))).ToList();
        // A different build of the tool may compute differently, so its commit is part of every fingerprint.
        var upstream = Hash($"{EngineInfo.Version}+{EngineInfo.Commit}\n" + string.Join("\n", inputs.Select(i => $"{i.Kind}\t{i.Sha}")));
        stages.Add(RunStage(store, "ingest", upstream, progress, _ =>
        {
            var ingester = new Ingester(store);
            foreach (var (kind, path, _) in inputs)
            {
                progress?.Report($"  loading {kind}: {Path.GetFileName(path)}");
                try { ingester.Load(kind, path); }
                catch (UserErrorException ex) { throw new UserErrorException($"{kind} file {path}: {ex.Message}", ex); }
            }
            return $"{inputs.Count} file(s) loaded or already present.";
        }, file, definition, publishes: false));
        // Idempotent, so it runs even when ingest was skipped (a store from an earlier version may lack it).
        var derived = AreaHierarchy.DeriveFromLookupIfMissing(store, file.PartnershipName);
        if (derived > 0)
            progress?.Report($"ingest: no area hierarchy file, so {derived:N0} LSOAs were placed in districts from the ONS lookup (no wards or hubs).");

        upstream = Hash(upstream + "\n" + DefinitionText(file.Definition));
        stages.Add(RunStage(store, "classify", upstream, progress, _ =>
        {
            var r = Classifier.Run(store, definition);
            return $"{r.InDefinition:N0} of {r.Events:N0} records are serious violence under {r.DefinitionName} {r.DefinitionVersion}; {r.UnmappedCodes.Sum(u => u.Records):N0} unmapped.";
        }, file, definition, publishes: false));

        foreach (var stage in Stages)
        {
            upstream = Hash(upstream + "\n" + stage.Name + "\n" + stage.Parameters(file));
            stages.Add(RunStage(store, stage.Name, upstream, progress, stage.Work, file, definition, publishes: true));
        }

        var manifest = new RunManifest(
            "needs-assessment", EngineInfo.Version, EngineInfo.Commit, file.Path, file.Sha256, started, DateTime.UtcNow,
            definition.Name, definition.Version, Parameters(file), Inputs(store, inputs), stages, Outputs(store, file.OutputFolder));
        var manifestPath = Path.Combine(file.OutputFolder, RunManifest.FileName);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, RunManifest.Json));
        return new RunResult(file.OutputFolder, storePath, manifestPath, manifest);
    }

    private static IReadOnlyList<string> ExpandOrFail(string kind, IReadOnlyList<string> paths)
    {
        try { return InputFiles.Expand(paths); }
        catch (UserErrorException ex) { throw new StageFailedException("ingest", $"inputs for {kind}: {ex.Message}", ex); }
    }

    private static ManifestStage RunStage(AssessmentStore store, string name, string fingerprint, IProgress<string>? progress,
        Func<StageContext, string> work, AssessmentFile file, SeriousViolenceDefinition definition, bool publishes)
    {
        var previous = store.Query($"SELECT fingerprint, outputs FROM pipeline_stages WHERE stage = {AssessmentStore.Literal(name)}",
            r => (Fingerprint: r.GetString(0), Outputs: r.GetString(1))).FirstOrDefault();
        if (previous.Fingerprint == fingerprint &&
            JsonSerializer.Deserialize<string[]>(previous.Outputs)!.All(o => File.Exists(Path.Combine(file.OutputFolder, o))))
        {
            progress?.Report($"{name}: skipped (inputs unchanged since the last run)");
            return new ManifestStage(name, "skipped", 0, fingerprint, "Inputs unchanged since the last run.");
        }
        progress?.Report($"{name}: running");
        var staging = Path.Combine(file.OutputFolder, ".staging", name);
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var clock = Stopwatch.StartNew();
        string message;
        try
        {
            message = work(new StageContext(file, store, definition, staging));
        }
        catch (Exception ex) when (ex is not StageFailedException)
        {
            Directory.Delete(staging, recursive: true);
            throw new StageFailedException(name, ex.Message, ex);
        }
        // Publish: move each staged file over its published copy only now that the stage has succeeded.
        var produced = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(staging, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var rel in produced)
        {
            var target = Path.Combine(file.OutputFolder, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Path.Combine(staging, rel), target, overwrite: true);
        }
        Directory.Delete(staging, recursive: true);
        if (!publishes && produced.Count > 0) throw new InvalidOperationException($"Stage {name} wrote files but is not a publishing stage.");
        store.Execute($"""
            INSERT OR REPLACE INTO pipeline_stages VALUES ({AssessmentStore.Literal(name)}, {AssessmentStore.Literal(fingerprint)},
              {AssessmentStore.Literal(JsonSerializer.Serialize(produced))})
            """);
        progress?.Report($"{name}: {message}");
        return new ManifestStage(name, "ran", Math.Round(clock.Elapsed.TotalSeconds, 3), fingerprint, message);
    }

    private static SeriousViolenceDefinition ResolveDefinition(string definition) =>
        SeriousViolenceDefinition.BuiltInNames.Contains(definition)
            ? SeriousViolenceDefinition.LoadBuiltIn(definition)
            : SeriousViolenceDefinition.Load(definition);

    private static string DefinitionText(string definition) =>
        File.Exists(definition) ? File.ReadAllText(definition) : "built-in:" + definition + ":" + EngineInfo.Version;

    private static Dictionary<string, object> Parameters(AssessmentFile f) => new(StringComparer.Ordinal)
    {
        ["partnership"] = f.PartnershipName,
        ["area"] = f.Area,
        ["definition"] = f.Definition,
        ["levels"] = f.Levels,
        ["periods"] = f.Periods,
        ["benchmark"] = f.Benchmark,
        ["suppression"] = f.Suppression,
        ["indicators"] = f.Indicators,
        ["hotspot_methods"] = f.HotspotMethods,
        ["hotspot_cell_size"] = f.CellSize?.ToString(CultureInfo.InvariantCulture) ?? "auto",
        ["charts"] = f.Charts,
    };

    private static List<ManifestInput> Inputs(AssessmentStore store, List<(string Kind, string File, string Sha)> inputs) =>
        inputs.Select(i =>
        {
            var sha = i.Sha;
            var row = store.Query($"""
                SELECT bytes, rows_read, rows_loaded, rows_quarantined FROM loads
                WHERE kind = {AssessmentStore.Literal(i.Kind)} AND sha256 = {AssessmentStore.Literal(sha)} AND status IN ('loaded', 'replaced')
                ORDER BY load_id DESC LIMIT 1
                """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))).FirstOrDefault();
            return new ManifestInput(i.Kind, i.File, sha, row.Item1, row.Item2, row.Item3, row.Item4);
        }).ToList();

    /// <summary>Every file the stages published (including skipped stages' earlier files), not whatever else is in the folder.</summary>
    private static List<ManifestOutput> Outputs(AssessmentStore store, string folder) =>
        store.Query("SELECT outputs FROM pipeline_stages", r => r.GetString(0))
            .SelectMany(o => JsonSerializer.Deserialize<string[]>(o)!)
            .Distinct(StringComparer.Ordinal)
            .Where(r => File.Exists(Path.Combine(folder, r)))
            .OrderBy(r => r, StringComparer.Ordinal)
            .Select(r => new ManifestOutput(r.Replace('\\', '/'), FileHash(Path.Combine(folder, r)), new FileInfo(Path.Combine(folder, r)).Length))
            .ToList();

    private static string FileHash(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
