using System.Xml.Linq;
using NeedsAssessment.Charts;
using ScottPlot;

namespace NeedsAssessment.Tests.Charts;

/// <summary>Reads what an SVG draws, for comparing two ways of drawing the same figure.</summary>
internal static class SvgShapes
{
    /// <summary>
    /// Asserts that <paramref name="shared"/>, which draws <paramref name="items"/> shapes in one plottable, draws what
    /// <paramref name="perItem"/>, a plottable per shape, drew: the same PNG bytes at <paramref name="scale"/>, the same
    /// shapes in the same order under the same clips in the SVG, one clip path where there were one per shape, and the
    /// same axis limits. Returns both SVGs.
    /// </summary>
    public static (string PerItem, string Shared) AssertDrawnAlike(Plot perItem, Plot shared, int items, float scale)
    {
        Assert.Equal(ChartFile.PngBytes(perItem, 1000, 620, scale), ChartFile.PngBytes(shared, 1000, 620, scale));
        var perItemSvg = ChartFile.SvgText(perItem, 1000, 620);
        var sharedSvg = ChartFile.SvgText(shared, 1000, 620);
        Assert.Equal(Drawn(perItemSvg), Drawn(sharedSvg));
        Assert.Equal(ClipPaths(perItemSvg) - (items - 1), ClipPaths(sharedSvg));
        Assert.Equal(perItem.Axes.GetLimits(), shared.Axes.GetLimits());
        return (perItemSvg, sharedSvg);
    }

    /// <summary>
    /// Every shape an SVG draws, in document order: the element as written (a clip path's own shapes are not drawn) and
    /// the clip rectangles of the groups around it, so two files that draw the same under the same clips compare equal
    /// however their groups and clip paths are laid out.
    /// </summary>
    public static List<string> Drawn(string svg)
    {
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var clips = doc.Descendants(ns + "clipPath").ToDictionary(c => (string)c.Attribute("id")!, c => string.Concat(c.Elements().Select(e => e.ToString(SaveOptions.DisableFormatting))));
        return [.. doc.Root!.Descendants()
            .Where(e => e.Name.LocalName is not ("g" or "clipPath") && !e.Ancestors(ns + "clipPath").Any() && !e.Ancestors(ns + "defs").Any() && !e.Ancestors(ns + "pattern").Any())
            .Select(e =>
            {
                var under = e.Ancestors(ns + "g").Select(g => (string?)g.Attribute("clip-path")).OfType<string>()
                    .Select(url => clips[url["url(#".Length..^1]]);
                var own = new XElement(e.Name, e.Attributes().Where(a => a.Name.LocalName != "clip-path"), e.Nodes());
                return own.ToString(SaveOptions.DisableFormatting) + " | clipped to " + string.Join(" and ", under);
            })];
    }

    /// <summary>How many clip paths the SVG defines.</summary>
    public static int ClipPaths(string svg) => XDocument.Parse(svg).Descendants(XName.Get("clipPath", "http://www.w3.org/2000/svg")).Count();
}
