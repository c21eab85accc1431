using System.Text;
using NeedsAssessment.Store;

namespace NeedsAssessment.Report;

/// <summary>
/// The report with its sections built and its figures queued for drawing (<see cref="AssessmentReport.Compose"/>), not
/// yet written. <see cref="Write"/> renders the page as the figures come in, in figure order, then the chart files;
/// disposing it stops the drawing threads once they have drawn what was queued.
/// </summary>
internal sealed class ComposedReport(ReportPage page, ReportFigures figures, IReadOnlyList<string> findings, ReportOptions options) : IDisposable
{
    /// <summary>The figures, numbered as printed; their data tables are read at once, their images when drawn.</summary>
    public IReadOnlyList<ReportFigureEntry> Figures => figures.Drawn;

    /// <summary>Writes <c>needs-assessment.html</c> and the chart files into <paramref name="outputFolder"/>.</summary>
    public ReportResult Write(string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var path = Path.GetFullPath(Path.Combine(outputFolder, AssessmentReport.FileName));
        long bytes;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            using (var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
                ReportTemplates.RenderTo(writer, "report", page, options.Templates);
            bytes = file.Length;
        }
        PhaseTrace.Mark("report: page rendered from the templates into its file (as the PNGs came in)");
        var drawn = figures.Drawn;
        var chartFiles = ReportChartFiles.Write(outputFolder, drawn, options);
        // Every plot is left as its last drawing left it before anyone reads the charts again.
        figures.WaitAll();
        return new ReportResult(path, bytes, AssessmentReport.SectionHeadings, drawn.Count, findings) { Figures = drawn, ChartFiles = chartFiles };
    }

    /// <inheritdoc />
    public void Dispose() => figures.Dispose();
}
