using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Store;

public class StoreLimitsTests
{
    private static long MemoryLimitBytes(AssessmentStore store) =>
        Bytes((string)store.Scalar("SELECT current_setting('memory_limit')"));

    // DuckDB reports the setting back in binary units ("1.4 GiB", "953.6 MiB").
    private static long Bytes(string setting)
    {
        var parts = setting.Split(' ');
        var n = double.Parse(parts[0], CultureInfo.InvariantCulture);
        return (long)(n * parts[1] switch { "KiB" => 1L << 10, "MiB" => 1L << 20, "GiB" => 1L << 30, "TiB" => 1L << 40, _ => 1 });
    }

    [Fact]
    public void TheStoreRunsUnderTheConfiguredMemoryLimitAndSpillsToTheConfiguredFolder()
    {
        var spill = Path.Combine(Path.GetTempPath(), "na-spill-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = AssessmentStore.Open(":memory:", limits: new StoreLimits("1500MB", spill));
            // 1500MB is decimal (1.5e9 bytes); DuckDB reports it rounded to a tenth of a GiB.
            Assert.InRange(MemoryLimitBytes(store), 1_340_000_000, 1_560_000_000);
            Assert.Equal(spill, store.Scalar("SELECT current_setting('temp_directory')"));
            Assert.True(Directory.Exists(spill));
        }
        finally
        {
            if (Directory.Exists(spill)) Directory.Delete(spill, true);
        }
    }

    [Fact]
    public void WithoutASettingTheLimitIsHalfTheMemoryAvailableNotDuckDbsEightyPercent()
    {
        using var store = AssessmentStore.Open(":memory:");
        var half = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        Assert.InRange(MemoryLimitBytes(store), half * 0.95, half * 1.05);
    }

    [Theory]
    [InlineData("2GB", "2GB")]
    [InlineData("1500 mb", "1500MB")]
    [InlineData("4GiB", "4GiB")]
    [InlineData("lots", null)]
    [InlineData("0GB", null)]
    [InlineData("2", null)]
    [InlineData("150%", null)]
    public void SizesAreCheckedAsDuckDbReadsThem(string text, string? expected) =>
        Assert.Equal(expected, StoreLimits.ParseSize(text));
}
