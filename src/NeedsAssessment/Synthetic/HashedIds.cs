using System.Security.Cryptography;
using System.Text;

namespace NeedsAssessment.Synthetic;

/// <summary>
/// The lower-case hex SHA-256 of <c>text(n)</c> for n = 1, 2, 3, ..., hashed a block ahead on another thread.
/// The generator's ids are digests of a running counter, so they do not depend on the random draws and can be made
/// while the events are drawn: hashing them in line was a fifth of the generator's time on one core while the
/// other idled. The digests are those of hashing in line, in the same order.
/// </summary>
internal sealed class HashedIds
{
    private const int BlockSize = 8192;
    private readonly Func<long, string> _text;
    private string[] _block = [];
    private long _blockStart = 1;
    private Task<string[]>? _next;

    /// <param name="text">The text hashed for counter value n.</param>
    public HashedIds(Func<long, string> text) => _text = text;

    /// <summary>The digest for counter value <paramref name="n"/> (1 or more, never lower than one asked before).</summary>
    public string this[long n]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, _blockStart);
            while (n >= _blockStart + _block.Length)
            {
                var start = _blockStart + _block.Length;
                _block = (_next ?? Hash(start)).GetAwaiter().GetResult();
                _blockStart = start;
                _next = Hash(start + BlockSize);
            }
            return _block[n - _blockStart];
        }
    }

    private Task<string[]> Hash(long start) => Task.Run(() =>
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> digest = stackalloc byte[32];
        var block = new string[BlockSize];
        for (var i = 0; i < BlockSize; i++)
        {
            sha256.AppendData(Encoding.UTF8.GetBytes(_text(start + i)));
            sha256.GetHashAndReset(digest);
            block[i] = Convert.ToHexStringLower(digest);
        }
        return block;
    });
}
