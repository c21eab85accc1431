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
        // The session's drawings of each type alone (made here first when this class runs on its own): in a whole session
        // the runner's report stages warm up too, at times no test controls, so "before" was never more than that.
        var before = ChartFrameTests.AllKinds.Select(FiguresDrawnAlone.Of).ToList();
        ReportWarmUp.Run();
        var after = ChartFrameTests.AllKinds.Select(FiguresDrawnAlone.Draw).ToList();
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(before[i].Png.AsSpan().SequenceEqual(after[i].Png), $"{ChartFrameTests.AllKinds[i]}: the PNG differs");
            Assert.Equal(before[i].Svg, after[i].Svg);
        }
    }
}
