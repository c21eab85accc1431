using System.ComponentModel;
using NeedsAssessment.Pipeline;
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
        if (settings.Definition is not null) DefinitionCommand.Resolve(settings.Definition).EnsureValid();
        var run = Assessment.Demo(settings.Out, settings.Seed, scale, settings.Years, settings.Definition, new RunCommand.LineProgress());
        RunCommand.Summarise(run.Run);
        AnsiConsole.MarkupLine($"  partner files  {Markup.Escape(run.Data.OutputFolder)} (ground truth: {Markup.Escape(Path.GetFileName(run.Data.GroundTruthPath))})");
        AnsiConsole.MarkupLine($"  store          {Markup.Escape(run.StorePath)}");
        foreach (var (label, name) in new[] { ("report       ", Report.AssessmentReport.FileName), ("workbook     ", Report.IndicatorWorkbook.FileName) })
        {
            var path = Path.Combine(run.Run.OutputFolder, name);
            if (File.Exists(path)) AnsiConsole.MarkupLine($"  {label}  {Markup.Escape(path)}");
        }
        if (run.Hotspots is not null)
            AnsiConsole.MarkupLine($"  hot spots      {Markup.Escape(run.HotspotsFolder)} (hotspots.csv, hotspot-top.csv, hotspot-parameters.json; tables hotspots, hotspot_top)");
        AnsiConsole.MarkupLine($"  assessment     {Markup.Escape(run.AssessmentFilePath)} (rerun with: needs-assessment run {Markup.Escape(run.AssessmentFilePath)})");
        AnsiConsole.MarkupLine($"Explore: needs-assessment sql \"SELECT offence_group, count, share FROM descriptive_offence_mix ORDER BY rank\" --db {Markup.Escape(run.StorePath)}");
        return 0;
    }
}
