using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>
/// A file reached through a symbolic link (a folder of months linked from a shared drive) is measured as the file it
/// names: a link's own size is a few bytes, which once sent linked national months into one pass as if they were small.
/// </summary>
public sealed class LinkedFileTests
{
    [Fact]
    public void A_linked_file_is_sized_by_the_file_it_names_when_batching_and_inspecting()
    {
        using var dir = new TempFolder();
        var target = dir.File("2024-01-north-yorkshire-street.csv", File.ReadAllText(SharedData.File("police-uk/2024-01-north-yorkshire-street.csv")));
        var link = Path.Combine(dir.Path, "linked", "2024-01-north-yorkshire-street.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
        var bytes = new FileInfo(target).Length;
        Assert.True(new FileInfo(link).Length < bytes, "the link's own length is what this guards against");

        Assert.Equal(bytes, Ingester.FileLength(link));
        Assert.Equal(bytes, SourceFile.Inspect(link, Fixture.Schema("police-street")).Bytes);
    }

    [Fact]
    public void A_linked_file_loads_under_its_own_name_with_the_size_of_the_file_it_names()
    {
        using var h = new Harness();
        var target = h.Dir.File("month.csv", File.ReadAllText(SharedData.File("police-uk/2024-01-north-yorkshire-street.csv")));
        var link = Path.Combine(h.Dir.Path, "2024-01-north-yorkshire-street.csv");
        File.CreateSymbolicLink(link, target);

        var result = h.Ingester.Load("police-street", link);

        Assert.Equal(LoadStatus.Loaded, result.Status);
        Assert.Equal(new FileInfo(target).Length, result.Bytes);
        Assert.Equal(new FileInfo(target).Length, h.Count($"SELECT bytes FROM loads WHERE load_id = {result.LoadId}"));
        Assert.Equal("2024-01-north-yorkshire-street.csv", h.Store.Scalar($"SELECT file_name FROM loads WHERE load_id = {result.LoadId}"));
    }
}
