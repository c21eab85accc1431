using System.ComponentModel;
using System.Text.Json;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment status</c>.</summary>
public sealed class StatusCommand : Command<StatusCommand.Settings>
{
    /// <summary>Status options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>JSON output.</summary>
        [CommandOption("--json")]
        [Description("Write JSON (for scripts and checks) instead of a table.")]
        public bool Json { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = AssessmentStore.Open(settings.Db, readOnly: true);
        var status = StoreStatus.Read(store);
        if (settings.Json)
        {
            var doc = new
            {
                store = Path.GetFullPath(settings.Db),
                kinds = status.Select(k => new
                {
                    kind = k.Kind, files = k.Files, rows_read = k.RowsRead, rows_loaded = k.RowsLoaded, rows_quarantined = k.RowsQuarantined,
                    period_start = k.PeriodStart, period_end = k.PeriodEnd,
                    file_details = k.FileDetails.Select(f => new
                    {
                        load_id = f.LoadId, file_name = f.FileName, sha256 = f.Sha256, status = f.Status, rows_read = f.RowsRead,
                        rows_loaded = f.RowsLoaded, rows_quarantined = f.RowsQuarantined, period_start = f.PeriodStart, period_end = f.PeriodEnd,
                    }),
                }),
            };
            Console.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        var table = new Table().Border(TableBorder.Simple).AddColumns("kind", "files", "rows read", "loaded", "quarantined", "periods");
        foreach (var k in status)
            table.AddRow(k.Kind, k.Files.ToString(), k.RowsRead.ToString("N0"), k.RowsLoaded.ToString("N0"),
                k.RowsQuarantined > 0 ? $"[yellow]{k.RowsQuarantined:N0}[/]" : "0",
                k.PeriodStart is null ? "" : $"{k.PeriodStart:yyyy-MM-dd} to {k.PeriodEnd:yyyy-MM-dd}");
        AnsiConsole.Write(table);
        foreach (var k in status.Where(k => k.Files > 0))
            foreach (var f in k.FileDetails)
                AnsiConsole.MarkupLine($"  [grey]{k.Kind}[/] {Markup.Escape(f.FileName)}: {f.RowsLoaded:N0} loaded, {f.RowsQuarantined:N0} quarantined{(f.PeriodStart is null ? "" : $", {f.PeriodStart:yyyy-MM-dd} to {f.PeriodEnd:yyyy-MM-dd}")} (load {f.LoadId})");
        return 0;
    }
}
