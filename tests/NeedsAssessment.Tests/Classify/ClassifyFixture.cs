using System.Globalization;
using NeedsAssessment.Store;

namespace NeedsAssessment.Tests.Classify;

/// <summary>Builds small source tables in a <c>:memory:</c> store with plain SQL INSERTs.</summary>
internal static class ClassifyFixture
{
    public static AssessmentStore NewStore() => AssessmentStore.Open(":memory:");

    private static string L(string? v) => AssessmentStore.Literal(v);
    private static string B(bool? v) => v is null ? "NULL" : v.Value ? "true" : "false";
    private static string D(double? v) => v is null ? "NULL" : v.Value.ToString("R", CultureInfo.InvariantCulture);

    public static void Crime(AssessmentStore store, long row, string? code, string? lsoa = "E01100004", string? ageBand = "35-44",
        string? sex = "M", bool? domesticAbuse = false, string? weapon = "none", string? hate = null, string? location = "dwelling",
        bool? nte = false, string recorded = "2024-03-15")
    {
        store.Execute($"""
            INSERT INTO police_recorded_crime (load_id, source_row, incident_id, ho_offence_code, recorded_date, offence_datetime,
                lsoa_code, easting, northing, victim_age_band, victim_sex, domestic_abuse, weapon, hate_strands, location_type, nte_venue)
            VALUES (1, {row}, 'INC{row:D4}', {L(code)}, DATE '{recorded}', TIMESTAMP '{recorded} 22:30:00', {L(lsoa)}, 460000, 452000,
                {L(ageBand)}, {L(sex)}, {B(domesticAbuse)}, {L(weapon)}, {L(hate)}, {L(location)}, {B(nte)})
            """);
    }

    public static void Street(AssessmentStore store, long row, string? crimeType, string? lsoa = "E01100004", double? lon = -1.08, double? lat = 53.96)
    {
        store.Execute($"""
            INSERT INTO police_street (load_id, source_row, month, longitude, latitude, lsoa_code, crime_type)
            VALUES (2, {row}, DATE '2024-03-01', {D(lon)}, {D(lat)}, {L(lsoa)}, {L(crimeType)})
            """);
    }

    public static void Ed(AssessmentStore store, long row, string? method, string? location = "home", string? ageBand = "25-34", string? sex = "M", string? lsoa = "E01100004")
    {
        store.Execute($"""
            INSERT INTO health_ed_assault (load_id, source_row, attendance_id, site_code, arrival_datetime, assault_datetime,
                assault_method, assault_location_type, age_band, sex, lsoa_code)
            VALUES (3, {row}, 'ATT{row:D4}', 'RCB', TIMESTAMP '2024-03-10 01:00:00', TIMESTAMP '2024-03-10 00:20:00',
                {L(method)}, {L(location)}, {L(ageBand)}, {L(sex)}, {L(lsoa)})
            """);
    }

    public static void Admission(AssessmentStore store, long row, string? icd10, string? ageBand = "30-34", string? sex = "M", string? lsoa = "E01100004")
    {
        store.Execute($"""
            INSERT INTO health_admission (load_id, source_row, admission_id, admission_date, icd10_cause, age_band, sex, lsoa_code)
            VALUES (4, {row}, 'ADM{row:D4}', DATE '2024-02-11', {L(icd10)}, {L(ageBand)}, {L(sex)}, {L(lsoa)})
            """);
    }

    public static void Ambulance(AssessmentStore store, long row, string? ageBand = "18-24", string? lsoa = "E01100004")
    {
        store.Execute($"""
            INSERT INTO ambulance_assault (load_id, source_row, call_id, call_datetime, call_category, lsoa_code, age_band, sex, conveyed)
            VALUES (5, {row}, 'CALL{row:D4}', TIMESTAMP '2024-01-05 23:10:00', 'C2', {L(lsoa)}, {L(ageBand)}, 'M', true)
            """);
    }

    public static void Lookup(AssessmentStore store, string lsoa11, string lsoa21, string change = "U")
    {
        store.Execute($"""
            INSERT INTO lsoa_lookup (load_id, source_row, lsoa11_code, lsoa21_code, change_indicator, lad22_code)
            VALUES (9, (SELECT count(*) + 1 FROM lsoa_lookup), {L(lsoa11)}, {L(lsoa21)}, {L(change)}, 'E06000014')
            """);
    }

    /// <summary>One sv_events row by source and row number, as column -> value.</summary>
    public static Dictionary<string, object?> Event(AssessmentStore store, string source, long row)
    {
        var rows = store.Query($"SELECT * FROM sv_events WHERE source = {L(source)} AND source_row = {row}", r =>
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < r.FieldCount; i++) d[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
            return d;
        });
        Assert.Single(rows);
        return rows[0];
    }

    public static long Count(AssessmentStore store, string sql) =>
        Convert.ToInt64(store.Scalar(sql), CultureInfo.InvariantCulture);

    /// <summary>Reads a reference CSV the way a user would: straight from the repository file.</summary>
    public static List<Dictionary<string, string>> ReferenceRows(string file)
    {
        var path = Path.Combine(RepoRoot(), "data-schemas", "reference", file);
        var records = NeedsAssessment.Classify.ReferenceData.ParseCsv(File.ReadAllText(path));
        var header = records[0];
        return records.Skip(1).Where(r => r.Count == header.Count)
            .Select(r => header.Select((h, i) => (h, r[i])).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal)).ToList();
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NeedsAssessment.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
