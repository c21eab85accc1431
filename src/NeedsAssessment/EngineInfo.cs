namespace NeedsAssessment;

/// <summary>Version information for the engine, recorded in every load and manifest.</summary>
public static class EngineInfo
{
    /// <summary>The engine's version, as recorded in the <c>loads</c> table and run manifests.</summary>
    public static string Version { get; } =
        typeof(EngineInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The git commit the engine was built from, or "unknown" when built outside a git checkout.</summary>
    public static string Commit { get; } = ReadCommit();

    private static string ReadCommit()
    {
        var info = typeof(EngineInfo).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        var plus = info?.IndexOf('+') ?? -1;
        return plus >= 0 ? info![(plus + 1)..] : "unknown";
    }
}
