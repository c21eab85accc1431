using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// A stage that announces its tables as it finishes them (ingest, kind by kind) lets a later stage that reads only
/// finished tables start before it ends; a stage reading a table not yet announced still waits, and the record,
/// publishing and failures stay in stage order.
/// </summary>
public sealed class AnnouncedTablesTests : IDisposable
{
    private readonly EmptyRunFolder _folder = new("na-announced-");

    public void Dispose() => _folder.Dispose();

    private AssessmentFile EmptyRun() => _folder.EmptyRun();

    /// <summary>
    /// Writes <c>first_table</c>, announces it, and finishes only once <paramref name="release"/> completes (at most a
    /// minute), then writes <c>second_table</c>; <paramref name="failure"/>, when given, is thrown at the end instead.
    /// </summary>
    private sealed class AnnouncingStage(Task release, Exception? failure = null) : PipelineStage("loader", [], ["first_table", "second_table"])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;
        internal override bool AnnouncesTables => true;
        public bool Released { get; private set; }

        public override string Run(StageContext context)
        {
            context.Store.Execute("CREATE OR REPLACE TABLE first_table AS SELECT 1 AS x");
            context.TableFinished?.Invoke("first_table");
            Released = release.Wait(TimeSpan.FromSeconds(60));
            context.Store.Execute("CREATE OR REPLACE TABLE second_table AS SELECT 2 AS x");
            if (failure is not null) throw failure;
            return Released ? "loader released" : "loader never released";
        }
    }

    /// <summary>Reads <paramref name="table"/>; says whether the loader had finished when it started, and sets <paramref name="started"/>.</summary>
    private sealed class ReadingStage(string name, string table, Func<bool> loaderDone, TaskCompletionSource started) : PipelineStage(name, [table], [name + "_table"])
    {
        public bool Ran { get; private set; }
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;

        public override string Run(StageContext context)
        {
            Ran = true;
            var before = loaderDone() ? "after the loader" : "before the loader finished";
            started.TrySetResult();
            var x = context.Store.Scalar($"SELECT x FROM {table}");
            return $"{Name} read {x} {before}";
        }
    }

    [Fact]
    public void A_stage_reading_only_an_announced_table_starts_before_the_announcing_stage_ends_and_is_recorded_after_it()
    {
        var readerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaderDone = 0;
        // The loader ends only once the reader of its announced table has started: without the early start it never would.
        var loader = new AnnouncingStage(readerStarted.Task.ContinueWith(_ => Thread.Sleep(100), TaskScheduler.Default));
        var reader = new ReadingStage("reader", "first_table", () => Volatile.Read(ref loaderDone) != 0, readerStarted);
        var result = AssessmentRunner.Run(EmptyRun(), [loader, reader]);
        Volatile.Write(ref loaderDone, 1);

        Assert.True(loader.Released);
        Assert.Equal(["loader", "reader"], result.Manifest.Stages.Select(s => s.Name));
        Assert.Equal(["loader released", "reader read 1 before the loader finished"], result.Manifest.Stages.Select(s => s.Message));
    }

    [Fact]
    public void A_stage_reading_a_table_not_yet_announced_waits_for_the_whole_stage()
    {
        var loaderEnded = 0;
        var readerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Released after a pause in which a reader of second_table could wrongly have started (it records whether it did).
        var loader = new AnnouncingStage(Task.Delay(300).ContinueWith(_ => Volatile.Write(ref loaderEnded, 1), TaskScheduler.Default));
        var reader = new ReadingStage("reader", "second_table", () => Volatile.Read(ref loaderEnded) != 0, readerStarted);
        var result = AssessmentRunner.Run(EmptyRun(), [loader, reader]);

        Assert.Equal(["loader released", "reader read 2 after the loader"], result.Manifest.Stages.Select(s => s.Message));
    }

    [Fact]
    public void When_the_announcing_stage_fails_after_a_reader_started_the_run_names_it_and_records_neither()
    {
        var readerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new AnnouncingStage(readerStarted.Task, new UserErrorException("the last file is broken"));
        var reader = new ReadingStage("reader", "first_table", () => false, readerStarted);
        var file = EmptyRun();

        var ex = Assert.Throws<StageFailedException>(() => AssessmentRunner.Run(file, [loader, reader]));

        Assert.Equal("loader", ex.StageName);
        Assert.True(reader.Ran);
        using var store = AssessmentStore.Open(Path.Combine(file.OutputFolder, AssessmentRunner.StoreFileName), readOnly: true);
        Assert.Equal(0L, Convert.ToInt64(store.Scalar("SELECT count(*) FROM pipeline_stages"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
