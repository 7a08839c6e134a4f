using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>The Primaries tables as properties of the context, without editing the shared <see cref="AnswerbackDbContext"/>.</summary>
public static class PrimariesDbSets
{
    extension(AnswerbackDbContext db)
    {
        public DbSet<Primary> Primaries => db.Set<Primary>();

        public DbSet<PrimaryLogEntry> PrimaryLog => db.Set<PrimaryLogEntry>();

        public DbSet<Candidate> Candidates => db.Set<Candidate>();

        public DbSet<HustingsQuestion> HustingsQuestions => db.Set<HustingsQuestion>();

        public DbSet<HustingsSupport> HustingsSupports => db.Set<HustingsSupport>();

        public DbSet<HustingsAnswer> HustingsAnswers => db.Set<HustingsAnswer>();
    }
}
