using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace NeedsAssessment.Charts;

/// <summary>
/// Registers the DejaVu Sans fonts embedded in this library with ScottPlot and makes them the default,
/// so charts render text on machines with no system fonts (where ScottPlot would otherwise draw no text at all).
/// </summary>
public static class ChartFonts
{
    /// <summary>Family name under which the shipped font is registered and which becomes <see cref="Fonts.Default"/>.</summary>
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static EmbeddedFontResolver? resolver;

    /// <summary>The shipped bold face, for labels that must be bold (ScottPlot's <c>Bold</c> flag does not reach the resolver for a family it has cached).</summary>
    internal static SKTypeface Bold
    {
        get
        {
            EnsureRegistered();
            return resolver!.BoldFace;
        }
    }

    /// <summary>The resolver registered by <see cref="EnsureRegistered"/>, or null before it has run.</summary>
    internal static IFontResolver? Resolver => resolver;

    /// <summary>
    /// Registers the embedded fonts (once per process) ahead of ScottPlot's system-font resolver and sets
    /// <see cref="Fonts.Default"/>, <see cref="Fonts.Sans"/> to <see cref="FamilyName"/>. Safe to call repeatedly and from several threads.
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (resolver is null)
            {
                resolver = new EmbeddedFontResolver(FamilyName, LoadTypeface("fonts/DejaVuSans.ttf"), LoadTypeface("fonts/DejaVuSans-Bold.ttf"));

                // First in the list: a system "DejaVu Sans" of another version, or the system resolver's
                // fallback typeface, must never win over the shipped file.
                Fonts.FontResolvers.Insert(0, resolver);
            }
            else if (!Fonts.FontResolvers.Contains(resolver))
            {
                Fonts.FontResolvers.Insert(0, resolver);
            }

            Fonts.Default = FamilyName;
            Fonts.Sans = FamilyName;
        }
    }

    private static SKTypeface LoadTypeface(string resourceName)
    {
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded font resource '{resourceName}' is missing from {typeof(ChartFonts).Assembly.GetName().Name}.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"Embedded font resource '{resourceName}' could not be read as a font.");
    }

    /// <summary>Answers only for the shipped family; other names fall through to ScottPlot's own resolvers.</summary>
    private sealed class EmbeddedFontResolver(string familyName, SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface BoldFace => bold;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing)
        {
            if (!string.Equals(fontName, familyName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return weight >= FontWeight.SemiBold ? bold : regular;
        }

        public SKTypeface? CreateTypeface(string fontName, bool bold1, bool italic)
        {
            return CreateTypeface(fontName, bold1 ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);
        }
    }
}
