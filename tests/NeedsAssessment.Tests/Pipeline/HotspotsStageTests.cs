using NeedsAssessment.Classify;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Spatial;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// The hot spot stage announces its tables once they are committed and before it writes its files, so the report,
/// which reads only the tables, starts while the CSV and GeoJSON are still being written.
/// </summary>
public class HotspotsStageTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public void Every_table_is_announced_complete_before_the_stage_writes_its_first_file()
    {
        var storePath = fixture.CopyOfBaselineStore("hotspots-announce");
        var file = AssessmentFile.Load(fixture.WriteAssessment("hotspots-announce.yaml", "hotspots-announce-out"));
        var staging = Path.Combine(fixture.Root, "hotspots-announce-staging");
        var files = Path.Combine(staging, HotspotAnalysis.OutputSubfolder);
        var announced = new List<(string Table, bool FilesThere, long Rows)>();
        using var store = AssessmentStore.Open(storePath);
        store.Execute("DROP TABLE hotspots");
        var plan = new RunPlan(file, [], SeriousViolenceDefinition.LoadDefault());

        Stages.Hotspots.Run(new StageContext(plan, store, staging)
        {
            TableFinished = t => announced.Add((t, Directory.Exists(files) && Directory.EnumerateFiles(files).Any(),
                Convert.ToInt64(store.Scalar($"SELECT count(*) FROM {t}"), System.Globalization.CultureInfo.InvariantCulture))),
        });

        Assert.Equal(Stages.Hotspots.Writes.Order(StringComparer.Ordinal), announced.Select(a => a.Table).Order(StringComparer.Ordinal));
        Assert.All(announced, a => Assert.False(a.FilesThere, $"{a.Table} was announced after the stage's files were written"));
        // The table the report maps is whole when announced: as many rows as the stage leaves.
        Assert.Equal(Convert.ToInt64(store.Scalar("SELECT count(*) FROM hotspots"), System.Globalization.CultureInfo.InvariantCulture),
            announced.Single(a => a.Table == "hotspots").Rows);
        Assert.True(announced.Single(a => a.Table == "hotspots").Rows > 0);
        Assert.True(File.Exists(Path.Combine(files, HotspotAnalysis.CsvFile)));
    }

    [Fact]
    public void The_stage_says_it_announces_its_tables_so_the_runner_starts_the_report_on_them()
    {
        Assert.True(Stages.Hotspots.AnnouncesTables);
        // The report writes nothing the hot spot stage reads or writes, the runner's condition for starting on announced tables.
        Assert.Empty(Stages.Report.Writes.Intersect(Stages.Hotspots.Reads.Concat(Stages.Hotspots.Writes), StringComparer.Ordinal));
    }
}
