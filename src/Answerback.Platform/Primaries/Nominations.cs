namespace Answerback.Platform.Primaries;

/// <summary>Placeholder: nominations come next.</summary>
public static class Nominations
{
    public const int MaxStatementLength = 10_000;
}
