namespace NeedsAssessment.Indicators;

/// <summary>What <see cref="IndicatorExport.Write"/> wrote.</summary>
/// <param name="CsvPath">Full path of the CSV.</param>
/// <param name="ParquetPath">Full path of the Parquet file.</param>
/// <param name="ParametersPath">Full path of the parameters JSON.</param>
/// <param name="Rows">Rows exported.</param>
/// <param name="PrimarySuppressed">Rows hidden because their count was small.</param>
/// <param name="SecondarySuppressed">Rows hidden so that others cannot be derived.</param>
public sealed record IndicatorExportResult(string CsvPath, string ParquetPath, string ParametersPath, int Rows, int PrimarySuppressed, int SecondarySuppressed);
