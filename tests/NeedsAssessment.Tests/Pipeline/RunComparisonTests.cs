using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

public class RunComparisonTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public void Compare_on_two_demo_runs_with_different_seeds_reports_coverage_definition_and_significant_changes_with_intervals()
    {
        var earlier = fixture.Baseline;
        // The session's one-year county of seed 99 (the determinism test reads it too; read it, never change it).
        var other = SharedDemo.County(seed: 99, years: 1);
        // The comparison reads the manifest, the indicator export and the hot spot files, so the later run stops after the
        // stages that write them: descriptives, the model and the report would add seconds of work nothing here reads.
        var later = AssessmentRunner.Run(AssessmentFile.Load(
            fixture.WriteAssessment("cmp-b.yaml", "out-cmp-b", dataFolder: other.OutputFolder, extra: "definition: norfolk-style")),
            [Stages.Ingest, Stages.Area, Stages.Classify, Stages.Indicators, Stages.IndicatorExport, Stages.Hotspots]);

        var c = RunComparison.Compare(earlier.OutputFolder, later.OutputFolder);

        Assert.True(c.DefinitionChanged);
        Assert.NotEmpty(c.CoverageChanges);
        Assert.All(c.SignificantChanges, s =>
        {
            Assert.True(s.Change.PercentLower > 0 || s.Change.PercentUpper < 0, "a significant change's interval excludes no change");
            Assert.InRange(s.Change.Percent, s.Change.PercentLower, s.Change.PercentUpper);
            Assert.Equal(Math.Sign(s.AfterValue - s.BeforeValue), Math.Sign(s.Change.Percent));
        });
        var md = RunComparison.ToMarkdown(c);
        Assert.Contains("The serious violence definition changed", md, StringComparison.Ordinal);
        Assert.Contains("## Significant changes", md, StringComparison.Ordinal);
        Assert.Contains("## Hotspots", md, StringComparison.Ordinal);
        var html = RunComparison.ToHtml(c);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparing_a_run_with_itself_finds_no_changes()
    {
        var run = fixture.Baseline;

        var c = RunComparison.Compare(run.OutputFolder, run.OutputFolder);

        Assert.False(c.DefinitionChanged);
        Assert.Empty(c.CoverageChanges);
        Assert.Empty(c.ComparisonChanges);
        Assert.Empty(c.SignificantChanges);
    }

    [Fact]
    public void Hot_spots_on_grids_of_different_cell_size_are_not_compared_and_the_difference_is_named()
    {
        var run = fixture.Baseline;
        var other = Path.Combine(fixture.Root, "out-cmp-grid-1500");
        foreach (var f in new[] { RunManifest.FileName, RunComparison.IndicatorCsv, RunComparison.HotspotCsv, RunComparison.HotspotParameters })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(other, f))!);
            File.Copy(Path.Combine(run.OutputFolder, f), Path.Combine(other, f), overwrite: true);
        }
        var parameters = Path.Combine(other, RunComparison.HotspotParameters);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(parameters))!;
        var size = json["grid"]!["cellSize"]!.GetValue<double>();
        json["grid"]!["cellSize"] = 1500;
        json["period"] = "2020-01:2020-06";
        File.WriteAllText(parameters, json.ToJsonString());

        var same = RunComparison.Compare(run.OutputFolder, run.OutputFolder);
        Assert.Empty(same.Warnings);
        Assert.NotNull(same.Hotspots);

        var c = RunComparison.Compare(run.OutputFolder, other);
        Assert.Null(c.Hotspots);
        var grid = Assert.Single(c.Warnings, w => w.StartsWith("Hot spots are not compared", StringComparison.Ordinal));
        Assert.Contains($"cells {size:0} m across in the previous run, 1.5 km in this one", grid, StringComparison.Ordinal);
        var period = Assert.Single(c.Warnings, w => w.StartsWith("The hot spot periods differ", StringComparison.Ordinal));
        Assert.Contains("2020-01:2020-06 in this one", period, StringComparison.Ordinal);
        var md = RunComparison.ToMarkdown(c);
        Assert.Contains(grid, md, StringComparison.Ordinal);
        Assert.DoesNotContain("New: ", md, StringComparison.Ordinal);
        Assert.DoesNotContain("similar than", md, StringComparison.Ordinal);
        Assert.Equal("similar to", RunComparison.Against("similar"));
        Assert.Equal("higher than", RunComparison.Against("higher"));
    }

    [Fact]
    public void A_folder_without_a_manifest_is_refused_with_a_clear_message()
    {
        var empty = Directory.CreateTempSubdirectory("na-no-run-").FullName;
        var ex = Assert.Throws<UserErrorException>(() => RunComparison.Compare(empty, empty));
        Assert.Contains("run-manifest.json", ex.Message, StringComparison.Ordinal);
    }
}
