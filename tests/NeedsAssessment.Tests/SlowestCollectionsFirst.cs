using Xunit.Abstractions;

// Four collections at a time on the two-core build machine: many tests spend seconds waiting (on a child process of the
// CLI, on Chromium, on a shared demo or run another class is making), and a waiting thread should not leave a core idle.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
[assembly: TestCollectionOrderer("NeedsAssessment.Tests.SlowestCollectionsFirst", "NeedsAssessment.Tests")]

namespace NeedsAssessment.Tests;

/// <summary>
/// Starts the slowest test collections first (longest-first is the usual rule for packing jobs onto a few workers), so a
/// run does not end with one long class running alone while the other cores are idle; the first few also make the
/// shared fixtures (<see cref="SharedDemo"/>, the pipeline tests' baseline run) that later classes read. Every other
/// collection keeps the order xunit gives it. A class missing from the list is only started later, never skipped.
/// </summary>
public sealed class SlowestCollectionsFirst : ITestCollectionOrderer
{
    /// <summary>Slowest first, by the class (or collection) name, as measured on a whole run.</summary>
    private static readonly string[] Slowest =
    [
        "NotebookTests",            // its own two-year demo and four kernels
        "DemoGroundTruthTests",     // its own four-year demo (the stages up to indicators)
        "AssessmentRunnerTests",    // makes the pipeline tests' baseline run
        "ReportContentTests",       // makes the shared three-year demo and the report tests' stores
        "AreaStageTests",
        "RunComparisonTests",
        "AtomicPublishingTests",
        "OutputFolderErrorTests",
        "real example",
        "DemoDisclosureTests",
        "NationalBenchmarkTests",
        "ReportDataQualityTests",
        "ReportChartFilesTests",
        "PublishedFilesTests",
        "ReportTraceabilityTests",
        "IndicatorWorkbookTests",
        "WorkbookReadBackTests",
        "ReportHotspotMapTests",
        "ReportBrowserTests",
        "hotspot demo",
        "ModellerDemoTests",
        "SyntheticCountyTests",
        "StoreCliTests",
        "IndicatorValueTests",
        "ValidFileTests",
        // Classes of ten to forty seconds on a loaded machine that used to start last and end the run alone.
        "ChartFileTests",
        "ReportTemplatesTests",
        "FigureRendererTests",
        "HotspotAnalysisTests",
        "CrossRowCheckTests",
        "QuarantineRuleTests",
        "BatchLoadTests",
        "SuppressionTests",
        "IngestCliTests",
        "ChartFrameTests",
        "ThemeChapterTests",
        "ReferenceClassificationTests",
        "IdempotencyTests",
        "FileProblemTests",
    ];

    /// <inheritdoc />
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank);

    private static int Rank(ITestCollection collection)
    {
        // A class's own collection is named "Test collection for Namespace.Class"; a shared one by its definition.
        var name = collection.DisplayName;
        var dot = name.LastIndexOf('.');
        var key = name.StartsWith("Test collection for ", StringComparison.Ordinal) && dot >= 0 ? name[(dot + 1)..] : name;
        var rank = Array.IndexOf(Slowest, key);
        return rank < 0 ? Slowest.Length : rank;
    }
}
