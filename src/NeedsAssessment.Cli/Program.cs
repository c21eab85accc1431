using NeedsAssessment;
using NeedsAssessment.Cli;
using NeedsAssessment.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("needs-assessment");
    config.SetApplicationVersion(EngineInfo.Version);
    config.PropagateExceptions();
    config.AddCommand<RunCommand>("run")
        .WithDescription("Run an assessment file: ingest, classify, indicators, hotspots, charts, report and workbook, with a run manifest.")
        .WithExample("run", "assessment.yaml");
    config.AddCommand<CompareCommand>("compare")
        .WithDescription("State what changed between two assessment runs, as a short summary an SRO can read.")
        .WithExample("compare", "assessment-2024", "assessment-2025");
    config.AddCommand<InitCommand>("init")
        .WithDescription("Write a commented starter assessment file.")
        .WithExample("init", "assessment.yaml", "--partnership", "\"North Yorkshire CSP\"");
    config.AddCommand<DemoCommand>("demo")
        .WithDescription("Generate a realistic synthetic multi-agency dataset and run the whole assessment on it.")
        .WithExample("demo", "--out", "demo-output", "--seed", "42");
    config.AddCommand<IngestCommand>("ingest")
        .WithDescription("Load partner files of one dataset kind into the store (files, folders or globs). Bad rows go to quarantine with reasons.")
        .WithExample("ingest", "police-street", "data/police-uk/", "--db", "assessment.duckdb");
    config.AddCommand<ValidateCommand>("validate")
        .WithDescription("Check files exactly as ingest would, writing nothing.")
        .WithExample("validate", "health-ed-assault", "ed-2024-*.csv");
    config.AddCommand<StatusCommand>("status")
        .WithDescription("Show what the store holds: per kind and file, rows loaded and quarantined and periods covered.")
        .WithExample("status", "--json");
    config.AddCommand<QuarantineCommand>("quarantine")
        .WithDescription("List rejected rows with the reason for each.")
        .WithExample("quarantine", "--load", "3");
    config.AddCommand<SqlCommand>("sql")
        .WithDescription("Run an ad-hoc read-only SQL query against the store.")
        .WithExample("sql", "\"SELECT crime_type, count(*) FROM police_street GROUP BY 1\"", "--csv");
    config.AddCommand<ClassifyCommand>("classify")
        .WithDescription("Build sv_events: every agency's records classified under a serious violence definition.")
        .WithExample("classify", "--definition", "london-under-25");
    config.AddCommand<HotspotsCommand>("hotspots")
        .WithDescription("Find serious violence hot spots (Gi* on a grid over time, LISA on LSOAs, KDE) and export them.")
        .WithExample("hotspots", "--cell", "250", "--period", "2024-04:2025-03", "--out", "hotspots");
    config.AddCommand<DefinitionCommand>("definition")
        .WithDescription("Show or validate a serious violence definition file.")
        .WithExample("definition", "show", "norfolk-style")
        .WithExample("definition", "validate", "my-definition.yaml");
    config.AddCommand<ReportCommand>("report")
        .WithDescription("Write the needs assessment report (self-contained HTML) and the indicator workbook (Excel) from a classified store.")
        .WithExample("report", "--db", "assessment.duckdb", "--out", "report", "--suppression", "nhs");
    config.AddCommand<IndicatorsCommand>("indicators")
        .WithDescription("Compute prevalence, severity and impact indicators with intervals and export them with small-number suppression.")
        .WithExample("indicators", "--level", "district", "--period", "financial_year", "--suppression", "fingertips");
    config.AddCommand<DisclosureCheckCommand>("disclosure-check")
        .WithDescription("Run the differencing attack on an output folder: report every hidden count that can be worked out; exit 1 if any.")
        .WithExample("disclosure-check", "demo-output");
    config.AddCommand<ModelCommand>("model")
        .WithDescription("Expected counts (Poisson regression), risk-adjusted hotspots, area typology and district forecasts.")
        .WithExample("model", "--db", "assessment.duckdb", "--out", "model-output");
    config.AddCommand<KindsCommand>("kinds")
        .WithDescription("List the dataset kinds and their expected columns.");
    config.AddCommand<BenchCommand>("bench")
        .WithDescription("Measure ingestion speed against DuckDB's bare CSV reader (and other stages' benchmarks).");
});

try
{
    return app.Run(args);
}
catch (UserErrorException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (Exception ex) when (NeedsAssessment.Store.FileSystemErrors.IsDiskFull(ex))
{
    // Wherever a full disk surfaced without being worded (a command's own file), it is the user's to fix: exit 2.
    Console.Error.WriteLine($"error: {NeedsAssessment.Store.FileSystemErrors.DiskFull(Environment.CurrentDirectory, ex).Message}");
    return 2;
}
catch (CommandAppException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (Exception ex)
{
    var code = InternalError.Report(ex, Console.Error);
    if (Environment.GetEnvironmentVariable("NEEDS_ASSESSMENT_DEBUG") == "1") Console.Error.WriteLine(ex);
    return code;
}
