using System.Text;
using NeedsAssessment.Ingest;

namespace NeedsAssessment.Tests.Ingest;

/// <summary>A partner's police extract in the canonical layout, and the same rows as a force writes them under other names and codes.</summary>
internal static class PartnerFiles
{
    /// <summary>Twelve rows of the canonical police-recorded-crime layout; rows 4 and 9 break a rule, so the file has quarantine too.</summary>
    public static string Canonical()
    {
        var rows = Enumerable.Range(1, 12).Select(i => i switch
        {
            4 => Fixture.Set(("victim_sex", "X")),
            9 => Fixture.Set(("recorded_date", "2024-02-30")),
            _ => Fixture.Set(("recorded_date", $"2024-01-{i:D2}"), ("victim_sex", new[] { "F", "M", "U" }[i % 3])),
        }).ToArray();
        return Fixture.Csv("police-recorded-crime", rows!);
    }

    public static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>
    {
        ["HO Offence Code"] = "HOCode",
        ["Recorded Date"] = "Date Recorded",
        ["Victim Sex"] = "Gender of victim",
    };

    public static readonly IReadOnlyDictionary<string, string> SexWords = new Dictionary<string, string> { ["F"] = "Female", ["M"] = "Male", ["U"] = "Unknown" };

    /// <summary>The mapping that reads <see cref="Forced"/> as the canonical file.</summary>
    public static InputMapping Mapping => new()
    {
        Columns = new Dictionary<string, string> { ["ho_offence_code"] = "HOCode", ["recorded_date"] = "Date Recorded", ["victim_sex"] = "Gender of victim" },
        Values = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["victim_sex"] = SexWords.ToDictionary(kv => kv.Value, kv => kv.Key) },
        DateFormat = "%d.%m.%Y",
    };

    /// <summary>The canonical file's rows as the force writes them: other headers, sex as words, dates as DD.MM.YYYY.</summary>
    public static string Forced(string canonical)
    {
        var lines = canonical.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = SourceFile.SplitCsvLine(lines[0], ',');
        var sex = header.IndexOf("Victim Sex");
        var date = header.IndexOf("Recorded Date");
        var sb = new StringBuilder(string.Join(',', header.Select(h => Fixture.CsvField(Renamed.TryGetValue(h, out var r) ? r : h)))).Append('\n');
        foreach (var line in lines.Skip(1))
        {
            var cells = SourceFile.SplitCsvLine(line, ',');
            if (SexWords.TryGetValue(cells[sex], out var word)) cells[sex] = word;
            if (cells[date].Length == 10 && cells[date][4] == '-') cells[date] = $"{cells[date][8..10]}.{cells[date][5..7]}.{cells[date][..4]}";
            sb.Append(string.Join(',', cells.Select(c => Fixture.CsvField(c)))).Append('\n');
        }
        return sb.ToString();
    }
}
