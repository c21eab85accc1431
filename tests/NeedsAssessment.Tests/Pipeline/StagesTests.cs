using NeedsAssessment.Classify;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Pipeline;

public sealed class StagesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("na-stages-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    private AssessmentFile LoadFile(string extra = "", string partnership = "")
    {
        var path = Path.Combine(_root, $"a{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            partnership:
              name: Synthshire CSP
            {partnership}
            inputs:
              police-street: [data/street.csv]
            output: out
            {extra}
            """);
        return AssessmentFile.Load(path);
    }

    private static RunPlan Plan(AssessmentFile file, params RunInput[] inputs) =>
        new(file, inputs, SeriousViolenceDefinition.LoadBuiltIn(SeriousViolenceDefinition.DefaultName));

    private static HashSet<string> Changed(RunPlan a, RunPlan b)
    {
        var fa = Stages.Fingerprints(a, Stages.All);
        var fb = Stages.Fingerprints(b, Stages.All);
        return Stages.All.Select(s => s.Name).Where(n => fa[n] != fb[n]).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void Every_fingerprint_names_the_compiled_engine_not_only_its_commit_so_uncommitted_changes_rerun_the_stages()
    {
        var module = typeof(Stages).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        Assert.EndsWith("+" + module, Stages.EngineBuild, StringComparison.Ordinal);
        Assert.StartsWith($"{EngineInfo.Version}+{EngineInfo.Commit}+", Stages.EngineBuild, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stages_run_in_a_fixed_order_and_each_reads_only_tables_an_earlier_stage_writes()
    {
        Assert.Equal(["ingest", "area", "classify", "indicators", "indicator-export", "descriptives", "hotspots", "model", "report"], Stages.All.Select(s => s.Name));
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in Stages.All)
        {
            Assert.All(stage.Reads, t => Assert.True(written.Contains(t), $"{stage.Name} reads {t} before any stage writes it"));
            Assert.All(stage.Writes, t => Assert.True(written.Add(t), $"{t} is written by two stages"));
        }
        Assert.Contains("sv_events", Stages.Classify.Writes);
        Assert.Contains("indicator_values", Stages.Indicators.Writes);
    }

    [Fact]
    public void Each_stage_waits_only_for_the_earlier_stages_that_write_what_it_reads()
    {
        var names = Stages.All.Select(s => s.Name).ToArray();
        var waits = AssessmentRunner.Prerequisites(Stages.All)
            .Select((p, i) => (Stage: names[i], After: string.Join(",", p.Select(j => names[j]))))
            .ToDictionary(x => x.Stage, x => x.After);
        Assert.Equal("", waits["ingest"]);
        Assert.Equal("ingest", waits["area"]);
        Assert.Equal("ingest", waits["classify"]);
        Assert.Equal("ingest,area,classify", waits["indicators"]);
        Assert.Equal("indicators", waits["indicator-export"]);
        Assert.Equal("ingest,area,classify,indicators", waits["descriptives"]);
        // Neither reads an indicator table, so both run beside the indicators.
        Assert.Equal("ingest,area,classify", waits["hotspots"]);
        Assert.Equal("ingest,area,classify", waits["model"]);
        Assert.Equal(string.Join(",", names[..^1]), waits["report"]);
    }

    [Fact]
    public void Changing_only_suppression_reruns_the_publishing_stages_and_nothing_upstream()
    {
        // Hot spots and the model publish suppressed counts (Gi* is recomputable from the published hotspots.csv), so
        // the policy is part of their result; ingest, classification and the raw indicators are kept.
        var changed = Changed(Plan(LoadFile()), Plan(LoadFile("suppression: fingertips")));
        Assert.Equal(["descriptives", "hotspots", "indicator-export", "model", "report"], changed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Changing_the_hot_spot_cell_size_reruns_hot_spots_and_the_report_only()
    {
        var changed = Changed(Plan(LoadFile()), Plan(LoadFile("hotspots:\n  cell_size: 250")));
        Assert.Equal(["hotspots", "report"], changed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Changing_the_definition_reruns_everything_after_ingest_but_the_area()
    {
        var changed = Changed(Plan(LoadFile()), Plan(LoadFile("definition: london-under-25")));
        Assert.Equal(Stages.All.Skip(1).Select(s => s.Name).Where(n => n != "area").Order(StringComparer.Ordinal), changed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Changing_the_declared_area_reruns_the_area_and_every_stage_that_reads_it_but_not_ingest_or_classify()
    {
        var changed = Changed(Plan(LoadFile()), Plan(LoadFile(partnership: "  local_authorities: [E06000014]")));
        Assert.Equal(["area", "descriptives", "hotspots", "indicator-export", "indicators", "model", "report"], changed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Changing_an_input_file_reruns_every_stage()
    {
        var file = LoadFile();
        var changed = Changed(Plan(file, new RunInput("police-street", "a.csv", "aa")), Plan(file, new RunInput("police-street", "a.csv", "bb")));
        Assert.Equal(Stages.All.Select(s => s.Name).Order(StringComparer.Ordinal), changed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_stage_reading_a_table_no_earlier_stage_writes_is_refused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Stages.Fingerprints(Plan(LoadFile()), [Stages.Ingest, Stages.Indicators]));
        Assert.Contains("sv_events", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FailingStage(Exception error, IReadOnlyList<string>? writes = null) : PipelineStage("failing", [], writes ?? [])
    {
        public override string Settings(RunPlan plan) => "";
        public override string Run(StageContext context)
        {
            File.WriteAllText(Path.Combine(context.StagingFolder, "half-written.csv"), "x");
            throw error;
        }
    }

    private AssessmentFile EmptyRun() =>
        LoadFile() with { Inputs = new Dictionary<string, IReadOnlyList<string>>(), OutputFolder = Path.Combine(_root, "out-" + Guid.NewGuid().ToString("N")) };

    [Fact]
    public void A_bug_inside_a_stage_is_an_internal_error_naming_the_stage_not_a_user_error()
    {
        var file = EmptyRun();
        var ex = Assert.Throws<StageInternalErrorException>(() =>
            AssessmentRunner.Run(file, [new FailingStage(new InvalidOperationException("index out of step"))]));
        Assert.IsNotAssignableFrom<UserErrorException>(ex);
        Assert.Equal("failing", ex.StageName);
        Assert.Contains("index out of step", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(file.OutputFolder, "half-written.csv")));
        Assert.False(Directory.Exists(Path.Combine(file.OutputFolder, ".staging", "failing")));
    }

    /// <summary>Writes a file and a table of its own, after meeting the stages running beside it at <paramref name="meet"/>.</summary>
    private sealed class MeetingStage(string name, Barrier meet) : PipelineStage(name, [], [name + "_table"])
    {
        public override string Settings(RunPlan plan) => "";
        public override string Run(StageContext context)
        {
            // Only stages running at the same time can all arrive; one at a time, the first would wait alone.
            if (!meet.SignalAndWait(TimeSpan.FromSeconds(60))) throw new InvalidOperationException($"{Name} ran alone");
            context.Store.Execute($"CREATE OR REPLACE TABLE {Name}_table AS SELECT 1 AS x");
            File.WriteAllText(Path.Combine(context.StagingFolder, Name + ".csv"), "x");
            return $"{Name} done";
        }
    }

    [Fact]
    public void Independent_stages_run_at_the_same_time_each_on_its_own_connection_and_all_publish()
    {
        var file = EmptyRun();
        using var meet = new Barrier(2);
        var result = AssessmentRunner.Run(file, [new MeetingStage("left", meet), new MeetingStage("right", meet)]);
        Assert.Equal(["left", "right"], result.Manifest.Stages.Select(s => s.Name));
        Assert.True(File.Exists(Path.Combine(file.OutputFolder, "left.csv")));
        Assert.True(File.Exists(Path.Combine(file.OutputFolder, "right.csv")));
        using var store = AssessmentStore.Open(result.StorePath, readOnly: true);
        Assert.True(store.TableExists("left_table") && store.TableExists("right_table"));
    }

    /// <summary>Fails unless <paramref name="table"/>, which an earlier stage writes, is in the store when it runs.</summary>
    private sealed class ReadingStage(string name, string table) : PipelineStage(name, [table], [])
    {
        public bool Ran { get; private set; }
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;
        public override string Run(StageContext context)
        {
            Ran = true;
            return context.Store.TableExists(table) ? $"{Name} read {table}" : throw new InvalidOperationException($"{table} was not there");
        }
    }

    [Fact]
    public void A_stage_runs_beside_an_earlier_stage_it_does_not_depend_on_and_after_the_one_whose_table_it_reads()
    {
        var file = EmptyRun();
        using var meet = new Barrier(2);
        // "right" comes after "reader" in order but needs nothing from "left", so it meets "left" while "reader" waits for it.
        var result = AssessmentRunner.Run(file, [new MeetingStage("left", meet), new ReadingStage("reader", "left_table"), new MeetingStage("right", meet)]);
        Assert.Equal(["left", "reader", "right"], result.Manifest.Stages.Select(s => s.Name));
        Assert.All(result.Manifest.Stages, s => Assert.Equal("ran", s.Status));
        Assert.Equal("reader read left_table", result.Manifest.Stages[1].Message);
    }

    [Fact]
    public void A_stage_whose_prerequisite_fails_does_not_run_and_the_run_names_the_failing_stage()
    {
        var reader = new ReadingStage("reader", "failing_table");
        var ex = Assert.Throws<StageInternalErrorException>(() =>
            AssessmentRunner.Run(EmptyRun(), [new FailingStage(new InvalidOperationException("index out of step"), writes: ["failing_table"]), reader]));
        Assert.Equal("failing", ex.StageName);
        Assert.False(reader.Ran);
    }

    /// <summary>Runs only once <paramref name="released"/> completes (at most a minute), then writes its table.</summary>
    private sealed class WaitingStage(string name, Task released) : PipelineStage(name, [], [name + "_table"])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;
        public override string Run(StageContext context)
        {
            if (!released.Wait(TimeSpan.FromSeconds(60))) throw new InvalidOperationException($"{Name} was never released");
            context.Store.Execute($"CREATE OR REPLACE TABLE {Name}_table AS SELECT 1 AS x");
            return $"{Name} done";
        }
    }

    /// <summary>Reads <paramref name="table"/>; its preparation is <paramref name="prepare"/>, and it fails unless that finished first.</summary>
    private sealed class PreparingStage(string name, string table, Func<Task> prepare) : PipelineStage(name, [table], [])
    {
        private Task? _preparation;
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;
        internal override Task Prepare() => _preparation = prepare();
        public override string Run(StageContext context) =>
            _preparation is { IsCompletedSuccessfully: true } ? $"{Name} prepared" : throw new InvalidOperationException($"{Name} ran unprepared");
    }

    [Fact]
    public void A_stage_prepares_beside_the_stages_before_it_and_runs_only_once_prepared()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // "first" cannot finish until the preparation of "second", which needs its table, has begun: they overlap.
        var result = AssessmentRunner.Run(EmptyRun(),
        [
            new WaitingStage("first", started.Task),
            new PreparingStage("second", "first_table", () => Task.Run(() =>
            {
                started.SetResult();
                Thread.Sleep(200);
            })),
        ]);
        Assert.Equal(["first done", "second prepared"], result.Manifest.Stages.Select(s => s.Message));
    }

    [Fact]
    public void A_failed_preparation_fails_its_stage_as_an_internal_error()
    {
        var ex = Assert.Throws<StageInternalErrorException>(() => AssessmentRunner.Run(EmptyRun(),
        [
            new WaitingStage("first", Task.CompletedTask),
            new PreparingStage("second", "first_table", () => Task.FromException(new InvalidOperationException("no fonts"))),
        ]));
        Assert.Equal("second", ex.StageName);
        Assert.Contains("no fonts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_beside_a_stage_that_succeeds_fails_the_run_naming_it_and_publishes_neither()
    {
        var file = EmptyRun();
        using var meet = new Barrier(1);
        var ex = Assert.Throws<StageInternalErrorException>(() =>
            AssessmentRunner.Run(file, [new MeetingStage("beside", meet), new FailingStage(new InvalidOperationException("index out of step"))]));
        Assert.Equal("failing", ex.StageName);
        Assert.False(File.Exists(Path.Combine(file.OutputFolder, "beside.csv")));
        Assert.False(File.Exists(Path.Combine(file.OutputFolder, "half-written.csv")));
    }

    [Fact]
    public void Bad_input_inside_a_stage_stays_a_user_error_naming_the_stage()
    {
        var ex = Assert.Throws<StageFailedException>(() =>
            AssessmentRunner.Run(EmptyRun(), [new FailingStage(new UserErrorException("column 'lsoa' is missing"))]));
        Assert.IsAssignableFrom<UserErrorException>(ex);
        Assert.Equal("failing", ex.StageName);
        Assert.Contains("column 'lsoa' is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_CLI_reports_an_internal_error_with_exit_1_a_short_message_and_a_log_holding_the_stack_trace()
    {
        Exception error;
        try { throw new StageInternalErrorException("hotspots", new NullReferenceException("grid was null")); }
        catch (StageInternalErrorException ex) { error = ex; }
        using var stderr = new StringWriter();

        var code = NeedsAssessment.Cli.InternalError.Report(error, stderr, Path.Combine(_root, "logs"));

        Assert.Equal(1, code);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("internal error in stage 'hotspots' (NullReferenceException): grid was null", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var log = lines[2].Trim();
        Assert.StartsWith(Path.Combine(_root, "logs"), log, StringComparison.Ordinal);
        var text = File.ReadAllText(log);
        Assert.Contains("grid was null", text, StringComparison.Ordinal);
        Assert.Contains(nameof(The_CLI_reports_an_internal_error_with_exit_1_a_short_message_and_a_log_holding_the_stack_trace), text, StringComparison.Ordinal);
    }
}
