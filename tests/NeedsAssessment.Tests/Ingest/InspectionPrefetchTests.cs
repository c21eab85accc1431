using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

public class InspectionPrefetchTests
{
    private const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
    private const string Row = ",2024-01,North Yorkshire Police,North Yorkshire Police,-1.08,53.96,On or near High Street,E01013345,York 001A,Anti-social behaviour,,\n";

    [Fact]
    public void AnUnchangedFileIsTakenAsPrefetched()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("2024-01-street.csv", Header + Row + Row);
        var schema = Fixture.Schema("police-street");
        var prefetch = new InspectionPrefetch();
        prefetch.Start(path, schema);
        var taken = prefetch.Take(path, schema);
        Assert.NotNull(taken);
        var inspected = SourceFile.Inspect(path, schema);
        Assert.Equal(inspected.Sha256, taken.Sha256);
        Assert.Equal(inspected.Bytes, taken.Bytes);
        Assert.Equal(inspected.Header, taken.Header);
        // Taken once: the next load of the same path inspects the file itself.
        Assert.Null(prefetch.Take(path, schema));
    }

    [Fact]
    public void TheNextFilesPrefetchStartingFirstLeavesThisOnesInPlace()
    {
        using var tmp = new TempFolder();
        var first = tmp.File("2024-01-street.csv", Header + Row);
        var second = tmp.File("2024-02-street.csv", Header + Row + Row);
        var schema = Fixture.Schema("police-street");
        var prefetch = new InspectionPrefetch();
        prefetch.Start(first, schema);
        prefetch.Start(second, schema);
        Assert.Equal(SourceFile.Inspect(first, schema).Sha256, prefetch.Take(first, schema)?.Sha256);
        Assert.Equal(SourceFile.Inspect(second, schema).Sha256, prefetch.Take(second, schema)?.Sha256);
    }

    [Fact]
    public void AFileChangedAfterThePrefetchStartedIsInspectedAgain()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("2024-01-street.csv", Header + Row);
        var schema = Fixture.Schema("police-street");
        var prefetch = new InspectionPrefetch();
        prefetch.Start(path, schema);
        File.AppendAllText(path, Row);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        Assert.Null(prefetch.Take(path, schema));
    }

    [Fact]
    public void AnotherPathOrSchemaIsNotTakenFromThePrefetch()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("2024-01-street.csv", Header + Row);
        var other = tmp.File("2024-02-street.csv", Header + Row);
        var schema = Fixture.Schema("police-street");
        var prefetch = new InspectionPrefetch();
        prefetch.Start(path, schema);
        Assert.Null(prefetch.Take(other, schema));
        prefetch.Start(path, schema);
        Assert.Null(prefetch.Take(path, schema with { }));
    }

    [Fact]
    public void AFileThatCannotBeInspectedLeavesTheErrorToTheLoad()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("2024-01-street.csv", Header + Row);
        var schema = Fixture.Schema("police-street");
        var prefetch = new InspectionPrefetch();
        prefetch.Start(path, schema);
        File.Delete(path);
        Assert.Null(prefetch.Take(path, schema));
    }
}
