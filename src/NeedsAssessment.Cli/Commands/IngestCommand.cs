using System.ComponentModel;
using NeedsAssessment.Ingest;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment ingest &lt;kind&gt; &lt;files&gt;</c>.</summary>
public sealed class IngestCommand : Command<IngestCommand.Settings>
{
    /// <summary>Ingest options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>Dataset kind.</summary>
        [CommandArgument(0, "<kind>")]
        [Description("Dataset kind, e.g. police-street (see 'needs-assessment kinds').")]
        public string Kind { get; init; } = "";

        /// <summary>Files, folders or globs.</summary>
        [CommandArgument(1, "<files>")]
        [Description("Files, folders or globs (quote globs so the shell leaves them alone).")]
        public string[] Files { get; init; } = [];
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        LoadCommands.Run(settings.Db, settings.Kind, settings.Files, dryRun: false);
}

/// <summary>Shared body of ingest and validate.</summary>
internal static class LoadCommands
{
    public static int Run(string db, string kind, string[] inputs, bool dryRun, InputMapping? mapping = null)
    {
        var (files, skipped) = PoliceUkFolder.Plan(kind, inputs, SchemaCatalog.Default);
        using var store = AssessmentStore.Open(dryRun && !File.Exists(db) ? ":memory:" : db);
        var ingester = new Ingester(store);
        var results = new List<LoadResult>();
        AnsiConsole.Status().Start(dryRun ? "Validating" : "Loading", ctx =>
        {
            var progress = new Progress<string>(m => ctx.Status(Markup.Escape(m)));
            if (dryRun)
                foreach (var f in files) results.Add(ingester.Load(f.Kind, f.Path, dryRun: true, progress, f.Kind == kind ? mapping : null));
            else
                results.AddRange(ingester.LoadAll([.. files.Select(f => new LoadRequest(f.Kind, f.Path, f.Kind == kind ? mapping : null))], progress));
        });
        foreach (var s in skipped) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(s.Reason)}[/]");
        var routed = results.Any(r => r.Kind != kind);
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns(routed ? ["file", "kind", "status", "read", "loaded", "quarantined", "load id"] : ["file", "status", "read", "loaded", "quarantined", "load id"]);
        foreach (var r in results)
        {
            var cells = new List<string> { Markup.Escape(Path.GetFileName(r.FilePath)), r.Status.ToString().ToLowerInvariant(), r.RowsRead.ToString("N0"),
                r.RowsLoaded.ToString("N0"), r.RowsQuarantined > 0 ? $"[yellow]{r.RowsQuarantined:N0}[/]" : "0", r.LoadId == 0 ? "-" : r.LoadId.ToString() };
            if (routed) cells.Insert(1, r.Kind);
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        foreach (var r in results)
        {
            foreach (var n in r.Notes) AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(Path.GetFileName(r.FilePath))}: {Markup.Escape(n)}[/]");
            foreach (var i in r.Issues)
                AnsiConsole.MarkupLine($"  [yellow]{Markup.Escape(Path.GetFileName(r.FilePath))} record {i.Record}{(i.Line is null ? "" : $" (line {i.Line})")}{(i.Column is null ? "" : $", column '{Markup.Escape(i.Column)}'")}:[/] {Markup.Escape(i.Message)}");
            if (r.RowsQuarantined > r.Issues.Count && r.Issues.Count > 0)
                AnsiConsole.MarkupLine($"  [grey]... see all with: needs-assessment quarantine --load {r.LoadId}[/]");
        }
        var read = results.Sum(r => r.RowsRead);
        AnsiConsole.MarkupLine($"{results.Count} file(s), {read:N0} rows read = {results.Sum(r => r.RowsLoaded):N0} {(dryRun ? "valid" : "loaded")} + {results.Sum(r => r.RowsQuarantined):N0} {(dryRun ? "would be quarantined" : "quarantined")}.");
        return 0;
    }
}
