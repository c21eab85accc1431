using System.Globalization;
using DuckDB.NET.Data;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>Every dataset kind has a valid fixture that loads with nothing quarantined, in each supported input format.</summary>
public sealed class ValidFileTests
{
    public static TheoryData<string> CsvKinds()
    {
        var data = new TheoryData<string>();
        foreach (var k in SchemaCatalog.Default.All.Where(s => s.Format == "csv")) data.Add(k.Kind);
        return data;
    }

    [Fact]
    public void CatalogHasTwentyTwoKindsAllCoveredByTheseFixtures()
    {
        var kinds = SchemaCatalog.Default.Kinds;
        Assert.Equal(22, kinds.Count);
        Assert.Equal(["boundaries"], SchemaCatalog.Default.All.Where(s => s.Format != "csv").Select(s => s.Kind));
    }

    [Theory]
    [MemberData(nameof(CsvKinds))]
    public void ValidCsvOfEveryKindLoadsWithZeroQuarantined(string kind)
    {
        using var h = new Harness();
        var r = h.Load(kind, $"{kind}.csv", Fixture.ValidCsv(kind, 3));
        Assert.Equal(LoadStatus.Loaded, r.Status);
        Assert.Equal((3L, 3L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Empty(r.Issues);
        Assert.Equal(3, h.Rows(kind, r.LoadId));
        Assert.Equal([1L, 2L, 3L], h.SourceRows(kind, r.LoadId));
        Assert.Empty(h.Quarantine());
    }

    [Theory]
    [MemberData(nameof(CsvKinds))]
    public void ValidCsvOfEveryKindWithItsOptionalColumnsLoadsWithZeroQuarantined(string kind)
    {
        using var h = new Harness();
        var r = h.Load(kind, $"{kind}-all.csv", Fixture.ValidCsv(kind, 2, includeOptional: true));
        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
    }

    [Fact]
    public void TypedValuesAreStoredAsTheirDuckDbTypes()
    {
        using var h = new Harness();
        var r = h.Load("police-recorded-crime", "prc.csv", Fixture.Csv("police-recorded-crime",
            Fixture.Set(("recorded_date", "15/02/2024"), ("offence_datetime", "14/02/2024 23:45"), ("domestic_abuse", "N"), ("easting", "461234.5"))));
        Assert.Equal(0, r.RowsQuarantined);
        var row = h.Store.Query("SELECT recorded_date, offence_datetime, domestic_abuse, easting, nte_venue FROM police_recorded_crime",
            x => (x.GetDateTime(0), x.GetDateTime(1), x.GetBoolean(2), x.GetDouble(3), x.GetBoolean(4))).Single();
        Assert.Equal(new DateTime(2024, 2, 15), row.Item1);
        Assert.Equal(new DateTime(2024, 2, 14, 23, 45, 0), row.Item2);
        Assert.False(row.Item3);
        Assert.Equal(461234.5, row.Item4);
        Assert.True(row.Item5);
        Assert.Equal(new DateTime(2024, 2, 15), r.PeriodStart);
    }

    [Fact]
    public void PoliceStreetMonthIsStoredAsTheFirstDayOfTheMonth()
    {
        using var h = new Harness();
        var r = h.Load("police-street", "2024-03-street.csv", Fixture.Csv("police-street", Fixture.Set(("month", "2024-03")), null));
        Assert.Equal(0, r.RowsQuarantined);
        Assert.Equal(new DateTime(2024, 1, 1), r.PeriodStart);
        Assert.Equal(new DateTime(2024, 3, 1), r.PeriodEnd);
    }

    [Theory]
    [InlineData(null, "urn:ogc:def:crs:OGC:1.3:CRS84")]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC:1.3:CRS84")]
    [InlineData("urn:ogc:def:crs:EPSG::27700", "urn:ogc:def:crs:EPSG::27700")]
    public void BoundariesGeoJsonLoadsWithItsCrs(string? crsName, string storedCrs)
    {
        using var h = new Harness();
        var r = h.Load("boundaries", "lsoa.geojson", Fixture.Boundaries(3, crsName));
        Assert.Equal((3L, 3L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var rows = h.Store.Query("SELECT lsoa21_code, lsoa21_name, lad_code, crs, json_extract_string(geometry, '$.type') FROM boundaries ORDER BY source_row",
            x => (x.GetString(0), x.GetString(1), x.GetString(2), x.GetString(3), x.GetString(4)));
        Assert.Equal(("E01000001", "Area 1", "E08000001", storedCrs, "Polygon"), rows[0]);
        Assert.Equal(3, rows.Count);
        if (crsName?.Contains("27700", StringComparison.Ordinal) == true)
            Assert.Equal(530100.0, Convert.ToDouble(h.Store.Scalar("SELECT CAST(json_extract(geometry, '$.coordinates[0][0][0]') AS DOUBLE) FROM boundaries WHERE source_row = 1"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void BoundariesFeatureWithBadCodeIsQuarantinedWithItsFeatureNumber()
    {
        using var h = new Harness();
        var json = Fixture.Boundaries(3).Replace("E01000002", "BAD", StringComparison.Ordinal);
        var r = h.Load("boundaries", "lsoa.geojson", json);
        Assert.Equal((3L, 2L, 1L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var q = Assert.Single(h.Quarantine());
        Assert.Equal(("pattern", 2L, "LSOA21CD", "BAD"), (q.Rule, q.Record, q.Column, q.RawValue));
    }

    [Fact]
    public void PopulationSingleYearOfAgeWideLayoutLoadsEveryAgeColumn()
    {
        using var h = new Harness();
        var fields = Fixture.FileFields("population-syoa");
        Assert.Equal(2 + 1 + 91 * 2, fields.Count);
        var set = fields.Where(f => f.Name.StartsWith('f') || f.Name.StartsWith('m')).ToDictionary(f => f.Name, f => f.Name == "f90" ? "1,234" : "7");
        // 181 ages of 7 and 1,234 aged 90+: a Total that agrees with its parts (it is checked against them).
        set["total"] = "2,501";
        var r = h.Load("population-syoa", "syoa.csv", Fixture.Csv("population-syoa", set, null));
        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var row = h.Store.Query("SELECT total, f0, f90, m90 FROM population_syoa WHERE source_row = 1", x => (x.GetInt64(0), x.GetInt64(1), x.GetInt64(2), x.GetInt64(3))).Single();
        Assert.Equal((2501L, 7L, 1234L, 7L), row);
    }

    [Fact]
    public void DeprivationQuotedThousandsSeparatorsAreReadAsNumbers()
    {
        using var h = new Harness();
        var text = "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\n"
                   + "E01000001,City of London 001A,E09000001,City of London,\"29,199\",9\n"
                   + "E01000002,City of London 001B,E09000001,City of London,\"1,000\",1\n"
                   + "E01000003,\"Barking, Dagenham 001\",E09000002,Barking and Dagenham,875,1\n";
        var r = h.Load("deprivation", "imd2019.csv", text);
        Assert.Equal((3L, 3L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal([29199L, 1000L, 875L], h.Store.Query("SELECT imd_rank FROM deprivation ORDER BY source_row", x => x.GetInt64(0)));
        Assert.Equal("Barking, Dagenham 001", h.Store.Scalar("SELECT lsoa11_name FROM deprivation WHERE source_row = 3"));
    }

    [Fact]
    public void DeprivationDomainsHeaderWithQuotedCommasLoads()
    {
        using var h = new Harness();
        var text = Fixture.ValidCsv("deprivation-domains", 2);
        Assert.Contains("\"Education, Skills and Training Rank (where 1 is most deprived)\"", text, StringComparison.Ordinal);
        var r = h.Load("deprivation-domains", "iod-file2.csv", text);
        Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
    }

    [Fact]
    public void GzippedCsvLoads()
    {
        using var h = new Harness();
        var path = h.Dir.Gzip("street.csv.gz", Fixture.ValidCsv("police-street", 4));
        var r = h.Ingester.Load("police-street", path);
        Assert.Equal((4L, 4L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal([1L, 2L, 3L, 4L], h.SourceRows("police-street", r.LoadId));
    }

    [Fact]
    public void ParquetLoadsWithTextAndTypedColumns()
    {
        using var h = new Harness();
        var path = Path.Combine(h.Dir.Path, "ed.parquet");
        using (var c = new DuckDBConnection("Data Source=:memory:"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                COPY (SELECT 'ATT' || lpad(i::VARCHAR, 4, '0') AS "Attendance ID", 'RXH01' AS "Site Code",
                             TIMESTAMP '2024-01-15 10:30:00' + to_hours(i) AS "Arrival Date Time", NULL::TIMESTAMP AS "Assault Date Time",
                             'blunt_object' AS "Assault Method", 'home' AS "Assault Location Type", '18-24' AS "Age Band", 'F' AS "Sex",
                             'E0100000' || i AS "LSOA Code"
                      FROM range(1, 6) t(i) ORDER BY i) TO '{path}' (FORMAT parquet)
                """;
            cmd.ExecuteNonQuery();
        }
        var r = h.Ingester.Load("health-ed-assault", path);
        Assert.Equal((5L, 5L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(new DateTime(2024, 1, 15, 11, 30, 0), h.Store.Query("SELECT arrival_datetime FROM health_ed_assault WHERE source_row = 1", x => x.GetDateTime(0)).Single());
    }

    [Fact]
    public void HeaderMatchesIgnoringCaseAndSpacesAndAcceptsCanonicalNames()
    {
        using var h = new Harness();
        var text = "  lsoa CODE (2011) ,lsoa11_name,lad19_code,Local  Authority District name (2019),imd_rank,IMD_DECILE\nE01000001,A,E09000001,B,10,1\n";
        var r = h.Load("deprivation", "imd.csv", text);
        Assert.Equal((1L, 1L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
    }

    [Fact]
    public void HeaderOnlyFileLoadsNoRows()
    {
        using var h = new Harness();
        var r = h.Load("police-street", "empty-month.csv", Fixture.ValidCsv("police-street", 0));
        Assert.Equal((0L, 0L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(1, h.Count("SELECT count(*) FROM loads"));
    }
}
