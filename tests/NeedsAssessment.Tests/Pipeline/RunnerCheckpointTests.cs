using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// Once every stage that writes tables is published and only reading stages (the report) remain, the runner checkpoints
/// the store while they run, so closing the store after the last stage has little left to write.
/// </summary>
public sealed class RunnerCheckpointTests : IDisposable
{
    private readonly EmptyRunFolder _folder = new("na-checkpoint-");

    public void Dispose() => _folder.Dispose();

    private AssessmentFile EmptyRun() => _folder.EmptyRun();

    /// <summary>Writes a table small enough that DuckDB does not checkpoint it on its own.</summary>
    private sealed class WritingStage() : PipelineStage("writer", [], ["written"])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;

        public override string Run(StageContext context)
        {
            context.Store.Execute("CREATE OR REPLACE TABLE written AS SELECT range AS x FROM range(1000)");
            return "wrote";
        }
    }

    /// <summary>Reads the table and waits (at most ten seconds) for the store's write-ahead log to be checkpointed.</summary>
    private sealed class ReadingStage() : PipelineStage("reader", ["written"], [])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;

        public override string Run(StageContext context)
        {
            var n = context.Store.Scalar("SELECT count(*) FROM written");
            var wal = context.Store.Path + ".wal";
            // Waits for the runner's checkpoint (at most 10 s, a bound for a hung run, not a speed requirement).
            // One FileInfo per look: it reads the file's state once, so a log removed between "exists" and "length" is
            // seen as gone instead of throwing (File.Exists then new FileInfo(wal).Length raced the checkpoint).
            var checkpointed = SpinWait.SpinUntil(() => new FileInfo(wal) is var f && (!f.Exists || f.Length == 0), TimeSpan.FromSeconds(10));
            return $"read {n}; {(checkpointed ? "checkpointed while reading" : "not checkpointed")}";
        }
    }

    [Fact]
    public void The_store_is_checkpointed_while_the_last_stages_only_read_it()
    {
        var result = AssessmentRunner.Run(EmptyRun(), [new WritingStage(), new ReadingStage()]);

        Assert.Equal(["wrote", "read 1000; checkpointed while reading"], result.Manifest.Stages.Select(s => s.Message));
    }
}
