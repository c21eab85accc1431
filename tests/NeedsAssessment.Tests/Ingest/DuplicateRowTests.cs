namespace NeedsAssessment.Tests.Ingest;

public class DuplicateRowTests
{
    private static readonly string Id1 = new('a', 64);
    private static readonly string Id2 = new('b', 64);

    [Fact]
    public void A_police_uk_file_with_two_identical_rows_quarantines_the_second_and_keeps_a_repeated_id_with_other_content()
    {
        using var h = new Harness();
        var asb = Fixture.Set(("crime_id", ""), ("crime_type", "Anti-social behaviour"), ("lsoa_code", "E01000001"), ("location", "On or near High Street"));
        var text = Fixture.Csv("police-street",
            Fixture.Set(("crime_id", Id1), ("crime_type", "Robbery")),
            Fixture.Set(("crime_id", Id2), ("crime_type", "Violence and sexual offences"), ("location", "On or near A Street")),
            Fixture.Set(("crime_id", Id1), ("crime_type", "Robbery")),                                                     // record 1 again
            Fixture.Set(("crime_id", Id2), ("crime_type", "Violence and sexual offences"), ("location", "On or near B Street")), // same id, other content
            asb, asb);                                                                                                   // identical, but no id: two incidents
        // Fixture rows differ by row number in other columns; make rows 1 and 3 byte-identical.
        var lines = text.Split('\n');
        lines[3] = lines[1];
        lines[6] = lines[5];
        var r = h.Load("police-street", "2024-01-test-street.csv", string.Join('\n', lines));

        Assert.Equal((6L, 5L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine(r.LoadId));
        Assert.Equal((3L, "duplicate", "duplicate row of record 1", "Crime ID"), (q.Record, q.Rule, q.Message, q.Column));
        Assert.Equal(1L, r.RepeatedKeys);
        Assert.Equal(1L, h.Count($"SELECT repeated_keys FROM loads WHERE load_id = {r.LoadId}"));
        Assert.Equal(2L, h.Count($"SELECT count(*) FROM police_street WHERE load_id = {r.LoadId} AND crime_id IS NULL"));
        Assert.Contains(r.Notes, n => n.StartsWith("1 'Crime ID' value(s) occur on more than one row with different content", StringComparison.Ordinal));
    }

    [Fact]
    public void Kinds_without_a_record_key_keep_identical_rows()
    {
        using var h = new Harness();
        // Two searches of the same description at the same time and place are two searches (population and cohort
        // files have a row key instead: see CrossRowCheckTests).
        var text = Fixture.ValidCsv("police-stop-search", 2);
        var lines = text.Split('\n');
        lines[2] = lines[1];
        var r = h.Load("police-stop-search", "search.csv", string.Join('\n', lines));
        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
    }
}
