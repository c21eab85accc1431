using NeedsAssessment.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment kinds</c>: the dataset kinds and their columns, from data-schemas.</summary>
public sealed class KindsCommand : Command
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        foreach (var s in SchemaCatalog.Default.All)
        {
            AnsiConsole.MarkupLine($"[bold]{s.Kind}[/]: {Markup.Escape(s.Title)}");
            AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(string.Join(", ", s.Fields.Select(f => f.SourceName + (f.OptionalColumn ? " (optional)" : ""))))}[/]");
        }
        return 0;
    }
}
