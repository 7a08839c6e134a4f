using System.Text;
using Answerback.Formats.Csv;

namespace Answerback.Formats.Tests.Csv;

public sealed class CsvHeaderTests
{
    private static (CsvReader Csv, CsvHeader Header) Read(string text)
    {
        var csv = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "h.csv");
        return (csv, CsvHeader.Read(csv, "code,name"));
    }

    [Fact]
    public void Lookup_IgnoresCaseAndSurroundingSpaces()
    {
        var (_, header) = Read(" Code ,NAME,extra\n");
        Assert.Equal((0, 1, -1), (header.Required("code"), header.Optional("name"), header.Optional("parent")));
    }

    [Fact]
    public void Duplicate_InAnyCase_NamesBothColumns()
    {
        var error = Assert.Throws<InputFormatException>(() => Read("code,name,CODE\n"));
        Assert.Equal("h.csv:1:11: duplicate column name 'CODE' (columns 1 and 3)", error.Message);
    }

    [Fact]
    public void Missing_NamesTheColumnWhatWasExpectedAndWhatIsThere()
    {
        var (_, header) = Read("name,other\n");
        var error = Assert.Throws<InputFormatException>(() => header.Required("code"));
        Assert.Equal("h.csv:1: missing column 'code' (expected code,name; the header has: name, other)", error.Message);
    }

    [Fact]
    public void EmptyFile_SaysWhatHeaderWasExpected()
    {
        var error = Assert.Throws<InputFormatException>(() => Read("\n\n"));
        Assert.Equal("h.csv: the file is empty; expected a header row (code,name)", error.Message);
    }

    [Fact]
    public void Width_EveryRecordHasAsManyFieldsAsTheHeader()
    {
        var (csv, header) = Read("code,name\nC1,One\nC2\n");
        Assert.True(csv.Read());
        header.CheckWidth(csv);
        Assert.True(csv.Read());
        var error = Assert.Throws<InputFormatException>(() => header.CheckWidth(csv));
        Assert.Equal("h.csv:3: expected 2 columns as in the header, found 1", error.Message);
    }
}
