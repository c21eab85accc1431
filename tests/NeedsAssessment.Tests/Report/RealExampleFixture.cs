using NeedsAssessment.Pipeline;
using NeedsAssessment.Tests.Classify;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// examples/north-yorkshire.assessment.yaml run once, as a new user runs it, on the real published files beside the
/// repository (../shared/data), into a folder of its own.
/// </summary>
public sealed class RealExampleFixture : IDisposable
{
    public RealExampleFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "na-real-example-" + Guid.NewGuid().ToString("N"));
        var file = AssessmentFile.Load(Path.Combine(ClassifyFixture.RepoRoot(), "examples", "north-yorkshire.assessment.yaml"));
        Run = AssessmentRunner.Run(file with { OutputFolder = Folder });
    }

    public string Folder { get; }

    public RunResult Run { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class RealExampleCollection : ICollectionFixture<RealExampleFixture>
{
    public const string Name = "real example";
}
