namespace Answerback.Platform.Primaries;

public sealed class AskQuestion
{
    public const int MaxLength = 500;

    public const int PerDay = 3;
}

public sealed class AnswerQuestion
{
    public const int MaxLength = 5_000;
}
