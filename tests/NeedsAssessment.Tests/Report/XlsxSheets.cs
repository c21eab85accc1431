using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace NeedsAssessment.Tests.Report;

/// <summary>A cell as the worksheet's XML holds it: reference, type (<c>t</c>), value element, inline text and style.</summary>
/// <param name="Reference">The cell reference, e.g. <c>E12</c>.</param>
/// <param name="Type">The type attribute (<c>n</c>, <c>inlineStr</c>, ...), or null when the cell has none.</param>
/// <param name="Value">The text of the value element, or null when the cell has none.</param>
/// <param name="InnerText">All text inside the cell (an inline string's text), as the Open XML SDK's <c>InnerText</c>.</param>
/// <param name="Style">The style index (<c>s</c>), or null.</param>
internal sealed record XlsxCell(string Reference, string? Type, string? Value, string InnerText, uint? Style)
{
    public bool IsNumber => Type == "n";

    public bool IsInlineString => Type == "inlineStr";
}

/// <summary>A frozen or split pane: its state, top left cell and vertical split (<c>ySplit</c>).</summary>
internal sealed record XlsxPane(string? State, string? TopLeftCell, double? VerticalSplit);

/// <summary>A worksheet: its name, its rows of cells in order, its panes and whether each column definition has a custom width.</summary>
internal sealed record XlsxSheet(string Name, IReadOnlyList<IReadOnlyList<XlsxCell>> Rows, IReadOnlyList<XlsxPane> Panes, IReadOnlyList<bool> ColumnCustomWidths);

/// <summary>
/// Reads a workbook's worksheets with a forward-only XML reader. The workbook's Data and LSOA sheets hold every published
/// row (hundreds of thousands of cells on the demo): the Open XML SDK's object model took about seven times the CPU to
/// load them (3.0 against 0.4 s on a one-year demo's workbook), and the tests only read references, types, values and styles.
/// </summary>
internal static class XlsxSheets
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Every worksheet of the workbook at <paramref name="path"/>, in the workbook's order.</summary>
    public static IReadOnlyList<XlsxSheet> Read(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var relsStream = Entry(zip, "xl/_rels/workbook.xml.rels").Open())
        using (var rels = XmlReader.Create(relsStream))
            while (rels.Read())
                if (rels.NodeType == XmlNodeType.Element && rels.LocalName == "Relationship")
                    targets[rels.GetAttribute("Id")!] = rels.GetAttribute("Target")!;
        var sheets = new List<XlsxSheet>();
        using (var workbookStream = Entry(zip, "xl/workbook.xml").Open())
        using (var workbook = XmlReader.Create(workbookStream))
            while (workbook.Read())
                if (workbook.NodeType == XmlNodeType.Element && workbook.LocalName == "sheet" && workbook.NamespaceURI == Main)
                {
                    var target = targets[workbook.GetAttribute("id", Relationships)!];
                    var part = target.StartsWith('/') ? target[1..] : "xl/" + target;
                    sheets.Add(ReadSheet(workbook.GetAttribute("name")!, Entry(zip, part)));
                }
        return sheets;
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"The workbook has no part {name}.");

    private static XlsxSheet ReadSheet(string name, ZipArchiveEntry entry)
    {
        var rows = new List<IReadOnlyList<XlsxCell>>();
        var panes = new List<XlsxPane>();
        var widths = new List<bool>();
        List<XlsxCell>? row = null;
        // The reader atomises names in its table, so comparing with the table's strings ends at their reference check
        // (not a string compare per node): a demo workbook's Data and LSOA sheets are hundreds of thousands of cells, read by several tests.
        var names = new Names(new NameTable());
        using var stream = entry.Open();
        using var r = XmlReader.Create(stream, new XmlReaderSettings { NameTable = names.Table });
        while (r.Read())
        {
            if (r.NodeType != XmlNodeType.Element || r.NamespaceURI != names.Main) continue;
            var local = r.LocalName;
            if (local == names.C)
                (row ?? throw new InvalidDataException($"{name}: a cell outside a row.")).Add(ReadCell(r, names));
            else if (local == names.Row)
            {
                row = [];
                rows.Add(row);
            }
            else if (local == names.Col)
                widths.Add(r.GetAttribute("customWidth") is "1" or "true");
            else if (local == names.Pane)
            {
                var split = r.GetAttribute("ySplit");
                panes.Add(new XlsxPane(r.GetAttribute("state"), r.GetAttribute("topLeftCell"),
                    split is null ? null : double.Parse(split, CultureInfo.InvariantCulture)));
            }
        }
        return new XlsxSheet(name, rows, panes, widths);
    }

    /// <summary>The names a sheet's reader meets, atomised in its name table.</summary>
    private sealed class Names(NameTable table)
    {
        public NameTable Table { get; } = table;
        public string Main { get; } = table.Add(XlsxSheets.Main);
        public string C { get; } = table.Add("c");
        public string Row { get; } = table.Add("row");
        public string Col { get; } = table.Add("col");
        public string Pane { get; } = table.Add("pane");
        public string V { get; } = table.Add("v");
        public string T { get; } = table.Add("t");
    }

    /// <summary>Reads the cell the reader is on, leaving it on the cell's end.</summary>
    private static XlsxCell ReadCell(XmlReader r, Names names)
    {
        var reference = r.GetAttribute("r")!;
        var type = r.GetAttribute("t");
        var style = r.GetAttribute("s") is { } s ? uint.Parse(s, CultureInfo.InvariantCulture) : (uint?)null;
        string? value = null;
        // Most cells hold one text node; a builder only when a cell has several.
        string? text = null;
        StringBuilder? more = null;
        if (!r.IsEmptyElement)
        {
            var depth = r.Depth;
            // Text counts inside a value (v) or text (t) element, as the SDK's InnerText has it; a t is an inline string's run.
            string? leaf = null;
            while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
            {
                if (r.NodeType == XmlNodeType.Element && (r.LocalName == names.V || r.LocalName == names.T))
                {
                    if (r.LocalName == names.V) value ??= "";
                    leaf = r.IsEmptyElement ? null : r.LocalName;
                }
                else if (r.NodeType == XmlNodeType.EndElement && (r.LocalName == names.V || r.LocalName == names.T)) leaf = null;
                else if (leaf is not null && r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
                {
                    var part = r.Value;
                    if (leaf == names.V) value += part;
                    if (text is null) text = part;
                    else (more ??= new StringBuilder(text)).Append(part);
                }
            }
        }
        return new XlsxCell(reference, type, value, more?.ToString() ?? text ?? "", style);
    }
}
