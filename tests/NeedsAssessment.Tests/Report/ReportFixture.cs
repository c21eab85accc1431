using NeedsAssessment.Pipeline;
using NeedsAssessment.Report;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// What the report tests read, made once per session and shared by every class that takes this fixture (they only read
/// it, so they run in parallel): the session's three-year demo county (<see cref="SharedDemo"/>: loaded and classified
/// through the normal path, every stage run, shared with the hot spot, model and disclosure tests), a copy of its store
/// to write reports from, and a copy in which one district keeps only about one police record in 400, so small counts
/// (1-7) really occur. Each part is made on first use, so a class that never reads the thinned copy never waits for it.
/// </summary>
public sealed class ReportFixture
{
    private const int Seed = 42, Years = 3;

    private static readonly string SharedFolder = SessionFolder.Create("na-report-");

    // Copies, as the demo left its store: other classes rerun stages on the shared one.
    private static readonly Lazy<string> Store = new(
        () => SharedDemo.CopyStore(Seed, Years, Path.Combine(SharedFolder, "demo", AssessmentRunner.StoreFileName)), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<string> Sparse = new(ThinnedStore, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<ReportResult> DefaultReport = new(() => Write(Store.Value, null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ReportResult> DefaultSparseReport = new(() => Write(Sparse.Value, null), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> DefaultWorkbook = new(() => WriteBook(Store.Value, null), LazyThreadSafetyMode.ExecutionAndPublication);

    // The demo's workbook, read back once: the read-back and the traceability tests both read every cell of it.
    private static readonly Lazy<IReadOnlyList<XlsxSheet>> DemoSheets = new(
        () => XlsxSheets.Read(Path.Combine(SharedDemo.Get(Seed, Years).Run.OutputFolder, IndicatorWorkbook.FileName)), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Made before the class's first test, so a test's time is its own work, not a wait for the shared demo.</summary>
    public ReportFixture() => _ = Store.Value;

    private static string ThinnedStore()
    {
        var path = SharedDemo.CopyStore(Seed, Years, Path.Combine(SharedFolder, "sparse", AssessmentRunner.StoreFileName));
        using var store = AssessmentStore.Open(path);
        // sv_events is a view: the records are stored in sv_event_rows, their source and LSOA in the tables it refers to.
        store.Execute("""
            DELETE FROM sv_event_rows
            WHERE code_id IN (SELECT code_id FROM sv_event_codes WHERE source = 'police_recorded_crime') AND source_row % 400 <> 0
              AND lsoa_id IN (SELECT lsoa_id FROM sv_event_lsoa_codes
                              WHERE lsoa21_code IN (SELECT lsoa21_code FROM geography WHERE district_code = (SELECT min(district_code) FROM geography)))
            """);
        // The stages after classification run again on the thinned events, as 'run' would, so the views have small counts to hide.
        NeedsAssessment.Indicators.IndicatorEngine.Compute(store, new NeedsAssessment.Indicators.IndicatorOptions
        {
            Levels = ["lsoa", "ward", "district", "partnership"],
            PeriodTypes = ["financial_year", "rolling_12_months", "pooled_3_financial_years", "cohort_period"],
        });
        NeedsAssessment.Indicators.IndicatorExport.Write(store, Path.Combine(SharedFolder, "sparse", "indicators"), NeedsAssessment.Indicators.SuppressionPolicy.Nhs);
        NeedsAssessment.Descriptives.DescriptiveStage.Run(store);
        return path;
    }

    /// <summary>
    /// The report of <see cref="StorePath"/> with the default options, written once for every test that only reads it
    /// (a report with its charts takes seconds to write). Read it, never change its folder.
    /// </summary>
    public ReportResult Report => DefaultReport.Value;

    /// <summary>The report of <see cref="SparseStorePath"/> with the default options, written once (see <see cref="Report"/>).</summary>
    public ReportResult SparseReport => DefaultSparseReport.Value;

    /// <summary>The workbook of <see cref="StorePath"/> with the default options, written once (see <see cref="Report"/>).</summary>
    public string Workbook => DefaultWorkbook.Value;

    public string Folder => SharedFolder;

    /// <summary>The demo run, which writes the report and workbook as its last stage (read its files, never change them).</summary>
    public DemoRun Demo => SharedDemo.Get(Seed, Years);

    /// <summary>The sheets of the demo run's workbook (<see cref="Demo"/>'s <c>indicators.xlsx</c>), read once (read them, never change them).</summary>
    internal IReadOnlyList<XlsxSheet> DemoWorkbook => DemoSheets.Value;

    /// <summary>A copy of the demo's store, for the report tests alone (open it read-only).</summary>
    public string StorePath => Store.Value;

    /// <summary>The thinned copy (open it read-only; copy it to change it).</summary>
    public string SparseStorePath => Sparse.Value;

    /// <summary>Writes the report from <paramref name="storePath"/> into a new folder under the fixture's.</summary>
    public ReportResult WriteReport(string storePath, ReportOptions? options = null) => Write(storePath, options);

    /// <summary>Writes the workbook from <paramref name="storePath"/> into a new folder under the fixture's.</summary>
    public string WriteWorkbook(string storePath, ReportOptions? options = null) => WriteBook(storePath, options);

    public string NewFolder() => NewSharedFolder();

    private static string NewSharedFolder() => Path.Combine(SharedFolder, "out-" + Guid.NewGuid().ToString("N"));

    private static ReportResult Write(string storePath, ReportOptions? options)
    {
        using var store = AssessmentStore.Open(storePath, readOnly: true);
        return AssessmentReport.Write(store, NewSharedFolder(), options);
    }

    private static string WriteBook(string storePath, ReportOptions? options)
    {
        using var store = AssessmentStore.Open(storePath, readOnly: true);
        return IndicatorWorkbook.Write(store, NewSharedFolder(), options);
    }
}

/// <summary>
/// The report classes' former shared collection, kept so a class that still names it compiles and runs (one after
/// another, on the same shared fixture). New classes take <see cref="ReportFixture"/> as a class fixture and run in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportFixture>
{
    public const string Name = "report store";
}
