using NeedsAssessment.Charts;
using NeedsAssessment.Report;
using NeedsAssessment.Tests.Charts;

namespace NeedsAssessment.Tests.Report;

/// <summary>
/// A run prepares the report (templates, fonts, one throw-away map) while the first stages run; nothing it leaves behind
/// may change a figure the report draws afterwards.
/// </summary>
public sealed class ReportWarmUpTests
{
    [Fact]
    public void Figures_drawn_after_the_warm_up_have_the_bytes_of_figures_drawn_before_it()
    {
        var before = ChartFrameTests.AllKinds.Select(Draw).ToList();
        ReportWarmUp.Run();
        var after = ChartFrameTests.AllKinds.Select(Draw).ToList();
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(before[i].Png.AsSpan().SequenceEqual(after[i].Png), $"{ChartFrameTests.AllKinds[i]}: the PNG differs");
            Assert.Equal(before[i].Svg, after[i].Svg);
        }
    }

    private static (byte[] Png, string Svg) Draw(string kind)
    {
        var chart = ChartFrameTests.Build(kind);
        var (w, h) = chart.Size ?? (1000, 620);
        return (ReportChartFiles.Png(chart, w, h), ChartFile.SvgText(chart.Plot, w, h));
    }
}
