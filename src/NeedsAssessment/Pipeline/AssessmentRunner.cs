using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NeedsAssessment.Classify;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>The outcome of <see cref="AssessmentRunner.Run(AssessmentFile, IProgress{string})"/>.</summary>
/// <param name="OutputFolder">Where the outputs are.</param>
/// <param name="StorePath">The run's store.</param>
/// <param name="ManifestPath">The run manifest.</param>
/// <param name="Manifest">The manifest's content.</param>
public sealed record RunResult(string OutputFolder, string StorePath, string ManifestPath, RunManifest Manifest);

/// <summary>A failure inside a stage caused by its input or settings (a user error), naming the stage and, where it knows, the file.</summary>
public sealed class StageFailedException : UserErrorException
{
    /// <summary>Creates the error.</summary>
    public StageFailedException(string stage, string message, Exception inner)
        : base($"Stage '{stage}' failed: {message} Earlier outputs are unchanged.", inner) => StageName = stage;

    /// <summary>The stage that failed.</summary>
    public string StageName { get; }
}

/// <summary>
/// A bug inside a stage (anything but a user error or a file-system failure): reported as an internal error, never
/// as a problem with the user's data.
/// </summary>
public sealed class StageInternalErrorException : Exception
{
    /// <summary>Creates the error.</summary>
    public StageInternalErrorException(string stage, Exception inner)
        : base($"Stage '{stage}' failed with an internal error ({inner.GetType().Name}: {inner.Message}). Earlier outputs are unchanged.", inner) => StageName = stage;

    /// <summary>The stage that failed.</summary>
    public string StageName { get; }
}

/// <summary>
/// Runs an assessment file from raw partner files to the SRO pack: ingest, classify, then each later stage in
/// order. A stage whose inputs and settings haven't changed since the last run is skipped (its fingerprint is kept
/// in the store's <c>pipeline_stages</c> table). Every stage writes into one staging folder that replaces the output
/// folder only when the whole run has succeeded, so a failure or a kill leaves the previous outputs complete.
/// </summary>
public static class AssessmentRunner
{
    /// <summary>File name of the run's store inside the output folder.</summary>
    public const string StoreFileName = "assessment.duckdb";

    /// <summary>Runs the assessment. <paramref name="progress"/> receives a line per step.</summary>
    public static RunResult Run(AssessmentFile file, IProgress<string>? progress = null) => Run(file, Stages.All, progress);

    /// <summary>Runs the assessment through <paramref name="stages"/> (tests pass their own list).</summary>
    /// <remarks>
    /// Publishing is atomic (<see cref="FolderPublication"/>): the stages write into a staging folder beside the output
    /// folder; the outputs of skipped stages, the store and anything else in the folder are carried over, the manifest is
    /// written last, and the staging folder then replaces the output folder in one step. A failure or a kill at any point
    /// before that step leaves the previous outputs and manifest exactly as they were.
    /// </remarks>
    internal static RunResult Run(AssessmentFile file, IReadOnlyList<PipelineStage> stages, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var started = DateTime.UtcNow;
        using var publication = FolderPublication.Begin(file.OutputFolder);
        var folder = publication.OutputFolder;
        var storePath = Path.Combine(folder, StoreFileName);
        var published = PublishedManifest(folder);
        RunManifest manifest;
        List<string> outputs;
        HashSet<string> replaced;
        try { Directory.CreateDirectory(folder); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw FolderPublication.NotWritable(folder, "the output folder", ex); }
        // The inputs are listed and hashed (tens of megabytes) on another core while the store opens: nothing can start
        // before both, and the second core has nothing else to do yet. Their failures surface where they did before.
        var skipped = new List<SkippedFile>();
        var planned = Task.Run(() => PlanInputs(file, skipped));
        try
        {
            using var store = OpenStore(storePath, file.Store);
            store.Execute("CREATE TABLE IF NOT EXISTS pipeline_stages (stage VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, outputs VARCHAR NOT NULL)");
            var before = StageOutputs(store);
            var definition = ResolveDefinition(file.Definition);
            var inputs = planned.GetAwaiter().GetResult();
            if (SmallInputs(inputs)) store.Execute("SET threads = 1");
            foreach (var s in skipped) progress?.Report($"ingest: {s.Reason}");
            var plan = new RunPlan(file, inputs, definition) { Skipped = skipped };
            var fingerprints = Stages.Fingerprints(plan, stages);

            var ran = RunStages(store, stages, fingerprints, plan, publication.StagingFolder, published, progress);
            // What a stage that ran published before is replaced by what it published now, even where a file name is gone.
            replaced = ran.Where(s => s.Status == "ran").SelectMany(s => before.GetValueOrDefault(s.Name, [])).ToHashSet(StringComparer.Ordinal);
            outputs = [.. StageOutputs(store).Values.SelectMany(o => o).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            manifest = new RunManifest(
                "needs-assessment", EngineInfo.Version, EngineInfo.Commit, file.Path, file.Sha256, started, DateTime.UtcNow,
                definition.Name, definition.Version, Parameters(file), Inputs(store, inputs), ran, []);
            PhaseTrace.Restart();
        }
        finally
        {
            // Nothing goes on reading the inputs once the run has failed.
            Task.WaitAny(planned);
        }
        PhaseTrace.Mark("run: store closed (its last checkpoint)");
        // The store is closed (checkpointed), so the file carried over is complete; the manifest goes in last.
        var stageFolders = Path.Combine(publication.StagingFolder, StageStagingFolder);
        if (Directory.Exists(stageFolders)) Directory.Delete(stageFolders, recursive: true);
        publication.CarryOver(rel => rel != RunManifest.FileName && !replaced.Contains(rel));
        manifest = manifest with { Outputs = Outputs(outputs, publication.StagingFolder) };
        try { File.WriteAllText(Path.Combine(publication.StagingFolder, RunManifest.FileName), JsonSerializer.Serialize(manifest, RunManifest.Json)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw FolderPublication.NotWritable(publication.StagingFolder, "the staging folder", ex); }
        publication.Commit();
        PhaseTrace.Mark("run: folder published");
        return new RunResult(file.OutputFolder, storePath, Path.Combine(folder, RunManifest.FileName), manifest);
    }

    /// <summary>
    /// Every input file in load order with its content hash; files of the inputs' folders left out go to
    /// <paramref name="skipped"/>. The files are hashed two at a time, each on its own, so the hashes are those of one
    /// file after another.
    /// </summary>
    private static List<RunInput> PlanInputs(AssessmentFile file, List<SkippedFile> skipped)
    {
        // A police.uk folder routes each file to its own kind (street, outcomes, stop and search), so the kind is the file's.
        var files = file.Inputs.OrderBy(kv => Assessment.LoadOrder.ToList().IndexOf(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => ExpandOrFail(kv.Key, kv.Value, skipped)).ToList();
        var hashes = files.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Min(2, Environment.ProcessorCount)).Select(f => FileHash(f.Path)).ToList();
        return files.Select((f, i) => new RunInput(f.Kind, f.Path, hashes[i]) { Mapping = file.MappingFor(f.Kind) })
            .OrderBy(i => Assessment.LoadOrder.ToList().IndexOf(i.Kind)).ToList();
    }

    /// <summary>Inputs up to this many bytes in all make a small store: see <see cref="SmallInputs"/>.</summary>
    internal const long SmallInputBytes = 64L * 1024 * 1024;

    /// <summary>
    /// True when the run's input files hold at most <see cref="SmallInputBytes"/> together: DuckDB then runs the run's
    /// queries on the calling threads alone (<c>threads = 1</c>, for this open store only).
    /// </summary>
    /// <remarks>
    /// DuckDB splits a query's work by row groups of 122,880 rows, so on tables of a few tens of thousands of rows (the
    /// real North Yorkshire example: 22 MB of files) its second thread has nothing to take over, yet every query still
    /// hands its tasks to it and waits: on the real example that cost 1.3 of 9.7 CPU seconds and 0.6 s of wall time
    /// (six runs each way, in turn), and the stages already run side by side on the cores. Larger inputs (the demo's
    /// 105 MB, a force's years of records) keep DuckDB's default of a thread per core, which their scans use.
    /// </remarks>
    internal static bool SmallInputs(IReadOnlyList<RunInput> inputs) =>
        inputs.Sum(i => new FileInfo(i.File) is { Exists: true } f ? f.Length : 0) <= SmallInputBytes;

    /// <summary>Folder inside the run's staging folder where each stage writes before its files join the publication.</summary>
    private const string StageStagingFolder = ".stages";

    private static AssessmentStore OpenStore(string path, StoreLimits limits)
    {
        try { return AssessmentStore.Open(path, limits: limits); }
        catch (Exception ex) when (FileSystemErrors.IsDiskFull(ex)) { throw FileSystemErrors.DiskFull(path, ex); }
    }

    /// <summary>The manifest now published in <paramref name="folder"/>, or null when there is none (or it cannot be read, so nothing is trusted).</summary>
    private static RunManifest? PublishedManifest(string folder)
    {
        var path = Path.Combine(folder, RunManifest.FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), RunManifest.Json); }
        catch (JsonException) { return null; }
    }

    private static Dictionary<string, string[]> StageOutputs(AssessmentStore store) =>
        store.Query("SELECT stage, outputs FROM pipeline_stages", r => (r.GetString(0), JsonSerializer.Deserialize<string[]>(r.GetString(1))!))
            .ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);

    private static IReadOnlyList<PlannedFile> ExpandOrFail(string kind, IReadOnlyList<string> paths, List<SkippedFile> skipped)
    {
        try
        {
            var (files, left) = PoliceUkFolder.Plan(kind, paths, SchemaCatalog.Default);
            skipped.AddRange(left);
            return files;
        }
        catch (UserErrorException ex) { throw new StageFailedException("ingest", $"inputs for {kind}: {ex.Message}", ex); }
    }

    /// <summary>
    /// For each stage, the positions of the earlier stages it must wait for: those that write a table it reads, or read
    /// or write a table it writes. Any other earlier stage may still be running while it runs.
    /// </summary>
    internal static List<int[]> Prerequisites(IReadOnlyList<PipelineStage> stages) =>
        stages.Select((stage, i) => Enumerable.Range(0, i).Where(j =>
            stage.Reads.Intersect(stages[j].Writes, StringComparer.Ordinal).Any() ||
            stage.Writes.Intersect(stages[j].Reads.Concat(stages[j].Writes), StringComparer.Ordinal).Any()).ToArray()).ToList();

    /// <summary>
    /// Runs the stages. Each stage that must run starts, on its own connection to the store, as soon as the stages it
    /// depends on (<see cref="Prerequisites"/>) have finished the tables it reads, so independent stages overlap: the hot
    /// spots and the model beside the indicators, the indicator export and descriptives beside them (much of their time
    /// is single-threaded C#, so on two cores they overlap). A stage's tables are finished when its work succeeds, or
    /// earlier one by one when it announces them (ingest, area, hot spots); a stage that writes a table an earlier stage
    /// reads or writes waits for that stage to be published (<see cref="StartsOnTables"/>). Under NEEDS_ASSESSMENT_TRACE=1 they run one at a time, in order, so each
    /// stage's CPU seconds are its own. Skipping, publishing and the record in <c>pipeline_stages</c> stay in stage order
    /// on the run's connection; after a failure no further stage starts, and once the running ones finish the run fails
    /// naming the first failing stage in that order.
    /// </summary>
    private static List<ManifestStage> RunStages(AssessmentStore store, IReadOnlyList<PipelineStage> stages, IReadOnlyDictionary<string, string> fingerprints,
        RunPlan plan, string publishing, RunManifest? published, IProgress<string>? progress)
    {
        // A stage's skip depends only on its own record, fingerprint and published files, none of which an earlier
        // stage of this run changes, so it is decided before anything runs and reported in stage order.
        var skipped = stages.Select(s => Skipped(store, s, fingerprints[s.Name], plan, published)).ToArray();
        var result = new List<ManifestStage>();
        if (Tracing)
        {
            for (var i = 0; i < stages.Count; i++)
            {
                if (Report(skipped[i], progress) is { } skip)
                {
                    result.Add(skip);
                    continue;
                }
                Directory.CreateDirectory(Path.Combine(publishing, StageStagingFolder, stages[i].Name));
                // Prepared here, not beside earlier stages, so its CPU seconds count in the stage's own.
                var outcome = RunBody(store, stages[i], plan, publishing, progress, stages[i].Prepare);
                if (outcome.Failure is { } failure) throw ClassifyFailure(stages[i].Name, failure, plan.File.OutputFolder);
                result.Add(Publish(store, stages[i], fingerprints[stages[i].Name], outcome, publishing, progress));
            }
            return result;
        }

        // Progress lines may come from several stages at once; the caller's reporter sees them one at a time.
        var shared = progress is null ? null : new LockedProgress(progress);
        var prerequisites = Prerequisites(stages);
        // Set true when a stage is published or skipped, false when the run stops before it is.
        var settled = stages.Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var stopped = 0;
        // A stage's fixed start-up (the report's templates and drawing code) goes on beside the first stages.
        var prepared = stages.Select((s, i) => skipped[i] is null ? s.Prepare() : Task.CompletedTask).ToArray();
        // Per table of each stage: true once finished (announced by a stage that announces its tables as it finishes
        // them, else once the stage's work has succeeded), false if the run stops first.
        var finishedTables = stages.Select(s =>
            s.Writes.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), StringComparer.Ordinal))
            .ToArray();
        var tasks = new Task<StageOutcome?>[stages.Count];
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            if (skipped[i] is not null)
            {
                tasks[i] = Task.FromResult<StageOutcome?>(null);
                continue;
            }
            Directory.CreateDirectory(Path.Combine(publishing, StageStagingFolder, stage.Name));
            var waitFor = prerequisites[i].SelectMany(j => StartsOnTables(stage, stages[j], finishedTables[j]) is { } tables
                ? tables.Select(t => t.Task) : [settled[j].Task]).ToArray();
            var own = finishedTables[i];
            Action<string>? announce = stage.AnnouncesTables ? t => { if (own.TryGetValue(t, out var done)) done.TrySetResult(true); } : null;
            var preparing = prepared[i];
            tasks[i] = Task.WhenAll(waitFor).ContinueWith(ready =>
            {
                // Null: not run, because the run stopped or a stage it needs was not published.
                if (Volatile.Read(ref stopped) != 0 || ready.Result.Any(ok => !ok)) return null;
                StageOutcome outcome;
                AssessmentStore? connection = null;
                try
                {
                    connection = store.Duplicate();
                    outcome = RunBody(connection, stage, plan, publishing, shared, () => preparing, announce);
                }
                catch (Exception ex)
                {
                    // Opening the connection failed (RunBody itself never throws): the stage's failure, as if inside it.
                    outcome = new StageOutcome(Path.Combine(publishing, StageStagingFolder, stage.Name), null, 0, ex);
                }
                finally
                {
                    connection?.Dispose();
                }
                if (outcome.Failure is not null) Volatile.Write(ref stopped, 1);
                // Its tables are committed: a stage that only reads them need not wait for the stages before this one to
                // be published (the area's tables are done before ingest's last kind; publishing goes in stage order).
                else foreach (var done in own.Values) done.TrySetResult(true);
                return outcome;
            }, CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);
        }

        // From this stage on, no stage that runs writes a table: once the stages before it are published, nothing will
        // write but the runner's own record of each stage, so the store can be checkpointed then.
        var quietFrom = Enumerable.Range(0, stages.Count + 1)
            .First(k => Enumerable.Range(k, stages.Count - k).All(j => skipped[j] is not null || stages[j].Writes.Count == 0));
        try
        {
            for (var i = 0; i < stages.Count; i++)
            {
                if (i == quietFrom && i < stages.Count) CheckpointBeside(store);
                if (Report(skipped[i], shared) is { } skip)
                {
                    result.Add(skip);
                    Settle(i, true);
                    continue;
                }
                if (tasks[i].Result is { Failure: null } outcome)
                {
                    result.Add(Publish(store, stages[i], fingerprints[stages[i].Name], outcome, publishing, shared));
                    Settle(i, true);
                    continue;
                }
                Stop();
                var first = Enumerable.Range(0, stages.Count).First(k => tasks[k].Result is { Failure: not null });
                throw ClassifyFailure(stages[first].Name, tasks[first].Result!.Failure!, plan.File.OutputFolder);
            }
        }
        catch
        {
            // Nothing may go on writing into the store or the staging folder once the run has failed.
            Stop();
            throw;
        }
        return result;

        void Settle(int i, bool published)
        {
            // A table not announced (the stage did not say, or was skipped) is finished once its stage is published.
            foreach (var t in finishedTables[i].Values) t.TrySetResult(published);
            settled[i].TrySetResult(published);
        }

        void Stop()
        {
            Volatile.Write(ref stopped, 1);
            for (var i = 0; i < stages.Count; i++) Settle(i, false);
            Task.WaitAll(tasks);
            // A preparation whose stage never ran is waited for too, so nothing runs on once the run has failed.
            Task.WaitAny(Task.WhenAll(prepared));
        }
    }

    /// <summary>
    /// Checkpoints the store while the last stages (the report) only read it. Stages that load beside each other keep
    /// DuckDB from checkpointing on its own, so otherwise the whole run's writes (most of them the input tables) are
    /// checkpointed when the store closes, after the report, with nothing else left to do. A checkpoint refused because
    /// something still writes is left to the close, which checkpoints whatever is left in either case.
    /// </summary>
    private static void CheckpointBeside(AssessmentStore store)
    {
        try
        {
            store.Execute("CHECKPOINT");
        }
        catch (DuckDB.NET.Data.DuckDBException)
        {
            // Refused (another write is under way) or failed: the close checkpoints, and reports a failure there.
        }
    }

    /// <summary>
    /// The tables of <paramref name="earlier"/> that <paramref name="stage"/> waits for one by one, or null when it waits
    /// for the whole stage to be published: it does when something <paramref name="stage"/> writes is read or written by it.
    /// </summary>
    private static IEnumerable<TaskCompletionSource<bool>>? StartsOnTables(PipelineStage stage, PipelineStage earlier, Dictionary<string, TaskCompletionSource<bool>> announced) =>
        stage.Writes.Intersect(earlier.Reads.Concat(earlier.Writes), StringComparer.Ordinal).Any()
            ? null
            : [.. stage.Reads.Where(announced.ContainsKey).Distinct(StringComparer.Ordinal).Select(t => announced[t])];

    private static ManifestStage? Report(ManifestStage? skipped, IProgress<string>? progress)
    {
        if (skipped is not null) progress?.Report($"{skipped.Name}: skipped (inputs unchanged since the last run)");
        return skipped;
    }

    /// <summary>True under NEEDS_ASSESSMENT_TRACE=1 (see <see cref="PhaseTrace"/>): stages then run one at a time.</summary>
    private static readonly bool Tracing = Environment.GetEnvironmentVariable("NEEDS_ASSESSMENT_TRACE") == "1";

    /// <summary>What running one stage's work gave: its summary and time, or what it threw.</summary>
    private sealed record StageOutcome(string Staging, string? Message, double Seconds, Exception? Failure);

    /// <summary>Reports lines from several threads to a reporter that expects one caller at a time.</summary>
    private sealed class LockedProgress(IProgress<string> inner) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate) inner.Report(value);
        }
    }

    /// <summary>The manifest entry of a stage that is skipped, or null when it must run.</summary>
    private static ManifestStage? Skipped(AssessmentStore store, PipelineStage stage, string fingerprint, RunPlan plan, RunManifest? published)
    {
        var name = stage.Name;
        var folder = plan.File.OutputFolder;
        var previous = store.Query($"SELECT fingerprint, outputs FROM pipeline_stages WHERE stage = {AssessmentStore.Literal(name)}",
            r => (Fingerprint: r.GetString(0), Outputs: r.GetString(1))).FirstOrDefault();
        // The store says what its tables were computed from; the published manifest says what the published files were
        // computed from. A run that failed after a stage wrote its tables leaves the two apart, so a publishing stage
        // is skipped only when both agree.
        if (previous.Fingerprint == fingerprint &&
            (!stage.Publishes || published?.Stages.Any(s => s.Name == name && s.Fingerprint == fingerprint) == true) &&
            JsonSerializer.Deserialize<string[]>(previous.Outputs)!.All(o => File.Exists(Path.Combine(folder, o))))
        {
            return new ManifestStage(name, "skipped", 0, fingerprint, "Inputs unchanged since the last run.");
        }
        return null;
    }

    /// <summary>Runs a stage's work into its own staging folder; never throws (a failure is returned).</summary>
    private static StageOutcome RunBody(AssessmentStore store, PipelineStage stage, RunPlan plan, string publishing, IProgress<string>? progress, Func<Task> prepared,
        Action<string>? tableFinished = null)
    {
        var name = stage.Name;
        progress?.Report($"{name}: running");
        var staging = Path.Combine(publishing, StageStagingFolder, name);
        var clock = Stopwatch.StartNew();
        var cpu = PhaseTrace.CpuNow();
        PhaseTrace.Restart();
        try
        {
            prepared().GetAwaiter().GetResult();
            var message = stage.Run(new StageContext(plan, store, staging, progress) { TableFinished = tableFinished });
            PhaseTrace.Total($"stage {name}", clock.Elapsed, PhaseTrace.CpuNow() - cpu);
            return new StageOutcome(staging, message, clock.Elapsed.TotalSeconds, null);
        }
        catch (Exception ex)
        {
            return new StageOutcome(staging, null, clock.Elapsed.TotalSeconds, ex);
        }
    }

    /// <summary>The stage succeeded: its files join the publication (still staged; the output folder changes only at the end).</summary>
    private static ManifestStage Publish(AssessmentStore store, PipelineStage stage, string fingerprint, StageOutcome outcome, string publishing, IProgress<string>? progress)
    {
        var name = stage.Name;
        var staging = outcome.Staging;
        var produced = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(staging, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (!stage.Publishes && produced.Count > 0)
            throw new StageInternalErrorException(name, new InvalidOperationException($"Stage {name} wrote files but is not a publishing stage."));
        foreach (var rel in produced)
        {
            var target = Path.Combine(publishing, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Path.Combine(staging, rel), target, overwrite: true);
        }
        store.Execute($"""
            INSERT OR REPLACE INTO pipeline_stages VALUES ({AssessmentStore.Literal(name)}, {AssessmentStore.Literal(fingerprint)},
              {AssessmentStore.Literal(JsonSerializer.Serialize(produced))})
            """);
        progress?.Report($"{name}: {outcome.Message}");
        return new ManifestStage(name, "ran", Math.Round(outcome.Seconds, 3), fingerprint, outcome.Message!);
    }

    /// <summary>
    /// A user error (bad input or settings) or a file-system failure (disk full, no permission) is the user's to fix and
    /// keeps exit code 2; anything else thrown inside a stage is a bug and is reported as an internal error.
    /// </summary>
    internal static Exception ClassifyFailure(string stage, Exception ex, string outputFolder) => ex switch
    {
        StageFailedException or StageInternalErrorException => ex,
        // DuckDB reports a full disk inside its own exception type, which would otherwise read as a bug.
        _ when FileSystemErrors.IsDiskFull(ex) => new StageFailedException(stage, FileSystemErrors.DiskFull(outputFolder, ex).Message, ex),
        UserErrorException or IOException or UnauthorizedAccessException => new StageFailedException(stage, ex.Message, ex),
        _ => new StageInternalErrorException(stage, ex),
    };

    private static SeriousViolenceDefinition ResolveDefinition(string definition) =>
        SeriousViolenceDefinition.BuiltInNames.Contains(definition)
            ? SeriousViolenceDefinition.LoadBuiltIn(definition)
            : SeriousViolenceDefinition.Load(definition);

    private static Dictionary<string, object> Parameters(AssessmentFile f)
    {
        var parameters = BaseParameters(f);
        if (f.AreaDeclaration.Csps.Count > 0) parameters["csp"] = f.AreaDeclaration.Csps;
        if (f.AreaDeclaration.BoundaryFile is { } b) parameters["boundary"] = b;
        return parameters;
    }

    private static Dictionary<string, object> BaseParameters(AssessmentFile f) => new(StringComparer.Ordinal)
    {
        ["partnership"] = f.PartnershipName,
        ["local_authorities"] = f.AreaDeclaration.LocalAuthorities,
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

    private static List<ManifestInput> Inputs(AssessmentStore store, List<RunInput> inputs) =>
        inputs.Select(i =>
        {
            var sha = i.Sha256;
            var row = store.Query($"""
                SELECT bytes, rows_read, rows_loaded, rows_quarantined FROM loads
                WHERE kind = {AssessmentStore.Literal(i.Kind)} AND sha256 = {AssessmentStore.Literal(sha)} AND status IN ('loaded', 'replaced')
                ORDER BY load_id DESC LIMIT 1
                """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))).FirstOrDefault();
            return new ManifestInput(i.Kind, i.File, sha, row.Item1, row.Item2, row.Item3, row.Item4)
            {
                Mapping = i.Mapping is { IsEmpty: false } mapping ? mapping.Describe() : null,
            };
        }).ToList();

    /// <summary>Every file the stages published (including skipped stages' earlier files, carried over), not whatever else is in the folder.</summary>
    private static List<ManifestOutput> Outputs(IEnumerable<string> outputs, string folder) =>
        outputs
            .Where(r => File.Exists(Path.Combine(folder, r)))
            .Select(r => new ManifestOutput(r.Replace('\\', '/'), FileHash(Path.Combine(folder, r)), new FileInfo(Path.Combine(folder, r)).Length))
            .ToList();

    private static string FileHash(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
