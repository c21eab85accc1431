using NeedsAssessment.Synthetic;

namespace NeedsAssessment.Tests.Synthetic;

public class SyntheticDeterminismTests
{
    private static Dictionary<string, byte[]> Generate(int seed)
    {
        var folder = Path.Combine(Path.GetTempPath(), "na-synth-det-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = SyntheticCounty.Generate(new SyntheticOptions(folder) { Seed = seed, Years = 1 });
            return Directory.EnumerateFiles(result.OutputFolder, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Same_seed_gives_byte_identical_files_and_a_different_seed_gives_different_files()
    {
        var a = Generate(42);
        var b = Generate(42);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in a) Assert.True(bytes.AsSpan().SequenceEqual(b[name]), name);

        var c = Generate(43);
        Assert.False(a["police-recorded-crime.csv"].AsSpan().SequenceEqual(c["police-recorded-crime.csv"]));
        Assert.False(a["boundaries.geojson"].AsSpan().SequenceEqual(c["boundaries.geojson"]));
    }
}
