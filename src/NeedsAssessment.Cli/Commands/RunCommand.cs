using System.ComponentModel;
using NeedsAssessment.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment run &lt;assessment file&gt;</c>: raw partner files to the SRO pack.</summary>
public sealed class RunCommand : Command<RunCommand.Settings>
{
    /// <summary>Run options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Assessment file.</summary>
        [CommandArgument(0, "<file>")]
        [Description("Assessment file (YAML). Write a starter with 'needs-assessment init'.")]
        public string File { get; init; } = "";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var file = AssessmentFile.Load(settings.File);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(file.PartnershipName)}[/]: {Markup.Escape(file.Area)}");
        var result = AssessmentRunner.Run(file, new LineProgress());
        Summarise(result);
        return 0;
    }

    /// <summary>Prints each step as it happens, in order (Progress&lt;T&gt; posts asynchronously and can reorder lines).</summary>
    internal sealed class LineProgress : IProgress<string>
    {
        public void Report(string value) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(value)}[/]");
    }

    internal static void Summarise(RunResult result)
    {
        var m = result.Manifest;
        var table = new Table().Border(TableBorder.Simple).AddColumns("stage", "status", "seconds", "summary");
        foreach (var s in m.Stages)
            table.AddRow(s.Name, s.Status == "skipped" ? "[grey]skipped[/]" : "[green]ran[/]", s.Seconds.ToString("F1"), Markup.Escape(s.Message));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{m.Inputs.Count} input file(s): {m.Inputs.Sum(i => i.RowsLoaded):N0} rows loaded, {m.Inputs.Sum(i => i.RowsQuarantined):N0} quarantined.");
        AnsiConsole.MarkupLine($"Definition {Markup.Escape(m.DefinitionName)} {Markup.Escape(m.DefinitionVersion)}. Outputs in [bold]{Markup.Escape(result.OutputFolder)}[/]:");
        foreach (var o in m.Outputs.Where(o => !o.Path.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || o.Path.EndsWith(".csv", StringComparison.Ordinal) || o.Path.EndsWith(".html", StringComparison.Ordinal) || o.Path.EndsWith(".xlsx", StringComparison.Ordinal)))
            AnsiConsole.MarkupLine($"  {Markup.Escape(o.Path)}");
        AnsiConsole.MarkupLine($"Manifest: {Markup.Escape(result.ManifestPath)}");
    }
}
