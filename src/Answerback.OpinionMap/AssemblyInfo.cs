using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Answerback.OpinionMap.Tests")]
