using System.Security.Cryptography;
using System.Text;
using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Synthetic;

public class HashedIdsTests
{
    private static string InLine(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void EachIdIsTheSha256OfItsCounterTextAcrossBlocks()
    {
        var ids = new HashedIds(n => $"42|INC{n:D9}");
        for (long n = 1; n <= 20_000; n++)
        {
            // Every id of the first block, then both sides of each block boundary and a sample beyond.
            if (n > 8192 && n % 97 != 0 && n is not (8193 or 16384 or 16385)) continue;
            Assert.Equal(InLine($"42|INC{n:D9}"), ids[n]);
        }
    }

    [Fact]
    public void ACounterCanSkipAheadButNotGoBackBeforeItsBlock()
    {
        var ids = new HashedIds(n => $"7|person|{n}");
        Assert.Equal(InLine("7|person|30000"), ids[30_000]);
        Assert.Equal(InLine("7|person|30001"), ids[30_001]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ids[1]);
    }
}
