using System.Text.RegularExpressions;
using NeedsAssessment.Charts;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// The SVG's clip paths are renumbered in order of first appearance where they are defined or used, and nowhere else:
/// the scan renames what the regular expression it replaced renamed.
/// </summary>
public sealed partial class SvgClipIdTests
{
    [Theory]
    [InlineData("""<clipPath id="cl_1f"><rect/></clipPath><g clip-path="url(#cl_1f)"/><clipPath id="cl_a0"/><g clip-path="url(#cl_a0)"/>""",
        """<clipPath id="cl_1"><rect/></clipPath><g clip-path="url(#cl_1)"/><clipPath id="cl_2"/><g clip-path="url(#cl_2)"/>""")]
    [InlineData("""<text>cl_12 stays</text><g id="cl_" class="cl_ff"/><g id="cl_Beef"/><use href="url(#cl_beefcl_3)"/>""",
        """<text>cl_12 stays</text><g id="cl_" class="cl_ff"/><g id="cl_1"/><use href="url(#cl_2l_3)"/>""")]
    [InlineData("no clip paths", "no clip paths")]
    [InlineData("", "")]
    public void Clip_paths_are_numbered_where_defined_or_used(string svg, string expected)
    {
        Assert.Equal(expected, ChartFile.NumberClipIds(svg));
        Assert.Equal(ByRegex(svg), ChartFile.NumberClipIds(svg));
    }

    [Theory]
    [InlineData("hotspot")]
    [InlineData("kde")]
    [InlineData("choropleth")]
    public void A_maps_svg_is_numbered_as_the_regular_expression_numbered_it(string kind)
    {
        var chart = ChartFrameTests.Build(kind);
        var (width, height) = chart.Size ?? (1000, 620);
        var raw = SvgPatterns.Render(chart.Plot, width, height);

        Assert.Contains("url(#cl_", raw, StringComparison.Ordinal);
        Assert.Equal(ByRegex(raw), ChartFile.NumberClipIds(raw));
    }

    // The expression SvgText used before the scan.
    private static string ByRegex(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = "cl_" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-fA-F]+")]
    private static partial Regex ClipId();
}
