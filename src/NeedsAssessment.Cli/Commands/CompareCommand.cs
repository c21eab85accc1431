using System.ComponentModel;
using NeedsAssessment.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment compare &lt;previous run&gt; &lt;run&gt;</c>.</summary>
public sealed class CompareCommand : Command<CompareCommand.Settings>
{
    /// <summary>Compare options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Earlier run folder.</summary>
        [CommandArgument(0, "<previous>")]
        [Description("Output folder of the earlier run (holds run-manifest.json).")]
        public string Previous { get; init; } = "";

        /// <summary>Later run folder.</summary>
        [CommandArgument(1, "<current>")]
        [Description("Output folder of the later run.")]
        public string Current { get; init; } = "";

        /// <summary>Output folder.</summary>
        [CommandOption("--out <FOLDER>")]
        [Description("Where to write compare.md and compare.html. Default: the later run's folder")]
        public string? Out { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = RunComparison.Compare(settings.Previous, settings.Current);
        var folder = settings.Out ?? settings.Current;
        Directory.CreateDirectory(folder);
        var md = Path.Combine(folder, "compare.md");
        var html = Path.Combine(folder, "compare.html");
        var markdown = RunComparison.ToMarkdown(result);
        File.WriteAllText(md, markdown);
        File.WriteAllText(html, RunComparison.ToHtml(result));
        Console.WriteLine(markdown);
        foreach (var w in result.Warnings) Console.Error.WriteLine($"warning: {w}");
        AnsiConsole.MarkupLine($"Written: {Markup.Escape(md)}, {Markup.Escape(html)}");
        return 0;
    }
}
