namespace Answerback.Benchmarks;

/// <summary>An end-to-end measurement run once (see Program.cs): prints its figures, returns an exit code.</summary>
public interface IScenario
{
    string Name { get; }

    int Run(string[] args);
}
