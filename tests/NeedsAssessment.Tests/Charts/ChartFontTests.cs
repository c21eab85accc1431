using NeedsAssessment.Charts;
using ScottPlot;
using SkiaSharp;

namespace NeedsAssessment.Tests.Charts;

public class ChartFontTests
{
    [Fact]
    public void Shipped_font_is_the_default_and_is_resolved_before_system_fonts()
    {
        ChartFonts.EnsureRegistered();
        ChartFonts.EnsureRegistered(); // idempotent: must not add a second resolver

        Assert.Equal(ChartFonts.FamilyName, Fonts.Default);
        Assert.Equal("DejaVu Sans", Fonts.Default);
        Assert.Same(ChartFonts.Resolver, Fonts.FontResolvers[0]);
        Assert.Single(Fonts.FontResolvers, r => ReferenceEquals(r, ChartFonts.Resolver));

        // The embedded resolver answers for our family without any font file on disk, and for no other name.
        var regular = ChartFonts.Resolver!.CreateTypeface(ChartFonts.FamilyName, FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        var bold = ChartFonts.Resolver.CreateTypeface(ChartFonts.FamilyName, FontWeight.Bold, FontSlant.Upright, FontSpacing.Normal);
        Assert.NotNull(regular);
        Assert.NotNull(bold);
        Assert.Equal("DejaVu Sans", regular.FamilyName);
        Assert.True(bold.IsBold);
        Assert.Null(ChartFonts.Resolver.CreateTypeface("Arial", FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal));
        Assert.True(regular.ContainsGlyphs("Serious violence ▲ × ≥"));
    }

    [Fact]
    public void A_title_only_chart_has_dark_text_pixels_in_the_title_band()
    {
        ChartFonts.EnsureRegistered();
        using var titled = new Plot();
        titled.Title("Serious violence per 1,000 residents");
        titled.Axes.Title.Label.FontName = ChartFonts.FamilyName;
        using var untitled = new Plot();
        foreach (var plot in new[] { titled, untitled })
        {
            // Frame lines and tick labels are dark too; keep them out of the measured band.
            plot.Axes.Frame(false);
            plot.HideGrid();
        }

        // The control proves the measure: the same band is clean without a title.
        Assert.True(DarkPixels(titled, 0, 45) > 200, "no title text was drawn");
        Assert.Equal(0, DarkPixels(untitled, 0, 45));
    }

    [Fact]
    public void A_chart_with_data_has_text_in_its_title_and_caption_bands()
    {
        var chart = ChartSamples.Build("caterpillar", ChartSamples.Shape.Normal);
        Assert.True(DarkPixels(chart.Plot, 0, 40, width: 1000, height: 650) > 200, "no title text");

        // The caption is grey (#555555) so look for mid-dark pixels along the bottom edge.
        Assert.True(DarkPixels(chart.Plot, 650 - 60, 650, width: 1000, height: 650, threshold: 140) > 200, "no caption text");
    }

    internal static int DarkPixels(Plot plot, int top, int bottom, int width = 800, int height = 400, int threshold = 100)
    {
        using var bitmap = SKBitmap.Decode(ChartFile.PngBytes(plot, width, height));
        var dark = 0;
        for (var y = top; y < bottom; y++)
        {
            // Middle of the width only: the title is centred there, tick labels of the left axis are not.
            for (var x = width / 5; x < width * 4 / 5; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Alpha > 200 && p.Red < threshold && p.Green < threshold && p.Blue < threshold)
                {
                    dark++;
                }
            }
        }

        return dark;
    }
}
