using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Answerback.Platform.Tests")]
