using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Answerback.SocialAudit.Tests")]
