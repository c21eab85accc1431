using System.Text;
using System.Text.Json;
using NeedsAssessment.Store;

namespace NeedsAssessment.Classify;

/// <summary>
/// The classification reference files embedded from <c>data-schemas/reference/</c>: read in C# for definition
/// validation, and loaded into <c>ref_*</c> tables so classification is one SQL join.
/// </summary>
internal static class ReferenceData
{
    /// <summary>Home Office offence codes with category, penalty and harm weights.</summary>
    public const string OffenceCodes = "offence-codes";

    /// <summary>police.uk crime types (coarse).</summary>
    public const string PoliceUkCrimeTypes = "police-uk-crime-types";

    /// <summary>ICD-10 assault external causes.</summary>
    public const string Icd10AssaultCodes = "icd10-assault-codes";

    /// <summary>ED assault methods.</summary>
    public const string EdAssaultMethods = "ed-assault-methods";

    /// <summary>Home Office offences within a classification code (class/subclass) that a force extract's subcode names: spiking.</summary>
    public const string HoOffenceSubcodes = "ho-offence-subcodes";

    /// <summary>The code every ambulance assault call-out carries, since the extract has no method column.</summary>
    public const string AmbulanceCode = "assault";

    public static IReadOnlyList<string> Files { get; } = [OffenceCodes, PoliceUkCrimeTypes, Icd10AssaultCodes, EdAssaultMethods, HoOffenceSubcodes];

    /// <summary>Store table a reference file is loaded into.</summary>
    public static string TableName(string file) => "ref_" + file.Replace('-', '_');

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CodeCategories = new(BuildCodeCategories);

    /// <summary>
    /// Every code a definition may name (Home Office code, police.uk crime type, ICD-10 code, ED method, ambulance
    /// code) with its category. Codes are unique across the vocabularies, so one lookup serves all sources.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CodeCategory => CodeCategories.Value;

    private static IReadOnlyDictionary<string, string> BuildCodeCategories()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string file, string keyColumn)
        {
            foreach (var row in Rows(file)) map[row[keyColumn]] = row["sv_category"];
        }
        Add(OffenceCodes, "code");
        Add(PoliceUkCrimeTypes, "crime_type");
        Add(Icd10AssaultCodes, "code");
        Add(EdAssaultMethods, "assault_method");
        map[AmbulanceCode] = SeriousViolenceCategories.ViolenceAgainstThePerson;
        return map;
    }

    /// <summary>Reads a reference CSV into rows keyed by column name.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string file)
    {
        var text = SchemaCatalog.ReadResource(typeof(ReferenceData).Assembly, $"data-schemas/reference/{file}.csv");
        var records = ParseCsv(text);
        var header = records[0];
        return records.Skip(1).Where(r => r.Count > 1 || r[0].Length > 0)
            .Select(r => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, v: i < r.Count ? r[i] : ""))
                .ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal))
            .ToList();
    }

    /// <summary>Column names and DuckDB types, from the file's Frictionless schema.</summary>
    public static IReadOnlyList<(string Name, string DuckDbType)> Columns(string file)
    {
        var json = SchemaCatalog.ReadResource(typeof(ReferenceData).Assembly, $"data-schemas/reference/{file}.schema.json");
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("fields").EnumerateArray()
            .Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("type").GetString() switch
            {
                "integer" => "BIGINT",
                "number" => "DOUBLE",
                "boolean" => "BOOLEAN",
                _ => "VARCHAR",
            }))
            .ToList();
    }

    /// <summary>
    /// (Re)creates the <c>ref_*</c> tables. DuckDB's CSV reader needs a file, so each embedded CSV is written to a
    /// temporary file that is deleted afterwards; the types come from the schema, never from sniffing.
    /// </summary>
    public static void LoadInto(AssessmentStore store)
    {
        foreach (var file in Files)
        {
            var temp = Path.Combine(Path.GetTempPath(), $"na-ref-{Guid.NewGuid():N}-{file}.csv");
            try
            {
                File.WriteAllText(temp, SchemaCatalog.ReadResource(typeof(ReferenceData).Assembly, $"data-schemas/reference/{file}.csv"), new UTF8Encoding(false));
                var columns = string.Join(", ", Columns(file).Select(c => $"{AssessmentStore.Literal(c.Name)}: {AssessmentStore.Literal(c.DuckDbType)}"));
                store.Execute($$"""
                    CREATE OR REPLACE TABLE {{AssessmentStore.Quote(TableName(file))}} AS
                    SELECT * FROM read_csv({{AssessmentStore.Literal(temp)}}, header = true, auto_detect = false, delim = ',',
                        quote = '"', escape = '"', nullstr = '', columns = { {{columns}} })
                    """);
            }
            finally
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
            }
            else if (c == '\uFEFF' && i == 0) { }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
