using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment sql "&lt;query&gt;"</c>: an analyst's ad-hoc question, read-only.</summary>
public sealed class SqlCommand : Command<SqlCommand.Settings>
{
    /// <summary>SQL options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>The query.</summary>
        [CommandArgument(0, "<query>")]
        [Description("SQL to run (the store is opened read-only).")]
        public string Query { get; init; } = "";

        /// <summary>CSV output.</summary>
        [CommandOption("--csv")]
        [Description("Write CSV to standard output.")]
        public bool Csv { get; init; }

        /// <summary>JSON output.</summary>
        [CommandOption("--json")]
        [Description("Write a JSON array of objects to standard output.")]
        public bool Json { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AssessmentStore.Open(settings.Db, readOnly: true);
        var (names, rows) = AdHocQuery.Run(store, settings.Query);
        static string Text(object? v) => v switch
        {
            null => "",
            // ISO 8601 whatever type DuckDB.NET hands back: DateOnly's invariant ToString is MM/dd/yyyy, which a UK reader takes as day first.
            DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeOnly t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };
        if (settings.Csv)
        {
            static string Esc(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
            Console.WriteLine(string.Join(",", names.Select(Esc)));
            foreach (var r in rows) Console.WriteLine(string.Join(",", r.Select(v => Esc(Text(v)))));
        }
        else if (settings.Json)
        {
            var list = rows.Select(r => names.Select((n, i) => (n, v: r[i])).ToDictionary(x => x.n, x => x.v is DateTime or DateOnly or TimeOnly or DateTimeOffset ? Text(x.v) : x.v));
            Console.WriteLine(JsonSerializer.Serialize(list, new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (var n in names) table.AddColumn(Markup.Escape(n));
            foreach (var r in rows.Take(1000)) table.AddRow(r.Select(v => Markup.Escape(Text(v))).ToArray());
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{rows.Count:N0} row(s){(rows.Count > 1000 ? ", first 1,000 shown; use --csv for all" : "")}[/]");
        }
        return 0;
    }
}
