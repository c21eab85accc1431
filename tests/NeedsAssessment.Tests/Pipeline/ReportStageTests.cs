using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// The report stage writes the workbook on a thread of its own and draws the figures on others; a failure must still
/// leave the output folder to the publication's clean-up with nothing of the stage's threads writing into it.
/// </summary>
public class ReportStageTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public void A_report_that_fails_once_its_figures_are_queued_and_its_workbook_started_leaves_no_staging_folder_and_the_published_files_as_they_were()
    {
        var good = fixture.CopyOfBaseline("out-report-stage-fail");
        var before = AtomicPublishingTests.Snapshot(good);

        // An unknown figure name is found only when the chart files are written: after the sections, the figures and
        // the workbook have started.
        var changed = AssessmentFile.Load(fixture.WriteAssessment("report-stage-fail.yaml", "out-report-stage-fail", extra: "charts: [no-such-figure]"));
        var ex = Assert.Throws<StageFailedException>(() => AssessmentRunner.Run(changed));

        Assert.Equal("report", ex.StageName);
        Assert.Contains("charts: 'no-such-figure' names no figure", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fixture.Root, ".out-report-stage-fail.staging")), "the staging folder is removed");
        AtomicPublishingTests.AssertSame(before, good);
    }
}
