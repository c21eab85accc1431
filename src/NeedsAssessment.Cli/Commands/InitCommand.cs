using System.ComponentModel;
using NeedsAssessment.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment init [file]</c>: a commented starter assessment file.</summary>
public sealed class InitCommand : Command<InitCommand.Settings>
{
    /// <summary>Init options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>File to write.</summary>
        [CommandArgument(0, "[file]")]
        [Description("File to write. Default: assessment.yaml")]
        public string File { get; init; } = "assessment.yaml";

        /// <summary>Partnership name.</summary>
        [CommandOption("--partnership <NAME>")]
        [Description("Partnership name to put in the file.")]
        public string? Partnership { get; init; }

        /// <summary>The partnership's local authorities.</summary>
        [CommandOption("--local-authorities <CODES>")]
        [Description("The partnership's area: local authority district codes or names, comma-separated (E06000014,E06000065). Asked for when omitted at a terminal.")]
        public string? LocalAuthorities { get; init; }

        /// <summary>The partnership's community safety partnerships.</summary>
        [CommandOption("--csp <NAMES>")]
        [Description("The partnership's area by community safety partnership: codes (E22...) or names, comma-separated, resolved to local authorities through the ONS CSP lookup (inputs: csp-lookup).")]
        public string? Csp { get; init; }

        /// <summary>A boundary file of the partnership's area.</summary>
        [CommandOption("--boundary <FILE>")]
        [Description("The partnership's area as a GeoJSON boundary file (CRS84 or EPSG:27700): its LSOAs are those whose population-weighted centroid falls inside.")]
        public string? Boundary { get; init; }

        /// <summary>Overwrite.</summary>
        [CommandOption("--force")]
        [Description("Overwrite an existing file.")]
        public bool Force { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (System.IO.File.Exists(settings.File) && !settings.Force)
            throw new UserErrorException($"'{settings.File}' already exists; use --force to overwrite it.");
        var partnership = settings.Partnership;
        var authorities = settings.LocalAuthorities;
        // At a terminal, ask for what only the analyst knows; scripts and CI (input redirected) get the starter's examples.
        if (!Console.IsInputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            partnership ??= AnsiConsole.Prompt(new TextPrompt<string>("Partnership name:").DefaultValue("Example Community Safety Partnership"));
            if (settings.Csp is null && settings.Boundary is null)
                authorities ??= AnsiConsole.Prompt(new TextPrompt<string>("Local authorities the partnership covers (district codes or names, comma-separated):").DefaultValue("E06000014"));
        }
        var codes = (authorities ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Any(c => c.Contains('[', StringComparison.Ordinal) || c.Contains(']', StringComparison.Ordinal) || c.Contains('#', StringComparison.Ordinal)))
            throw new UserErrorException("--local-authorities: give codes or names separated by commas, e.g. E06000014,E06000065.");
        var csps = (settings.Csp ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (csps.Any(c => c.Contains('[', StringComparison.Ordinal) || c.Contains(']', StringComparison.Ordinal) || c.Contains('#', StringComparison.Ordinal) || c.Contains('"', StringComparison.Ordinal)))
            throw new UserErrorException("--csp: give community safety partnership codes or names separated by commas, e.g. York or E22000011.");
        var boundary = string.IsNullOrWhiteSpace(settings.Boundary) ? null : settings.Boundary.Trim();
        if (boundary is not null && !System.IO.File.Exists(boundary))
            throw new UserErrorException($"--boundary: '{boundary}' is not a file; give the GeoJSON boundary of the partnership's area.");
        if (boundary is not null && !Path.IsPathRooted(boundary))
            boundary = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(settings.File))!, Path.GetFullPath(boundary)).Replace('\\', '/');
        System.IO.File.WriteAllText(settings.File, AssessmentFile.Starter(partnership ?? "Example Community Safety Partnership", codes, csps, boundary));
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(settings.File)}[/]. Edit the input paths, then: needs-assessment run {Markup.Escape(settings.File)}");
        return 0;
    }
}
