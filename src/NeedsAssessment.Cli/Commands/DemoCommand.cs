using System.ComponentModel;
using NeedsAssessment.Synthetic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary><c>needs-assessment demo</c>: the whole assessment on a synthetic county.</summary>
public sealed class DemoCommand : Command<DemoCommand.Settings>
{
    /// <summary>Demo options.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Output folder.</summary>
        [CommandOption("--out <FOLDER>")]
        [Description("Where to write the partner files, the store and the outputs. Default: ./demo-output")]
        [DefaultValue("demo-output")]
        public string Out { get; init; } = "demo-output";

        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>")]
        [Description("Random seed; the same seed gives byte-identical files. Default: 42")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        /// <summary>Scale.</summary>
        [CommandOption("--scale <SCALE>")]
        [Description("county (about 500 areas, 300,000 police events) or national (35,000 areas, for benchmarks). Default: county")]
        [DefaultValue("county")]
        public string Scale { get; init; } = "county";

        /// <summary>Years.</summary>
        [CommandOption("--years <N>")]
        [Description("Years of data, ending March 2025. Default: 5")]
        [DefaultValue(5)]
        public int Years { get; init; } = 5;

        /// <summary>Definition.</summary>
        [CommandOption("--definition <FILE>")]
        [Description("Serious violence definition file or built-in name. Default: home-office-core")]
        public string? Definition { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var scale = settings.Scale.ToLowerInvariant() switch
        {
            "county" => SyntheticScale.County,
            "national" => SyntheticScale.National,
            _ => throw new UserErrorException($"--scale must be county or national, not '{settings.Scale}'."),
        };
        if (settings.Years is < 1 or > 20) throw new UserErrorException($"--years must be between 1 and 20, not {settings.Years}.");
        var definition = DefinitionCommand.Resolve(settings.Definition);
        DemoRun run = null!;
        AnsiConsole.Status().Start("Demo", ctx =>
        {
            var progress = new Progress<string>(m => { ctx.Status(Markup.Escape(m)); AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"); });
            run = Assessment.Demo(settings.Out, settings.Seed, scale, settings.Years, definition, progress);
        });
        var read = run.Loads.Sum(l => l.RowsRead);
        AnsiConsole.MarkupLine($"Loaded {run.Loads.Count} files: {read:N0} rows read = {run.Loads.Sum(l => l.RowsLoaded):N0} loaded + {run.Loads.Sum(l => l.RowsQuarantined):N0} quarantined.");
        ClassifyCommand.Report(run.Classification);
        AnsiConsole.MarkupLine("");
        AnsiConsole.MarkupLine($"Outputs in [bold]{Markup.Escape(run.OutputFolder)}[/]:");
        AnsiConsole.MarkupLine($"  store          {Markup.Escape(run.StorePath)}");
        AnsiConsole.MarkupLine($"  partner files  {Markup.Escape(run.Data.OutputFolder)}");
        AnsiConsole.MarkupLine($"  ground truth   {Markup.Escape(run.Data.GroundTruthPath)}");
        if (run.Report is not null) AnsiConsole.MarkupLine($"  report         {Markup.Escape(run.Report.HtmlPath)}");
        if (run.WorkbookPath is not null) AnsiConsole.MarkupLine($"  workbook       {Markup.Escape(run.WorkbookPath)}");
        AnsiConsole.MarkupLine($"Explore: needs-assessment sql \"SELECT category, count(*) FROM sv_events WHERE in_definition GROUP BY 1\" --db {Markup.Escape(run.StorePath)}");
        return 0;
    }
}
