using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// A run whose inputs are small (at most <see cref="AssessmentRunner.SmallInputBytes"/> together) has DuckDB run its
/// queries on the calling threads alone; larger inputs keep DuckDB's thread per core.
/// </summary>
public sealed class SmallInputsThreadsTests : IDisposable
{
    private readonly EmptyRunFolder _folder = new("na-threads-");
    private readonly string _files = Directory.CreateTempSubdirectory("na-threads-files-").FullName;

    public void Dispose()
    {
        _folder.Dispose();
        try { Directory.Delete(_files, recursive: true); } catch (IOException) { /* best effort */ }
    }

    /// <summary>A file of <paramref name="bytes"/> (sparse: nothing is written), as an input of kind police-street.</summary>
    private RunInput Input(string name, long bytes)
    {
        var path = Path.Combine(_files, name);
        using (var f = new FileStream(path, FileMode.Create)) f.SetLength(bytes);
        return new RunInput("police-street", path, "");
    }

    [Fact]
    public void InputsUpToTheLimitTogetherAreSmallAndOneByteMoreIsNot()
    {
        var half = AssessmentRunner.SmallInputBytes / 2;
        Assert.True(AssessmentRunner.SmallInputs([]));
        Assert.True(AssessmentRunner.SmallInputs([Input("a.csv", half), Input("b.csv", half)]));
        Assert.False(AssessmentRunner.SmallInputs([Input("c.csv", half), Input("d.csv", half + 1)]));
    }

    /// <summary>Records DuckDB's thread setting as the stage's message.</summary>
    private sealed class ThreadsStage() : PipelineStage("threads", [], [])
    {
        public override string Settings(RunPlan plan) => "";
        public override bool Publishes => false;

        public override string Run(StageContext context) => $"threads={context.Store.Scalar("SELECT current_setting('threads')")}";
    }

    [Fact]
    public void ARunOfSmallInputsQueriesOnOneDuckDbThread()
    {
        var result = AssessmentRunner.Run(_folder.EmptyRun(), [new ThreadsStage()]);

        Assert.Equal(["threads=1"], result.Manifest.Stages.Select(s => s.Message));
    }
}
