using System.ComponentModel;
using NeedsAssessment.Classify;
using NeedsAssessment.Pipeline;
using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment classify [--definition file]</c>.</summary>
public sealed class ClassifyCommand : Command<ClassifyCommand.Settings>
{
    /// <summary>Classify options.</summary>
    public sealed class Settings : StoreSettings
    {
        /// <summary>Definition file or built-in name.</summary>
        [CommandOption("--definition <FILE>")]
        [Description("Serious violence definition: a YAML file, or a built-in name (home-office-core, london-under-25, norfolk-style). Default: home-office-core")]
        public string? Definition { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var definition = DefinitionCommand.Resolve(settings.Definition);
        using var store = AssessmentStore.Open(settings.Db);
        ClassificationResult result = null!;
        AnsiConsole.Status().Start("Classifying", _ => result = Stages.Classify.Execute(store, definition, ""));
        Report(result);
        return 0;
    }

    internal static void Report(ClassificationResult r)
    {
        AnsiConsole.MarkupLine($"Definition [bold]{Markup.Escape(r.DefinitionName)}[/] version {Markup.Escape(r.DefinitionVersion)}: {r.InDefinition:N0} of {r.Events:N0} records are serious violence.");
        var table = new Table().Border(TableBorder.Simple).AddColumns("source", "records", "mapped", "unmapped", "in definition", "severity");
        foreach (var s in r.Sources)
            table.AddRow(s.Source, s.Records.ToString("N0"), s.Mapped.ToString("N0"), s.Unmapped > 0 ? $"[yellow]{s.Unmapped:N0}[/]" : "0",
                s.InDefinition.ToString("N0"), s.SeverityIsRange ? "range (no offence codes)" : "offence code");
        AnsiConsole.Write(table);
        foreach (var u in r.UnmappedCodes.Take(20))
            AnsiConsole.MarkupLine($"  [yellow]unmapped[/] {Markup.Escape(u.Source)} code '{Markup.Escape(u.Code)}': {u.Records:N0} record(s)");
        var l = r.Lsoa;
        AnsiConsole.MarkupLine($"LSOA: {l.Given2021:N0} given as 2021, {l.Mapped2011:N0} mapped from 2011 ({l.Split2011:N0} split), {l.Unmatched:N0} unmatched, {l.Missing:N0} missing, {l.Unchecked:N0} unchecked (no lookup loaded).");
        foreach (var u in r.UnmatchedLsoas.Take(10))
            AnsiConsole.MarkupLine($"  [yellow]unmatched LSOA[/] {Markup.Escape(u.Source)} '{Markup.Escape(u.LsoaCode)}': {u.Records:N0}");
    }
}
