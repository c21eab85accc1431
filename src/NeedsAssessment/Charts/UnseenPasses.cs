using ScottPlot;
using ScottPlot.Rendering.RenderActions;

namespace NeedsAssessment.Charts;

/// <summary>
/// Skips drawing the plottables in a render pass whose drawing nobody sees: the first pass of a new plot's PNG, whose
/// canvas forwards to nothing (<see cref="ChartFile"/>'s RenderAfterFirstPass), and the pass that settles a plot's
/// layout at the SVG's size on a canvas that draws nothing. Such a pass still sets every axis, layout and panel as
/// before; only the plottables' drawing calls are left out (on the maps, hundreds of polygons or thousands of grid
/// cells, about half of a figure's drawing time), and each visible plottable's data area is set as ScottPlot's own
/// action sets it. Every pass anyone sees draws exactly as before, so the files are the same bytes.
/// </summary>
internal static class UnseenPasses
{
    [ThreadStatic]
    private static bool t_unseen;

    /// <summary>Runs <paramref name="render"/> (a render of <paramref name="plot"/> on this thread) with its plottables' drawing skipped until <see cref="Seen"/>.</summary>
    public static void Run(Plot plot, Action render)
    {
        Install(plot);
        t_unseen = true;
        try
        {
            render();
        }
        finally
        {
            t_unseen = false;
        }
    }

    /// <summary>From here on, this thread's render pass is seen: the plottables draw again.</summary>
    public static void Seen() => t_unseen = false;

    /// <summary>Puts the skipping action in place of ScottPlot's plottable action, once per plot.</summary>
    private static void Install(Plot plot)
    {
        var actions = plot.RenderManager.RenderActions;
        var at = actions.FindIndex(a => a is RenderPlottables);
        if (at >= 0) actions[at] = new SkipWhenUnseen(actions[at]);
    }

    /// <summary>ScottPlot's <see cref="RenderPlottables"/>, drawing nothing in an unseen pass.</summary>
    private sealed class SkipWhenUnseen(IRenderAction drawing) : IRenderAction
    {
        public void Render(RenderPack rp)
        {
            if (!t_unseen)
            {
                drawing.Render(rp);
                return;
            }
            // What RenderPlottables does besides drawing (the canvas is restored after every action anyway).
            foreach (var plottable in rp.Plot.PlottableList)
                if (plottable.IsVisible) plottable.Axes.DataRect = rp.DataRect;
        }
    }
}
