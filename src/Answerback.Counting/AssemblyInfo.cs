using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Answerback.Counting.Tests")]
