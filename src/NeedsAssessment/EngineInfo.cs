namespace NeedsAssessment;

/// <summary>Version information for the engine, recorded in every load and manifest.</summary>
public static class EngineInfo
{
    /// <summary>The engine's version, as recorded in the <c>loads</c> table and run manifests.</summary>
    public static string Version { get; } =
        typeof(EngineInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
