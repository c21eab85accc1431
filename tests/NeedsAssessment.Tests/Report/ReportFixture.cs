using NeedsAssessment.Pipeline;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// One two-year synthetic county, loaded and classified through the normal path, shared by the report tests; plus a
/// copy in which one district keeps only about one police record in 400, so small counts (1-7) really occur.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public ReportFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "na-report-" + Guid.NewGuid().ToString("N"));
        Demo = Assessment.Demo(Path.Combine(Folder, "demo"), seed: 7, years: 2);
        StorePath = Demo.StorePath;

        SparseStorePath = Path.Combine(Folder, "sparse", "assessment.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(SparseStorePath)!);
        File.Copy(StorePath, SparseStorePath);
        if (File.Exists(StorePath + ".wal")) File.Copy(StorePath + ".wal", SparseStorePath + ".wal");
        using var store = AssessmentStore.Open(SparseStorePath);
        store.Execute("""
            DELETE FROM sv_events
            WHERE source = 'police_recorded_crime' AND source_row % 400 <> 0
              AND lsoa21_code IN (SELECT lsoa21_code FROM geography WHERE district_code = (SELECT min(district_code) FROM geography))
            """);
        // The stages after classification run again on the thinned events, as 'run' would, so the views have small counts to hide.
        NeedsAssessment.Indicators.IndicatorEngine.Compute(store, new NeedsAssessment.Indicators.IndicatorOptions
        {
            Levels = ["lsoa", "ward", "district", "partnership"],
            PeriodTypes = ["financial_year", "rolling_12_months", "pooled_3_financial_years", "cohort_period"],
        });
        NeedsAssessment.Indicators.IndicatorExport.Write(store, Path.Combine(Folder, "sparse", "indicators"), NeedsAssessment.Indicators.SuppressionPolicy.Nhs);
        NeedsAssessment.Descriptives.DescriptiveStage.Run(store);
    }

    public string Folder { get; }

    /// <summary>The demo run, which writes the report and workbook as its last stage.</summary>
    public DemoRun Demo { get; }

    public string StorePath { get; }

    public string SparseStorePath { get; }

    /// <summary>Writes the report from <paramref name="storePath"/> into a new folder under the fixture's.</summary>
    public ReportResult WriteReport(string storePath, ReportOptions? options = null)
    {
        using var store = AssessmentStore.Open(storePath, readOnly: true);
        return AssessmentReport.Write(store, NewFolder(), options);
    }

    /// <summary>Writes the workbook from <paramref name="storePath"/> into a new folder under the fixture's.</summary>
    public string WriteWorkbook(string storePath, ReportOptions? options = null)
    {
        using var store = AssessmentStore.Open(storePath, readOnly: true);
        return IndicatorWorkbook.Write(store, NewFolder(), options);
    }

    public string NewFolder() => Path.Combine(Folder, "out-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportFixture>
{
    public const string Name = "report store";
}
