using NeedsAssessment.Store;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Modelling;

/// <summary>One three-year demo county (seed 42), generated, ingested and classified once per test class.</summary>
public sealed class DemoModelFixture : IDisposable
{
    public DemoModelFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "na-model-" + Guid.NewGuid().ToString("N"));
        Run = Assessment.Demo(Folder, seed: 42, years: 3);
        Truth = SyntheticGroundTruth.Load(Run.Data.GroundTruthPath);
        Store = AssessmentStore.Open(Run.StorePath);
    }

    public string Folder { get; }
    public DemoRun Run { get; }
    public SyntheticGroundTruth Truth { get; }
    public AssessmentStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
