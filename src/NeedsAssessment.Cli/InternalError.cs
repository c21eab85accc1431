using System.Globalization;
using NeedsAssessment.Pipeline;

namespace NeedsAssessment.Cli;

/// <summary>
/// Reports a bug (any exception that is not a user error) the way a user can act on: a short message saying it is
/// the tool's fault, not the data's, and the path of a log file holding the stack trace to send with the report.
/// </summary>
public static class InternalError
{
    /// <summary>Exit code of an internal error (user errors exit with 2).</summary>
    public const int ExitCode = 1;

    /// <summary>Writes the log file and the short message; returns <see cref="ExitCode"/>.</summary>
    /// <param name="error">The exception.</param>
    /// <param name="stderr">Where the message goes.</param>
    /// <param name="logFolder">Folder for the log file; the system's temporary folder when null.</param>
    public static int Report(Exception error, TextWriter stderr, string? logFolder = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(stderr);
        var log = WriteLog(error, logFolder ?? Path.GetTempPath());
        var where = error is StageInternalErrorException s ? $" in stage '{s.StageName}'" : "";
        var cause = error is StageInternalErrorException { InnerException: { } inner } ? inner : error;
        stderr.WriteLine($"internal error{where} ({cause.GetType().Name}): {cause.Message}");
        stderr.WriteLine("This is a bug in needs-assessment, not in your data. Please report it with the command you ran and this log:");
        stderr.WriteLine(log ?? "(the log could not be written)");
        return ExitCode;
    }

    private static string? WriteLog(Exception error, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"needs-assessment-error-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Environment.ProcessId}.log");
            File.WriteAllText(path, $"needs-assessment {EngineInfo.Version} ({EngineInfo.Commit})\n{string.Join(" ", Environment.GetCommandLineArgs().Skip(1))}\n\n{error}\n");
            return path;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
