using NeedsAssessment.Charts;
using SkiaSharp;

namespace NeedsAssessment.Tests.Charts;

/// <summary>
/// The figures' own PNG encoder: an opaque drawing decodes to the pixels drawn, as Skia's encoding of it does, and an
/// image with any transparent pixel is left to Skia, which unpremultiplies.
/// </summary>
public sealed class ChartPngTests
{
    [Fact]
    public void An_opaque_drawing_decodes_to_the_pixels_drawn_and_is_no_larger_than_skias()
    {
        using var surface = Draw(SKColors.White);
        using var pixels = surface.PeekPixels()!;

        var png = ChartPng.Encode(pixels, ChartFile.PngEncoding);

        using var skias = pixels.Encode(ChartFile.PngEncoding)!;
        Assert.Equal(Decode(skias.ToArray()), Decode(png));
        Assert.Equal(Decode(skias.ToArray()), pixels.GetPixelSpan().ToArray());
        Assert.True(png.Length <= skias.Size, $"{png.Length:N0} bytes against Skia's {skias.Size:N0}");
        // Not Skia's file: the encoder under test wrote it (Skia writes an sBIT chunk after the header).
        Assert.DoesNotContain("sBIT", System.Text.Encoding.ASCII.GetString(png));
    }

    [Fact]
    public void An_image_with_a_transparent_pixel_is_encoded_by_skia()
    {
        using var surface = Draw(SKColors.Transparent);
        using var pixels = surface.PeekPixels()!;

        var png = ChartPng.Encode(pixels, ChartFile.PngEncoding);

        using var skias = pixels.Encode(ChartFile.PngEncoding)!;
        Assert.Equal(skias.ToArray(), png);
    }

    [Fact]
    public void The_file_is_a_well_formed_png_of_the_drawings_size()
    {
        using var surface = Draw(SKColors.White);
        using var pixels = surface.PeekPixels()!;

        var png = ChartPng.Encode(pixels, ChartFile.PngEncoding);

        using var codec = SKCodec.Create(new MemoryStream(png));
        Assert.NotNull(codec);
        Assert.Equal((300, 200), (codec.Info.Width, codec.Info.Height));
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        // Every chunk's CRC is checked by a strict reader; IEND's is fixed by the specification.
        Assert.Equal([0xAE, 0x42, 0x60, 0x82], png[^4..]);
    }

    // Text, antialiased lines and flat fills on a background of the given colour, 300 x 200.
    private static SKSurface Draw(SKColor background)
    {
        var surface = SKSurface.Create(new SKImageInfo(300, 200, SKColorType.Rgba8888, SKAlphaType.Premul))!;
        var canvas = surface.Canvas;
        canvas.Clear(background);
        using var fill = new SKPaint { Color = new SKColor(0x44, 0x01, 0x54), IsAntialias = false };
        canvas.DrawRect(10, 10, 120, 80, fill);
        using var line = new SKPaint { Color = new SKColor(0xD7, 0x30, 0x1F, 0xFF), IsAntialias = true, StrokeWidth = 2.5f, IsStroke = true };
        canvas.DrawCircle(200, 100, 60, line);
        canvas.DrawLine(0, 199, 299, 0, line);
        return surface;
    }

    private static byte[] Decode(byte[] png)
    {
        using var decoded = SKBitmap.Decode(png);
        using var rgba = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Assert.True(decoded.CopyTo(rgba, SKColorType.Rgba8888));
        return rgba.GetPixelSpan().ToArray();
    }
}
