using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Ingest;

public class PoliceUkFolderTests
{
    [Fact]
    public void A_police_uk_folder_with_the_three_file_types_loads_each_to_its_kind_and_skips_a_stray_file_with_one_line()
    {
        using var h = new Harness();
        var folder = Path.Combine(h.Dir.Path, "police-uk");
        h.Dir.File("police-uk/2024-01/2024-01-north-yorkshire-street.csv", Fixture.ValidCsv("police-street", 4));
        h.Dir.File("police-uk/2024-01/2024-01-north-yorkshire-outcomes.csv", Fixture.ValidCsv("police-outcomes", 3));
        h.Dir.File("police-uk/2024-01/2024-01-north-yorkshire-stop-and-search.csv", Fixture.ValidCsv("police-stop-search", 2));
        h.Dir.File("police-uk/2024-02/february-outcomes-export.csv", Fixture.ValidCsv("police-outcomes", 5)); // renamed: routed by its header
        h.Dir.File("police-uk/notes.txt", "Downloaded from data.police.uk on 1 March 2024\n");

        var (files, skipped) = PoliceUkFolder.Plan("police-street", [folder], SchemaCatalog.Default);
        // Files are planned in ordinal path order ("stop-and-search" sorts before "street").
        Assert.Equal(["police-outcomes", "police-stop-search", "police-street", "police-outcomes"], files.Select(f => f.Kind));
        var skip = Assert.Single(skipped);
        Assert.StartsWith("notes.txt: skipped, not a police.uk file", skip.Reason, StringComparison.Ordinal);

        var results = files.Select(f => h.Ingester.Load(f.Kind, f.Path)).ToList();
        Assert.All(results, r => Assert.Equal(r.RowsRead, r.RowsLoaded));
        Assert.Equal((4L, 8L, 2L), (h.Rows("police-street"), h.Rows("police-outcomes"), h.Rows("police-stop-search")));
    }

    [Fact]
    public void A_file_named_on_its_own_keeps_the_kind_it_was_given_and_its_header_check()
    {
        using var h = new Harness();
        var path = h.Dir.File("2024-01-north-yorkshire-outcomes.csv", Fixture.ValidCsv("police-outcomes", 2));
        var (files, skipped) = PoliceUkFolder.Plan("police-street", [path], SchemaCatalog.Default);
        Assert.Equal("police-street", Assert.Single(files).Kind);
        Assert.Empty(skipped);
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-street", path));
        Assert.Contains("'Outcome type'", ex.Message, StringComparison.Ordinal);
    }
}
