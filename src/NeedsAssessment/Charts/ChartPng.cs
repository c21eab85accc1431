using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace NeedsAssessment.Charts;

/// <summary>
/// Encodes a drawn chart as PNG: 8-bit RGBA rows, no row filter, deflated by .NET's zlib (zlib-ng) at level 6. Skia's
/// own encoder with the same settings took about seven times as long on the report's figures (its zlib is the slower
/// one) and made files a fifth larger; the pixels a reader decodes are the same, since PNG is lossless.
/// </summary>
internal static class ChartPng
{
    /// <summary>The zlib level: level 4 saves a third of the little time left and makes the files 7% larger.</summary>
    private const int Level = 6;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The pixels as PNG. A figure is drawn on an opaque background, so its premultiplied pixels are its colours and
    /// are written as they are; any other image (some pixel not opaque, or not RGBA) goes to Skia's encoder, which
    /// unpremultiplies.
    /// </summary>
    /// <param name="pixels">The drawn surface's pixels.</param>
    /// <param name="skiaFallback">How Skia compresses an image this encoder does not take.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] Encode(SKPixmap pixels, SKPngEncoderOptions skiaFallback)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var rows = Rows(pixels);
        if (rows.IsEmpty || !Opaque(rows))
        {
            using var data = pixels.Encode(skiaFallback) ?? throw new InvalidOperationException("Skia could not encode the figure as PNG.");
            return data.ToArray();
        }

        var width = pixels.Width;
        var height = pixels.Height;
        var stride = width * 4;
        using var deflated = new MemoryStream(rows.Length / 8);
        using (var zlib = new ZLibStream(deflated, new ZLibCompressionOptions { CompressionLevel = Level }, leaveOpen: true))
        {
            // Filter type 0 (none) before each row.
            ReadOnlySpan<byte> none = [0];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(none);
                zlib.Write(rows.Slice(y * stride, stride));
            }
        }

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bits per channel
        header[9] = 6; // colour type: RGBA
        // Compression, filter method and interlace: all 0.

        var idat = deflated.GetBuffer().AsSpan(0, (int)deflated.Length);
        var png = new byte[Signature.Length + (12 + header.Length) + (12 + idat.Length) + 12];
        Signature.CopyTo(png, 0);
        var at = Signature.Length;
        at = Chunk(png, at, "IHDR"u8, header);
        at = Chunk(png, at, "IDAT"u8, idat);
        Chunk(png, at, "IEND"u8, []);
        return png;
    }

    /// <summary>The pixel rows as bytes, R, G, B, A; empty when the pixmap is not tightly packed 8-bit RGBA.</summary>
    private static ReadOnlySpan<byte> Rows(SKPixmap pixels)
    {
        if (pixels.ColorType != SKColorType.Rgba8888 || pixels.Width <= 0 || pixels.Height <= 0 || pixels.RowBytes != pixels.Width * 4L) return [];
        return pixels.GetPixelSpan();
    }

    /// <summary>True when every pixel's alpha is 255 (premultiplied and unpremultiplied colours are then the same).</summary>
    private static bool Opaque(ReadOnlySpan<byte> rgba)
    {
        var words = MemoryMarshal.Cast<byte, uint>(rgba);
        // Alpha is the fourth byte whatever the machine's byte order; AND-ing every pixel keeps it 255 only if all are.
        var all = uint.MaxValue;
        foreach (var w in words) all &= w;
        return BitConverter.IsLittleEndian ? all >> 24 == 0xFF : (all & 0xFF) == 0xFF;
    }

    /// <summary>Writes one chunk (length, type, data, CRC of type and data) at <paramref name="at"/>; returns the offset after it.</summary>
    private static int Chunk(byte[] png, int at, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(at), data.Length);
        type.CopyTo(png.AsSpan(at + 4));
        data.CopyTo(png.AsSpan(at + 8));
        // PNG's chunk CRC is the ISO 3309 / ITU-T V.42 CRC-32 that System.IO.Hashing.Crc32 computes.
        var crc = Crc32.HashToUInt32(png.AsSpan(at + 4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + data.Length), crc);
        return at + 12 + data.Length;
    }
}
