using NeedsAssessment.Ingest;
using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Tests.Ingest;

public class MappingTests
{
    private static string Canonical(Harness h, long loadId) =>
        string.Join("\n", h.Store.Query($"SELECT CAST(t AS VARCHAR) FROM (SELECT * EXCLUDE (load_id) FROM police_recorded_crime WHERE load_id = {loadId} ORDER BY source_row) t", r => r.GetString(0)));

    private static string Reasons(Harness h, long loadId) =>
        string.Join("\n", h.Quarantine(loadId).Select(q => $"{q.Record}:{q.Line}:{q.Rule}"));

    [Fact]
    public void A_force_extract_with_other_headers_and_codes_loads_through_a_mapping_with_the_same_rows_as_the_canonical_file()
    {
        using var h = new Harness();
        using var other = new Harness();
        var canonicalText = PartnerFiles.Canonical();
        var canonical = other.Load("police-recorded-crime", "canonical.csv", canonicalText);
        var forced = h.Ingester.Load("police-recorded-crime", h.Dir.File("force-extract.csv", PartnerFiles.Forced(canonicalText)), mapping: PartnerFiles.Mapping);

        Assert.Equal(12, forced.RowsRead);
        Assert.Equal(canonical.RowsLoaded, forced.RowsLoaded);
        Assert.Equal(10, forced.RowsLoaded);
        Assert.Equal(Canonical(other, canonical.LoadId), Canonical(h, forced.LoadId));
        Assert.Equal(Reasons(other, canonical.LoadId), Reasons(h, forced.LoadId));
        // The quarantine names the column as the partner wrote it, and keeps the partner's raw value.
        var sex = Assert.Single(h.Quarantine(forced.LoadId), q => q.Rule == "enum");
        Assert.Equal("Gender of victim", sex.Column);
        Assert.Equal("X", sex.RawValue);
        Assert.Contains(forced.Notes, n => n.Contains("Mapping applied: columns ho_offence_code <- 'HOCode'", StringComparison.Ordinal) && n.Contains("'Female' -> 'F'", StringComparison.Ordinal));
        Assert.Equal(1, h.Count($"SELECT count(*) FROM loads WHERE load_id = {forced.LoadId} AND notes LIKE '%date_format ''%d.%m.%Y''%'"));
    }

    [Fact]
    public void Without_the_mapping_the_force_extract_is_refused_naming_its_columns()
    {
        using var h = new Harness();
        var ex = Assert.Throws<UserErrorException>(() => h.Load("police-recorded-crime", "force-extract.csv", PartnerFiles.Forced(PartnerFiles.Canonical())));
        Assert.Contains("'HO Offence Code'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'HOCode'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_to_a_column_the_file_lacks_fails_naming_the_input_and_the_column()
    {
        using var h = new Harness();
        var wrong = PartnerFiles.Mapping with { Columns = new Dictionary<string, string>(PartnerFiles.Mapping.Columns) { ["ho_offence_code"] = "Home Office Code" } };
        var path = h.Dir.File("force-extract.csv", PartnerFiles.Forced(PartnerFiles.Canonical()));
        var ex = Assert.Throws<UserErrorException>(() => h.Ingester.Load("police-recorded-crime", path, mapping: wrong));
        Assert.Contains("force-extract.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input 'police-recorded-crime'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Home Office Code'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Count("SELECT count(*) FROM loads"));
    }

    [Fact]
    public void A_mapping_that_contradicts_the_schema_is_refused_before_reading_naming_the_field_and_value()
    {
        var schema = Fixture.Schema("police-recorded-crime");
        var bad = new InputMapping
        {
            Columns = new Dictionary<string, string> { ["ho_ofence_code"] = "HOCode" },
            Values = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["victim_sex"] = new Dictionary<string, string> { ["Female"] = "Woman" } },
            DateFormat = "DD.MM.YYYY",
        };
        var problems = bad.Problems(schema, "inputs.police-recorded-crime");
        Assert.Contains(problems, p => p.StartsWith("inputs.police-recorded-crime: columns names field 'ho_ofence_code'", StringComparison.Ordinal) && p.Contains("Did you mean 'ho_offence_code'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("values.victim_sex recodes 'Female' to 'Woman'", StringComparison.Ordinal) && p.Contains("Allowed: F, M, U", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("date_format 'DD.MM.YYYY' has no % directives", StringComparison.Ordinal));
        Assert.Empty(PartnerFiles.Mapping.Problems(schema, "x"));
    }

    [Fact]
    public void The_assessment_file_reads_a_mapping_per_input_and_reports_a_wrong_one_with_its_line()
    {
        var ok = AssessmentFile.Parse("""
            inputs:
              police-recorded-crime:
                files: [force-extract.xlsx]
                sheet: Crimes
                header_row: 3
                columns: {ho_offence_code: HOCode, recorded_date: Date Recorded}
                values:
                  victim_sex: {Female: F, Male: M}
                date_format: "%d.%m.%Y"
              lsoa-lookup: [lookup.csv]
            """, "/tmp/a/assessment.yaml");
        var m = ok.MappingFor("police-recorded-crime");
        Assert.Equal("HOCode", m.Columns["ho_offence_code"]);
        Assert.Equal("F", m.Values["victim_sex"]["Female"]);
        Assert.Equal(("Crimes", 3, "%d.%m.%Y"), (m.Sheet, m.HeaderRow, m.DateFormat));
        Assert.Equal("/tmp/a/force-extract.xlsx", Assert.Single(ok.Inputs["police-recorded-crime"]));
        Assert.True(ok.MappingFor("lsoa-lookup").IsEmpty);

        var ex = Assert.Throws<UserErrorException>(() => AssessmentFile.Parse("""
            inputs:
              police-recorded-crime:
                files: [force-extract.csv]
                columns: {ho_offence_code: HOCode}
                values:
                  victim_sex: {Female: Woman}
            """, "/tmp/a/assessment.yaml"));
        Assert.Contains("assessment.yaml:3: inputs.police-recorded-crime: values.victim_sex recodes 'Female' to 'Woman'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggest_proposes_the_mapping_that_reads_the_force_extract()
    {
        using var dir = new TempFolder();
        var path = dir.File("force-extract.csv", PartnerFiles.Forced(PartnerFiles.Canonical()));
        var yaml = MappingSuggester.Suggest(NeedsAssessment.Store.SchemaCatalog.Default, "police-recorded-crime", path);
        Assert.Contains("    ho_offence_code: HOCode", yaml, StringComparison.Ordinal);
        Assert.Contains("    recorded_date: Date Recorded", yaml, StringComparison.Ordinal);
        Assert.Contains("    victim_sex: Gender of victim", yaml, StringComparison.Ordinal);
        Assert.Contains("      Female: F", yaml, StringComparison.Ordinal);
        Assert.Contains("      Male: M", yaml, StringComparison.Ordinal);
        Assert.Contains("date_format: \"%d.%m.%Y\"", yaml, StringComparison.Ordinal);

        // Pasted into an assessment file, the suggestion parses and loads the file with the canonical rows.
        var file = AssessmentFile.Parse("inputs:\n" + string.Join("\n", yaml.Split('\n').Select(l => "  " + l)), Path.Combine(dir.Path, "a.yaml"));
        using var h = new Harness();
        var r = h.Ingester.Load("police-recorded-crime", path, mapping: file.MappingFor("police-recorded-crime"));
        Assert.Equal((12L, 10L, 2L), (r.RowsRead, r.RowsLoaded, r.RowsQuarantined));
    }
}
