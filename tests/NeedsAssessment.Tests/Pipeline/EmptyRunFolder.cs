using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// A temp folder for runner tests whose stages are test doubles: <see cref="EmptyRun"/> gives an assessment with no
/// inputs and its own output folder, so the runner's scheduling, publishing and store handling run without real data.
/// </summary>
public sealed class EmptyRunFolder : IDisposable
{
    private readonly string _root;

    /// <param name="prefix">Prefix of the temp folder's name, naming the test class for anyone finding one left behind.</param>
    public EmptyRunFolder(string prefix) => _root = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>An assessment with no inputs; each call has its own file and output folder.</summary>
    public AssessmentFile EmptyRun()
    {
        var id = Guid.NewGuid().ToString("N");
        var path = Path.Combine(_root, $"a{id}.yaml");
        File.WriteAllText(path, """
            partnership:
              name: Synthshire CSP
            inputs:
              police-street: [data/street.csv]
            output: out
            """);
        return AssessmentFile.Load(path) with
        {
            Inputs = new Dictionary<string, IReadOnlyList<string>>(),
            OutputFolder = Path.Combine(_root, "out-" + id),
        };
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
