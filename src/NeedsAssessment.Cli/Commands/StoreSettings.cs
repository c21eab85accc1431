using System.ComponentModel;
using NeedsAssessment.Store;
using Spectre.Console.Cli;

namespace NeedsAssessment.Cli.Commands;

/// <summary>Options every store command takes.</summary>
public class StoreSettings : CommandSettings
{
    /// <summary>Store file.</summary>
    [CommandOption("--db <PATH>")]
    [Description("Store file (DuckDB). Default: ./assessment.duckdb")]
    [DefaultValue(AssessmentStore.DefaultPath)]
    public string Db { get; init; } = AssessmentStore.DefaultPath;
}
