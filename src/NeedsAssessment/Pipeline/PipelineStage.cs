using NeedsAssessment.Classify;
using NeedsAssessment.Store;

namespace NeedsAssessment.Pipeline;

/// <summary>One partner file of a run, with the SHA-256 of its content.</summary>
/// <param name="Kind">Dataset kind.</param>
/// <param name="File">Full path.</param>
/// <param name="Sha256">Content hash, lower-case hex.</param>
public sealed record RunInput(string Kind, string File, string Sha256)
{
    /// <summary>How the file differs from the schema's layout; null or empty when read as published.</summary>
    public Ingest.InputMapping? Mapping { get; init; }
}

/// <summary>What every stage of one run sees: the assessment file, its expanded inputs and its definition.</summary>
/// <param name="File">The assessment file.</param>
/// <param name="Inputs">Every input file, in load order, hashed once per run.</param>
/// <param name="Definition">The serious violence definition.</param>
public sealed record RunPlan(AssessmentFile File, IReadOnlyList<RunInput> Inputs, SeriousViolenceDefinition Definition)
{
    /// <summary>Files of the inputs' folders left out of the load, each with its reason (e.g. a police.uk file of a kind not asked for).</summary>
    public IReadOnlyList<Ingest.SkippedFile> Skipped { get; init; } = [];
}

/// <summary>What a stage gets to work with when the runner runs it.</summary>
/// <param name="Plan">The run.</param>
/// <param name="Store">The run's store.</param>
/// <param name="StagingFolder">Empty folder the stage writes its outputs into; they replace the published ones only if the stage succeeds.</param>
/// <param name="Progress">Receives a line per step.</param>
public sealed record StageContext(RunPlan Plan, AssessmentStore Store, string StagingFolder, IProgress<string>? Progress = null)
{
    /// <summary>
    /// Told the name of each table the stage has finished writing while it goes on with others, so a stage reading only
    /// such tables may start (see <see cref="PipelineStage.AnnouncesTables"/>); null when nothing listens.
    /// </summary>
    public Action<string>? TableFinished { get; init; }

    /// <summary>The assessment file.</summary>
    public AssessmentFile File => Plan.File;
}

/// <summary>
/// A declared stage: its name, the store tables it reads and writes, the text of its own settings, and its work. The
/// runner fingerprints a stage on its settings plus the fingerprints of the stages that wrote what it reads, so a
/// change reruns exactly the stages downstream of it (see <see cref="Stages"/>).
/// </summary>
public abstract class PipelineStage
{
    /// <summary>Declares a stage.</summary>
    protected PipelineStage(string name, IReadOnlyList<string> reads, IReadOnlyList<string> writes)
    {
        Name = name;
        Reads = reads;
        Writes = writes;
    }

    /// <summary>Stage name, as shown and recorded.</summary>
    public string Name { get; }

    /// <summary>Store tables the stage reads (each written by an earlier stage).</summary>
    public IReadOnlyList<string> Reads { get; }

    /// <summary>Store tables the stage writes (its typed results).</summary>
    public IReadOnlyList<string> Writes { get; }

    /// <summary>True when the stage writes files into the output folder (ingest and classify only write the store).</summary>
    public virtual bool Publishes => true;

    /// <summary>Text of the assessment-file settings the stage's results depend on, beyond what it reads.</summary>
    public abstract string Settings(RunPlan plan);

    /// <summary>Runs the stage for an assessment run; returns a one-sentence summary.</summary>
    public abstract string Run(StageContext context);

    /// <summary>
    /// Starts the part of the stage's work that is the same whatever the store holds (the report's templates and drawing
    /// code), so a run can do it beside the first stages, which leave a core idle; <see cref="Run"/> waits for it. It reads
    /// no table and writes no file. Nothing to do unless a stage overrides it.
    /// </summary>
    internal virtual Task Prepare() => Task.CompletedTask;

    /// <summary>
    /// True when the stage tells <see cref="StageContext.TableFinished"/> of each table it has finished writing before it
    /// ends (ingest, kind by kind): a later stage that reads only finished tables of it, and writes nothing it reads or
    /// writes, then starts without waiting for the rest. Its record, publishing and failure still wait for the stage.
    /// </summary>
    internal virtual bool AnnouncesTables => false;
}

/// <summary>
/// A stage with typed options and a typed result, so a CLI command and the runner call the same object: the runner
/// builds the options from the assessment file (<see cref="Options"/>), a command from its flags.
/// </summary>
/// <typeparam name="TOptions">What the stage needs to run.</typeparam>
/// <typeparam name="TResult">What it returns.</typeparam>
public abstract class PipelineStage<TOptions, TResult> : PipelineStage
{
    /// <summary>Declares a stage.</summary>
    protected PipelineStage(string name, IReadOnlyList<string> reads, IReadOnlyList<string> writes) : base(name, reads, writes) { }

    /// <summary>The options an assessment run uses.</summary>
    public abstract TOptions Options(StageContext context);

    /// <summary>Runs the stage on a store, writing its files (if any) into <paramref name="outputFolder"/>.</summary>
    public TResult Execute(AssessmentStore store, TOptions options, string outputFolder, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = ExecuteCore(store, options, outputFolder, progress);
        // The schemas in data-schemas/outputs are the contract every reader, export and document relies on: a stage
        // whose SQL drifts from its schema is a bug, caught here rather than by a reader downstream.
        foreach (var table in Writes) Verify(store, table);
        return result;
    }

    /// <summary>Checks a table the stage wrote against its schema in data-schemas/outputs, when it has one and exists.</summary>
    private static void Verify(AssessmentStore store, string table)
    {
        if (ResultSchema.All.TryGetValue(table, out var schema) && store.TableExists(table)) schema.Verify(store);
    }

    /// <summary>
    /// Tells <paramref name="finished"/> of each of <paramref name="tables"/>, each checked against its schema first, as
    /// <see cref="Execute"/> would check it at the end: a stage that announces tables early (<see cref="PipelineStage.AnnouncesTables"/>)
    /// hands on only what matches its contract.
    /// </summary>
    protected static void Announce(AssessmentStore store, IEnumerable<string> tables, Action<string> finished)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(finished);
        foreach (var table in tables)
        {
            Verify(store, table);
            finished(table);
        }
    }

    /// <summary>Does the stage's work (<see cref="Execute"/> checks its result tables against their schemas afterwards).</summary>
    protected abstract TResult ExecuteCore(AssessmentStore store, TOptions options, string outputFolder, IProgress<string>? progress = null);

    /// <summary>One sentence saying what the stage found.</summary>
    public abstract string Summary(TOptions options, TResult result);

    /// <summary>Where, inside the run's staging folder, the stage writes its files (default: the folder itself).</summary>
    protected virtual string OutputFolder(string stagingFolder) => stagingFolder;

    /// <inheritdoc />
    public sealed override string Run(StageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(context);
        return Summary(options, Execute(context.Store, options, OutputFolder(context.StagingFolder), context.Progress));
    }
}
