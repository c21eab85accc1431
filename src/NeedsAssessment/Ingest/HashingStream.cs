using System.Buffers;
using System.Security.Cryptography;

namespace NeedsAssessment.Ingest;

/// <summary>
/// A read-only stream over a file that feeds every byte read through SHA-256, so the hash comes from the same read
/// as the text checks instead of a pass of its own.
/// </summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        return n;
    }

    /// <summary>Reads whatever the consumer left unread and returns the lower-case hex SHA-256 of the whole file.</summary>
    public string Finish()
    {
        // Pooled, as the reader's buffer is: a fresh megabyte per file is a large-object allocation.
        var rest = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            while (Read(rest) > 0) { }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rest);
        }
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
