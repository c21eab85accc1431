using System.Globalization;
using NeedsAssessment.Ingest;
using YamlDotNet.RepresentationModel;

namespace NeedsAssessment.Pipeline;

/// <summary>Reads an input's mapping (columns, values, date_format, sheet, header_row) from the assessment file's YAML.</summary>
internal static class InputMappingYaml
{
    /// <summary>Settings allowed under an input given as a mapping.</summary>
    public static readonly IReadOnlyList<string> Keys = ["files", "columns", "values", "date_format", "sheet", "header_row"];

    /// <summary>Reads the mapping; problems go to <paramref name="errors"/> with their line.</summary>
    public static InputMapping Read(YamlMappingNode node, string input, Func<YamlNode, string> at, List<string> errors)
    {
        YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;
        string? Scalar(YamlNode? n, string what)
        {
            if (n is null) return null;
            if (n is YamlScalarNode s) return s.Value;
            errors.Add($"{at(n)}: {input}.{what} should be a single value.");
            return null;
        }
        Dictionary<string, string> Pairs(YamlNode? n, string what)
        {
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            if (n is null) return pairs;
            if (n is not YamlMappingNode m)
            {
                errors.Add($"{at(n)}: {input}.{what} should map names to values, e.g. {{ho_offence_code: HOCode}}.");
                return pairs;
            }
            foreach (var (k, v) in m.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (v is YamlScalarNode sv && sv.Value is not null) pairs[key] = sv.Value;
                else errors.Add($"{at(v)}: {input}.{what}.{key} should be a single value.");
            }
            return pairs;
        }

        var columns = Pairs(Get(node, "columns"), "columns");
        var values = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (Get(node, "values") is { } vn)
        {
            if (vn is YamlMappingNode vm)
                foreach (var (k, v) in vm.Children)
                {
                    var field = (k as YamlScalarNode)?.Value ?? "";
                    values[field] = Pairs(v, $"values.{field}");
                }
            else errors.Add($"{at(vn)}: {input}.values should map fields to recodes, e.g. {{sex: {{M: Male, F: Female}}}}.");
        }
        var headerRow = 1;
        if (Scalar(Get(node, "header_row"), "header_row") is { } hr)
        {
            if (!int.TryParse(hr, NumberStyles.Integer, CultureInfo.InvariantCulture, out headerRow) || headerRow < 1)
            {
                errors.Add($"{at(Get(node, "header_row")!)}: {input}.header_row should be a whole number, 1 or more (the row of the column names).");
                headerRow = 1;
            }
        }
        return new InputMapping
        {
            Columns = columns,
            Values = values,
            DateFormat = Scalar(Get(node, "date_format"), "date_format"),
            Sheet = Scalar(Get(node, "sheet"), "sheet"),
            HeaderRow = headerRow,
        };
    }
}
