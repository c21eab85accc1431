using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

public class AssessmentRunnerTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private static Dictionary<string, string> Hashes(RunManifest m) => m.Outputs.ToDictionary(o => o.Path, o => o.Sha256);

    [Fact]
    public void A_full_run_loads_every_input_and_writes_outputs_listed_in_the_manifest_with_their_hashes()
    {
        // The session's baseline is this: the first run of the assessment file into an empty folder.
        var result = fixture.Baseline;

        var m = result.Manifest;
        Assert.Equal(fixture.Data.FilesByKind.Values.Sum(f => f.Count), m.Inputs.Count);
        Assert.All(m.Inputs, i => Assert.Equal(i.RowsRead, i.RowsLoaded + i.RowsQuarantined));
        Assert.Equal(fixture.Data.RowsByKind.Values.Sum(), m.Inputs.Sum(i => i.RowsRead));
        Assert.Equal(["ingest", "area", "classify"], m.Stages.Take(3).Select(s => s.Name));
        Assert.All(m.Stages, s => Assert.Equal("ran", s.Status));
        Assert.Equal("home-office-core", m.DefinitionName);
        Assert.False(string.IsNullOrEmpty(m.ToolCommit));
        Assert.Contains(m.Outputs, o => o.Path.EndsWith("indicator_values.csv", StringComparison.Ordinal));
        foreach (var o in m.Outputs)
        {
            var bytes = File.ReadAllBytes(Path.Combine(result.OutputFolder, o.Path));
            Assert.Equal(o.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
        Assert.True(File.Exists(Path.Combine(result.OutputFolder, RunManifest.FileName)));
    }

    [Fact]
    public void A_rerun_with_unchanged_inputs_skips_every_stage_and_keeps_the_outputs()
    {
        // The first run is the baseline's, copied to this test's output folder (a copy is the same as running there:
        // no fingerprint holds a path); the rerun is real.
        var first = fixture.Baseline;
        fixture.CopyOfBaseline("out-rerun");
        var file = AssessmentFile.Load(fixture.WriteAssessment("rerun.yaml", "out-rerun"));
        var second = AssessmentRunner.Run(file);

        Assert.All(second.Manifest.Stages, s => Assert.Equal("skipped", s.Status));
        Assert.Equal(Hashes(first.Manifest), Hashes(second.Manifest));
    }

    [Fact]
    public void Changing_a_setting_reruns_only_the_stages_that_depend_on_it()
    {
        // The first run is the baseline's, copied to this test's output folder; the second, with a changed setting, is real.
        var first = fixture.Baseline;
        fixture.CopyOfBaseline("out-setting");
        var second = AssessmentRunner.Run(AssessmentFile.Load(fixture.WriteAssessment("setting.yaml", "out-setting", extra: "suppression: fingertips")));

        Assert.All(first.Manifest.Stages, s => Assert.Equal("ran", s.Status));
        // Suppression applies where files are published (indicator export, hot spots, model, report): the computations upstream are kept.
        var status = second.Manifest.Stages.ToDictionary(s => s.Name, s => s.Status);
        Assert.Equal("skipped", status["ingest"]);
        Assert.Equal("skipped", status["classify"]);
        Assert.Equal("skipped", status["indicators"]);
        Assert.Equal("ran", status["hotspots"]);
        Assert.Equal("ran", status["model"]);
        Assert.Equal("ran", status["indicator-export"]);
        Assert.Equal("ran", status["report"]);
    }

    [Fact]
    public void Two_runs_of_the_same_inputs_give_byte_identical_outputs()
    {
        // Two independent runs from empty folders: the session's baseline and one more.
        var a = fixture.Baseline;
        var b = AssessmentRunner.Run(AssessmentFile.Load(fixture.WriteAssessment("same-b.yaml", "out-same-b")));

        Assert.NotEmpty(a.Manifest.Outputs);
        Assert.Equal(Hashes(a.Manifest), Hashes(b.Manifest));
    }

    [Fact]
    public void A_broken_input_fails_naming_the_stage_and_file_and_leaves_the_previous_outputs_usable()
    {
        // A private copy of the data, so breaking a file doesn't disturb the other tests.
        var copy = Path.Combine(fixture.Root, "data-broken");
        PipelineFixture.CopyFolder(fixture.Data.OutputFolder, copy);
        var yaml = fixture.WriteAssessment("broken.yaml", "out-broken", dataFolder: copy);
        // The good run over the copy is the baseline's, copied to this test's output folder: the copy's files hash as the
        // originals do, and fingerprints hold hashes, not paths, so it is what running the copy there would leave.
        var good = fixture.Baseline with { OutputFolder = fixture.CopyOfBaseline("out-broken") };
        var before = Hashes(good.Manifest);

        var victim = Directory.GetFiles(Path.Combine(copy, "police-street")).Order(StringComparer.Ordinal).Last();
        File.WriteAllBytes(victim, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x00, 0x01, 0x02]);
        var ex = Assert.Throws<StageFailedException>(() => AssessmentRunner.Run(AssessmentFile.Load(yaml)));

        Assert.Equal("ingest", ex.StageName);
        Assert.Contains(Path.GetFileName(victim), ex.Message, StringComparison.Ordinal);
        Assert.Contains("binary", ex.Message, StringComparison.Ordinal);
        foreach (var (path, sha) in before)
        {
            var bytes = File.ReadAllBytes(Path.Combine(good.OutputFolder, path));
            Assert.Equal(sha, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
    }
}
