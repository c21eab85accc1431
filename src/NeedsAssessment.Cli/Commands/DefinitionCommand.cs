using System.ComponentModel;
using NeedsAssessment.Classify;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment definition show|validate &lt;file&gt;</c>.</summary>
public sealed class DefinitionCommand : Command<DefinitionCommand.Settings>
{
    /// <summary>Definition options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>show or validate.</summary>
        [CommandArgument(0, "<action>")]
        [Description("show (print what the definition counts) or validate (check it, naming the line of each problem).")]
        public string Action { get; init; } = "";

        /// <summary>File or built-in name.</summary>
        [CommandArgument(1, "[file]")]
        [Description("A definition YAML file, or a built-in name. Default: home-office-core")]
        public string? File { get; init; }
    }

    internal static SeriousViolenceDefinition Resolve(string? fileOrName)
    {
        if (fileOrName is null) return SeriousViolenceDefinition.LoadDefault();
        if (System.IO.File.Exists(fileOrName)) return SeriousViolenceDefinition.Load(fileOrName);
        if (SeriousViolenceDefinition.BuiltInNames.Contains(fileOrName)) return SeriousViolenceDefinition.LoadBuiltIn(fileOrName);
        throw new UserErrorException($"Definition '{fileOrName}' is neither a file nor a built-in definition ({string.Join(", ", SeriousViolenceDefinition.BuiltInNames)}).");
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        switch (settings.Action)
        {
            case "show":
                Console.WriteLine(DefinitionDescriber.Describe(Resolve(settings.File)));
                return 0;
            case "validate":
                if (settings.File is not null && System.IO.File.Exists(settings.File))
                {
                    var issues = SeriousViolenceDefinition.Validate(System.IO.File.ReadAllText(settings.File), settings.File);
                    if (issues.Count > 0)
                    {
                        foreach (var i in issues) Console.Error.WriteLine(i.ToString());
                        return 2;
                    }
                }
                var d = Resolve(settings.File);
                d.EnsureValid();
                AnsiConsole.MarkupLine($"[green]valid[/]: {Markup.Escape(d.Name)} version {Markup.Escape(d.Version)}");
                return 0;
            default:
                throw new UserErrorException($"Unknown action '{settings.Action}': use 'show' or 'validate'.");
        }
    }
}
