using System.Text.Json;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Synthetic;
using static NeedsAssessment.Tests.Pipeline.AtomicPublishingTests;

namespace NeedsAssessment.Tests.Pipeline;

/// <summary>
/// Issue 20, part 3, for <c>demo</c>: its partner files are published like every other output folder. Before, the
/// generator wrote <c>partner-files/</c> file by file in place, so a kill left the previous generation's files
/// half-overwritten beside new ones, with a ground truth that matched neither.
/// </summary>
public sealed class DemoPublishingTests
{
    [Fact]
    public void Sigkill_while_the_demo_generates_leaves_the_previous_partner_files_byte_identical_and_the_next_generation_completes()
    {
        var root = Directory.CreateTempSubdirectory("na-demo-kill-").FullName;
        try
        {
            var output = Path.Combine(root, "demo-out");
            var partner = Path.Combine(output, "partner-files");
            var previous = Assessment.GeneratePartnerFiles(new SyntheticOptions(partner) { Seed = 7, Years = 1 });
            Assert.Equal(partner, previous.OutputFolder);
            Assert.All(previous.FilesByKind.Values.SelectMany(f => f), f => Assert.True(File.Exists(f), f));
            var before = Snapshot(partner);

            // Another seed changes every file, so a file written in place would differ as soon as it starts writing.
            KillWhenStaged(partner, "demo", "--out", output, "--seed", "8", "--years", "1");

            AssertSame(before, partner);

            // The next generation removes the leftover staging folder, replaces the folder whole and leaves nothing beside it.
            var next = Assessment.GeneratePartnerFiles(new SyntheticOptions(partner) { Seed = 8, Years = 1 });
            Assert.Equal(["partner-files"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
            Assert.Equal(previous.FilesByKind.Values.SelectMany(f => f).Select(Path.GetFileName).Append(SyntheticCounty.GroundTruthFileName).Order(StringComparer.Ordinal),
                Directory.EnumerateFiles(partner, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            using var truth = JsonDocument.Parse(File.ReadAllText(next.GroundTruthPath));
            Assert.Equal(8, truth.RootElement.GetProperty("seed").GetInt32());
            Assert.NotEqual(before[SyntheticCounty.GroundTruthFileName], Snapshot(partner)[SyntheticCounty.GroundTruthFileName]);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
