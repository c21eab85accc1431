using System.Globalization;
using System.Text;
using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>The real files as published (../shared/data), each checked against counts made here from the file's own lines.</summary>
public class PublishedFileTests
{
    private static List<List<string>> Rows(string path) =>
        System.IO.File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => SourceFile.SplitCsvLine(l, ',')).ToList();

    [Fact]
    public void The_Home_Office_force_table_loads_every_row_with_counts_written_as_decimals()
    {
        var path = SharedData.File("home-office/prc-pfa-2019-20-offence-counts.csv");
        using var h = new Harness();
        var r = h.Ingester.Load("home-office-offence-counts", path);
        Assert.Equal((23_420L, 23_420L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var expected = Rows(path).Where(c => c[2] == "North Yorkshire").Sum(c => double.Parse(c[7], CultureInfo.InvariantCulture));
        Assert.Equal(expected, Convert.ToDouble(h.Store.Scalar("SELECT sum(offences) FROM home_office_offence_counts WHERE force_name = 'North Yorkshire'"), CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public void The_January_2024_police_uk_file_quarantines_its_60_identical_repeats_and_counts_51_ids_repeated_with_other_content()
    {
        var path = SharedData.File("police-uk/2024-01-north-yorkshire-street.csv");
        var lines = System.IO.File.ReadLines(path).Skip(1).Where(l => l.Length > 0).ToList();
        var withId = lines.Where(l => !l.StartsWith(',')).ToList();
        var identicalRepeats = withId.Count - withId.Distinct(StringComparer.Ordinal).Count();
        var idsTwice = withId.GroupBy(l => l[..64]).Count(g => g.Count() > 1);
        var idsWithOtherContent = withId.Distinct(StringComparer.Ordinal).GroupBy(l => l[..64]).Count(g => g.Count() > 1);
        Assert.Equal((60, 111, 51), (identicalRepeats, idsTwice, idsWithOtherContent));

        using var h = new Harness();
        var r = h.Ingester.Load("police-street", path);
        Assert.Equal(lines.Count, r.RowsRead);
        Assert.Equal(r.RowsRead, r.RowsLoaded + r.RowsQuarantined);
        var dups = h.Quarantine(r.LoadId).Where(q => q.Rule == "duplicate").ToList();
        Assert.Equal(identicalRepeats, dups.Count);
        Assert.Equal(identicalRepeats, r.RowsQuarantined);
        Assert.All(dups, q => Assert.Matches("^duplicate row of record [0-9]+$", q.Message));
        // Each quarantined row is the same line of the file as the record it names.
        Assert.All(dups, q => Assert.Equal(lines[(int)long.Parse(q.Message["duplicate row of record ".Length..], CultureInfo.InvariantCulture) - 1], lines[(int)q.Record - 1]));
        Assert.Equal(idsWithOtherContent, r.RepeatedKeys);
    }

    [Fact]
    public void The_Census_2021_TS001_Nomis_bulk_file_loads_as_published()
    {
        var path = SharedData.File("population/census2021-ts001-usual-residents-lsoa21-england-wales.csv");
        using var h = new Harness();
        var r = h.Ingester.Load("population-total", path);
        Assert.Equal((35_672L, 35_672L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var total = Rows(path).Sum(c => long.Parse(c[3], CultureInfo.InvariantCulture));
        Assert.Equal(total, h.Count("SELECT sum(usual_residents) FROM population_total"));
        Assert.Equal(2021L, h.Count("SELECT min(census_year) FROM population_total"));
    }

    [Fact]
    public void The_published_stop_and_search_layout_loads()
    {
        var path = SharedData.File("police-uk-stop-search/2019-06-greater-manchester-stop-and-search.csv");
        using var h = new Harness();
        var r = h.Ingester.Load("police-stop-search", path);
        Assert.Equal((907L, 907L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        var weapons = Rows(path).Count(c => c[11] == "Offensive weapons");
        Assert.Equal(weapons, h.Count("SELECT count(*) FROM police_stop_search WHERE object_of_search = 'Offensive weapons'"));
        Assert.Equal("2019-05-31 23:01:00", h.Store.Scalar("SELECT CAST(min(date) AS VARCHAR) FROM police_stop_search"));
    }

    [Fact]
    public void A_single_year_of_age_workbook_loads_as_ONS_publishes_it_from_its_named_sheet_below_the_title_rows()
    {
        // The ONS small-area estimates workbook: a title block, then LAD columns before the LSOA, Total, F0..F90, M0..M90.
        var schema = Fixture.Schema("population-syoa");
        var ages = schema.Fields.Skip(2).ToList();
        var csv = new StringBuilder("LAD 2021 Code,LAD 2021 Name,LSOA 2021 Code,LSOA 2021 Name," + string.Join(',', ages.Select(f => f.SourceName)) + "\n");
        for (var i = 1; i <= 3; i++)
            csv.Append($"E06000014,York,E0101{i:D4},York 00{i}A,").Append(string.Join(',', ages.Select((f, k) => (k == 0 ? 182 * i : i).ToString(CultureInfo.InvariantCulture)))).Append('\n');
        using var h = new Harness();
        var path = Path.Combine(h.Dir.Path, "sapelsoasyoa20212022.xlsx");
        TestWorkbook.Write(path, ("Contents", "Contents\nMid-2022 LSOA 2021\n", []),
            ("Mid-2022 LSOA 2021", csv.ToString(), ["Mid-2022 population estimates for 2021 Lower layer Super Output Areas (LSOAs) in England and Wales by single year of age and sex", "Source: Office for National Statistics", ""]));
        var r = h.Ingester.Load("population-syoa", path, mapping: new InputMapping { Sheet = "Mid-2022 LSOA 2021", HeaderRow = 4 });
        Assert.Equal((3L, 3L, 0L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
        Assert.Equal(182L * 6, h.Count("SELECT sum(total) FROM population_syoa"));
        Assert.Equal(3L, h.Count("SELECT m90 FROM population_syoa WHERE lsoa21_code = 'E01010003'"));
        Assert.Contains(r.Notes, n => n.Contains("'LAD 2021 Code'", StringComparison.Ordinal));
    }
}
