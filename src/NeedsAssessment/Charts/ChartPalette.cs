using ScottPlot;

namespace NeedsAssessment.Charts;

/// <summary>
/// Colour-blind-safe colours used by every chart: Okabe-Ito (Okabe &amp; Ito 2008) for categories, viridis for
/// sequential scales, and a blue-orange diverging scale for cold and hot spots.
/// </summary>
public static class ChartPalette
{
    /// <summary>Okabe-Ito black.</summary>
    public static readonly Color Black = Color.FromHex("#000000");

    /// <summary>Okabe-Ito orange.</summary>
    public static readonly Color Orange = Color.FromHex("#E69F00");

    /// <summary>Okabe-Ito sky blue.</summary>
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");

    /// <summary>Okabe-Ito bluish green.</summary>
    public static readonly Color BluishGreen = Color.FromHex("#009E73");

    /// <summary>Okabe-Ito yellow.</summary>
    public static readonly Color Yellow = Color.FromHex("#F0E442");

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
