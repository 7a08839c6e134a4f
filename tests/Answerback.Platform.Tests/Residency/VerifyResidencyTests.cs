using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Residency;

public abstract class VerifyResidencyTests(TestProvider provider) : PlatformTest(provider)
{
    private (Guid City, Guid Ward1, Guid Ward2) areas;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        areas = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        var report = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(
            Arrange.Csv("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\nNW1-2,CB4 2JD,W1\nSW1-1,CB1 3NE,W2\n"), "register.csv", organisation, "C1", Ct));
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    private Task<Result<VerifiedResidency>> VerifyAsync(Guid person, string elector, string postcode)
        => Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(person, elector, postcode, Ct));

    private async Task<List<Platform.Residency.Residency>> ResidenciesAsync(Guid person)
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Residencies.AsNoTracking().Where(r => r.PersonId == person).ToListAsync(Ct);
    }

    private async Task<List<VerificationAttempt>> AttemptsAsync(Guid person)
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().VerificationAttempts.AsNoTracking().Where(a => a.PersonId == person).ToListAsync(Ct);
    }

    [Fact]
    public async Task VerifyAsync_RightDetails_VerifiedInTheWardAndTheCity()
    {
        var person = await Db.PersonAsync("ann@example.org");
        var result = await VerifyAsync(person, "NW1-1", "CB4 2JB");

        Assert.True(result.Succeeded);
        Assert.Equal("You are now a verified resident of North Ward.", result.Value.Message);
        Assert.Equal([areas.Ward1, areas.City], result.Value.AreaIds);
        var residencies = await ResidenciesAsync(person);
        Assert.Equal(new[] { areas.Ward1, areas.City }.Order(), residencies.Select(r => r.AreaId).Order());
        Assert.All(residencies, r => Assert.Equal(ResidencyKind.Verified, r.Kind));
        Assert.All(residencies, r => Assert.Null(r.Postcode));
        Assert.All(residencies, r => Assert.Equal(PlatformTestDatabase.Start, r.CreatedAt));
    }

    [Theory]
    [InlineData("nw1-1", "cb4 2jb")]
    [InlineData(" NW1-1 ", "CB42JB")]
    [InlineData("NW1 - 1", " c b 4 2 J B ")]
    public async Task VerifyAsync_DifferentlyWrittenDetails_AreNormalised(string elector, string postcode)
    {
        var person = await Db.PersonAsync("ann@example.org");
        Assert.True((await VerifyAsync(person, elector, postcode)).Succeeded);
    }

    [Fact]
    public async Task VerifyAsync_WrongNumberOrWrongPostcode_SameMessageAndNoResidency()
    {
        var person = await Db.PersonAsync("ann@example.org");
        var wrongNumber = await VerifyAsync(person, "NW1-9", "CB4 2JB");
        var wrongPostcode = await VerifyAsync(person, "NW1-1", "CB4 2JD");

        Assert.Equal(VerifyResidency.NotMatchedField, Assert.Single(wrongNumber.Errors).Field);
        Assert.Equal(VerifyResidency.NotMatchedMessage, wrongNumber.Errors[0].Message);
        Assert.Equal(wrongNumber.Errors, wrongPostcode.Errors);
        Assert.Empty(await ResidenciesAsync(person));
        var attempts = await AttemptsAsync(person);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.False(a.Succeeded));
    }

    [Fact]
    public async Task VerifyAsync_EntryAlreadyBacksAnotherAccount_SameMessageAsANonExistentNumber()
    {
        var ann = await Db.PersonAsync("ann@example.org");
        var mallory = await Db.PersonAsync("mallory@example.org");
        Assert.True((await VerifyAsync(ann, "NW1-1", "CB4 2JB")).Succeeded);

        var stolen = await VerifyAsync(mallory, "NW1-1", "CB4 2JB");
        var invented = await VerifyAsync(mallory, "NW1-8", "CB4 2JB");

        Assert.Equal(VerifyResidency.NotMatchedField, Assert.Single(stolen.Errors).Field);
        Assert.Equal(invented.Errors, stolen.Errors);
        Assert.Empty(await ResidenciesAsync(mallory));
        // The rightful holder can verify again (idempotent), keeping one residency per area.
        Assert.True((await VerifyAsync(ann, "NW1-1", "CB4 2JB")).Succeeded);
        Assert.Equal(2, (await ResidenciesAsync(ann)).Count);
    }

    [Fact]
    public async Task VerifyAsync_FiveFailuresInAnHour_SixthRefusedEvenWithRightDetails_ThenAllowedAfterAnHour()
    {
        var person = await Db.PersonAsync("ann@example.org");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(VerifyResidency.NotMatchedField, Assert.Single((await VerifyAsync(person, "NW1-9" + i, "CB4 2JB")).Errors).Field);
            Db.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var limited = await VerifyAsync(person, "NW1-1", "CB4 2JB");
        Assert.Equal(VerifyResidency.AttemptsField, Assert.Single(limited.Errors).Field);
        Assert.Contains("Too many attempts", limited.Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(await ResidenciesAsync(person));

        // Another account is not affected by this one's failures.
        var other = await Db.PersonAsync("bob@example.org");
        Assert.True((await VerifyAsync(other, "SW1-1", "CB1 3NE")).Succeeded);

        Db.Time.Advance(TimeSpan.FromMinutes(56));
        Assert.True((await VerifyAsync(person, "NW1-1", "CB4 2JB")).Succeeded);
    }

    [Theory]
    [InlineData("", "CB4 2JB")]
    [InlineData("NW1-1", "")]
    [InlineData("NW1-1", "12345")]
    public async Task VerifyAsync_EmptyOrMalformedInput_InvalidAndNotCountedAsAnAttempt(string elector, string postcode)
    {
        var person = await Db.PersonAsync("ann@example.org");
        var result = await VerifyAsync(person, elector, postcode);
        Assert.Equal(VerifyResidency.InputField, Assert.Single(result.Errors).Field);
        Assert.Empty(await AttemptsAsync(person));
    }
}

public sealed class VerifyResidencySqliteTests() : VerifyResidencyTests(TestProvider.Sqlite);

public sealed class VerifyResidencyPostgresTests() : VerifyResidencyTests(TestProvider.Postgres);
