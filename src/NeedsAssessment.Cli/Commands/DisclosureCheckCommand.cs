using System.ComponentModel;
using System.Globalization;
using NeedsAssessment.Indicators;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment disclosure-check OUTPUT</c>: run the differencing attack on published indicator files.</summary>
public sealed class DisclosureCheckCommand : Command<DisclosureCheckCommand.Settings>
{
    /// <summary>Options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Output folder.</summary>
        [CommandArgument(0, "<OUTPUT>")]
        [Description("Output folder to attack (every indicator_values*.csv under it is read as one publication).")]
        public string Output { get; init; } = "";

        /// <summary>Store.</summary>
        [CommandOption("--db <PATH>")]
        [Description("Store: its geography is used when the folder has no geography*.csv, and its raw values confirm each recovered count. Default: a *.duckdb in OUTPUT, if any")]
        public string? Db { get; init; }

        /// <summary>Hierarchy file.</summary>
        [CommandOption("--geography <FILE>")]
        [Description("Area hierarchy CSV (geography kind columns). Default: a geography*.csv under OUTPUT, else the store's")]
        public string? Geography { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var db = settings.Db ?? (Directory.Exists(settings.Output)
            ? Directory.EnumerateFiles(settings.Output, "*.duckdb").Order(StringComparer.Ordinal).FirstOrDefault()
            : null);
        using var store = db is null ? null : AssessmentStore.Open(db, readOnly: true);
        var result = DisclosureAudit.Run(settings.Output, store, settings.Geography);
        var c = CultureInfo.InvariantCulture;
        foreach (var f in result.Recovered)
            Console.WriteLine(string.Create(c, $"recovered {f.IndicatorId} {f.Level} {f.AreaCode} {f.PeriodType} {f.PeriodStart:yyyy-MM-dd}{(f.Breakdown is null ? "" : " " + f.Breakdown)} {f.Column} = {f.Value}{(f.Confirmed == true ? " (confirmed by the store)" : "")}: {f.How}"));
        foreach (var f in result.Leaks)
            Console.WriteLine(string.Create(c, $"leak {f.IndicatorId} {f.Level} {f.AreaCode} {f.PeriodType} {f.PeriodStart:yyyy-MM-dd}{(f.Breakdown is null ? "" : " " + f.Breakdown)}: {f.How}"));
        var discarded = result.Wrong > 0 ? string.Create(c, $" ({result.Wrong:N0} values derived from relations the store shows do not hold were discarded)") : "";
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(c,
            $"{result.Files.Count} file(s), {result.Rows:N0} rows, {result.SuppressedCells:N0} hidden counts attacked with {result.Relations:N0} additive relations: {result.Recovered.Count:N0} recovered exactly, {result.Leaks.Count:N0} narrowing fields{discarded}.")));
        if (!result.Clean) AnsiConsole.MarkupLine("[red]Disclosure check failed: do not publish these files.[/]");
        return result.Clean ? 0 : 1;
    }
}
