using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>
/// Colour-blind-safe colours used by every chart: Okabe-Ito (Okabe &amp; Ito 2008) for categories, viridis for
/// sequential scales, and a blue-orange diverging scale for cold and hot spots. Text meets WCAG 2.1 contrast of 4.5:1
/// on the white background and every line, marker and key outline 3:1 (<see cref="ContrastRatio"/>): the Okabe-Ito
/// orange, sky blue and yellow, lighter than that, are darkened to 3:1 keeping their hue.
/// </summary>
public static class ChartPalette
{
    /// <summary>Okabe-Ito black.</summary>
    public static readonly Color Black = Color.FromHex("#000000");

    /// <summary>Okabe-Ito orange (#E69F00, 2.3:1 on white) darkened to 3.1:1.</summary>
    public static readonly Color Orange = Color.FromHex("#C28600");

    /// <summary>Okabe-Ito sky blue (#56B4E9, 2.3:1 on white) darkened to 3.1:1.</summary>
    public static readonly Color SkyBlue = Color.FromHex("#1E9BE2");

    /// <summary>Okabe-Ito bluish green.</summary>
    public static readonly Color BluishGreen = Color.FromHex("#009E73");

    /// <summary>Okabe-Ito yellow (#F0E442, 1.3:1 on white) darkened to 3.1:1: an olive yellow.</summary>
    public static readonly Color Yellow = Color.FromHex("#A1960D");

    /// <summary>Okabe-Ito blue.</summary>
    public static readonly Color Blue = Color.FromHex("#0072B2");

    /// <summary>Okabe-Ito vermillion.</summary>
    public static readonly Color Vermillion = Color.FromHex("#D55E00");

    /// <summary>Okabe-Ito reddish purple.</summary>
    public static readonly Color ReddishPurple = Color.FromHex("#CC79A7");

    /// <summary>Fill for suppressed or missing values (drawn hatched with <see cref="SuppressedHatch"/>).</summary>
    public static readonly Color Suppressed = Color.FromHex("#BDBDBD");

    /// <summary>Hatch line colour over <see cref="Suppressed"/>.</summary>
    public static readonly Color SuppressedHatch = Color.FromHex("#7A7A7A");

    /// <summary>Text and reference lines: near-black, for contrast on white.</summary>
    public static readonly Color Ink = Color.FromHex("#222222");

    /// <summary>Secondary text (captions, notes): dark grey that still passes WCAG AA on white.</summary>
    public static readonly Color MutedInk = Color.FromHex("#555555");

    /// <summary>The background every chart is drawn on.</summary>
    public static readonly Color Background = Colors.White;

    /// <summary>Outline of a key's fill swatch, so a pale class (not significant, lowest band) still shows at 3:1 against the background.</summary>
    public static readonly Color KeyOutline = Color.FromHex("#767676");

    /// <summary>WCAG 2.1 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of the linearised sRGB channels.</summary>
    /// <param name="colour">An opaque colour.</param>
    /// <returns>0 (black) to 1 (white).</returns>
    public static double RelativeLuminance(Color colour)
    {
        static double Linear(byte c) => c / 255.0 is var s && s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        return (0.2126 * Linear(colour.Red)) + (0.7152 * Linear(colour.Green)) + (0.0722 * Linear(colour.Blue));
    }

    /// <summary>WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21.</summary>
    public static double ContrastRatio(Color a, Color b)
    {
        var (la, lb) = (RelativeLuminance(a), RelativeLuminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>Okabe-Ito colours in the order used for categorical series.</summary>
    public static IReadOnlyList<Color> Categorical { get; } = [Blue, Orange, BluishGreen, Vermillion, SkyBlue, ReddishPurple, Yellow, Black];

    /// <summary>Viridis, the sequential scale.</summary>
    public static IColormap Sequential { get; } = new ScottPlot.Colormaps.Viridis();

    /// <summary>
    /// <paramref name="count"/> viridis colours from dark to light, stopping short of the palest yellow so the last
    /// class stays visible against a white background and distinct from the grey used for suppressed values.
    /// </summary>
    /// <param name="count">Number of classes (>= 1).</param>
    /// <returns>Colours from low (dark purple) to high (yellow-green).</returns>
    public static Color[] SequentialClasses(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Enumerable.Range(0, count)
            .Select(i => Sequential.GetColor(count == 1 ? 0.5 : 0.9 * i / (count - 1)))
            .ToArray();
    }

    /// <summary>Colour of a Gi* class: oranges for hot spots, blues for cold spots, darker when more confident.</summary>
    /// <param name="hotspotClass">The class.</param>
    /// <returns>The fill colour.</returns>
    public static Color ForHotspot(Spatial.HotspotClass hotspotClass) => hotspotClass switch
    {
        Spatial.HotspotClass.Hot99 => Color.FromHex("#B35806"),
        Spatial.HotspotClass.Hot95 => Color.FromHex("#F1A340"),
        Spatial.HotspotClass.Hot90 => Color.FromHex("#FEE0B6"),
        Spatial.HotspotClass.Cold90 => Color.FromHex("#D1E5F0"),
        Spatial.HotspotClass.Cold95 => Color.FromHex("#67A9CF"),
        Spatial.HotspotClass.Cold99 => Color.FromHex("#2166AC"),
        _ => Color.FromHex("#F4F4F4"),
    };

    /// <summary>Colour of a benchmark comparison: vermillion higher, blue lower, black similar, grey not compared.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The marker colour.</returns>
    public static Color ForComparison(Statistics.Comparison comparison) => comparison switch
    {
        Statistics.Comparison.Higher => Vermillion,
        Statistics.Comparison.Lower => Blue,
        Statistics.Comparison.Similar => Black,
        _ => SuppressedHatch,
    };
}
