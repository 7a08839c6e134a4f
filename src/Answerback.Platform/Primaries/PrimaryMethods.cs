namespace Answerback.Platform.Primaries;

/// <summary>The counting methods as an organiser chooses them: a label, and whether a method elects several.</summary>
public static class PrimaryMethods
{
    /// <summary>True for the methods that fill several seats (the others elect one).</summary>
    public static bool ElectsSeveral(string method) => method is "plurality" or "approval" or "scottish-stv" or "meek-stv";

    /// <summary>The method's name in words.</summary>
    public static string Label(string method) => method switch
    {
        "plurality" => "Plurality (first past the post)",
        "approval" => "Approval voting",
        "av" => "Alternative Vote",
        "scottish-stv" => "Single Transferable Vote (Scottish rules)",
        "meek-stv" => "Single Transferable Vote (Meek)",
        "schulze" => "Schulze (Condorcet)",
        "ranked-pairs" => "Ranked pairs (Condorcet)",
        _ => method,
    };
}
