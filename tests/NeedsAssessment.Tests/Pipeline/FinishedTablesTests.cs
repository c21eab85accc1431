using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// A stage starts once the stages whose tables it reads have finished their work, not once every stage before them is
/// published: publishing goes in stage order, so a slow earlier stage would otherwise hold back a reader of a quicker one.
/// </summary>
public sealed class FinishedTablesTests : IDisposable
{
    private readonly EmptyRunFolder _folder = new("na-finished-");

    public void Dispose() => _folder.Dispose();

    private AssessmentFile EmptyRun() => _folder.EmptyRun();

    /// <summary>Writes <c>slow_table</c> and ends only once <paramref name="release"/> completes (at most a minute).</summary>
    private sealed class SlowStage(Task release) : PipelineStage("slow", [], ["slow_table"])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;

        public override string Run(StageContext context)
        {
            context.Store.Execute("CREATE OR REPLACE TABLE slow_table AS SELECT 1 AS x");
            return release.Wait(TimeSpan.FromSeconds(60)) ? "slow released" : "slow never released";
        }
    }

    private sealed class QuickStage() : PipelineStage("quick", [], ["quick_table"])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;

        public override string Run(StageContext context)
        {
            context.Store.Execute("CREATE OR REPLACE TABLE quick_table AS SELECT 2 AS x");
            return "quick wrote";
        }
    }

    private sealed class ReaderStage(TaskCompletionSource started) : PipelineStage("reader", ["quick_table"], ["reader_table"])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;

        public override string Run(StageContext context)
        {
            started.TrySetResult();
            return $"reader read {context.Store.Scalar("SELECT x FROM quick_table")}";
        }
    }

    [Fact]
    public void A_reader_of_a_finished_stage_starts_while_an_earlier_stage_still_runs_and_is_recorded_in_stage_order()
    {
        var readerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The slow stage ends only once the reader has started: were the reader to wait for the quick stage to be
        // published, which waits for the slow one, it never would.
        var result = AssessmentRunner.Run(EmptyRun(), [new SlowStage(readerStarted.Task), new QuickStage(), new ReaderStage(readerStarted)]);

        Assert.Equal(["slow", "quick", "reader"], result.Manifest.Stages.Select(s => s.Name));
        Assert.Equal(["slow released", "quick wrote", "reader read 2"], result.Manifest.Stages.Select(s => s.Message));
    }
}
