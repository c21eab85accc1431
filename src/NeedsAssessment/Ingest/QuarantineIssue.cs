namespace NeedsAssessment.Ingest;

/// <summary>One reason a source row was rejected.</summary>
/// <param name="Record">Record number in the file (1 = first row after the header).</param>
/// <param name="Line">Line number in the file (the header is line 1), where known.</param>
/// <param name="Column">Published column name, or null for a whole-row problem.</param>
/// <param name="RawValue">The value as read (never a direct identifier).</param>
/// <param name="Rule">Rule broken: required, type, pattern, enum, minimum, maximum, unique, malformed-row.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record QuarantineIssue(long Record, long? Line, string? Column, string? RawValue, string Rule, string Message);
