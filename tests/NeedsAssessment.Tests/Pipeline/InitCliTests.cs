using NeedsAssessment.Pipeline;
using NeedsAssessment.Tests.Ingest;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>The built CLI's <c>init</c>: the area named by partnership or boundary file goes into the starter file.</summary>
public sealed class InitCliTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Init_writes_the_area_by_csp_and_boundary_file_and_the_file_parses_back()
    {
        var boundary = _dir.File("area.geojson", """{"type": "Polygon", "coordinates": [[[-1.1, 53.9], [-1.0, 53.9], [-1.0, 54.0], [-1.1, 53.9]]]}""");
        var yaml = Path.Combine(_dir.Path, "assessment.yaml");
        var o = CliProcess.Run(_dir.Path, "init", yaml, "--partnership", "York CSP", "--csp", "York,E22000902", "--boundary", boundary);
        Assert.True(o.ExitCode == 0, o.Stderr);
        var f = AssessmentFile.Load(yaml);
        Assert.Equal(["York", "E22000902"], f.AreaDeclaration.Csps);
        Assert.Empty(f.AreaDeclaration.LocalAuthorities);
        Assert.Equal(Path.GetFullPath(boundary), f.AreaDeclaration.BoundaryFile);
        Assert.Contains("csp-lookup", f.Inputs.Keys);

        var missing = CliProcess.Run(_dir.Path, "init", Path.Combine(_dir.Path, "b.yaml"), "--boundary", Path.Combine(_dir.Path, "none.geojson"));
        CliProcess.AssertUserError(missing);
        Assert.Contains("--boundary", missing.Stderr, StringComparison.Ordinal);
    }
}
